"""Summary tables the plugin's facets and comparison page read, rebuilt after a load."""

from __future__ import annotations

import sqlite_utils

from .bands import SENTENCE_SCORES, band_of

# Sentence columns the default facets show; the summaries are grouped by them.
SUMMARISED_FILTERS = ("attribution", "source_kind", "hedged", "is_quote")
_KINDS = ", ".join(f"sentences.{column}" for column in SUMMARISED_FILTERS)

# Aggregates the plugin's facets and comparison page read at any scale, rebuilt at
# the end of every load that changed something (a GROUP BY over all mentions
# would not fit in Datasette's time limits on a million sentences).
SUMMARY_TABLES = {
    "actor_stats": (
        """select actors.id as actor_id, actors.name, actors.kind, count(*) as mentions,
          count(distinct mentions.sentence_id) as sentences,
          count(distinct sentences.article_id) as articles,
          round(avg(mentions.sentiment), 4) as mean_sentiment
        from mentions join actors on actors.id = mentions.actor_id
        join sentences on sentences.id = mentions.sentence_id
        group by actors.id""",
        [["mentions"], ["actor_id"]],
    ),
    "outlet_actor_stats": (
        """select articles.outlet, mentions.actor_id, count(*) as mentions,
          round(avg(mentions.sentiment), 4) as mean_sentiment
        from mentions join sentences on sentences.id = mentions.sentence_id
        join articles on articles.id = sentences.article_id
        group by articles.outlet, mentions.actor_id""",
        [["actor_id", "outlet"]],
    ),
    # Facet counts under the filters a click adds (store.FACET_SUMMARIES says
    # which table answers which): each sentence has one combination of these
    # columns, so counts per combination add up. With and without the story, as
    # summing over every story for a page without one would not be fast.
    "facet_sentences": (
        f"""select articles.outlet, {_KINDS}, count(*) as sentences
        from sentences join articles on articles.id = sentences.article_id
        group by 1, 2, 3, 4, 5""",
        [["outlet"], ["attribution"]],
    ),
    "facet_story_sentences": (
        f"""select articles.story_id, articles.outlet, {_KINDS}, count(*) as sentences
        from sentences join articles on articles.id = sentences.article_id
        where articles.story_id is not null
        group by 1, 2, 3, 4, 5, 6""",
        [["story_id"]],
    ),
    "facet_actor_sentences": (
        f"""select mentions.actor_id, articles.outlet, {_KINDS},
          count(distinct mentions.sentence_id) as sentences,
          sum(mentions.sentiment) as sentiment_sum, count(mentions.sentiment) as sentiment_count
        from mentions join sentences on sentences.id = mentions.sentence_id
        join articles on articles.id = sentences.article_id
        group by 1, 2, 3, 4, 5, 6""",
        [["actor_id"], ["outlet"], ["attribution"]],
    ),
    "facet_actor_story_sentences": (
        f"""select mentions.actor_id, articles.story_id, articles.outlet, {_KINDS},
          count(distinct mentions.sentence_id) as sentences,
          sum(mentions.sentiment) as sentiment_sum, count(mentions.sentiment) as sentiment_count
        from mentions join sentences on sentences.id = mentions.sentence_id
        join articles on articles.id = sentences.article_id
        where articles.story_id is not null
        group by 1, 2, 3, 4, 5, 6, 7""",
        [["story_id"], ["actor_id"]],
    ),
    # The actors mentioned with each actor (itself included), for the actor facet
    # under ?_actor=: other_id's mentions in the sentences that mention actor_id.
    "facet_actor_pairs": (
        f"""select pairs.actor_id, mentions.actor_id as other_id, articles.outlet, {_KINDS},
          count(distinct mentions.sentence_id) as sentences,
          sum(mentions.sentiment) as sentiment_sum, count(mentions.sentiment) as sentiment_count
        from (select distinct sentence_id, actor_id from mentions) pairs
        join mentions on mentions.sentence_id = pairs.sentence_id
        join sentences on sentences.id = pairs.sentence_id
        join articles on articles.id = sentences.article_id
        group by 1, 2, 3, 4, 5, 6, 7""",
        [["actor_id"]],
    ),
    # The score-band facet's counts: each sentence's band of each score (bands.py).
    "facet_sentence_bands": (
        " union all ".join(
            f"""select * from (select articles.outlet, {_KINDS}, '{score}' as score,
              {band_of(f"sentences.{score}")} as band, count(*) as sentences
            from sentences join articles on articles.id = sentences.article_id
            group by 1, 2, 3, 4, 5, 6, 7) where band is not null"""
            for score in SENTENCE_SCORES),
        [["score", "outlet"], ["score", "attribution"]],
    ),
    "facet_actor_sentence_bands": (
        " union all ".join(
            f"""select * from (select mentions.actor_id, articles.outlet, {_KINDS}, '{score}' as score,
              {band_of(f"sentences.{score}")} as band, count(distinct mentions.sentence_id) as sentences
            from mentions join sentences on sentences.id = mentions.sentence_id
            join articles on articles.id = sentences.article_id
            group by 1, 2, 3, 4, 5, 6, 7, 8) where band is not null"""
            for score in SENTENCE_SCORES),
        [["actor_id", "score"]],
    ),
    # Each article an actor is mentioned in: ?_actor= on articles, and the
    # articles' facets under it.
    "actor_articles": (
        """select mentions.actor_id, sentences.article_id, articles.outlet, articles.story_id,
          count(*) as mentions, sum(mentions.sentiment) as sentiment_sum,
          count(mentions.sentiment) as sentiment_count
        from mentions join sentences on sentences.id = mentions.sentence_id
        join articles on articles.id = sentences.article_id
        group by 1, 2""",
        [["actor_id", "article_id"], ["actor_id", "outlet"], ["actor_id", "story_id"]],
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
        group by 1, 2, 3""",
        [["month"], ["week"]],
    ),
    "outlet_actor_period_stats": (
        """select articles.outlet, mentions.actor_id, substr(articles.published, 1, 7) as month,
          strftime('%Y-W%W', articles.published) as week, count(*) as mentions,
          sum(mentions.sentiment) as sentiment_sum, count(mentions.sentiment) as sentiment_count
        from mentions join sentences on sentences.id = mentions.sentence_id
        join articles on articles.id = sentences.article_id
        where articles.published is not null
        group by 1, 2, 3, 4""",
        [["actor_id"]],
    ),
}

# Which summary answers facet counts under which filters: for each table a
# facet counts, the summaries smallest first, each with the columns it is
# grouped by (every filter and the facet's column must be among them) and how
# it counts the table's rows (`stats` is the summary). A summary with a row per
# actor counts a row once per actor: it answers only when the actor is the
# filter or the facet.
FACET_SUMMARIES = {
    "sentences": [
        ("facet_sentences", {"outlet", *SUMMARISED_FILTERS}, "sum(stats.sentences)"),
        ("facet_story_sentences", {"story_id", "outlet", *SUMMARISED_FILTERS}, "sum(stats.sentences)"),
        ("facet_actor_sentences", {"actor_id", "outlet", *SUMMARISED_FILTERS}, "sum(stats.sentences)"),
        ("facet_actor_story_sentences", {"actor_id", "story_id", "outlet", *SUMMARISED_FILTERS},
         "sum(stats.sentences)"),
    ],
    "articles": [("actor_articles", {"actor_id", "outlet", "story_id"}, "count(*)")],
}


# The actors mentioned with the one filtered on, grouped by other_id.
CO_MENTIONS = ("facet_actor_pairs", {"actor_id", "outlet", *SUMMARISED_FILTERS}, "sum(stats.sentences)")


# The same for the score-band facet: a row per score column and band.
BAND_SUMMARIES = {
    "sentences": [
        ("facet_sentence_bands", {"outlet", *SUMMARISED_FILTERS, "score", "band"}, "sum(stats.sentences)"),
        ("facet_actor_sentence_bands", {"actor_id", "outlet", *SUMMARISED_FILTERS, "score", "band"},
         "sum(stats.sentences)"),
    ],
}


def facet_summary(table: str, filtered: set[str], counted: str, available,
                  summaries: dict = FACET_SUMMARIES) -> tuple[str, str] | None:
    """(summary, count expression) that counts `table`'s rows by `counted` under
    equality filters on the columns `filtered`, among the tables `available`."""
    for name, columns, count in summaries.get(table, []):
        per_actor = "actor_id" in columns
        if (name in available and filtered | {counted} <= columns
                and (not per_actor or "actor_id" in filtered | {counted})):
            return name, count
    return None


# Summaries earlier releases kept under names whose columns have changed since.
RETIRED = ("actor_sentence_stats",)


def refresh_summaries(db: sqlite_utils.Database) -> None:
    with db.atomic():
        for name in RETIRED:
            db.execute(f"drop table if exists [{name}]")
        for name, (sql, indexes) in SUMMARY_TABLES.items():
            db.execute(f"drop table if exists [{name}]")
            db.execute(f"create table [{name}] as {sql}")
            for columns in indexes:
                db[name].create_index(columns)
        # Statistics for SQLite's query planner (sqlite_stat1), so that a page
        # under two filters starts from the narrower ("in story 5", not
        # "attribution = anonymous"). A few seconds for three million sentences.
        db.execute("ANALYZE")
