"""The public Python API: the load pipeline's scoring, without a database."""

from __future__ import annotations

from contextlib import contextmanager

from .analyze import Settings, analyze_article, scorers, target_sentiment
from .ingest.formats import to_article
from .nlp import PipelineError
from .records import RawDocument, SentenceRecord
from .store.schema import CORE_TABLES

__all__ = ["analyze_text", "sentiment_toward"]


@contextmanager
def _model_argument():
    """A pipeline error in the words of this API: its `model` argument, not load's option."""
    try:
        yield
    except PipelineError as error:
        raise PipelineError(str(error).replace(" with --model", " as `model`")) from None


def analyze_text(text: str, model: str | None = None) -> list[SentenceRecord]:
    """Score a clean article body (one paragraph a line): a list of sentence records
    with the sentences table's fields plus `mentions` (actor, kind, text, start, end,
    sentiment) and `attributions` (the rows of the attributions table, with the
    source's actor as (name, kind)). `model` names a spaCy English pipeline
    (default: the small one)."""
    raw = RawDocument(source="<text>", location="<text>", kind="record", content=text)
    with _model_argument():
        sentences = analyze_article(to_article(raw), Settings(model=model)).sentences
    # What the sentences table stores (a scorer's undeclared fields and the parse are
    # never stored), with the mentions and attributions it stores in their tables.
    kept = {*CORE_TABLES["sentences"], "mentions", "attributions",
            *(column for scorer in scorers() for column in scorer.columns.get("sentences", {}))}
    return [{name: value for name, value in sentence.items() if name in kept} for sentence in sentences]


def sentiment_toward(sentence: str, start: int, end: int, model: str | None = None) -> tuple[str, float]:
    """(label, score in -1..1) toward the target occupying sentence[start:end]."""
    with _model_argument():
        return target_sentiment(sentence, start, end, Settings(model=model))
