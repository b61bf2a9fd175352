"""Score bands: the five equal parts of each score's range that the score-band
facet counts, and the SQL that puts a score in its band, shared by the facet
and the summary tables so that both draw the same edges."""

from __future__ import annotations

BANDS = 5
SCORE_RANGES = {
    "hedging_score": (0.0, 1.0),
    "anonymous_score": (0.0, 1.0),
    "polarity": (-1.0, 1.0),
    "subjectivity": (0.0, 1.0),
    "sentiment": (-1.0, 1.0),
    "anonymous_share": (0.0, 1.0),
    "hedged_share": (0.0, 1.0),
}
# The score columns of sentences, whose bands the summaries count.
SENTENCE_SCORES = ("hedging_score", "anonymous_score", "polarity", "subjectivity")


def band_edges(low: float, high: float) -> list[float]:
    step = (high - low) / BANDS
    return [round(low + step * i, 4) for i in range(BANDS + 1)]


def band_condition(column: str, index: int, edges: list[float]) -> str:
    """SQL true when `column` is in band `index`: [low, high), the last [low, high]."""
    upper = "<=" if index == BANDS - 1 else "<"
    return f"{column} >= {edges[index]} and {column} {upper} {edges[index + 1]}"


def band_of(column: str) -> str:
    """SQL for the band `column` falls in (0..4), NULL outside its range."""
    edges = band_edges(*SCORE_RANGES[column.rsplit(".", 1)[-1]])
    whens = " ".join(f"when {band_condition(column, index, edges)} then {index}" for index in range(BANDS))
    return f"case {whens} end"
