"""read -> extract -> segment -> parse + encode -> analyze -> resolve -> store, one document at a time.

Scoring (parse and encoding included) runs in worker processes when there are several
(execute/local.py), or on a Dask cluster (execute/cluster.py); only table rows cross back
to the one process that writes, which resolves their names to the corpus' entities
(resolution.py) and writes them."""

from __future__ import annotations

import os
import sqlite3
from collections import Counter
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace as with_changes
from functools import lru_cache
from typing import Iterator, Mapping

import sqlite_utils
import threadpoolctl

from .analyze import (
    DEFAULT_SETTINGS,
    ScorerFailed,
    Settings,
    analyze_article,
    check_pipeline,  # noqa: F401 (the command line and tests call it from here)
    check_settings,
    scorers,
)
from .execute import local
from .ingest.formats import to_article as clean_article
from .ingest.sources import DEFAULT_MAX_BYTES, read_documents
from .records import Article, LoadError, Paragraph, RawDocument
from .encoder import EncoderError  # noqa: F401 (the command line catches it from here)
from .nlp import PipelineError  # noqa: F401 (the command line catches it from here)
from .resources import ModelFileError  # noqa: F401 (the command line catches it from here)
from .resources import scoring_data_digest
from .store import (
    CORE_TABLES,
    LOADED_MARKS,
    Layout,
    Outcome,
    article_rows,
    checkpoint,
    content_hash,
    deferred_search_index,
    ensure_schema,
    forget_cached_rows,
    index_new_rows,
    is_disk_full,
    missing_columns,
    reading_connection,
    record_scoring,
    recorded_scoring,
    refresh_summaries,
    update_summaries,
    write_article,
)
from .store import open_database as open_store
from .store.load_lock import DatabaseBusy, exclusive_load  # noqa: F401 (the command line catches it from here)
from .resolution import Resolver
from .store.actors import apply_settlement, begin_load, last_actor_id, left_unsettled, stored_actors
from .store.name_evidence import NameEvidence
from .store.stories import StoryGrouper, begin_rescore, end_rescore, rescore_begun
from .grouping import DEFAULT_THRESHOLD as DEFAULT_STORY_THRESHOLD
from .grouping import DEFAULT_WINDOW_DAYS as DEFAULT_STORY_WINDOW
from .text.characters import has_words
from .text.language import ENGLISH, detect_language

# Articles written between commits: each commit appends every changed page of the
# seven sentence indexes to the log, a quarter of the writing time when done per
# article. Each article still writes inside its own savepoint (write_article),
# so a failing one leaves nothing behind and the others stay; a load killed
# outright loses at most this many finished articles, which a rerun adds.
ARTICLES_PER_COMMIT = 50
OVERRIDABLE = ("outlet", "published", "byline", "title", "url")


@dataclass(frozen=True, kw_only=True)
class ScoringOptions:
    """How a load or a rescore scores: in `workers` processes (or on the Dask
    cluster at `cluster`: a scheduler's address, or "local"), parsed by the spaCy
    pipeline `model` (default: nlp.DEFAULT_PIPELINES), with extra actor
    `alias_files` (lexicons/aliases.txt's format); each new article is compared with
    those published within `story_window` days and joins a story whose articles
    there reach `story_threshold` (grouping.py)."""

    workers: int = 1
    model: str | None = None
    alias_files: tuple[str, ...] = ()
    story_window: int = DEFAULT_STORY_WINDOW
    story_threshold: float = DEFAULT_STORY_THRESHOLD
    cluster: str | None = None

    @property
    def settings(self) -> Settings:
        return Settings(model=self.model, alias_files=tuple(self.alias_files))


@dataclass(frozen=True, kw_only=True)
class LoadOptions(ScoringOptions):
    """A load's scoring options, and how it reads: `replace` rescores and rewrites
    articles already stored; files are read in `encoding`; pages, JSON files and
    records over `max_bytes` are refused; `overrides` (outlet, byline, title, url,
    published) are set on every article where not None."""

    replace: bool = False
    encoding: str = "utf-8"
    overrides: Mapping[str, str | None] = field(default_factory=dict)
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass
class LoadReport:
    added: int = 0
    replaced: int = 0
    skipped: int = 0
    sentences: int = 0
    unscored: Counter = field(default_factory=Counter)  # language -> articles stored unscored
    errors: list[LoadError] = field(default_factory=list)
    committed: int = 0  # articles added or replaced and committed so far
    log_left: bool = False  # a reader kept the write-ahead log from being folded into the file

    @property
    def failed(self) -> int:
        return len(self.errors)

    def summary_line(self) -> str:
        line = (f"{counted(self.added, 'article')} added, {self.replaced} replaced, {self.skipped} skipped "
                f"(already loaded), {self.failed} failed; {counted(self.sentences, 'sentence')}")
        if self.unscored:
            languages = ", ".join(f"{language} {count}" for language, count in sorted(self.unscored.items()))
            line += f"; {sum(self.unscored.values())} not scored (not English: {languages})"
        return line


class DiskFullError(Exception):
    """The database could not grow: the disk is full, or the file reached a size
    limit. What was committed before stays whole; the batch being written was
    rolled back; a rerun adds the rest."""

    def __init__(self, committed: int, all_written: bool = False):
        articles = "1 article was" if committed == 1 else f"{committed} articles were"
        if all_written:  # what filled it was the search triggers or folding the log into the file
            message = (f"every article was committed ({committed}), but there was no room left to fold "
                       "the write-ahead log into the file; free some space and run the same command again "
                       "to finish (it adds nothing)")
        else:
            # What was committed may still be in the write-ahead log alone: the
            # file by itself is then empty, and an immutable server ignores logs.
            message = (f"{articles} committed before it filled, the rest were not; free some space and "
                       "run the same command again to add the rest (the articles committed are skipped). "
                       "Until then they may be in the write-ahead log beside the file (its -wal): copy or "
                       "move the two together, and serve it without -i")
        super().__init__(f"the disk is full (or the database reached its size limit): {message}")
        self.committed = committed


def layout() -> Layout:
    """The columns the registered scorers declare, in the order they are written."""
    return _layout_of(scorers())


@lru_cache(maxsize=4)
def _layout_of(registered: tuple) -> Layout:
    return Layout.from_scorers(registered)


def open_database(path):
    """The database at `path` with every registered scorer's columns."""
    return open_store(path, layout())


def scored_earlier(path) -> tuple[int, list[tuple[str, str]], bool]:
    """How many articles of the database at `path` want `rescore`, the columns
    this release's scorers store that it lacks, and whether an earlier release
    scored them (other model files or lexicons, or before the database recorded
    them: all or none) rather than only lacking the columns of a scorer
    installed since; (0, [], False) when none does. Read only."""
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return 0, [], False
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        existing = sqlite_utils.Database(conn)
        if not existing["articles"].exists():
            return 0, [], False
        earlier = recorded_scoring(existing) != scoring_data_digest()
        missing = missing_columns(existing, layout())
        if not earlier and not missing:
            return 0, [], False
        return conn.execute("select count(*) from articles").fetchone()[0], missing, earlier
    finally:
        conn.close()


@contextmanager
def database_for_load(path, wait: bool = True, on_wait=None, on_upgrade=None):
    """The database at `path` (open_database), held for this load alone: when
    another load writes it, wait for that load to end (calling `on_wait()` once
    first), or raise DatabaseBusy with `wait` false, before anything is written.
    A database holding articles an earlier release scored, or lacking the
    columns of a scorer installed since, is brought up to date (columns, tables,
    indexes: store.ensure_schema) after `on_upgrade(articles, missing, earlier)`
    (scored_earlier's). Closed at the end, then released
    (store/load_lock.py says why in that order)."""
    with exclusive_load(path, wait, on_wait):
        if on_upgrade is not None:
            articles, missing, earlier = scored_earlier(path)
            if articles:
                on_upgrade(articles, missing, earlier)
        db = open_database(path)
        try:
            yield db
        finally:
            db.close()


def holds_articles(path: str) -> bool:
    """Whether the SQLite file at `path` has the articles table a load makes (read
    without writing: another program's database is left as it is)."""
    for immutable in (False, True):  # a folder that allows no -shm file beside the database: read as is
        try:
            with closing(reading_connection(path, immutable=immutable)) as conn:
                return all(conn.execute("select 1 from pragma_table_info(?) where name = ?", mark).fetchone()
                           for mark in LOADED_MARKS)
        except sqlite3.OperationalError:
            continue
        except sqlite3.Error:
            return False
    return False


def holds_tables(path: str) -> bool:
    """Whether the SQLite file at `path` holds any table (read without writing)."""
    return bool(tables_in(path))


def tables_in(path: str) -> list[str]:
    """The names of the tables the SQLite file at `path` holds (read without writing)."""
    try:
        with closing(reading_connection(path)) as conn:
            return [name for (name,) in conn.execute("select name from sqlite_master where type = 'table' "
                                                      "order by name")]
    except sqlite3.Error:
        return []


def articles_besides(path: str, sources: list[str]) -> int:
    """How many articles the file at `path` holds whose source is none of `sources`
    (read without writing)."""
    with closing(reading_connection(path)) as conn:
        marks = ", ".join("?" * len(sources))
        return conn.execute(f"select count(*) from articles where source not in ({marks})", sources).fetchone()[0]


def tables_of_another_program(path: str) -> list[str]:
    """The tables of the file at `path` that have the names of the package's tables
    but were not made by a load ("articles" of another program's database): a load
    would add its columns to them."""
    if holds_articles(path):
        return []
    return [name for name in tables_in(path) if name in CORE_TABLES]


def counted(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def to_article(raw: RawDocument, overrides: dict) -> Article:
    if raw.fields and any(overrides.get(name) for name in raw.fields):
        # A field the command line gives for every article is never read from the record.
        raw = with_changes(raw, fields={k: v for k, v in raw.fields.items() if not overrides.get(k)})
    article = clean_article(raw)
    for name in OVERRIDABLE:
        if overrides.get(name):
            setattr(article, name, overrides[name])
    if not any(p.kind == "text" and has_words(p.text) for p in article.paragraphs):
        raise LoadError(raw.location, "no article text")
    return article


@dataclass(frozen=True)
class StoredArticle:
    """An article read back from a database, to be scored again (rescore)."""

    location: str  # articles/ID
    article: Article


def stored_articles(path, through: int) -> Iterator[StoredArticle]:
    """Every article of the database at `path` up to the id `through`, as it was
    stored (metadata and paragraphs), in id order. Through a connection of its own:
    the load's is writing (and rewriting these articles under new ids: the ids to
    read are taken first), and a pool of workers reads its input from another thread."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    try:
        ids = [article_id for (article_id,) in conn.execute("select id from articles where id <= ? order by id",
                                                            [through])]
        for article_id in ids:
            row = conn.execute("select source, url, outlet, title, byline, published, standfirst, language "
                               "from articles where id = ?", [article_id]).fetchone()
            paragraphs = [Paragraph(text, kind) for kind, text in conn.execute(
                "select kind, text from paragraphs where article_id = ? order by position", [article_id])]
            source, url, outlet, title, byline, published, standfirst, language = row
            yield StoredArticle(f"articles/{article_id}", Article(
                source=source, paragraphs=paragraphs, title=title, outlet=outlet, url=url, byline=byline,
                published=published, standfirst=standfirst, language=language))
    finally:
        conn.close()


@dataclass(frozen=True)
class Job:
    """What every document of a load is prepared with. `loaded` holds the first
    half of each loaded article's content hash: an article already in the
    database is recognised before it is scored, not after."""

    overrides: dict
    settings: Settings = DEFAULT_SETTINGS
    loaded: frozenset = frozenset()


ALREADY_LOADED = "already loaded"


def hash_key(digest: str) -> bytes:
    return bytes.fromhex(digest[:32])  # 128 bits in 16 bytes: collisions out of reach, a small set


def prepare(item, job: Job):
    """Everything but the write, for one document: (location, ArticleRows),
    (location, LoadError) or (location, ALREADY_LOADED). Runs in a worker
    process when there are several."""
    if isinstance(item, LoadError):
        return item.location, item
    try:
        article = item.article if isinstance(item, StoredArticle) else to_article(item, job.overrides)
        if hash_key(content_hash(article)) in job.loaded:
            return item.location, ALREADY_LOADED
        return item.location, article_rows(article, analyze_article(article, job.settings), layout())
    except LoadError as error:
        return item.location, error
    except ScorerFailed as error:
        return item.location, LoadError(item.location, str(error))
    except Exception as error:  # one broken document never stops the load
        return item.location, LoadError(item.location, f"{type(error).__name__}: {error}")


def warm_up(settings: Settings = DEFAULT_SETTINGS) -> None:
    """Load the spaCy pipeline, the sentence encoder, every lexicon and every model
    (an actor, a hedge cue, a source, a quotation, the language detector): in this
    process once, not in each worker. And one BLAS thread for numpy: a load scores
    in a process per core, and small matrix products spread over threads on top of
    that only make every core wait (a sentence's sentiment took 18 ms instead of
    4.6 beside a busy process)."""
    threadpoolctl.threadpool_limits(limits=1, user_api="blas")
    detect_language("The minister said the talks would resume on Monday, officials said. " * 2)
    analyze_article(Article(source="warm-up", paragraphs=[
        Paragraph('President Barack Obama may visit Iran, officials said. "We will see," he said.')]),
        settings)


def _warm_up_worker(job: Job) -> None:
    warm_up(job.settings)


def _failed_on_cluster(item, reason: str):
    return item.location, LoadError(item.location, reason)


def prepared_on_cluster(documents, job: Job, address: str, workers: int):
    """Prepared documents in input order, scored on the Dask cluster at `address`
    ("local": `workers` processes on this machine)."""
    from .execute import cluster

    if address == cluster.LOCAL:
        warm_up(job.settings)  # before the local workers are forked from this process
    client, local_cluster = cluster.connect(address, workers)
    try:
        yield from cluster.mapped_in_order(client, prepare, documents, job, failed=_failed_on_cluster,
                                           set_up=_warm_up_worker)
    finally:
        client.close()
        if local_cluster is not None:
            local_cluster.close()


def prepared(documents, job: Job, workers: int, cluster: str | None = None):
    """Prepared documents (raw documents, read errors or stored articles) in input
    order: from the Dask cluster at `cluster` when given, else from `workers`
    processes when more than one."""
    if cluster:
        yield from prepared_on_cluster(documents, job, cluster, workers)
        return
    if workers <= 1:
        yield from (prepare(document, job) for document in documents)
        return
    try:
        warm_up(job.settings)  # before the workers are forked from this process
    except ScorerFailed:
        pass  # a plugin's scorer that fails on the sample fails on each article, which says so
    yield from local.mapped_in_order(prepare, documents, job, workers)


def load(db, paths, *, options: LoadOptions = LoadOptions(), on_error=None, on_document=None) -> LoadReport:
    """Load every page and record under `paths` into `db` as `options` say; bad
    inputs are reported (and passed to `on_error`) without stopping the rest;
    `on_document` is told each input's location as it is done. Scoring runs as
    ScoringOptions says (on a cluster, the database written is the same); this
    process writes, each article all or nothing.

    Raises nlp.PipelineError, or LoadError for a bad alias file, before reading
    anything; DiskFullError when the database cannot grow, with the articles
    committed before left whole."""
    return _written(db, lambda: read_documents(paths, encoding=options.encoding, max_bytes=options.max_bytes),
                    options, options.replace, options.overrides, on_error, on_document, rescoring=False)


def rescore(db, *, options: ScoringOptions = ScoringOptions(), on_error=None, on_document=None) -> LoadReport:
    """Score every article of `db` again, from the text and metadata it stored,
    with the scorers and models installed now (after an upgrade): what `load
    --replace` of the original input does, without the input. Each article is
    rewritten all or nothing (under a new id, as --replace does)."""
    path = next(file for _, name, file in db.execute("pragma database_list") if name == "main")
    through, first_story = begin_rescore(db)
    report = _written(db, lambda: stored_articles(path, through), options, True, {}, on_error, on_document,
                      rescoring=True, regroup=(through, first_story))
    end_rescore(db)
    return report


def rescore_left(db) -> tuple[int, bool]:
    """How many articles a rescore of `db` rewrites, and whether it goes on with an
    earlier one that was interrupted (which rewrote the others)."""
    begun = rescore_begun(db)
    if begun is None:
        return db.execute("select count(*) from articles").fetchone()[0], False
    return db.execute("select count(*) from articles where id <= ?", [begun[0]]).fetchone()[0], True


def _written(db, documents, options: ScoringOptions, replace: bool, overrides: Mapping, on_error, on_document,
             rescoring: bool, regroup: tuple[int, int] | None = None) -> LoadReport:
    """Prepare and write `documents()`; a full disk is a DiskFullError that says
    how many articles were committed. The database records what scored its
    articles when this load scored them all: into an empty database, or a
    rescore of every article without a failure."""
    report = LoadReport()
    settings = options.settings
    all_written = False
    try:
        check_settings(settings)
        ensure_schema(db, layout())
        scored_by_us_alone = rescoring or not db.execute("select exists (select 1 from articles)").fetchone()[0]
        if scored_by_us_alone and not rescoring:
            # Recorded with the first articles committed: a load cut short (a full
            # disk, a kill) leaves articles this release scored, and the next load
            # must not take them for an earlier release's.
            record_scoring(db, scoring_data_digest())
        loaded = frozenset() if replace else frozenset(
            hash_key(digest) for (digest,) in db.execute("select content_hash from articles"))
        job = Job(overrides, settings, loaded)
        stories = StoryGrouper(db, options.story_window, options.story_threshold, regroup=regroup)
        # A name people share is decided by the story the article will join (found
        # before it is written and placed) and the articles nearest in time.
        resolver = Resolver(stored_actors(db), settings.alias_files,
                            NameEvidence(db, stories, options.story_window))
        # Actors a killed load wrote are settled by this one, as that load would have.
        resolver.revisit(left_unsettled(db))
        actors_before = last_actor_id(db)
        was_unsettled = begin_load(db)

        def fail(error: LoadError):
            report.errors.append(error)
            if on_error:
                on_error(error)

        def finish():
            # In the transaction of the last articles: a reader never sees them
            # without their actors settled and their summaries. Articles replaced
            # take rows away, and actors joined move rows counted before: count again.
            rewritten = apply_settlement(db, resolver.settle(), actors_before,
                                         count_all=bool(report.replaced) or was_unsettled)
            if report.replaced or rewritten:
                refresh_summaries(db)
            elif report.added:
                update_summaries(db)
            if scored_by_us_alone and not report.failed:
                record_scoring(db, scoring_data_digest())

        with deferred_search_index(db):
            _write_all(db, prepared(documents(), job, options.workers, options.cluster), replace, report, fail,
                       on_document, finish, stories, resolver)
            all_written = True
        report.log_left = not checkpoint(db)
        return report
    except sqlite3.Error as error:
        if not is_disk_full(error):
            raise
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")  # what SQLite asks of a program after SQLITE_FULL
        forget_cached_rows(db)
        raise DiskFullError(report.committed, all_written) from None


def _commit(db) -> None:
    """Commit the articles written so far, indexed for full-text search."""
    if db.conn.in_transaction:
        index_new_rows(db)
        db.conn.execute("COMMIT")


def _write_all(db, documents, replace, report, fail, on_document, finish, stories, resolver) -> None:
    """Write each article as it comes, committing in batches; then finish() (actors
    settled, summaries counted) in the last batch's transaction. Interrupted (Ctrl+C),
    the articles written so far are finished as at the end, then the interrupt goes
    on; a second one while finishing rolls back that last batch, whose actors the
    next load settles (begin_load)."""
    written = 0  # articles added or replaced since the last commit
    interrupted = None
    try:
        try:
            written = _write_each(db, documents, replace, report, fail, on_document, resolver, stories)
        except _Interrupted as stop:
            written, interrupted = stop.written, stop.interrupt
        if db.conn.in_transaction:
            index_new_rows(db)
        finish()
    except sqlite3.Error as error:
        if is_disk_full(error):
            # The batch goes, what was committed stays; SQLite may have rolled it back itself.
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            forget_cached_rows(db)
            written = 0
        raise
    except KeyboardInterrupt:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")  # never a half-settled batch
            forget_cached_rows(db)
            written = 0
        raise
    finally:
        # Finished articles are whole, also when the load is interrupted.
        _commit(db)
        report.committed += written
    if interrupted is not None:
        raise interrupted


class _Interrupted(Exception):
    """A KeyboardInterrupt while writing, with the articles of the batch open then."""

    def __init__(self, interrupt: KeyboardInterrupt, written: int):
        super().__init__()
        self.interrupt, self.written = interrupt, written


def _write_each(db, documents, replace, report, fail, on_document, resolver, stories) -> int:
    """Each article written, committed in batches; the articles added or replaced
    in the batch left open, for finish() to commit with its settlement."""
    pending = 0  # articles written since the last commit
    written = 0  # of those, added or replaced
    try:
        for location, result in documents:
            if on_document:
                on_document(location)
            if isinstance(result, LoadError):
                fail(result)
                continue
            if result == ALREADY_LOADED:
                report.skipped += 1
                continue
            # A batch is committed when the next article comes, so the last one
            # is committed by finish() together with the summary tables.
            if pending >= ARTICLES_PER_COMMIT:
                _commit(db)
                report.committed += written
                pending = written = 0
            if not db.conn.in_transaction:
                db.conn.execute("BEGIN")
            try:
                outcome = write_article(db, resolver.resolve(result), replace=replace, stories=stories)
            except Exception as error:  # its savepoint rolled back: nothing half-written
                if is_disk_full(error):
                    raise  # every article after it would fail alike: the load stops
                fail(LoadError(location, f"{type(error).__name__}: {error}"))
                continue
            if outcome is Outcome.SKIPPED:
                report.skipped += 1
            else:
                if outcome is Outcome.ADDED:
                    report.added += 1
                else:
                    report.replaced += 1
                report.sentences += result.sentence_count
                if result.language not in (None, ENGLISH):
                    report.unscored[result.language] += 1
                written += 1
            pending += 1
    except KeyboardInterrupt as interrupt:
        raise _Interrupted(interrupt, written) from None
    return written
