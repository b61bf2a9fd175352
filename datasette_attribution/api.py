"""The public Python API: the load pipeline's scoring, without a database."""

from __future__ import annotations

from .analyze import analyze_article
from .ingest.records import article_from_record
from .model import RawDocument
from .scorers.sentiment import sentiment_toward

__all__ = ["analyze_text", "sentiment_toward"]


def analyze_text(text: str) -> list[dict]:
    """Score a clean article body (one paragraph a line): a list of sentence records
    with the sentences table's fields plus `mentions` (actor, kind, text, start, end,
    sentiment)."""
    raw = RawDocument(source="<text>", location="<text>", kind="record", content=text)
    return analyze_article(article_from_record(raw)).sentences
