"""Summary tables the plugin's facets and pages read, kept up to date by each load."""

from __future__ import annotations

import hashlib

import sqlite_utils

from .bands import SENTENCE_SCORES, band_of

# Sentence columns the default facets show; the summaries are grouped by them.
SUMMARISED_FILTERS = ("attribution", "source_kind", "hedged", "is_quote")
_KINDS = ", ".join(f"sentences.{column}" for column in SUMMARISED_FILTERS)
# Every summary that counts sentences counts them by month of publication too
# (NULL: undated), so that a month range (?_since=, ?_until=) is a filter they answer.
_MONTH = "substr(articles.published, 1, 7) as month"

# The counts start from the sentences in scope (CROSS JOIN keeps SQLite's
# order): left to choose, the planner may walk every actor's mentions to skip
# sorting the groups, or list every pair of a sentence and an actor first, and
# a load of 20 articles took 20 s on three million sentences.
# Aggregates the plugin's facets and pages read at any scale (a GROUP BY over all
# mentions would not fit in Datasette's time limits on a million sentences).
# Each is (SQL, indexes, how a load updates it); the SQL counts the articles of
# {articles}, a subquery of article ids: every article when a summary is
# rebuilt, only what a load changed when it is updated (update_summaries):
# - ADD: sums and counts over whole articles add up (a sentence, and so a
#   distinct sentence, belongs to one article): the new articles' rows are
#   added to the table's;
# - STORY: rows keyed by story: a story a new article joined is counted again
#   (an article loaded earlier may have joined it now);
# - ARTICLE: rows keyed by article: the new articles' and those of the stories
#   they joined are written again.
ADD, STORY, ARTICLE = "add", "story", "article"
_IN_SCOPE = "sentences.article_id in ({articles})"
# How many of the mentions are labelled negative and positive (and labelled at
# all: a database loaded before the labels has none): the shares pages show.
LABEL_COUNTS = """sum(mentions.sentiment_label = 'negative') as negative_mentions,
          sum(mentions.sentiment_label = 'positive') as positive_mentions,
          count(mentions.sentiment_label) as labelled_mentions"""
# The same counts added up over rows of a summary that holds them.
LABEL_COUNT_SUMS = ("sum(negative_mentions) as negative_mentions, sum(positive_mentions) as positive_mentions, "
                    "sum(labelled_mentions) as labelled_mentions")
# An article's figures added up (the articles of a group; polarity as a sum and
# a count, which add up where a mean would not).
ARTICLE_SUMS = """count(*) as articles, sum(articles.sentence_count) as sentences,
          sum(articles.attributed_count) as attributed, sum(articles.anonymous_count) as anonymous,
          sum(articles.hedged_count) as hedged, sum(articles.quote_count) as quotes,
          sum(articles.polarity) as polarity_sum, count(articles.polarity) as polarity_count"""
SUMMARY_TABLES = {
    "actor_stats": (
        f"""select actors.id as actor_id, actors.name, actors.kind, count(*) as mentions,
          count(distinct mentions.sentence_id) as sentences,
          count(distinct sentences.article_id) as articles,
          round(sum(mentions.sentiment) / nullif(count(mentions.sentiment), 0), 4) as mean_sentiment,
          sum(mentions.sentiment) as sentiment_sum, count(mentions.sentiment) as sentiment_count,
          {LABEL_COUNTS}
        from sentences cross join mentions on mentions.sentence_id = sentences.id
        join actors on actors.id = mentions.actor_id
        where {_IN_SCOPE}
        group by actors.id""",
        [["mentions"], ["actor_id"]], ADD,
    ),
    "outlet_actor_stats": (
        f"""select articles.outlet, mentions.actor_id, count(*) as mentions,
          round(sum(mentions.sentiment) / nullif(count(mentions.sentiment), 0), 4) as mean_sentiment,
          sum(mentions.sentiment) as sentiment_sum, count(mentions.sentiment) as sentiment_count,
          {LABEL_COUNTS}
        from mentions join sentences on sentences.id = mentions.sentence_id
        join articles on articles.id = sentences.article_id
        where {_IN_SCOPE}
        group by articles.outlet, mentions.actor_id""",
        [["actor_id", "outlet"]], ADD,
    ),
    # Facet counts under the filters a click adds (FACET_SUMMARIES says which
    # table answers which): each sentence has one combination of these columns,
    # so counts per combination add up. With and without the story, as summing
    # over every story for a page without one would not be fast.
    "facet_sentences": (
        f"""select articles.outlet, {_KINDS}, {_MONTH}, count(*) as sentences
        from sentences join articles on articles.id = sentences.article_id
        where {_IN_SCOPE}
        group by 1, 2, 3, 4, 5, 6""",
        [["outlet"], ["attribution"], ["month"]], ADD,
    ),
    "facet_story_sentences": (
        f"""select articles.story_id, articles.outlet, {_KINDS}, {_MONTH}, count(*) as sentences
        from sentences join articles on articles.id = sentences.article_id
        where articles.story_id is not null and {_IN_SCOPE}
        group by 1, 2, 3, 4, 5, 6, 7""",
        [["story_id"]], STORY,
    ),
    "facet_actor_sentences": (
        f"""select mentions.actor_id, articles.outlet, {_KINDS}, {_MONTH},
          count(distinct mentions.sentence_id) as sentences,
          sum(mentions.sentiment) as sentiment_sum, count(mentions.sentiment) as sentiment_count
        from mentions join sentences on sentences.id = mentions.sentence_id
        join articles on articles.id = sentences.article_id
        where {_IN_SCOPE}
        group by 1, 2, 3, 4, 5, 6, 7""",
        [["actor_id"], ["outlet"], ["attribution"]], ADD,
    ),
    "facet_actor_story_sentences": (
        f"""select mentions.actor_id, articles.story_id, articles.outlet, {_KINDS}, {_MONTH},
          count(distinct mentions.sentence_id) as sentences,
          sum(mentions.sentiment) as sentiment_sum, count(mentions.sentiment) as sentiment_count
        from mentions join sentences on sentences.id = mentions.sentence_id
        join articles on articles.id = sentences.article_id
        where articles.story_id is not null and {_IN_SCOPE}
        group by 1, 2, 3, 4, 5, 6, 7, 8""",
        [["story_id"], ["actor_id"]], STORY,
    ),
    # The actors mentioned with each actor (itself included), for the actor facet
    # under ?_actor=: other_id's mentions in the sentences that mention actor_id.
    "facet_actor_pairs": (
        f"""select pairs.actor_id, mentions.actor_id as other_id, articles.outlet, {_KINDS}, {_MONTH},
          count(distinct mentions.sentence_id) as sentences,
          sum(mentions.sentiment) as sentiment_sum, count(mentions.sentiment) as sentiment_count
        from (select distinct mentions.sentence_id, mentions.actor_id
              from sentences cross join mentions on mentions.sentence_id = sentences.id
              where {_IN_SCOPE}) pairs
        join mentions on mentions.sentence_id = pairs.sentence_id
        join sentences on sentences.id = pairs.sentence_id
        join articles on articles.id = sentences.article_id
        where {_IN_SCOPE}
        group by 1, 2, 3, 4, 5, 6, 7, 8""",
        [["actor_id"]], ADD,
    ),
    # The score-band facet's counts: each sentence's band of each score (bands.py).
    "facet_sentence_bands": (
        " union all ".join(
            f"""select * from (select articles.outlet, {_KINDS}, {_MONTH}, '{score}' as score,
              {band_of(f"sentences.{score}")} as band, count(*) as sentences
            from sentences join articles on articles.id = sentences.article_id
            where {_IN_SCOPE}
            group by 1, 2, 3, 4, 5, 6, 7, 8) where band is not null"""
            for score in SENTENCE_SCORES),
        [["score", "outlet"], ["score", "attribution"]], ADD,
    ),
    "facet_actor_sentence_bands": (
        " union all ".join(
            f"""select * from (select mentions.actor_id, articles.outlet, {_KINDS}, {_MONTH}, '{score}' as score,
              {band_of(f"sentences.{score}")} as band, count(distinct mentions.sentence_id) as sentences
            from mentions join sentences on sentences.id = mentions.sentence_id
            join articles on articles.id = sentences.article_id
            where {_IN_SCOPE}
            group by 1, 2, 3, 4, 5, 6, 7, 8, 9) where band is not null"""
            for score in SENTENCE_SCORES),
        [["actor_id", "score"]], ADD,
    ),
    # Each article an actor is mentioned in: ?_actor= on articles, and the
    # articles' facets under it; the last index answers the actor facet under
    # ?outlet= from the index alone.
    "actor_articles": (
        f"""select mentions.actor_id, sentences.article_id, articles.outlet, articles.story_id,
          count(*) as mentions, sum(mentions.sentiment) as sentiment_sum,
          count(mentions.sentiment) as sentiment_count,
          {LABEL_COUNTS}
        from mentions join sentences on sentences.id = mentions.sentence_id
        join articles on articles.id = sentences.article_id
        where {_IN_SCOPE}
        group by 1, 2""",
        [["actor_id", "article_id"], ["actor_id", "outlet"], ["actor_id", "story_id"], ["article_id"],
         ["outlet", "actor_id", "sentiment_sum", "sentiment_count"]],
        ARTICLE,
    ),
    # The actors that share articles with each actor (itself included), by
    # outlet and month: the actor facet of articles under ?_actor=, and the
    # dashboard's actors and sentiment under ?actor= (and a date range).
    "facet_actor_article_pairs": (
        f"""select pairs.actor_id, others.actor_id as other_id, others.outlet, {_MONTH}, count(*) as articles,
          sum(others.sentiment_sum) as sentiment_sum, sum(others.sentiment_count) as sentiment_count,
          sum(others.mentions) as mentions, {LABEL_COUNT_SUMS.replace("sum(", "sum(others.")}
        from actor_articles pairs join actor_articles others on others.article_id = pairs.article_id
        join articles on articles.id = pairs.article_id
        where pairs.article_id in ({{articles}})
        group by 1, 2, 3, 4""",
        [["actor_id"]], ADD,
    ),
    # The dashboard's outlets under ?actor=, and over time: the articles that
    # mention each actor, added up by outlet, month and ISO week of publication
    # (NULL: undated).
    "actor_outlet_period_stats": (
        f"""select actor_articles.actor_id, articles.outlet, {_MONTH},
          strftime('%Y-W%W', articles.published) as week, {ARTICLE_SUMS}
        from actor_articles join articles on articles.id = actor_articles.article_id
        where actor_articles.article_id in ({{articles}})
        group by 1, 2, 3, 4""",
        [["actor_id", "month"]], ADD,
    ),
    # The named sources cited in the articles that mention each actor, by outlet
    # and month: the dashboard's "who each outlet quotes" under ?actor=.
    # The cited sources first: there are fewer of them than the articles' actors.
    "actor_source_stats": (
        """select actor_articles.actor_id, articles.outlet, cited.source_id,
          substr(articles.published, 1, 7) as month, count(*) as attributions
        from (select sentences.article_id, attributions.actor_id as source_id
              from sentences cross join attributions on attributions.sentence_id = sentences.id
              where attributions.actor_id is not null and sentences.article_id in ({articles})) cited
        join actor_articles on actor_articles.article_id = cited.article_id
        join articles on articles.id = cited.article_id
        group by 1, 2, 3, 4""",
        [["actor_id", "month"]], ADD,
    ),
    # The dashboard's outlets under a date range: every article (English or not,
    # dated or not: month NULL) added up by outlet and month of publication.
    "outlet_month_stats": (
        f"""select articles.outlet, substr(articles.published, 1, 7) as month, {ARTICLE_SUMS}
        from articles where articles.id in ({{articles}})
        group by 1, 2""",
        [["month"]], ADD,
    ),
    # Over time: each outlet's articles and each outlet's mentions of each actor by
    # month and by ISO week of publication (the expressions ?_period= filters by).
    "outlet_period_stats": (
        """select articles.outlet, substr(articles.published, 1, 7) as month,
          strftime('%Y-W%W', articles.published) as week, count(*) as articles,
          sum(articles.attributed_count) as attributed, sum(articles.anonymous_count) as anonymous,
          sum(articles.hedged_count) as hedged, sum(articles.sentence_count) as sentences
        from articles
        where articles.published is not null and (articles.language is null or articles.language = 'en')
          and articles.id in ({articles})
        group by 1, 2, 3""",
        [["month"], ["week"]], ADD,
    ),
    # The named sources each outlet cites: attributions whose speaker resolved to
    # an actor, by outlet and month of publication (the dashboard's "who each
    # outlet quotes" under its outlet and date-range controls).
    "outlet_source_stats": (
        f"""select articles.outlet, attributions.actor_id, substr(articles.published, 1, 7) as month,
          count(*) as attributions
        from attributions join sentences on sentences.id = attributions.sentence_id
        join articles on articles.id = sentences.article_id
        where attributions.actor_id is not null and {_IN_SCOPE}
        group by 1, 2, 3""",
        [["outlet", "actor_id"]], ADD,
    ),
    "outlet_actor_period_stats": (
        f"""select articles.outlet, mentions.actor_id, substr(articles.published, 1, 7) as month,
          strftime('%Y-W%W', articles.published) as week, count(*) as mentions,
          sum(mentions.sentiment) as sentiment_sum, count(mentions.sentiment) as sentiment_count,
          {LABEL_COUNTS}, count(distinct sentences.article_id) as articles
        from mentions join sentences on sentences.id = mentions.sentence_id
        join articles on articles.id = sentences.article_id
        where articles.published is not null and {_IN_SCOPE}
        group by 1, 2, 3, 4""",
        [["actor_id"]], ADD,
    ),
}
# Columns worked out from others once the sums are added up ({table}: the summary).
DERIVED = {"mean_sentiment": "round([{table}].sentiment_sum / nullif([{table}].sentiment_count, 0), 4)"}
# Columns each summary is grouped by: an ADD summary's other columns add up, and
# a facet may filter or count by these (FACET_SUMMARIES).
GROUPED_BY = {
    "actor_stats": ("actor_id", "name", "kind"),
    "outlet_actor_stats": ("outlet", "actor_id"),
    "facet_sentences": ("outlet", *SUMMARISED_FILTERS, "month"),
    "facet_story_sentences": ("story_id", "outlet", *SUMMARISED_FILTERS, "month"),
    "facet_actor_sentences": ("actor_id", "outlet", *SUMMARISED_FILTERS, "month"),
    "facet_actor_story_sentences": ("actor_id", "story_id", "outlet", *SUMMARISED_FILTERS, "month"),
    "facet_actor_pairs": ("actor_id", "other_id", "outlet", *SUMMARISED_FILTERS, "month"),
    "facet_sentence_bands": ("outlet", *SUMMARISED_FILTERS, "month", "score", "band"),
    "facet_actor_sentence_bands": ("actor_id", "outlet", *SUMMARISED_FILTERS, "month", "score", "band"),
    "actor_articles": ("actor_id", "article_id", "outlet", "story_id"),
    "facet_actor_article_pairs": ("actor_id", "other_id", "outlet", "month"),
    "actor_outlet_period_stats": ("actor_id", "outlet", "month", "week"),
    "actor_source_stats": ("actor_id", "outlet", "source_id", "month"),
    "outlet_month_stats": ("outlet", "month"),
    "outlet_period_stats": ("outlet", "month", "week"),
    "outlet_actor_period_stats": ("outlet", "actor_id", "month", "week"),
    "outlet_source_stats": ("outlet", "actor_id", "month"),
}
# Where a database records what its summaries have counted.
STATE_TABLE = "summary_state"
EVERY_ARTICLE = "select id from articles"

# Which summary answers facet counts under which filters: for each table a
# facet counts, the summaries smallest first, each with the columns it is
# grouped by (every filter and the facet's column must be among them) and how
# it counts the table's rows (`stats` is the summary). A summary with a row per
# actor counts a row once per actor: it answers only when the actor is the
# filter or the facet.
def _answering(name: str, count: str) -> tuple[str, set, str]:
    return name, set(GROUPED_BY[name]), count


FACET_SUMMARIES = {
    "sentences": [_answering(name, "sum(stats.sentences)") for name in (
        "facet_sentences", "facet_story_sentences", "facet_actor_sentences", "facet_actor_story_sentences")],
    "articles": [_answering("actor_articles", "count(*)")],
}


# Which summary counts a table's rows under equality filters on its columns,
# smallest first: (summary, the columns it is grouped by, count expression,
# the columns that must be among the filters). A summary with a row per actor
# counts a sentence or an article once per actor mentioned in it: it answers
# only under ?_actor=. A mention has one actor: its counts add up over actors.
ROW_COUNTS = {
    "sentences": [(name, columns, count, {"actor_id"} if "actor_id" in columns else set())
                  for name, columns, count in FACET_SUMMARIES["sentences"]],
    "articles": [("actor_articles", set(GROUPED_BY["actor_articles"]), "count(*)", {"actor_id"})],
    "mentions": [("outlet_actor_stats", set(GROUPED_BY["outlet_actor_stats"]), "sum(stats.mentions)", set())],
}


# Filters on a range of a summary's column: the column each one bounds, and how.
RANGE_FILTERS = {"month_since": ("month", ">="), "month_until": ("month", "<=")}


def filter_columns(filtered) -> set[str]:
    """The summary columns filters are on (a range's bound is on its column)."""
    return {RANGE_FILTERS[name][0] if name in RANGE_FILTERS else name for name in filtered}


def summary_where(filters: dict) -> str:
    """The condition on a summary (aliased stats) of filters named as its
    columns, each equal to the parameter of its name, or RANGE_FILTERS."""
    return " and ".join(
        f"stats.[{RANGE_FILTERS[name][0]}] {RANGE_FILTERS[name][1]} :{name}" if name in RANGE_FILTERS
        else f"stats.[{name}] = :{name}" for name in filters) or "1"


def row_count_summary(table: str, filtered: set[str], available) -> tuple[str, str] | None:
    """(summary, count expression) that counts `table`'s rows under the filters
    `filtered` (at least one; equality on a column, or RANGE_FILTERS), among the
    tables `available`; None when none is grouped by all of them."""
    filtered = filter_columns(filtered)
    for name, columns, count, needs in ROW_COUNTS.get(table, []):
        if name in available and filtered and filtered <= columns and needs <= filtered:
            return name, count
    return None


# The actors mentioned with the one filtered on, grouped by other_id: in the
# same sentences, or in the same articles.
CO_MENTIONS = {
    "sentences": _answering("facet_actor_pairs", "sum(stats.sentences)"),
    "articles": _answering("facet_actor_article_pairs", "sum(stats.articles)"),
}


# The same for the score-band facet: a row per score column and band.
BAND_SUMMARIES = {
    "sentences": [_answering(name, "sum(stats.sentences)")
                  for name in ("facet_sentence_bands", "facet_actor_sentence_bands")],
}


def facet_summary(table: str, filtered: set[str], counted: str, available,
                  summaries: dict = FACET_SUMMARIES) -> tuple[str, str] | None:
    """(summary, count expression) that counts `table`'s rows by `counted` under
    filters on the columns `filtered` (or RANGE_FILTERS), among the tables `available`."""
    filtered = filter_columns(filtered)
    for name, columns, count in summaries.get(table, []):
        per_actor = "actor_id" in columns
        if (name in available and filtered | {counted} <= columns
                and (not per_actor or "actor_id" in filtered | {counted})):
            return name, count
    return None


# Summaries earlier releases kept under names whose columns have changed since.
RETIRED = ("actor_sentence_stats",)


def definitions_digest() -> str:
    """Changes whenever a summary's definition does: the database's summaries
    are then rebuilt rather than updated."""
    text = "\n".join(f"{name}\n{sql}\n{indexes}" for name, (sql, indexes, _) in SUMMARY_TABLES.items())
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def state_value(db: sqlite_utils.Database, name: str) -> str | None:
    """One row of the summary state (what loads record between them), or None."""
    if not db[STATE_TABLE].exists():
        return None
    row = db.execute(f"select value from [{STATE_TABLE}] where name = ?", [name]).fetchone()
    return row[0] if row else None


def set_state(db: sqlite_utils.Database, name: str, value: str) -> None:
    db.execute(f"create table if not exists [{STATE_TABLE}] (name text primary key, value text)")
    db.execute(f"insert or replace into [{STATE_TABLE}] values (?, ?)", [name, value])


def clear_state(db: sqlite_utils.Database, name: str) -> None:
    if db[STATE_TABLE].exists():
        db.execute(f"delete from [{STATE_TABLE}] where name = ?", [name])


def _state(db: sqlite_utils.Database) -> dict:
    if not db[STATE_TABLE].exists():
        return {}
    return dict(db.execute(f"select name, value from [{STATE_TABLE}]").fetchall())


def _record_state(db: sqlite_utils.Database) -> None:
    through = db.execute("select coalesce(max(id), 0) from articles").fetchone()[0]
    db.execute(f"create table if not exists [{STATE_TABLE}] (name text primary key, value text)")
    db.execute(f"insert or replace into [{STATE_TABLE}] values ('counted_through_article', ?), "
               "('definitions', ?)", [str(through), definitions_digest()])


# The planner's statistics are read again once the articles have grown by this
# share since they were last read.
REANALYZE_GROWTH = 0.1


def _analyze(db: sqlite_utils.Database) -> None:
    # Statistics for SQLite's query planner (sqlite_stat1), so that a page under
    # two filters starts from the narrower ("in story 5", not "attribution =
    # anonymous"). Seconds for three million sentences, and it reads them all.
    db.execute("ANALYZE")
    articles = db.execute("select coalesce(max(id), 0) from articles").fetchone()[0]
    db.execute(f"insert or replace into [{STATE_TABLE}] values ('analyzed_at_articles', ?)", [str(articles)])


def _analyze_when_grown(db: sqlite_utils.Database) -> None:
    """ANALYZE once the articles have grown by REANALYZE_GROWTH since it last
    ran: its cost grows with the database, so running it on every load would
    make the cost of adding an article grow too; spread over the loads that
    grew the database by a tenth, it stays flat per article, and the
    statistics' proportions stay within a tenth of the truth."""
    analyzed = int(_state(db).get("analyzed_at_articles", 0))
    articles = db.execute("select coalesce(max(id), 0) from articles").fetchone()[0]
    if articles > analyzed * (1 + REANALYZE_GROWTH):
        _analyze(db)


def refresh_summaries(db: sqlite_utils.Database) -> None:
    """Every summary counted again from all the articles."""
    with db.atomic():
        for name in RETIRED:
            db.execute(f"drop table if exists [{name}]")
        for name, (sql, indexes, _) in SUMMARY_TABLES.items():
            db.execute(f"drop table if exists [{name}]")
            db.execute(f"create table [{name}] as {sql.format(articles=EVERY_ARTICLE)}")
            for columns in indexes:
                db[name].create_index(columns)
            if any(f" {name} " in later for later, _, _ in SUMMARY_TABLES.values()):
                # A summary counted from this one is planned from its size:
                # without statistics for a table just created, the planner
                # reads the article pairs through the table's rows, not its
                # covering index (facet_actor_article_pairs: 2.5 times slower).
                db.execute(f"ANALYZE [{name}]")
        _record_state(db)
        _analyze(db)


def summaries_current(db: sqlite_utils.Database) -> bool:
    """Whether the summaries exist as this release defines them, so that a load
    may update them rather than count everything again."""
    return (_state(db).get("definitions") == definitions_digest()
            and all(db[name].exists() for name in SUMMARY_TABLES))


def update_summaries(db: sqlite_utils.Database) -> None:
    """Add what the articles written since the summaries were last counted
    contribute (a load that only added articles: none was replaced or deleted,
    so every new article has a higher id). Seconds, where counting again
    takes minutes on millions of sentences. Rebuilds when the summaries are
    missing or defined otherwise."""
    if not summaries_current(db):
        refresh_summaries(db)
        return
    through = int(_state(db)["counted_through_article"])
    new = f"select id from articles where id > {through}"
    stories = f"select story_id from articles where id > {through} and story_id is not null"
    of_stories = f"select id from articles where story_id in ({stories})"
    with db.atomic():
        for name, (sql, _, update) in SUMMARY_TABLES.items():
            if update == ADD:
                _add_rows(db, name, sql.format(articles=new), GROUPED_BY[name])
            elif update == STORY:
                db.execute(f"delete from [{name}] where story_id in ({stories})")
                db.execute(f"insert into [{name}] {sql.format(articles=of_stories)}")
            else:
                rewritten = f"{new} union {of_stories}"
                db.execute(f"delete from [{name}] where article_id in ({rewritten})")
                db.execute(f"insert into [{name}] {sql.format(articles=rewritten)}")
        _record_state(db)
        _analyze_when_grown(db)


def _add_rows(db: sqlite_utils.Database, name: str, sql: str, keys: tuple[str, ...]) -> None:
    """Add the rows of `sql` to the summary `name`: a row whose keys it already
    has adds up into it (a sum of nothing stays NULL, as SQL's sum gives)."""
    columns = [row[1] for row in db.execute(f"pragma table_info([{name}])")]
    listed = ", ".join(f"[{column}]" for column in columns)
    if not db.execute(f"select exists (select 1 from [{name}])").fetchone()[0]:
        # Nothing to add into (a first load): the rows as counted, without the
        # copy set aside to match against (for the article pairs, a quarter of
        # the summaries' time).
        db.execute(f"insert into [{name}] ({listed}) select {listed} from ({sql})")
        return
    db.execute("drop table if exists temp.summary_delta")
    db.execute(f"create temp table summary_delta as {sql}")
    same = " and ".join(f"[{name}].[{key}] is summary_delta.[{key}]" for key in keys)
    added = [column for column in columns if column not in keys and column not in DERIVED]
    if added:
        db.execute(
            f"update [{name}] set " + ", ".join(
                f"[{column}] = case when [{name}].[{column}] is null and summary_delta.[{column}] is null "
                f"then null else coalesce([{name}].[{column}], 0) + coalesce(summary_delta.[{column}], 0) end"
                for column in added)
            + f" from summary_delta where {same}")
    db.execute(f"insert into [{name}] ({listed}) select {listed} from summary_delta "
               f"where not exists (select 1 from [{name}] where {same})")
    for column, expression in DERIVED.items():
        if column in columns:
            # Only the rows the delta added into: joined from the delta, by the
            # summary's index, where a scan of the summary grew with the database.
            db.execute(f"update [{name}] set [{column}] = {expression.format(table=name)} "
                       f"from summary_delta where {same}")
    db.execute("drop table temp.summary_delta")
