"""read -> extract -> segment -> parse -> analyze -> store, one document at a time.

Scoring (parse included) runs in worker processes when there are several; only
table rows cross back to the one process that writes."""

from __future__ import annotations

import multiprocessing
import threading
from dataclasses import dataclass, field
from functools import lru_cache, partial

from .analyze import DEFAULT_SETTINGS, Settings, analyze_article, check_pipeline, scorers
from .ingest.formats import to_article as clean_article
from .ingest.sources import read_documents
from .model import Article, LoadError, Paragraph, RawDocument
from .nlp import PipelineError  # noqa: F401 (the command line catches it from here)
from .store import (Layout, article_rows, checkpoint, deferred_search_index, ensure_schema,
                    refresh_summaries, write_article)
from .store import open_database as open_store

# Documents go to a worker sixteen at a time, one message each way per chunk
# (with four, the writing process spent 5.0 s of CPU on 3,000 articles, with
# sixteen 4.2 s), and at most four chunks a worker are in flight, so memory is
# bounded by the documents' size, not the corpus'.
CHUNK = 16
IN_FLIGHT_PER_WORKER = 4 * CHUNK
# Articles written between commits: each commit appends every changed page of the
# seven sentence indexes to the log, a quarter of the writing time when done per
# article. Each article still writes inside its own savepoint (write_article),
# so a failing one leaves nothing behind and the others stay; a load killed
# outright loses at most this many finished articles, which a rerun adds.
ARTICLES_PER_COMMIT = 50
OVERRIDABLE = ("outlet", "published", "byline", "title", "url")


@dataclass
class LoadReport:
    added: int = 0
    replaced: int = 0
    skipped: int = 0
    sentences: int = 0
    errors: list[LoadError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)

    def summary_line(self) -> str:
        return (
            f"{self.added} articles added, {self.replaced} replaced, {self.skipped} skipped "
            f"(already loaded), {self.failed} failed; {self.sentences} sentences"
        )


def layout() -> Layout:
    """The columns the registered scorers declare, in the order they are written."""
    return _layout_of(scorers())


@lru_cache(maxsize=4)
def _layout_of(registered: tuple) -> Layout:
    return Layout.from_scorers(registered)


def open_database(path):
    """The database at `path` with every registered scorer's columns."""
    return open_store(path, layout())


def to_article(raw: RawDocument, overrides: dict) -> Article:
    article = clean_article(raw)
    for name in OVERRIDABLE:
        if overrides.get(name):
            setattr(article, name, overrides[name])
    if not any(p.kind == "text" for p in article.paragraphs):
        raise LoadError(raw.location, "no article text")
    return article


def prepare(item, overrides: dict, settings: Settings = DEFAULT_SETTINGS):
    """Everything but the write, for one document: (location, ArticleRows) or
    (location, LoadError). Runs in a worker process when there are several."""
    if isinstance(item, LoadError):
        return item.location, item
    try:
        article = to_article(item, overrides)
        return item.location, article_rows(article, analyze_article(article, settings), layout())
    except LoadError as error:
        return item.location, error
    except Exception as error:  # one broken document never stops the load
        return item.location, LoadError(item.location, f"{type(error).__name__}: {error}")


def warm_up(settings: Settings = DEFAULT_SETTINGS) -> None:
    """Load the spaCy pipeline, every lexicon and every model (an actor, a hedge
    cue, a source, a quotation): in this process once, not in each worker."""
    analyze_article(Article(source="warm-up", paragraphs=[
        Paragraph('President Barack Obama may visit Iran, officials said. "We will see," he said.')]),
        settings)


def prepared(paths, encoding: str, overrides: dict, workers: int,
             settings: Settings = DEFAULT_SETTINGS):
    """Prepared documents in input order, from `workers` processes when more than one."""
    documents = read_documents(paths, encoding=encoding)
    if workers <= 1:
        yield from (prepare(document, overrides, settings) for document in documents)
        return
    warm_up(settings)
    # Pool.imap would read ahead without limit and hold every scored article the
    # writer has not reached yet; a semaphore keeps that to a fixed number.
    slots = threading.Semaphore(IN_FLIGHT_PER_WORKER * workers)
    stopped = threading.Event()

    def throttled():
        for document in documents:
            slots.acquire()
            if stopped.is_set():
                return
            yield document

    # Forked workers inherit the lexicons and models loaded just above.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        try:
            for result in pool.imap(partial(prepare, overrides=overrides, settings=settings), throttled(),
                                    chunksize=CHUNK):
                yield result
                slots.release()
        finally:
            stopped.set()  # let a feeder blocked on a slot finish, e.g. after Ctrl+C
            slots.release()


def load(db, paths, replace=False, encoding="utf-8", overrides=None, on_error=None,
         on_document=None, workers: int = 1, model: str | None = None,
         alias_files: tuple[str, ...] = ()) -> LoadReport:
    """Load every page and record under `paths` into `db`; bad inputs are reported
    (and passed to `on_error`) without stopping the rest. Sentences are parsed by
    the spaCy pipeline `model` (default: nlp.DEFAULT_PIPELINES) and scored in
    `workers` processes; this process writes, each article all or nothing.
    `alias_files` add actor aliases (the format of lexicons/aliases.txt).

    Raises nlp.PipelineError before reading anything when the pipeline is missing."""
    overrides = overrides or {}
    report = LoadReport()
    settings = Settings(model=model, alias_files=tuple(alias_files))
    check_pipeline(model)
    ensure_schema(db, layout())

    def fail(error: LoadError):
        report.errors.append(error)
        if on_error:
            on_error(error)

    with deferred_search_index(db):
        _write_all(db, prepared(paths, encoding, overrides, workers, settings), replace, report, fail,
                   on_document)
    if report.added or report.replaced or not db["actor_stats"].exists():
        refresh_summaries(db)
    checkpoint(db)
    return report


def _write_all(db, documents, replace, report, fail, on_document) -> None:
    written = 0
    try:
        for location, result in documents:
            if on_document:
                on_document(location)
            if isinstance(result, LoadError):
                fail(result)
                continue
            if not db.conn.in_transaction:
                db.conn.execute("BEGIN")
            try:
                outcome = write_article(db, result, replace=replace)
            except Exception as error:  # its savepoint rolled back: nothing half-written
                fail(LoadError(location, f"{type(error).__name__}: {error}"))
                continue
            if outcome == "skipped":
                report.skipped += 1
            else:
                setattr(report, outcome, getattr(report, outcome) + 1)
                report.sentences += result.sentence_count
            written += 1
            if written % ARTICLES_PER_COMMIT == 0:
                db.conn.execute("COMMIT")
    finally:
        # Finished articles are whole, also when the load is interrupted.
        if db.conn.in_transaction:
            db.conn.execute("COMMIT")
