"""HTML for table cells: sentences with their evidence marked, cues as chips.

Every piece of article text goes through markupsafe.escape; only our own tags
are added around it.
"""

from __future__ import annotations

import json

from markupsafe import Markup, escape

NEGATIVE_AT = -0.1
POSITIVE_AT = 0.1


def sentiment_class(score: float | None) -> str:
    if score is None:
        return "neutral"
    if score <= NEGATIVE_AT:
        return "negative"
    return "positive" if score >= POSITIVE_AT else "neutral"


def _spans(text: str, source: str | None, cues: list[dict], mentions: list[dict]):
    """Non-overlapping (start, end, kind, title, css) marks; mentions win overlaps."""
    marks = []
    for mention in mentions:
        score = mention.get("sentiment")
        marks.append((mention["start"], mention["end"], "mention",
                      f"{mention['actor']}: sentiment {score:+.2f} toward this actor"
                      if score is not None else mention["actor"],
                      f"attr-mention attr-{sentiment_class(score)}"))
    for cue in cues:
        if "start" in cue:
            marks.append((cue["start"], cue["end"], "cue", f"hedge cue: {cue['kind']}",
                          "attr-hedge"))
    if source:
        at = text.find(source)
        if at >= 0:
            marks.append((at, at + len(source), "source", "source of the claim", "attr-source"))
    marks.sort(key=lambda m: (m[0], {"mention": 0, "cue": 1, "source": 2}[m[2]]))
    chosen, last_end = [], 0
    for mark in marks:
        if mark[0] >= last_end:
            chosen.append(mark)
            last_end = mark[1]
    return chosen


def highlight(text: str, source: str | None = None, cues: list[dict] | None = None,
              mentions: list[dict] | None = None) -> Markup:
    """The sentence with its source, hedge cues and actor mentions marked."""
    parts, cursor = [], 0
    for start, end, _, title, css in _spans(text, source, cues or [], mentions or []):
        parts.append(escape(text[cursor:start]))
        parts.append(Markup('<mark class="{}" title="{}">{}</mark>').format(
            css, title, text[start:end]))
        cursor = end
    parts.append(escape(text[cursor:]))
    return Markup("").join(parts)


def cue_chips(raw: str | None) -> Markup:
    try:
        cues = json.loads(raw or "[]")
    except json.JSONDecodeError:
        return escape(raw)
    if not cues:
        return Markup('<span class="attr-none">none</span>')
    return Markup(" ").join(
        Markup('<span class="attr-chip attr-chip-{}" title="{}">{}</span>').format(
            cue.get("kind", "").replace(" ", "-"), cue.get("kind", ""), cue.get("text", ""))
        for cue in cues)


LEGEND = Markup(
    '<span class="attr-legend"><mark class="attr-source">source</mark> '
    '<mark class="attr-hedge">hedge cue</mark> '
    '<mark class="attr-mention attr-negative">actor, negative</mark> '
    '<mark class="attr-mention attr-neutral">actor, neutral</mark> '
    '<mark class="attr-mention attr-positive">actor, positive</mark></span>')
