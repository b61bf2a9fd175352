"""Stories in the database: each article's story vectors (`story_terms`), its
`articles.story_id`, and one `stories` row per group of two or more articles,
kept up to date as articles are written, replaced or deleted. How articles are
compared is grouping.py's; this module only reads and writes the rows."""

from __future__ import annotations

import json
from collections import OrderedDict

import sqlite_utils

from ..grouping import (
    DEFAULT_THRESHOLD,
    DEFAULT_WINDOW_DAYS,
    Candidate,
    StoryIndex,
    day_of,
    meaning_bytes,
    meaning_from_bytes,
    names_from_json,
    names_json,
    term_vector,
)
from .search import index_new_rows
from .summaries import clear_state, set_state, state_value

STORY_COLUMNS = {"id": int, "title": str, "first_published": str, "last_published": str,
                 "article_count": int, "outlet_count": int}
# One row per article: its weighted words, its lead's meaning (float16 bytes;
# none for an article not scored) and what its title and lead name (JSON,
# grouping.names_json), so that a later load compares new articles with it
# without reading, parsing or encoding its body again.
TERMS_COLUMNS = {"article_id": int, "day": str, "terms": str, "meaning": bytes, "names": str}
# Articles held in memory at most (about 4.4 KB each): past this, the days used
# least recently are forgotten and read again from story_terms when an article
# comes near them, so a load's memory stays flat however many it writes.
MAX_HELD_ARTICLES = 20_000


# A rescore not finished (interrupted, killed): "through first_story", the last
# article id it had to rewrite and the first id of its stories, kept in the
# summary state so that the next rescore goes on where it stopped, placing the
# articles left after those it rewrote, as one rescore does.
RESCORE_STATE = "rescore_through"


def rescore_begun(db: sqlite_utils.Database) -> tuple[int, int] | None:
    """(last article id to rewrite, first story id) of a rescore not finished, or None."""
    value = state_value(db, RESCORE_STATE)
    if value is None:
        return None
    through, first_story = map(int, value.split())
    return through, first_story


def begin_rescore(db: sqlite_utils.Database) -> tuple[int, int]:
    """The rescore to run: the one not finished, else a new one of every article
    stored now, noted (committed at once, so a kill keeps it)."""
    begun = rescore_begun(db)
    if begun is not None:
        return begun
    through = db.execute("select coalesce(max(id), 0) from articles").fetchone()[0]
    first_story = (db.execute("select coalesce(max(id), 0) from stories").fetchone()[0] + 1
                   if db["stories"].exists() else 1)
    set_state(db, RESCORE_STATE, f"{through} {first_story}")
    _commit(db)
    return through, first_story


def end_rescore(db: sqlite_utils.Database) -> None:
    clear_state(db, RESCORE_STATE)
    _commit(db)


def _commit(db: sqlite_utils.Database) -> None:
    if db.conn.in_transaction:
        db.conn.execute("COMMIT")


def ensure_story_tables(db: sqlite_utils.Database) -> None:
    if not db["stories"].exists():
        db["stories"].create(STORY_COLUMNS, pk="id")
        db["stories"].create_index(["first_published"])
    if not db["story_terms"].exists():
        db["story_terms"].create(TERMS_COLUMNS, pk="article_id")
        db["story_terms"].create_index(["day"])
    else:
        # Made by a release that grouped by words alone, or without names: its
        # articles keep none and are compared without them.
        for column in ("meaning", "names"):
            if column not in db["story_terms"].columns_dict:
                db["story_terms"].add_column(column, TERMS_COLUMNS[column])


class StoryGrouper:
    """Places each article written in a load into a story, or none (see
    grouping.py). Articles already in the database take part: those published
    near a new article are read from `story_terms` when first needed; articles
    stored before stories existed get their vectors first."""

    def __init__(self, db: sqlite_utils.Database, window_days: int = DEFAULT_WINDOW_DAYS,
                 threshold: float = DEFAULT_THRESHOLD, regroup: tuple[int, int] | None = None):
        """`regroup` (a rescore, which rewrites the articles up to an id in the order
        they were stored: that id and its stories' first id, begin_rescore): each
        article is compared only with those placed before it in this rescore (the ones
        an interrupted run of it rewrote, above that id, among them), as a load of
        them all would, and not with the ones still to be rewritten; the stories get
        ids no story had before, so a link to an old story finds none rather than
        another."""
        self.db = db
        self.index = StoryIndex(window_days=window_days, threshold=threshold)
        self.days_read: OrderedDict = OrderedDict()  # the days held, least recently used first
        self.placed: set[int] | None = None
        self.first_new_story = None
        if regroup is None:
            self._add_missing_vectors()
        else:
            through, self.first_new_story = regroup
            self.placed = {article_id for (article_id,) in db.execute(
                "select id from articles where id > ?", [through])}

    def _add_missing_vectors(self) -> None:
        missing = self.db.execute(
            "select id, title, body, published from articles "
            "where id not in (select article_id from story_terms) order by id").fetchall()
        for article_id, title, body, published in missing:
            self.place(article_id, published, term_vector(title, body))

    def _read_days(self, days) -> None:
        for day in days:
            if day in self.days_read:
                self.days_read.move_to_end(day)
        wanted = [day for day in days if day not in self.days_read]
        if not wanted:
            return
        self.days_read.update((day, None) for day in wanted)
        dated = [day.isoformat() for day in wanted if day is not None]
        clauses, params = [], []
        if dated:
            clauses.append(f"story_terms.day in ({', '.join('?' * len(dated))})")
            params += dated
        if None in wanted:
            clauses.append("story_terms.day is null")
        for article_id, day, terms, meaning, names in self.db.execute(
                f"select article_id, day, terms, meaning, names from story_terms where {' or '.join(clauses)}",
                params):
            if article_id not in self.index.articles and (self.placed is None or article_id in self.placed):
                self.index.add(Candidate(article_id, day_of(day), json.loads(terms),
                                         meaning_from_bytes(meaning), names_from_json(names)))

    def place(self, article_id: int, published: str | None, vector: dict[str, float],
              meaning=None, names=None) -> int | None:
        """Store the article's vectors (`meaning`: its lead's, from encoder.lead_vector,
        or None; `names`: what its title and lead name, grouping.names_of, or None)
        and join it to the story of the closest earlier article, if any;
        the story id or None. Call inside the article's transaction: its story is
        written with it."""
        day = day_of(published)
        self._read_days(self.index.days_around(day))
        stored = meaning_bytes(meaning)
        stored_names = names_json(names)
        self.db.execute(
            "insert or replace into story_terms (article_id, day, terms, meaning, names) values (?, ?, ?, ?, ?)",
            [article_id, day.isoformat() if day else None,
             json.dumps(vector, ensure_ascii=False, separators=(",", ":")), stored, stored_names])
        # Compared as stored, so a later load agrees.
        meaning, names = meaning_from_bytes(stored), names_from_json(stored_names)
        closest = self.index.closest(vector, day, meaning, names, self._stories_of)
        story_id = None
        if closest is not None:
            # The update trigger takes the old row out of the full-text index: it must be in it.
            index_new_rows(self.db)
            # Read, not remembered: a replaced article may have dissolved its story.
            story_id = self.db.execute("select story_id from articles where id = ?",
                                       [closest.article_id]).fetchone()[0]
            if story_id is None:
                story_id = self._new_story()
                self.db.execute("update articles set story_id = ? where id = ?", [story_id, closest.article_id])
            self.db.execute("update articles set story_id = ? where id = ?", [story_id, article_id])
            refresh_story(self.db, story_id)
        self.index.add(Candidate(article_id, day, vector, meaning, names))
        if self.placed is not None:
            self.placed.add(article_id)
        self._forget_days_least_used(keep=set(self.index.days_around(day)))
        return story_id

    def _new_story(self) -> int:
        if self.first_new_story is None:
            return self.db.execute("insert into stories (article_count) values (0)").lastrowid
        (highest,) = self.db.execute("select coalesce(max(id), 0) from stories").fetchone()
        return self.db.execute("insert into stories (id, article_count) values (?, 0)",
                               [max(highest + 1, self.first_new_story)]).lastrowid

    def story_of(self, published: str | None, vector: dict[str, float], meaning: bytes | None = None,
                 names: str | None = None, limit: int = 50) -> list[int]:
        """The ids of the articles of the story an article not yet written would
        join now (place's choice, nothing written): the latest `limit` of the
        closest earlier article's story, or that article alone; none when it would
        join none. Resolution runs before the article is written (and placed)."""
        day = day_of(published)
        self._read_days(self.index.days_around(day))
        closest = self.index.closest(vector, day, meaning_from_bytes(meaning), names_from_json(names),
                                     self._stories_of)
        if closest is None:
            return []
        row = self.db.execute("select story_id from articles where id = ?", [closest.article_id]).fetchone()
        if row is None or row[0] is None:
            return [closest.article_id] if row is not None else []
        return [article_id for (article_id,) in self.db.execute(
            "select id from articles where story_id = ? order by id desc limit ?", [row[0], limit])]

    def _stories_of(self, article_ids: list[int]) -> dict[int, list[int]]:
        """For each article, the ids of its story's articles, or itself alone
        (grouping.StoriesOf): read, as a replaced article may have dissolved a story."""
        # As one JSON array, however many: no limit on a statement's variables.
        story_of = dict(self.db.execute("select id, story_id from articles where id in "
                                        "(select value from json_each(?))", [json.dumps(article_ids)]))
        stories = sorted({story for story in story_of.values() if story is not None})
        members: dict[int, list[int]] = {}
        for article_id, story in self.db.execute("select id, story_id from articles where story_id in "
                                                 "(select value from json_each(?))", [json.dumps(stories)]):
            members.setdefault(story, []).append(article_id)
        return {article_id: members[story] if story is not None else [article_id]
                for article_id, story in story_of.items()}

    def _forget_days_least_used(self, keep: set) -> None:
        while len(self.index) > MAX_HELD_ARTICLES:
            day = next((day for day in self.days_read if day not in keep), None)
            if day is None:
                return  # the window alone holds more: keep it whole
            del self.days_read[day]
            self.index.forget_day(day)

    def forget(self, article_id: int) -> None:
        self.index.remove(article_id)


def forget_article(db: sqlite_utils.Database, article_id: int) -> None:
    """Before an article is deleted (write.delete_article, which has indexed every
    row for search first): its vector goes, and its story loses it (a story left
    with one article is no story)."""
    if not db["story_terms"].exists():
        return
    row = db.execute("select story_id from articles where id = ?", [article_id]).fetchone()
    db.execute("delete from story_terms where article_id = ?", [article_id])
    if row and row[0] is not None:
        db.execute("update articles set story_id = null where id = ?", [article_id])
        refresh_story(db, row[0])


# When an article was published, as a moment: times with other offsets compare as
# instants ("03:00-05:00" is after "05:24+00:00"), a day or a month alone from its start.
MOMENT = ("coalesce(julianday(published), julianday(published || '-01'), "
          "julianday(published || '-01-01'))")


def _published_at_end(db: sqlite_utils.Database, story_id: int, direction: str) -> str | None:
    """The story's first ("asc") or last ("desc") publication, as its article stores it."""
    row = db.execute(f"select published from articles where story_id = ? and published is not null "
                     f"order by {MOMENT} {direction}, id {direction} limit 1", [story_id]).fetchone()
    return row[0] if row else None


def refresh_story(db: sqlite_utils.Database, story_id: int) -> None:
    """The story's row from its articles: the earliest article's title, first and
    last publication, how many articles and outlets."""
    count, outlets = db.execute(
        "select count(*), count(distinct outlet) from articles where story_id = ?", [story_id]).fetchone()
    if count < 2:
        db.execute("update articles set story_id = null where story_id = ?", [story_id])
        db.execute("delete from stories where id = ?", [story_id])
        return
    first, last = (_published_at_end(db, story_id, direction) for direction in ("asc", "desc"))
    title = db.execute(
        "select title from articles where story_id = ? and title is not null and title != '' "
        f"order by published is null, {MOMENT}, id limit 1", [story_id]).fetchone()
    db.execute("update stories set title = ?, first_published = ?, last_published = ?, "
               "article_count = ?, outlet_count = ? where id = ?",
               [title[0] if title else None, first, last, count, outlets, story_id])
