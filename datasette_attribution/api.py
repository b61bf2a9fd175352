"""The public Python API: the load pipeline's scoring, without a database."""

from __future__ import annotations

from .analyze import analyze_article
from .ingest.records import article_from_record
from .model import RawDocument
from .scorers.sentiment import polarity_subjectivity

NEUTRAL_BAND = 0.1
TARGET_WINDOW_WORDS = 6


def analyze_text(text: str) -> list[dict]:
    """Score a clean article body (one paragraph a line): a list of sentence records
    with the sentences table's fields plus `mentions`."""
    raw = RawDocument(source="<text>", location="<text>", kind="record", content=text)
    return analyze_article(article_from_record(raw)).sentences


def sentiment_toward(sentence: str, start: int, end: int) -> tuple[str, float]:
    """(label, score in -1..1) toward the target at sentence[start:end].

    First version: the polarity of the words around the target, the target's own
    words left out so a name carries no sentiment of its own.
    """
    if not 0 <= start < end <= len(sentence):
        raise ValueError(f"target span {start}:{end} is outside the sentence")
    before = sentence[:start].split()[-TARGET_WINDOW_WORDS:]
    after = sentence[end:].split()[:TARGET_WINDOW_WORDS]
    score, _ = polarity_subjectivity(" ".join(before + after))
    label = "neutral" if abs(score) < NEUTRAL_BAND else ("positive" if score > 0 else "negative")
    return label, score
