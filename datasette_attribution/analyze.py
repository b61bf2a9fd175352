"""Run the registered scorers over an article's sentences (no database here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .hookspecs import plugin_manager
from .model import Article
from .text.segment import sentence_spans


@dataclass
class Analysis:
    """Scored sentences of one article, its quotes, and article-level summary scores."""

    sentences: list[dict]
    body: str = ""
    quotes: list[dict] = field(default_factory=list)
    summary: dict = field(default_factory=dict)


@lru_cache(maxsize=1)
def scorers() -> tuple:
    found = [s for group in plugin_manager().hook.register_scorers() for s in group]
    return tuple(sorted(found, key=lambda scorer: scorer.order))


def segment_article(article: Article) -> list[dict]:
    """Sentence records with offsets into `article.body`; headings are not sentences."""
    sentences = []
    for index, paragraph, offset in article.paragraph_offsets():
        if paragraph.kind != "text":
            continue
        for start, end in sentence_spans(paragraph.text):
            sentences.append({
                "position": len(sentences),
                "paragraph": index,
                "start": offset + start,
                "end": offset + end,
                "text": paragraph.text[start:end],
                "mentions": [],
            })
    return sentences


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def summarize(sentences: list[dict], quotes: list[dict]) -> dict:
    attributed = sum(s.get("attribution", "none") != "none" for s in sentences)
    anonymous = sum(s.get("attribution") == "anonymous" for s in sentences)
    hedged = sum(bool(s.get("hedged")) for s in sentences)
    count = len(sentences)
    return {
        "sentence_count": count,
        "attributed_count": attributed,
        "anonymous_count": anonymous,
        "anonymous_share": _share(anonymous, attributed),
        "hedged_count": hedged,
        "hedged_share": _share(hedged, count),
        "quote_count": len(quotes),
        "polarity": round(sum(s.get("polarity", 0.0) for s in sentences) / count, 4) if count else None,
        "subjectivity": round(sum(s.get("subjectivity", 0.0) for s in sentences) / count, 4) if count else None,
    }


def analyze_article(article: Article) -> Analysis:
    analysis = Analysis(sentences=segment_article(article), body=article.body)
    for scorer in scorers():
        scorer.score(analysis.sentences, analysis)
    analysis.summary = summarize(analysis.sentences, analysis.quotes)
    return analysis
