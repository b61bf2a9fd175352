"""What the stored articles say about a name two people of the corpus share, for
resolution (resolution.py) to decide a bare "Clinton" article by article: the
mentions of each of the people it could be, by the words they were written as, in
the story the article joins and in the articles published nearest to it. Every
read is bounded by an index (articles.story_id, articles.published,
sentences.article_id, mentions.sentence_id) and a number of articles, whatever the
size of the database; it reads only for an article whose name is shared, once per
article."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Sequence

import sqlite_utils

from ..grouping import day_of
from .stories import StoryGrouper
from .write import article_id_for

STORY_ARTICLES = 50  # the story's latest articles read
NEAREST_ARTICLES = 100  # the articles read on each side of the article's date


class NameEvidence:
    """Mentions of candidate actors, counted by (actor name, text as written), in an
    article's story and in the articles published within `window_days` of it (at
    most NEAREST_ARTICLES each side), read from `db` on the load's own connection:
    this load's articles written so far count as much as the stored ones."""

    def __init__(self, db: sqlite_utils.Database, stories: StoryGrouper | None, window_days: int):
        self.db = db
        self.stories = stories
        self.window = datetime.timedelta(days=window_days)
        self._rows = None  # the article the ids below are of
        self._story: list[int] | None = None
        self._near: list[int] | None = None
        self._itself: int | None = None
        self._days: dict[str, set[datetime.date]] = {}

    def _for(self, rows) -> None:
        if rows is not self._rows:
            # An article stored before that this load replaces (load --replace, rescore)
            # is no evidence for itself: its old decisions would only be repeated.
            self._rows, self._story, self._near = rows, None, None
            self._itself = article_id_for(self.db, rows.content_hash)

    def in_story(self, rows, names: Sequence[str]) -> Counter:
        self._for(rows)
        if self._story is None:
            self._story = [] if self.stories is None or not rows.story_vector else self.stories.story_of(
                rows.published, rows.story_vector, rows.story_meaning, rows.story_names, STORY_ARTICLES)
        return self._mentions([i for i in self._story if i != self._itself], names)

    def near_in_time(self, rows, names: Sequence[str]) -> Counter:
        self._for(rows)
        if self._near is None:
            self._near = self._nearest(rows.published)
        return self._mentions([i for i in self._near if i != self._itself], names)

    def _nearest(self, published: str | None) -> list[int]:
        day = day_of(published)
        if day is None:
            return []
        low, high = (day - self.window).isoformat(), (day + self.window + datetime.timedelta(days=1)).isoformat()
        # Two walks of the index on published, outward from the article's date.
        before = self.db.execute("select id from articles where published >= ? and published <= ? "
                                 "order by published desc limit ?", [low, published, NEAREST_ARTICLES])
        after = self.db.execute("select id from articles where published > ? and published < ? "
                                "order by published limit ?", [published, high, NEAREST_ARTICLES])
        return [article_id for (article_id,) in (*before.fetchall(), *after.fetchall())]

    def days_of(self, name: str) -> set[datetime.date]:
        """The days of the stored articles that mention the actor of that name (from
        the actor's articles outward: the summary `actor_articles` where the
        database has it), read once an actor for each load."""
        if name not in self._days:
            if self.db["actor_articles"].exists():
                sql = ("select distinct substr(articles.published, 1, 10) from actors "
                       "join actor_articles on actor_articles.actor_id = actors.id "
                       "join articles on articles.id = actor_articles.article_id where actors.name = ?")
            else:
                sql = ("select distinct substr(articles.published, 1, 10) from actors "
                       "join mentions on mentions.actor_id = actors.id "
                       "join sentences on sentences.id = mentions.sentence_id "
                       "join articles on articles.id = sentences.article_id where actors.name = ?")
            days = (day_of(published) for (published,) in self.db.execute(sql, [name]).fetchall())
            self._days[name] = {day for day in days if day is not None}
        return self._days[name]

    def _mentions(self, article_ids: list[int], names: Sequence[str]) -> Counter:
        if not article_ids or not names:
            return Counter()
        actor_ids = dict(self.db.execute(
            f"select id, name from actors where name in ({', '.join('?' * len(names))})", list(names)).fetchall())
        if not actor_ids:
            return Counter()
        # From the articles' sentences outward (CROSS JOIN keeps that order): an
        # actor's mentions across the whole database are never walked.
        found = self.db.execute(
            f"""select mentions.actor_id, mentions.text, count(*) from sentences
            cross join mentions on mentions.sentence_id = sentences.id
            where sentences.article_id in ({', '.join('?' * len(article_ids))})
              and mentions.actor_id in ({', '.join('?' * len(actor_ids))})
            group by mentions.actor_id, mentions.text""", [*article_ids, *actor_ids]).fetchall()
        counts = Counter()
        for actor_id, text, count in found:
            counts[(actor_ids[actor_id], text)] += count
        return counts
