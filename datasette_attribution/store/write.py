"""Writing one scored article: its rows, built where it was scored, then written all
or nothing. Knows nothing about Datasette or about how the scores were made."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import weakref
from dataclasses import dataclass, replace as with_changes
from enum import Enum

import sqlite_utils

from ..records import Article
from ..grouping import meaning_bytes, meaning_from_bytes, names_from_json, names_json, names_of, term_vector
from ..extract.fields import outlet_key
from .schema import CORE_TABLES, Layout
from .search import index_new_rows
from .stories import StoryGrouper, forget_article


class Outcome(str, Enum):
    """What writing one article did (write_article); a LoadReport counts each."""

    ADDED = "added"
    REPLACED = "replaced"
    SKIPPED = "skipped"  # already loaded, and not `replace`


def content_hash(article: Article) -> str:
    """Same outlet, title and body: the same article, whatever file it came from."""
    return _hash_of(article.outlet, article.title, article.body)


def _hash_of(outlet: str | None, title: str | None, body: str) -> str:
    key = json.dumps([outlet, title, body], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def is_disk_full(error: BaseException) -> bool:
    """SQLite could not grow the database or its log: the disk is full, or the
    file reached a size limit (PRAGMA max_page_count)."""
    if not isinstance(error, sqlite3.Error):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF == sqlite3.SQLITE_FULL
    return "database or disk is full" in str(error)


def checkpoint(db: sqlite_utils.Database) -> bool:
    """Fold the write-ahead log into the database file, so a read-only
    (`datasette serve -i`) or published copy of the file sees every article;
    False when a reader holding the file open kept part of it in the log."""
    busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return busy == 0


def article_id_for(db: sqlite_utils.Database, digest: str) -> int | None:
    row = db.execute("select id from articles where content_hash = ?", [digest]).fetchone()
    return row[0] if row else None


def delete_article(db: sqlite_utils.Database, article_id: int) -> None:
    # The delete triggers take rows out of the full-text index: they must be in it.
    index_new_rows(db)
    forget_article(db, article_id)
    sentence_ids = "select id from sentences where article_id = ?"
    db.execute(f"delete from mentions where sentence_id in ({sentence_ids})", [article_id])
    db.execute(f"delete from quotes where sentence_id in ({sentence_ids})", [article_id])
    db.execute(f"delete from attributions where sentence_id in ({sentence_ids})", [article_id])
    db.execute("delete from sentences where article_id = ?", [article_id])
    db.execute("delete from paragraphs where article_id = ?", [article_id])
    db.execute("delete from articles where id = ?", [article_id])


@dataclass
class ArticleRows:
    """One article and everything scored on it as rows of the tables, built where
    the article was scored (a worker process of a load), so that the writing
    process only writes: plain tuples also cross between processes several times
    faster than the scorers' dicts. Ids are not known yet: rows leave out the
    columns that point to their article, and mentions and quotes name their
    sentence by position."""

    content_hash: str
    sentence_count: int
    language: str | None  # scored when English (analyze.is_scored)
    article_columns: tuple[str, ...]  # the layout's, which the writer inserts by name
    sentence_columns: tuple[str, ...]
    article: tuple  # the articles columns but id
    paragraphs: list[tuple]  # the paragraphs columns but id and article_id
    sentences: list[tuple]  # the sentences columns but id and article_id
    # sentence position, actor, kind, linked_to, text, start, end, sentiment, sentiment_label,
    # sentiment_cues (JSON)
    mentions: list[tuple]
    quotes: list[tuple]  # sentence position, text, speaker, speaker's full name, anonymous
    # sentence position, the actor (name, kind) or None, then ATTRIBUTION_FIELDS
    attributions: list[tuple]
    published: str | None = None
    story_vector: dict | None = None  # stories.term_vector of its title and opening
    story_meaning: bytes | None = None  # its lead's meaning (analysis.meaning), as stored
    story_names: str | None = None  # what its title and lead name (grouping.names_json), as stored


def _columns(table: str, *left_out: str) -> tuple[str, ...]:
    return tuple(c for c in CORE_TABLES[table] if c not in ("id", *left_out))


# The columns of the row tables, in the order they are written.
PARAGRAPH_COLUMNS = _columns("paragraphs", "article_id")
MENTION_COLUMNS = _columns("mentions")
QUOTE_COLUMNS = _columns("quotes")
ATTRIBUTION_FIELDS = _columns("attributions", "sentence_id", "actor_id")


def evidence(sentence: dict) -> str:
    """What the sentence's cell marks, as JSON kept on its row: its mentions and
    attributions with their actors' names, so that a page of sentences is drawn
    from its rows alone (the mentions and attributions tables stay the ones to
    query)."""
    return json.dumps({
        "mentions": [{"actor": m["actor"], "start": m["start"], "end": m["end"],
                      "sentiment": m.get("sentiment"), "sentiment_label": m.get("sentiment_label"),
                      "sentiment_cues": m.get("sentiment_cues") or []}
                     for m in sentence.get("mentions", [])],
        # An attribution's actor is (name, kind) or None.
        "attributions": [{**{c: a.get(c) for c in ATTRIBUTION_FIELDS},
                          "actor": a["actor"][0] if a.get("actor") else None}
                         for a in sentence.get("attributions", [])],
    }, ensure_ascii=False, separators=(",", ":"))


def article_rows(article: Article, analysis, layout: Layout) -> ArticleRows:
    """The rows of one article and its analysis (analyze.Analysis): the columns
    the layout names, and the built-in scorers' row tables."""
    digest = content_hash(article)
    fields = {"source": article.source, "url": article.url, "outlet": article.outlet,
              "title": article.title, "byline": article.byline, "published": article.published,
              "standfirst": article.standfirst, "body": article.body, "content_hash": digest,
              "language": article.language,
              "paragraph_count": len(article.paragraphs), **analysis.summary}
    paragraph_fields = [
        {"position": index, "kind": paragraph.kind, "start": offset,
         "end": offset + len(paragraph.text), "text": paragraph.text}
        for index, paragraph, offset in article.paragraph_offsets()]
    return ArticleRows(
        content_hash=digest,
        language=article.language,
        sentence_count=len(analysis.sentences),
        sentence_columns=layout.sentences,
        article_columns=layout.articles,
        article=layout.row("articles", fields),
        paragraphs=[tuple(p.get(c) for c in PARAGRAPH_COLUMNS) for p in paragraph_fields],
        sentences=[layout.row("sentences", {**sentence, "evidence": evidence(sentence)})
                   for sentence in analysis.sentences],
        mentions=[(sentence["position"], m["actor"], m.get("kind"), m.get("linked_to"), m["text"],
                   m["start"], m["end"], m.get("sentiment"), m.get("sentiment_label"),
                   json.dumps(m.get("sentiment_cues") or [], ensure_ascii=False))
                  for sentence in analysis.sentences for m in sentence.get("mentions", [])],
        quotes=[(q["sentence_position"], q["text"], q.get("speaker"), q.get("speaker_person"),
                 q.get("anonymous", 0)) for q in analysis.quotes],
        attributions=[(sentence["position"], a.get("actor"), *(a.get(c) for c in ATTRIBUTION_FIELDS))
                      for sentence in analysis.sentences for a in sentence.get("attributions", [])],
        published=article.published,
        story_vector=term_vector(article.title, article.body),
        story_meaning=meaning_bytes(analysis.meaning),
        story_names=names_json(names_of(analysis.lead_entities)) if analysis.lead_entities else None,
    )


def write_article(db: sqlite_utils.Database, rows: ArticleRows, replace: bool = False,
                  stories: StoryGrouper | None = None) -> Outcome:
    """Store one article and everything scored on it, all or nothing: in its own
    transaction, or in a savepoint of the caller's (a load commits every few
    articles). With `stories`, the article joins its story in the same savepoint.

    Returns Outcome.ADDED, REPLACED or SKIPPED (already loaded and not `replace`).
    """
    try:
        return _write(db, rows, replace, stories)
    except BaseException:  # an error, or Ctrl+C: its savepoint rolled back
        forget_cached_rows(db)
        raise


def forget_cached_rows(db: sqlite_utils.Database) -> None:
    """After a rollback: the actor ids and outlet names cached inside the rolled-back
    transaction are read from the table again (a later load of the same open
    database would otherwise give mentions the id of an actor never stored)."""
    _actor_ids.pop(db, None)
    _outlets.pop(db, None)


_outlets: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def known_outlet(db: sqlite_utils.Database, outlet: str | None) -> str | None:
    """One name per outlet in a database: the spelling first stored for it, whatever
    the case or the domain form of a later one ("Politifact", "politifact.com" after
    "PolitiFact"). Rows already stored are never renamed (the summaries count them)."""
    if not outlet:
        return outlet
    cache = _outlets.get(db)
    if cache is None:
        cache = {}
        if db["articles"].exists():
            for (name,) in db.execute("select distinct outlet from articles where outlet is not null"):
                cache.setdefault(outlet_key(name), name)
        _outlets[db] = cache
    key = outlet_key(outlet)
    stored = cache.get(key)
    if stored is None:
        cache[key] = stored = outlet
    return stored


def _under_known_outlet(db, rows: ArticleRows) -> ArticleRows:
    """The rows under their outlet's name as the database first stored it, and hashed
    so: "Breitbart" after "breitbart" is the same outlet, and its article the same
    article (hashed as written, it would be stored twice). An outlet's first spelling
    keeps the hash it was scored with, so earlier loads' hashes still match."""
    columns = rows.article_columns
    if "outlet" not in columns:
        return rows
    at = columns.index("outlet")
    stored = known_outlet(db, rows.article[at])
    if stored == rows.article[at]:
        return rows
    digest = _hash_of(stored, rows.article[columns.index("title")], rows.article[columns.index("body")])
    article = list(rows.article)
    article[at], article[columns.index("content_hash")] = stored, digest
    return with_changes(rows, article=tuple(article), content_hash=digest)


def _write(db, rows: ArticleRows, replace: bool, stories: StoryGrouper | None) -> Outcome:
    with db.atomic():
        rows = _under_known_outlet(db, rows)
        existing = article_id_for(db, rows.content_hash)
        if existing is not None and not replace:
            return Outcome.SKIPPED
        if existing is None and replace:
            existing = _same_input(db, rows)
        if existing is not None:
            delete_article(db, existing)
            if stories is not None:
                stories.forget(existing)
        article_id = _insert(db, "articles", rows.article_columns, [rows.article])
        _insert(db, "paragraphs", ("article_id", *PARAGRAPH_COLUMNS),
                [(article_id, *row) for row in rows.paragraphs])
        _insert(db, "sentences", ("article_id", *rows.sentence_columns),
                [(article_id, *row) for row in rows.sentences])
        sentence_ids = dict(db.execute("select position, id from sentences where article_id = ?",
                                       [article_id]).fetchall())
        mentions = []
        for position, actor, kind, linked_to, text, start, end, sentiment, label, cues in rows.mentions:
            actor_id = actor_id_for(db, actor, kind)
            if linked_to:
                db.execute("update actors set linked_to = ? where id = ?",
                           [actor_id_for(db, linked_to, None), actor_id])
            mentions.append((sentence_ids[position], actor_id, text, start, end, sentiment, label, cues))
        _insert(db, "mentions", MENTION_COLUMNS, mentions)
        _insert(db, "quotes", QUOTE_COLUMNS, [
            (sentence_ids[position], text, speaker,
             actor_id_for(db, person, None) if person else None, anonymous)
            for position, text, speaker, person, anonymous in rows.quotes])
        _insert(db, "attributions", ("sentence_id", "actor_id", *ATTRIBUTION_FIELDS), [
            (sentence_ids[position], actor_id_for(db, *actor) if actor else None, *fields)
            for position, actor, *fields in rows.attributions])
        if stories is not None:
            stories.place(article_id, rows.published, rows.story_vector or {},
                          meaning_from_bytes(rows.story_meaning), names_from_json(rows.story_names))
    return Outcome.REPLACED if existing is not None else Outcome.ADDED


def _same_input(db, rows: ArticleRows) -> int | None:
    """The stored article the same input made, with the same body and outlet (or none
    stored), under another title or byline: what `--replace --title ...` or `--outlet`
    for a page that named none corrects. One article, not a second copy of it. Another
    outlet's is another article: the same wire story syndicated under the same file or
    record name stays twice."""
    article = dict(zip(rows.article_columns, rows.article, strict=True))
    if not article.get("source"):
        return None
    row = db.execute("select id from articles where source = ? and body = ? "
                     "and (outlet is null or lower(outlet) = lower(?)) order by id limit 1",
                     [article["source"], article["body"], article.get("outlet")]).fetchone()
    return row[0] if row else None


def _insert(db, table: str, columns: tuple[str, ...], values: list[tuple]) -> int | None:
    """Rows of one table in one statement (sqlite-utils' insert looks the table
    up again on every call); a single row's id."""
    if not values:
        return None
    names = ", ".join(f"[{c}]" for c in columns)
    sql = f"insert into [{table}] ({names}) values ({', '.join('?' * len(columns))})"
    if len(values) == 1:
        return db.conn.execute(sql, values[0]).lastrowid
    db.conn.executemany(sql, values)
    return None


# Actor ids by name for each open database: most mentions name an actor already
# seen in this load.
_actor_ids: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def actor_id_for(db: sqlite_utils.Database, name: str, kind: str | None) -> int:
    """The id of the actor `name`, created if new. Resolution gives each mention
    its entity's kind as it stands: an actor whose kind the evidence has changed
    takes it at once (a load killed before the end leaves the kinds it had)."""
    cache = _actor_ids.setdefault(db, {})
    if name not in cache:
        cache[name] = _actor_id_from_table(db, name, kind)
    actor_id, stored_kind = cache[name]
    if kind is not None and kind != stored_kind:
        db.execute("update actors set kind = ? where id = ?", [kind, actor_id])
        cache[name] = (actor_id, kind)
    return actor_id


def forget_actor_ids(db: sqlite_utils.Database) -> None:
    """After actors were joined or deleted: their ids are looked up again."""
    _actor_ids.pop(db, None)


def _actor_id_from_table(db: sqlite_utils.Database, name: str, kind: str | None) -> tuple[int, str | None]:
    """(id, kind) of the actor, created if new: one actor per name. Which entity a
    mention is, and so its name, is resolution's decision (resolution.py), not the store's."""
    row = db.execute("select id, kind from actors where name = ? order by id limit 1", [name]).fetchone()
    if row:
        return row[0], row[1]
    return _insert(db, "actors", ("name", "kind"), [(name, kind)]), kind
