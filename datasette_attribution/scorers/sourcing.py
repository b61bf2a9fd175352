"""Attribution: does a sentence attribute its claim, to whom, and is the source named?"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import phrase_pattern, words

CLAUSE_BREAK = re.compile(r"[,;:\"“”—–()]|\s-\s")
RELATIVE = frozenset({"which", "who", "that", "whom", "whose", "as", "and", "but"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
NON_CLAIMS = re.compile(r"\bdeclined to (?:comment|discuss|elaborate)\b|\bno comment\b", re.IGNORECASE)
WEASEL_PASSIVE = re.compile(
    r"\b(?:it is|it was|it's)\s+(?:widely\s+)?(?:believed|thought|understood|said|reported|claimed)\b"
    r"|\b(?:is|are|was|were)\s+said to\b|\baccording to (?:reports|sources)\b"
    r"|\bseen by (?:commentators|critics|observers|analysts|some)\b",
    re.IGNORECASE,
)
MAX_SOURCE_WORDS = 10


@lru_cache(maxsize=1)
def _patterns():
    return (
        phrase_pattern(words("reporting_verbs.txt")),
        phrase_pattern(words("anonymous_sources.txt")),
    )


def _source_before(text: str, cue_start: int) -> str:
    clause = CLAUSE_BREAK.split(text[:cue_start])[-1]
    tokens = clause.split()
    while tokens and tokens[0].lower() in RELATIVE:
        tokens = tokens[1:]
    return " ".join(tokens[-MAX_SOURCE_WORDS:])


def _source_after(text: str, cue_end: int) -> str:
    clause = re.split(r"[,;:.\"“”—–()]|\sthat\s", text[cue_end:])[0]
    return " ".join(clause.split()[:MAX_SOURCE_WORDS])


def find_source(text: str) -> tuple[str | None, str | None]:
    """(cue, source words) of the first attribution in a sentence, or (None, None)."""
    verbs, _ = _patterns()
    for match in verbs.finditer(text):
        cue = " ".join(match.group(0).lower().split())
        if cue == "according to":
            source = _source_after(text, match.end())
        else:
            source = _source_before(text, match.start()) or _source_after(text, match.end())
        if source and source.split()[-1].lower() not in RELATIVE:
            return cue, source
    return None, None


def is_anonymous(source: str | None, text: str) -> bool:
    _, anonymous = _patterns()
    if WEASEL_PASSIVE.search(text):
        return True
    if source and anonymous.search(source):
        return True
    return bool(anonymous.search(text) and re.search(r"anonymity|not authori[sz]ed|briefed on|familiar with", text, re.IGNORECASE))


def attribute(text: str, previous: dict | None = None) -> dict:
    """attribution, source, cue, anonymous_score for one sentence."""
    result = {"attribution": "none", "source": None, "cue": None, "anonymous_score": 0.0}
    if NON_CLAIMS.search(text):
        return result
    cue, source = find_source(text)
    weasel = WEASEL_PASSIVE.search(text)
    if cue is None and not weasel:
        return result
    anonymous = is_anonymous(source, text)
    if not anonymous and source and source.lower() in PRONOUNS and previous:
        anonymous = previous.get("attribution") == "anonymous"
    result.update(
        attribution="anonymous" if anonymous else "named",
        source=source or (weasel.group(0) if weasel else None),
        cue=cue or (weasel.group(0).lower() if weasel else None),
        anonymous_score=1.0 if anonymous else 0.0,
    )
    return result


class SourcingScorer:
    name = "sourcing"
    order = 10

    def score(self, sentences, article):
        previous = None
        for sentence in sentences:
            sentence.update(attribute(sentence["text"], previous))
            if sentence["attribution"] != "none":
                previous = sentence
