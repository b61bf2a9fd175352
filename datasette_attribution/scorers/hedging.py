"""Hedging: which words soften a sentence's claim, of which kind, and how much."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import labelled, phrase_pattern

HEDGED_AT = 0.5
# "could not attend", "couldn't": inability, not doubt.
NEGATED_MODAL = re.compile(r"\s*(?:not\b|n['’]t\b)", re.IGNORECASE)
MONTH_CONTEXT = re.compile(r"^\s*(?:\d|19|20)|^\s*,?\s*\d{4}")


@lru_cache(maxsize=1)
def _cues():
    table = {}
    for entry, label in labelled("hedge_cues.txt"):
        kind, _, weight = (part.strip() for part in label.partition("|"))
        table[entry.lower()] = (kind, float(weight))
    return table, phrase_pattern(table)


def hedge_cues(text: str) -> list[dict]:
    """The hedge cues in a sentence: text, kind, weight, start, end."""
    table, pattern = _cues()
    found = []
    for match in pattern.finditer(text):
        cue = " ".join(match.group(0).lower().split())
        after = text[match.end():]
        if cue == "may" and match.group(0) == "May" and (match.start() > 0 or MONTH_CONTEXT.match(after)):
            continue  # the month
        if cue in ("could", "may", "might") and NEGATED_MODAL.match(after):
            continue
        kind, weight = table[cue]
        found.append({"text": match.group(0), "kind": kind, "weight": weight,
                      "start": match.start(), "end": match.end()})
    return found


def combined_weight(cues: list[dict]) -> float:
    """1 - product(1 - weight): each cue removes part of the remaining certainty."""
    remaining = 1.0
    for cue in cues:
        remaining *= 1.0 - cue["weight"]
    return round(1.0 - remaining, 4)


def hedging_score(text: str) -> float:
    return combined_weight(hedge_cues(text))


class HedgingScorer:
    name = "hedging"
    order = 30

    def score(self, sentences, article):
        for sentence in sentences:
            cues = hedge_cues(sentence["text"])
            sentence["hedge_cues"] = [{"text": c["text"], "kind": c["kind"]} for c in cues]
            sentence["hedging_score"] = combined_weight(cues)
            sentence["hedged"] = int(sentence["hedging_score"] >= HEDGED_AT)
