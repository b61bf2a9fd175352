"""read -> extract -> segment -> analyze -> store, one document at a time."""

from __future__ import annotations

from dataclasses import dataclass, field

from .analyze import analyze_article
from .ingest.pages import article_from_page
from .ingest.records import article_from_record
from .ingest.sources import read_documents
from .model import Article, LoadError, RawDocument
from .store import checkpoint, refresh_summaries, write_article

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


def to_article(raw: RawDocument, overrides: dict) -> Article:
    article = article_from_record(raw) if raw.kind == "record" else article_from_page(raw)
    for name in OVERRIDABLE:
        if overrides.get(name):
            setattr(article, name, overrides[name])
    if not any(p.kind == "text" for p in article.paragraphs):
        raise LoadError(raw.location, "no article text")
    return article


def load(db, paths, replace=False, encoding="utf-8", overrides=None, on_error=None,
         on_document=None) -> LoadReport:
    """Load every page and record under `paths` into `db`; bad inputs are reported
    (and passed to `on_error`) without stopping the rest."""
    overrides = overrides or {}
    report = LoadReport()
    for item in read_documents(paths, encoding=encoding):
        if on_document:
            on_document(item)
        try:
            if isinstance(item, LoadError):
                raise item
            article = to_article(item, overrides)
            analysis = analyze_article(article)
            outcome = write_article(db, article, analysis, replace=replace)
        except LoadError as error:
            report.errors.append(error)
            if on_error:
                on_error(error)
            continue
        except Exception as error:  # one broken document never stops the load
            wrapped = LoadError(item.location, f"{type(error).__name__}: {error}")
            report.errors.append(wrapped)
            if on_error:
                on_error(wrapped)
            continue
        if outcome == "skipped":
            report.skipped += 1
        else:
            setattr(report, outcome, getattr(report, outcome) + 1)
            report.sentences += analysis.summary["sentence_count"]
    if report.added or report.replaced or not db["actor_stats"].exists():
        refresh_summaries(db)
    checkpoint(db)
    return report
