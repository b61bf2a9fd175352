"""Article columns that the built-in scorers summarise from their sentences."""

from __future__ import annotations


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None
