"""Tables, columns and indexes: the built-in core plus every column a scorer declares."""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlite_utils

from .search import SEARCHABLE, enable_search, repair_search_index
from .stories import ensure_story_tables
from .summaries import SUMMARISED_FILTERS, SUMMARY_TABLES, refresh_summaries

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
    "actors": {"id": int, "name": str, "kind": str, "linked_to": int},
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
    "articles": [["outlet"], ["published"], ["anonymous_share"], ["hedged_share"], ["story_id"]],
    "paragraphs": [["article_id", "position"]],
    "sentences": [["article_id", "position"], ["attribution"], ["source_kind"], ["hedged"],
                  ["is_quote"], ["hedging_score"], ["polarity"]],
    "actors": [["kind"]],
    # actor_id first, then sentence_id: the actor filter (?_actor=) reads the sentence
    # ids from the index alone, which keeps facets under it within their time limit.
    "mentions": [["sentence_id"], ["actor_id", "sentence_id"], ["sentiment_label"]],
    "quotes": [["sentence_id"], ["actor_id"], ["speaker"]],
    "attributions": [["sentence_id"], ["actor_id"], ["source_kind"]],
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
# starts from the sentence and its evidence; where it sits in the body, last;
# from an article's title, outlet, date and scores; its bookkeeping, last.
READING_ORDER = {
    "sentences": (("id", "text", "evidence", "attribution", "source", "hedged", "hedge_cues"),
                  ("article_id", "position", "paragraph", "start", "end")),
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


def ensure_schema(db: sqlite_utils.Database, layout: Layout | None = None) -> None:
    """The core tables, then every declared column (added to an existing database),
    the indexes and the outlet view once their columns exist."""
    with db.atomic():
        new = not db["articles"].exists()
        ensure_story_tables(db)  # before articles, whose story_id refers to stories
        for name, columns in CORE_TABLES.items():
            if not db[name].exists():  # a table added since the database was made, too
                if name in READING_ORDER and layout is not None:
                    columns = columns_in_reading_order(name, layout)
                db[name].create(columns, pk="id", foreign_keys=FOREIGN_KEYS.get(name, []))
                continue
            existing = db[name].columns_dict
            for column, kind in columns.items():  # and a column added since
                if column == "story_id" and column not in existing:
                    # sqlite-utils would rebuild the table to add the foreign key.
                    db.execute("alter table articles add column story_id integer references stories(id)")
                elif column not in existing:
                    db[name].add_column(column, kind)
        if new:
            db["articles"].create_index(["content_hash"], unique=True)
            db["actors"].create_index(["name", "kind"], unique=True)
            enable_search(db)
        if layout is not None:
            for table, columns in layout.declared.items():
                existing = db[table].columns_dict
                for column, kind in columns.items():
                    if column not in existing:
                        db[table].add_column(column, STORED_TYPES[kind])
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
        # reads (once the scorers' columns they group by exist).
        if (not all(db[name].exists() for name in SUMMARY_TABLES)
                and set(SUMMARISED_FILTERS) <= set(db["sentences"].columns_dict)):
            refresh_summaries(db)


__all__ = ["CORE_TABLES", "Layout", "SEARCHABLE", "open_database", "ensure_schema"]
