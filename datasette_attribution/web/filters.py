"""Query-string filters that need a join: ?_actor=ID, ?_outlet=NAME (?_no_outlet=1 for
articles without one), ?_story=ID, ?_period=, ?_since=/?_until= (months, inclusive) and
?_actor_articles=ID (rows of the articles that mention an actor).

Datasette's own filters work on a table's columns; a sentence's actors live in
`mentions` and its outlet in `articles`, so these add the subqueries.
"""

from __future__ import annotations

import re

# SQLite integers are 64-bit; a longer run of digits is no actor's or story's id. ASCII
# digits only: str.isdigit() also accepts "²", which int() refuses.
ROW_ID = re.compile(r"[0-9]{1,18}")

ACTOR_SUBQUERIES = {
    "sentences": "id in (select sentence_id from mentions where actor_id = :attr_actor)",
    "articles": ("id in (select sentences.article_id from sentences join mentions "
                 "on mentions.sentence_id = sentences.id where mentions.actor_id = :attr_actor)"),
    "paragraphs": ("id in (select paragraphs.id from mentions join sentences on sentences.id = mentions.sentence_id "
                   "join paragraphs on paragraphs.article_id = sentences.article_id "
                   "and paragraphs.position = sentences.paragraph where mentions.actor_id = :attr_actor)"),
    "quotes": "actor_id = :attr_actor",
    "mentions": "actor_id = :attr_actor",
    "attributions": "actor_id = :attr_actor",
}
# What ?_actor= keeps of each table, as the page says it: a quote's or an
# attribution's actor is its speaker or source, every other row's a mention.
ACTOR_FILTER_SAYS = {"quotes": "spoken by", "attributions": "attributed to"}
# The same for sentences, looked up from each sentence: faster when another
# filter (a story, an outlet) leaves fewer sentences than the actor has.
ACTOR_EXISTS = ("exists (select 1 from mentions where mentions.sentence_id = sentences.id "
                "and mentions.actor_id = :attr_actor)")
# The same for articles from the summary table the loader keeps (older
# databases lack it): an index lookup instead of a join over every mention.
ACTOR_ARTICLES = "id in (select article_id from actor_articles where actor_id = :attr_actor)"
# The parameter that carries a page's row count, from the summaries, from the
# filter hook to Datasette's count query and the facets (web/counts.py).
COUNTED = "attr_counted_rows"
# A filter that matches a large share of a table (BROAD_SHARE or more of its
# rows, by the summaries) is looked up from each row instead: the rows come in
# the page's order and a page fills after a few hundred, where the subqueries
# above list every matching id first (348,840 sentences for a frequent actor,
# a million mentions for an outlet).
BROAD_SHARE = 0.01
OUTLET_OF = {
    "sentences": "(select articles.outlet from articles where articles.id = sentences.article_id)",
    "mentions": ("(select articles.outlet from sentences join articles on articles.id = sentences.article_id "
                 "where sentences.id = mentions.sentence_id)"),
}
# Rows of a table whose article meets {condition}.
OF_ARTICLES = {
    "articles": "id in (select id from articles where {condition})",
    **{table: "article_id in (select id from articles where {condition})"
       for table in ("sentences", "paragraphs")},
    **{table: ("sentence_id in (select sentences.id from sentences join articles "
               "on articles.id = sentences.article_id where {condition})")
       for table in ("mentions", "quotes", "attributions")},
}
# ?_period=2016-10 (a month) or ?_period=2016-W41 (a week): the expressions the
# over-time summaries group articles by, so a point's link finds its rows.
PERIODS = {
    "month": (re.compile(r"[0-9]{4}-[0-9]{2}"), "substr(articles.published, 1, 7)"),
    "week": (re.compile(r"[0-9]{4}-W[0-9]{2}"), "strftime('%Y-W%W', articles.published)"),
}


MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")


def published_in_month_range(column: str, operator: str, param: str) -> str:
    """`column` (an ISO date or time) in or after (">=") or in or before ("<=") the
    month `:param` (2016-10), as the index on `published` answers it: "in or
    before 2016-10" is earlier than "2016-10~", which every date and time of that
    month sorts before. (substr(published, 1, 7) compared the same but read every
    article: 13 s against 1 s at ten million sentences.)"""
    return f"{column} >= :{param}" if operator == ">=" else f"{column} < :{param} || '~'"


# ?_since= and ?_until= on sentences, as OF_ARTICLES writes them and looked up
# from each sentence's article.
PUBLISHED_OF_SENTENCE = "(select articles.published from articles where articles.id = sentences.article_id)"
MONTH_BOUNDS = {key: (operator, f"attr{key}") for key, operator in (("_since", ">="), ("_until", "<="))}


def _sentences_in_month_range(key: str) -> tuple[str, tuple[str, str]]:
    operator, param = MONTH_BOUNDS[key]
    return (OF_ARTICLES["sentences"].format(
        condition=published_in_month_range("articles.published", operator, param)),
        (key, published_in_month_range(PUBLISHED_OF_SENTENCE, operator, param)))


PER_ROW = {  # table: {the subquery: (the query-string filter, the same looked up from each row)}
    "sentences": {ACTOR_SUBQUERIES["sentences"]: ("_actor", ACTOR_EXISTS),
                  OF_ARTICLES["sentences"].format(condition="articles.outlet = :attr_outlet"):
                      ("_outlet", f"{OUTLET_OF['sentences']} = :attr_outlet"),
                  **dict(_sentences_in_month_range(key) for key in MONTH_BOUNDS)},
    "mentions": {OF_ARTICLES["mentions"].format(condition="articles.outlet = :attr_outlet"):
                     ("_outlet", f"{OUTLET_OF['mentions']} = :attr_outlet")},
    "articles": {ACTOR_ARTICLES: ("_actor", "exists (select 1 from actor_articles where "
                                            "actor_articles.actor_id = :attr_actor and "
                                            "actor_articles.article_id = articles.id)")},
}


ARTICLES_MENTIONING = ("articles.id in (select sentences.article_id from sentences join mentions "
                       "on mentions.sentence_id = sentences.id where mentions.actor_id = :attr_actor_articles)")


# How many sentences a story or an outlet holds, from the summary tables.
SENTENCES_OF = {
    "attr_story": "select sum(sentences) from facet_story_sentences where story_id = :attr_story",
    "attr_outlet": "select sum(sentences) from facet_sentences where outlet = :attr_outlet",
}
ACTOR_SENTENCES = "select sentences from actor_stats where actor_id = :attr_actor"
COUNTED_IN = ("facet_story_sentences", "facet_sentences", "actor_stats")


def actor_filter_says(table: str) -> str:
    return ACTOR_FILTER_SAYS.get(table, "mentions")


def where_clauses(table: str | None, args) -> tuple[list[str], dict, list[str]]:
    clauses, params, descriptions = [], {}, []

    def refused(key: str, value: str, what: str) -> None:
        # Matches nothing, and the page says why instead of failing.
        clauses.append("0")
        descriptions.append(f"{key}={value[:40]!r} is not {what}")

    def by_row_id(key: str, clause: str, description: str, what: str) -> None:
        """A filter on a row id (`?_actor=12`): the clause with it, or nothing matched."""
        value = args.get(key)
        if not value:
            return
        if not ROW_ID.fullmatch(value):
            refused(key, value, what)
            return
        clauses.append(clause)
        params["attr" + key] = int(value)
        descriptions.append(description.format(value))

    if table in ACTOR_SUBQUERIES:
        by_row_id("_actor", ACTOR_SUBQUERIES[table], f"{actor_filter_says(table)} actor {{}}", "an actor id")
    # On articles too, though it has ?outlet=, ?story_id= and ?outlet__isnull=: one
    # spelling serves every table, and none is silently ignored.
    outlet = args.get("_outlet")
    if outlet and table in OF_ARTICLES:
        clauses.append(OF_ARTICLES[table].format(condition="articles.outlet = :attr_outlet"))
        params["attr_outlet"] = outlet
        descriptions.append(f"from outlet {outlet}")
    if table in OF_ARTICLES:
        by_row_id("_story", OF_ARTICLES[table].format(condition="articles.story_id = :attr_story"),
                  "in story {}", "a story id")
    if args.get("_no_outlet") and table in OF_ARTICLES:
        clauses.append(OF_ARTICLES[table].format(condition="articles.outlet is null"))
        descriptions.append("from no outlet")
    for key, said in (("_since", "published in or after"), ("_until", "published in or before")):
        month = args.get(key)
        if month and table in OF_ARTICLES:
            operator, param = MONTH_BOUNDS[key]
            if MONTH.fullmatch(month):
                clauses.append(OF_ARTICLES[table].format(
                    condition=published_in_month_range("articles.published", operator, param)))
                params[param] = month
                descriptions.append(f"{said} {month}")
            else:
                refused(key, month, "a month (2016-10)")
    if table in OF_ARTICLES:
        by_row_id("_actor_articles", OF_ARTICLES[table].format(condition=ARTICLES_MENTIONING),
                  "in articles that mention actor {}", "an actor id")
    period = args.get("_period")
    if period and table in OF_ARTICLES:
        kind = next((name for name, (form, _) in PERIODS.items() if form.fullmatch(period)), None)
        if kind:
            clauses.append(OF_ARTICLES[table].format(condition=f"{PERIODS[kind][1]} = :attr_period"))
            params["attr_period"] = period
            descriptions.append(f"published in {period}")
        else:
            refused("_period", period, "a month (2016-10) or a week (2016-W41)")
    return clauses, params, descriptions
