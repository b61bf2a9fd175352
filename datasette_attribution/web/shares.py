"""Shares of negative and positive mentions, with how many mentions they rest on.

A mean of scores hides how many mentions stand behind it and how they split; a
reader comparing outlets needs "34% of 120 mentions negative". Below
MIN_MENTIONS no share is shown (a share of 3 mentions is noise); every shown share
carries its 95% Wilson interval.
"""

from __future__ import annotations

import math

MIN_MENTIONS = 10
Z_95 = 1.959964


def wilson_interval(part: int, whole: int) -> tuple[float, float] | None:
    if not whole:
        return None
    p = part / whole
    centre = (p + Z_95 ** 2 / (2 * whole)) / (1 + Z_95 ** 2 / whole)
    spread = Z_95 * math.sqrt(p * (1 - p) / whole + Z_95 ** 2 / (4 * whole ** 2)) / (1 + Z_95 ** 2 / whole)
    return round(max(0.0, centre - spread), 4), round(min(1.0, centre + spread), 4)


def label_shares(row: dict) -> dict:
    """From a row's negative_mentions, positive_mentions and labelled_mentions: the
    two shares and their intervals (None below MIN_MENTIONS labelled mentions)."""
    labelled = row.get("labelled_mentions") or 0
    negative, positive = row.get("negative_mentions") or 0, row.get("positive_mentions") or 0
    shown = labelled >= MIN_MENTIONS
    return {
        "labelled_mentions": labelled,
        "negative_share": round(negative / labelled, 4) if shown else None,
        "positive_share": round(positive / labelled, 4) if shown else None,
        "negative_interval": wilson_interval(negative, labelled) if shown else None,
        "positive_interval": wilson_interval(positive, labelled) if shown else None,
    }


def with_shares(row: dict) -> dict:
    """The row with its shares added (the counts stay, for exports)."""
    return {**row, **label_shares(row)}


def describe(row: dict) -> str:
    """The shares in words, for a CSV cell or a tooltip."""
    shares = label_shares(row)
    labelled = shares["labelled_mentions"]
    if shares["negative_share"] is None:
        return f"{labelled} labelled mentions, too few for shares (fewer than {MIN_MENTIONS})"
    return (f"{shares['negative_share']:.0%} negative, {shares['positive_share']:.0%} positive "
            f"of {labelled} mentions")


def share_css(row: dict) -> str:
    """negative / positive when that share leads the other by ten points, else neutral."""
    if row.get("negative_share") is None:
        return "absent"
    lead = row["positive_share"] - row["negative_share"]
    return "positive" if lead >= 0.1 else "negative" if lead <= -0.1 else "neutral"


# An actor's sentiment in a CSV, as the outlet comparison and the dashboard both
# write it: one column a figure, so a spreadsheet can sort and chart them.
SHARE_FIELDS = ("negative_share", "positive_share", "labelled_mentions")


def share_columns(actors: list[dict]) -> list[str]:
    return [f"{a['name']}: {field.replace('_', ' ')}" for a in actors for field in SHARE_FIELDS]


def share_cells(cell: dict | None) -> list:
    """A cell's shares and count ("" where there is no such cell; a share below
    the minimum count stays empty too)."""
    return ["" if cell is None or cell[field] is None else cell[field] for field in SHARE_FIELDS]
