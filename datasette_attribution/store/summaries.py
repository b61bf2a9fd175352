"""Summary tables the plugin's facets and comparison page read, rebuilt after a load."""

from __future__ import annotations

import sqlite_utils

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
    # The actor facet under the default facets' filters (?attribution=anonymous):
    # each sentence has one combination, so counts per combination add up.
    "actor_sentence_stats": (
        """select mentions.actor_id, sentences.attribution, sentences.source_kind,
          sentences.hedged, sentences.is_quote,
          count(distinct mentions.sentence_id) as sentences,
          sum(mentions.sentiment) as sentiment_sum, count(mentions.sentiment) as sentiment_count
        from mentions join sentences on sentences.id = mentions.sentence_id
        group by 1, 2, 3, 4, 5""",
        [["attribution"], ["source_kind"], ["hedged"], ["is_quote"]],
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
# Sentence columns actor_sentence_stats is grouped by.
SUMMARISED_FILTERS = ("attribution", "source_kind", "hedged", "is_quote")


def refresh_summaries(db: sqlite_utils.Database) -> None:
    with db.atomic():
        for name, (sql, indexes) in SUMMARY_TABLES.items():
            db.execute(f"drop table if exists [{name}]")
            db.execute(f"create table [{name}] as {sql}")
            for columns in indexes:
                db[name].create_index(columns)
