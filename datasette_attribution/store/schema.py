"""Tables, columns and indexes: the built-in core plus every column a scorer declares."""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from urllib.request import pathname2url

import sqlite_utils

from .search import SEARCHABLE, enable_search, repair_search_index
from .stories import ensure_story_tables
from .summaries import STATE_TABLE, SUMMARISED_FILTERS, refresh_summaries, summaries_current

# Columns that exist whatever scorers are installed. Scorers add theirs to
# `articles` and `sentences` (their `columns`), the built-in ones included.
CORE_TABLES = {
    "articles": {
        "id": int, "source": str, "url": str, "outlet": str, "title": str, "byline": str,
        "published": str, "standfirst": str, "body": str, "content_hash": str,
        "paragraph_count": int, "sentence_count": int, "language": str, "story_id": int,
    },
    "paragraphs": {
        "id": int, "article_id": int, "position": int, "kind": str, "start": int, "end": int,
        "text": str,
    },
    "sentences": {
        "id": int, "article_id": int, "position": int, "paragraph": int, "start": int,
        "end": int, "text": str, "evidence": str,
    },
    "actors": {"id": int, "name": str, "kind": str, "linked_to": int, "aliases": str, "mention_count": int},
    "mentions": {
        "id": int, "sentence_id": int, "actor_id": int, "text": str, "start": int, "end": int,
        "sentiment": float, "sentiment_label": str, "sentiment_cues": str,
    },
    "quotes": {
        "id": int, "sentence_id": int, "text": str, "speaker": str, "actor_id": int,
        "anonymous": int,
    },
    # Every attribution of a sentence; offsets are into the sentence's text.
    "attributions": {
        "id": int, "sentence_id": int, "cue": str, "cue_start": int, "cue_end": int,
        "source": str, "source_start": int, "source_end": int, "source_kind": str,
        "anonymous": int, "actor_id": int, "content_start": int, "content_end": int,
    },
}
FOREIGN_KEYS = {
    "articles": [("story_id", "stories", "id")],
    "paragraphs": [("article_id", "articles", "id")],
    "sentences": [("article_id", "articles", "id")],
    "mentions": [("sentence_id", "sentences", "id"), ("actor_id", "actors", "id")],
    "quotes": [("sentence_id", "sentences", "id"), ("actor_id", "actors", "id")],
    "attributions": [("sentence_id", "sentences", "id"), ("actor_id", "actors", "id")],
}
# Every column a facet, filter or join uses; an index on a scorer's column is made
# once that column exists.
INDEXES = {
    # The last holds every column outlet_summary reads: the outlet comparison
    # reads it from the index, in outlet order, not from the articles' rows
    # (their bodies make a scan of every article take most of a second).
    # (outlet, story_id): the story facet under ?outlet= counts from the index.
    # source: `load --replace` finds the article its input made under other metadata.
    "articles": [["outlet"], ["published"], ["anonymous_share"], ["hedged_share"], ["story_id"],
                 ["outlet", "story_id"], ["source"],
                 ["outlet", "language", "sentence_count", "attributed_count", "anonymous_count",
                  "hedged_count", "quote_count", "polarity"]],
    "paragraphs": [["article_id", "position"]],
    "sentences": [["article_id", "position"], ["attribution"], ["source_kind"], ["hedged"],
                  ["is_quote"], ["hedging_score"], ["polarity"]],
    "actors": [["kind"]],
    # actor_id first, then sentence_id: the actor filter (?_actor=) reads the sentence
    # ids from the index alone, which keeps facets under it within their time limit.
    # actor_id alone lists an actor's mentions in id order: a page of them under
    # ?_outlet= too reads a few hundred, not all of the actor's sorted.
    "mentions": [["sentence_id"], ["actor_id", "sentence_id"], ["actor_id"], ["sentiment_label"]],
    "quotes": [["sentence_id"], ["actor_id"], ["speaker"]],
    "attributions": [["sentence_id"], ["actor_id"], ["source_kind"]],
    # The dashboard walks the stories largest first (web/pages/dashboard.py).
    "stories": [["article_count", "outlet_count"]],
}
OUTLET_SUMMARY = """
select
  articles.outlet,
  count(*) as articles,
  sum(articles.sentence_count) as sentences,
  sum(articles.attributed_count) as attributed,
  sum(articles.anonymous_count) as anonymous,
  round(1.0 * sum(articles.anonymous_count) / nullif(sum(articles.attributed_count), 0), 4)
    as anonymous_share,
  sum(articles.hedged_count) as hedged,
  round(1.0 * sum(articles.hedged_count) / nullif(sum(articles.sentence_count), 0), 4)
    as hedged_share,
  round(1.0 * sum(articles.quote_count) / count(*), 2) as quotes_per_article,
  round(avg(articles.polarity), 4) as polarity
from articles
where articles.language is null or articles.language = 'en'
group by articles.outlet
"""
OUTLET_SUMMARY_NEEDS = ("attributed_count", "anonymous_count", "hedged_count", "quote_count",
                        "polarity")
# What a declared Python type is stored as; lists and dicts as JSON text.
STORED_TYPES = {int: int, float: float, str: str, bool: int, list: str, dict: str}


class SchemaError(Exception):
    """A declared column cannot be stored."""


@dataclass(frozen=True)
class Layout:
    """The columns each article writes, in order: the core ones, then each scorer's
    declared ones in run order. Fields a scorer sets without declaring them are not
    stored."""

    articles: tuple[str, ...]
    sentences: tuple[str, ...]
    declared: dict  # table -> column -> Python type, every scorer's
    described_by: dict  # (table, column) -> the scorer's name

    @classmethod
    def from_scorers(cls, scorers) -> "Layout":
        declared = {"articles": {}, "sentences": {}}
        described_by = {}
        for scorer in scorers:
            for table, columns in scorer.columns.items():
                for column, kind in columns.items():
                    if kind not in STORED_TYPES:
                        raise SchemaError(f"scorer {scorer.name!r}: column {table}.{column} has "
                                          f"type {kind!r}; use int, float, str, bool, list or dict")
                    if column in CORE_TABLES[table] or (table, column) in described_by:
                        continue  # the first to declare it fills it
                    declared[table][column] = kind
                    described_by[(table, column)] = scorer.name
        return cls(
            articles=tuple(c for c in (*CORE_TABLES["articles"], *declared["articles"]) if c != "id"),
            sentences=tuple(c for c in (*CORE_TABLES["sentences"], *declared["sentences"])
                            if c not in ("id", "article_id")),
            declared=declared,
            described_by=described_by,
        )

    def row(self, table: str, fields: dict) -> tuple:
        columns = self.articles if table == "articles" else self.sentences
        types = self.declared[table]
        return tuple(_stored(fields.get(column), types.get(column)) for column in columns)


def _stored(value, kind):
    if value is None:
        return None
    if kind in (list, dict):
        return json.dumps(value, ensure_ascii=False)
    if kind is bool:
        return int(value)
    return value


# What tells a database a load wrote (any release's) from another program's with tables
# of the same names: (table, column) pairs every such database has.
LOADED_MARKS = (("articles", "content_hash"), ("sentences", "article_id"))


def reading_connection(path: str, immutable: bool = False) -> sqlite3.Connection:
    """A connection to the file at `path` that never writes. `immutable` where the
    file is served so (`datasette serve -i`): SQLite then takes no lock and opens no
    write-ahead log, so it makes no -wal or -shm file beside the database and reads a
    file on a read-only disk; it reads only what a load checkpointed, as Datasette does."""
    flag = "immutable=1" if immutable else "mode=ro"
    return sqlite3.connect(f"file:{pathname2url(os.path.abspath(path))}?{flag}", uri=True)


def open_database(path, layout: Layout | None = None) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    db.enable_wal()
    # With WAL, NORMAL keeps the database consistent after a crash and spares an
    # fsync per transaction; a crash can lose only the last articles written.
    db.execute("PRAGMA synchronous = NORMAL")
    ensure_schema(db, layout)
    repair_search_index(db)
    return db


# Datasette shows a table's columns in the order they were created: a reader
# starts from the sentence, its article and outlet (article_id shows both) and
# its evidence; where it sits in the body, last; from an article's title,
# outlet, date and scores; its bookkeeping, last.
READING_ORDER = {
    "sentences": (("id", "text", "article_id", "evidence", "attribution", "source", "hedged", "hedge_cues"),
                  ("position", "paragraph", "start", "end")),
    "articles": (("id", "title", "outlet", "published", "anonymous_share", "hedged_share", "polarity",
                  "subjectivity", "story_id", "byline", "standfirst", "body"),
                 ("language", "paragraph_count", "sentence_count", "source", "url", "content_hash")),
}


def columns_in_reading_order(table: str, layout: Layout) -> dict:
    lead, trail = READING_ORDER[table]
    columns = {**CORE_TABLES[table],
               **{c: STORED_TYPES[kind] for c, kind in layout.declared.get(table, {}).items()}}
    middle = [c for c in columns if c not in lead and c not in trail]
    order = [c for c in lead if c in columns] + middle + [c for c in trail if c in columns]
    return {c: columns[c] for c in order}


def declared_columns(layout: Layout | None = None) -> dict[str, dict]:
    """Table -> column -> SQLite type: the core tables' columns and every
    scorer's declared ones, as this release stores them."""
    tables = {name: dict(columns) for name, columns in CORE_TABLES.items()}
    if layout is not None:
        for table, columns in layout.declared.items():
            for column, kind in columns.items():
                tables[table].setdefault(column, STORED_TYPES[kind])
    return tables


def missing_columns(db: sqlite_utils.Database, layout: Layout | None = None) -> list[tuple[str, str]]:
    """(table, column) of each declared column that the database's existing
    tables lack: a database written by an earlier release, or before a scorer
    was installed. Reads only."""
    missing = []
    for table, columns in declared_columns(layout).items():
        if db[table].exists():
            existing = db[table].columns_dict
            missing += [(table, column) for column in columns if column not in existing]
    return missing


# One row per key; made with the table, and on a database that lacks them.
UNIQUE_INDEXES = {"articles": [["content_hash"]], "actors": [["name", "kind"]]}


def ensure_schema(db: sqlite_utils.Database, layout: Layout | None = None) -> None:
    """Bring the database to what this release declares, whatever release made
    it: every table, column, index, the search index and the outlet view that it
    lacks is added (declared ones: CORE_TABLES, FOREIGN_KEYS, UNIQUE_INDEXES,
    INDEXES, the scorers' columns); nothing is dropped or rewritten."""
    with db.atomic():
        ensure_story_tables(db)  # before articles, whose story_id refers to stories
        for name, columns in CORE_TABLES.items():
            if not db[name].exists():  # a table added since the database was made, too
                if name in READING_ORDER and layout is not None:
                    columns = columns_in_reading_order(name, layout)
                db[name].create(columns, pk="id", foreign_keys=FOREIGN_KEYS.get(name, []))
        references = {(table, column): (other, key) for table, keys in FOREIGN_KEYS.items()
                      for column, other, key in keys}
        declared = declared_columns(layout)
        for table, column in missing_columns(db, layout):
            if (table, column) in references:
                # sqlite-utils would rebuild the table to add a foreign key.
                other, key = references[(table, column)]
                db.execute(f"alter table [{table}] add column [{column}] integer references [{other}]([{key}])")
            else:
                db[table].add_column(column, declared[table][column])
        for table, indexes in UNIQUE_INDEXES.items():
            existing = {tuple(index.columns) for index in db[table].indexes}
            for columns in indexes:
                if tuple(columns) not in existing:
                    db[table].create_index(columns, unique=True)
        if any(not db[f"{table}_fts"].exists() for table in SEARCHABLE):
            enable_search(db)
        for table, indexes in INDEXES.items():
            present = set(db[table].columns_dict)
            existing = {tuple(index.columns) for index in db[table].indexes}
            for columns in indexes:
                if tuple(columns) not in existing and set(columns) <= present:
                    db[table].create_index(columns)
        current = db.execute("select sql from sqlite_master where name = 'outlet_summary'").fetchone()
        if ((current is None or OUTLET_SUMMARY.strip() not in current[0])
                and set(OUTLET_SUMMARY_NEEDS) <= set(db["articles"].columns_dict)):
            # Replaced when an older database holds an older definition.
            db.create_view("outlet_summary", OUTLET_SUMMARY, replace=True)
        # In the same transaction as the tables, so that a reader during a first
        # load, or after one killed at any point, meets every table the plugin
        # reads (once the scorers' columns they group by exist); and counted
        # again when an earlier release defined them otherwise.
        if not summaries_current(db) and set(SUMMARISED_FILTERS) <= set(db["sentences"].columns_dict):
            refresh_summaries(db)


# What scored the articles (resources.scoring_data_digest), kept beside the
# summaries' own state.
SCORED_WITH = "scored_with"


def recorded_scoring(db: sqlite_utils.Database) -> str | None:
    """The scoring data every article was scored with, when one release scored
    them all; None for a database of a release that did not record it."""
    if not db[STATE_TABLE].exists():
        return None
    row = db.execute(f"select value from [{STATE_TABLE}] where name = ?", [SCORED_WITH]).fetchone()
    return row[0] if row else None


def record_scoring(db: sqlite_utils.Database, digest: str) -> None:
    db.execute(f"create table if not exists [{STATE_TABLE}] (name text primary key, value text)")
    db.execute(f"insert or replace into [{STATE_TABLE}] values (?, ?)", [SCORED_WITH, digest])


__all__ = ["CORE_TABLES", "Layout", "SEARCHABLE", "open_database", "ensure_schema", "missing_columns",
           "recorded_scoring", "record_scoring"]
