"""The SQLite schema and writes (sqlite-utils). Knows nothing about Datasette."""

from __future__ import annotations

import hashlib
import json
import weakref
from contextlib import contextmanager
from dataclasses import dataclass

import sqlite_utils

from .analyze import Analysis
from .model import Article

TABLES = {
    "articles": {
        "id": int, "source": str, "url": str, "outlet": str, "title": str, "byline": str,
        "published": str, "standfirst": str, "body": str, "content_hash": str,
        "paragraph_count": int, "sentence_count": int, "attributed_count": int,
        "anonymous_count": int, "anonymous_share": float, "hedged_count": int,
        "hedged_share": float, "quote_count": int, "polarity": float, "subjectivity": float,
    },
    "paragraphs": {
        "id": int, "article_id": int, "position": int, "kind": str, "start": int, "end": int,
        "text": str,
    },
    "sentences": {
        "id": int, "article_id": int, "position": int, "paragraph": int, "start": int,
        "end": int, "text": str, "is_quote": int, "attribution": str, "source": str,
        "source_kind": str, "cue": str, "anonymous_score": float, "hedged": int,
        "hedging_score": float, "hedge_cues": str, "polarity": float, "subjectivity": float,
    },
    "actors": {"id": int, "name": str, "kind": str, "linked_to": int},
    "mentions": {
        "id": int, "sentence_id": int, "actor_id": int, "text": str, "start": int, "end": int,
        "sentiment": float,
    },
    "quotes": {
        "id": int, "sentence_id": int, "text": str, "speaker": str, "actor_id": int,
        "anonymous": int,
    },
}
FOREIGN_KEYS = {
    "paragraphs": [("article_id", "articles", "id")],
    "sentences": [("article_id", "articles", "id")],
    "mentions": [("sentence_id", "sentences", "id"), ("actor_id", "actors", "id")],
    "quotes": [("sentence_id", "sentences", "id"), ("actor_id", "actors", "id")],
}
# Every column a facet, filter or join uses.
INDEXES = {
    "articles": [["outlet"], ["published"], ["anonymous_share"], ["hedged_share"]],
    "paragraphs": [["article_id", "position"]],
    "sentences": [["article_id", "position"], ["attribution"], ["source_kind"], ["hedged"],
                  ["is_quote"], ["hedging_score"], ["polarity"]],
    "actors": [["kind"]],
    # actor_id first, then sentence_id: the actor filter (?_actor=) reads the sentence
    # ids from the index alone, which keeps facets under it within their time limit.
    "mentions": [["sentence_id"], ["actor_id", "sentence_id"]],
    "quotes": [["sentence_id"], ["actor_id"], ["speaker"]],
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
group by articles.outlet
"""


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


def content_hash(article: Article) -> str:
    """Same outlet, title and body: the same article, whatever file it came from."""
    key = json.dumps([article.outlet, article.title, article.body], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def open_database(path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    db.enable_wal()
    # With WAL, NORMAL keeps the database consistent after a crash and spares an
    # fsync per transaction; a crash can lose only the last articles written.
    db.execute("PRAGMA synchronous = NORMAL")
    ensure_schema(db)
    add_missing_indexes(db)
    if any(not db[f"{table}_fts"].exists() or f"{table}_ai" not in db.triggers_dict
           for table in SEARCHABLE):
        with db.atomic():  # a load that was killed before it could index its rows
            _index_new_rows_and_restore_triggers(db)
    return db


def add_missing_indexes(db: sqlite_utils.Database) -> None:
    """Indexes added since a database was created (once, at its next load)."""
    for table, indexes in INDEXES.items():
        existing = {tuple(index.columns) for index in db[table].indexes}
        for columns in indexes:
            if tuple(columns) not in existing:
                db[table].create_index(columns)


def ensure_schema(db: sqlite_utils.Database) -> None:
    if db["articles"].exists():
        return
    with db.atomic():
        for name, columns in TABLES.items():
            db[name].create(columns, pk="id", foreign_keys=FOREIGN_KEYS.get(name, []))
            for columns_of_index in INDEXES.get(name, []):
                db[name].create_index(columns_of_index)
        db["articles"].create_index(["content_hash"], unique=True)
        db["actors"].create_index(["name", "kind"], unique=True)
        for table, column in SEARCHABLE.items():
            db[table].enable_fts([column], create_triggers=True)
        db.create_view("outlet_summary", OUTLET_SUMMARY)


# Full-text search: table -> indexed column. Triggers keep the index in step with
# every write, but during a load the insert trigger is set aside (see below).
SEARCHABLE = {"sentences": "text", "articles": "title"}


@contextmanager
def deferred_search_index(db: sqlite_utils.Database):
    """Index the rows a load adds in one statement at its end rather than by a
    trigger per row, which cost half of the time of writing an article.

    Unindexed rows are exactly those whose id is above the largest indexed id:
    ids only grow, and an article is indexed before it is deleted (see
    delete_article). A load that is killed outright leaves its rows unindexed
    and the trigger missing; `open_database` puts both right next time.
    """
    with db.atomic():
        for table in SEARCHABLE:
            db.execute(f"drop trigger if exists [{table}_ai]")
    try:
        yield
    finally:
        with db.atomic():
            _index_new_rows_and_restore_triggers(db)


def index_new_rows(db: sqlite_utils.Database) -> None:
    for table, column in SEARCHABLE.items():
        db.execute(
            f"insert into [{table}_fts] (rowid, [{column}]) select id, [{column}] from [{table}] "
            f"where id > (select coalesce(max(id), 0) from [{table}_fts_docsize]) order by id")


def _index_new_rows_and_restore_triggers(db: sqlite_utils.Database) -> None:
    index_new_rows(db)
    for table, column in SEARCHABLE.items():
        db.execute(
            f"create trigger if not exists [{table}_ai] after insert on [{table}] begin "
            f"insert into [{table}_fts] (rowid, [{column}]) values (new.rowid, new.[{column}]); end")


def checkpoint(db: sqlite_utils.Database) -> None:
    """Fold the write-ahead log into the database file, so a read-only
    (`datasette serve -i`) or published copy of the file sees every article."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def article_id_for(db: sqlite_utils.Database, digest: str) -> int | None:
    row = db.execute("select id from articles where content_hash = ?", [digest]).fetchone()
    return row[0] if row else None


def delete_article(db: sqlite_utils.Database, article_id: int) -> None:
    # The delete triggers take rows out of the full-text index: they must be in it.
    index_new_rows(db)
    sentence_ids = "select id from sentences where article_id = ?"
    db.execute(f"delete from mentions where sentence_id in ({sentence_ids})", [article_id])
    db.execute(f"delete from quotes where sentence_id in ({sentence_ids})", [article_id])
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
    article: tuple  # the articles columns but id
    paragraphs: list[tuple]  # the paragraphs columns but id and article_id
    sentences: list[tuple]  # the sentences columns but id and article_id
    mentions: list[tuple]  # sentence position, actor, kind, linked_to, text, start, end, sentiment
    quotes: list[tuple]  # sentence position, text, speaker, speaker's full name, anonymous


def _columns(table: str, *left_out: str) -> tuple[str, ...]:
    return tuple(c for c in TABLES[table] if c not in ("id", *left_out))


# The columns written for each article, in order.
ARTICLE_COLUMNS = _columns("articles")
PARAGRAPH_COLUMNS = _columns("paragraphs", "article_id")
SENTENCE_COLUMNS = _columns("sentences", "article_id")
MENTION_COLUMNS = _columns("mentions")
QUOTE_COLUMNS = _columns("quotes")


def article_rows(article: Article, analysis: Analysis) -> ArticleRows:
    digest = content_hash(article)
    fields = {"source": article.source, "url": article.url, "outlet": article.outlet,
              "title": article.title, "byline": article.byline, "published": article.published,
              "standfirst": article.standfirst, "body": article.body, "content_hash": digest,
              "paragraph_count": len(article.paragraphs), **analysis.summary}
    paragraph_fields = [
        {"position": index, "kind": paragraph.kind, "start": offset,
         "end": offset + len(paragraph.text), "text": paragraph.text}
        for index, paragraph, offset in article.paragraph_offsets()]
    sentence_fields = [{**sentence, "hedge_cues": json.dumps(sentence.get("hedge_cues") or [])}
                       for sentence in analysis.sentences]
    return ArticleRows(
        content_hash=digest,
        sentence_count=analysis.summary["sentence_count"],
        article=tuple(fields.get(c) for c in ARTICLE_COLUMNS),
        paragraphs=[tuple(p.get(c) for c in PARAGRAPH_COLUMNS) for p in paragraph_fields],
        sentences=[tuple(s.get(c) for c in SENTENCE_COLUMNS) for s in sentence_fields],
        mentions=[(sentence["position"], m["actor"], m.get("kind"), m.get("linked_to"), m["text"],
                   m["start"], m["end"], m.get("sentiment"))
                  for sentence in analysis.sentences for m in sentence.get("mentions", [])],
        quotes=[(q["sentence_position"], q["text"], q.get("speaker"), q.get("speaker_person"),
                 q.get("anonymous", 0)) for q in analysis.quotes],
    )


def write_article(db: sqlite_utils.Database, rows: ArticleRows, replace: bool = False) -> str:
    """Store one article and everything scored on it, all or nothing: in its own
    transaction, or in a savepoint of the caller's (a load commits every few
    articles).

    Returns "added", "replaced" or "skipped" (already loaded and not `replace`).
    """
    try:
        return _write(db, rows, replace)
    except Exception:
        _actor_ids.pop(db, None)  # ids cached inside the rolled-back transaction
        raise


def _write(db, rows: ArticleRows, replace: bool) -> str:
    with db.atomic():
        existing = article_id_for(db, rows.content_hash)
        if existing is not None and not replace:
            return "skipped"
        if existing is not None:
            delete_article(db, existing)
        article_id = _insert(db, "articles", ARTICLE_COLUMNS, [rows.article])
        _insert(db, "paragraphs", ("article_id", *PARAGRAPH_COLUMNS),
                [(article_id, *row) for row in rows.paragraphs])
        _insert(db, "sentences", ("article_id", *SENTENCE_COLUMNS),
                [(article_id, *row) for row in rows.sentences])
        sentence_ids = dict(db.execute("select position, id from sentences where article_id = ?",
                                       [article_id]).fetchall())
        mentions = []
        for position, actor, kind, linked_to, text, start, end, sentiment in rows.mentions:
            actor_id = actor_id_for(db, actor, kind)
            if linked_to:
                db.execute("update actors set linked_to = ? where id = ?",
                           [actor_id_for(db, linked_to, "person"), actor_id])
            mentions.append((sentence_ids[position], actor_id, text, start, end, sentiment))
        _insert(db, "mentions", MENTION_COLUMNS, mentions)
        _insert(db, "quotes", QUOTE_COLUMNS, [
            (sentence_ids[position], text, speaker,
             actor_id_for(db, person, "person") if person else None, anonymous)
            for position, text, speaker, person, anonymous in rows.quotes])
    return "replaced" if existing is not None else "added"


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


# Actor ids by (name, kind) for each open database: most mentions name an actor
# already seen in this load.
_actor_ids: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def actor_id_for(db: sqlite_utils.Database, name: str, kind: str | None) -> int:
    cache = _actor_ids.setdefault(db, {})
    key = (name, kind)
    if key not in cache:
        cache[key] = _actor_id_from_table(db, name, kind)
    return cache[key]


def _actor_id_from_table(db: sqlite_utils.Database, name: str, kind: str | None) -> int:
    """The actor's id, created if new. A person named by surname alone ("Obama")
    is the one person in the corpus with that surname, where there is just one."""
    row = db.execute(
        "select id from actors where name = ? and kind is ?", [name, kind]
    ).fetchone()
    if row:
        return row[0]
    if kind == "person" and " " not in name:
        rows = db.execute(
            "select id from actors where kind = 'person' and name like ?", [f"% {name}"]
        ).fetchall()
        if len(rows) == 1:
            return rows[0][0]
    return _insert(db, "actors", ("name", "kind"), [(name, kind)])
