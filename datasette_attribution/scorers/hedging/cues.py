"""Hedge cues: the lexicon's words (`lexicons/hedge_cues.txt`) kept where their
context lets them hedge, and the vague sources found by rule.

A cue is kept unless a surface rule here or the parse (`scope.py`) says it is not a
hedge in this sentence; each rule carries the example that motivated it. Cues are the
evidence a reader is shown; whether the sentence is hedged is the classifier's call
(`classifier.py`), which reads them as features.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...resources import labelled, words
from ..common.names import in_title_case
from ..common.phrases import PhraseFinder
from .scope import MODALS, STANCE_VERBS, counts_in_parse
from .sources import vague_sources
from ..common.parse import token_at


NUMBER = re.compile(
    r"^\s*(?:[$£€]?\d|a\s+(?:dozen|hundred|thousand|million|billion)|one|two|three|four|five|six"
    r"|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred|thousand|million|half)",
    re.IGNORECASE,
)
APPEAR_LITERAL = re.compile(r"^\s+(?:in|on|at|as|before|with|alongside|during)\b", re.IGNORECASE)
# "as soon as possible", "where possible", "it is possible to travel by train":
# a possibility of action or circumstance, not doubt about a claim.
POSSIBLE_BEFORE = re.compile(r"\b(?:as\s+(?:\w+\s+){1,3}as|if|where|when|whenever|wherever)\s+$", re.IGNORECASE)
# A short quotation every word of which is capitalised, small words aside: a title
# or an award's name ('voted "Most Likely to Succeed"'), whose words hedge nothing.
QUOTED_TITLE = re.compile(r"[\"“]((?:[A-Z][\w'’-]*|a|an|and|at|for|in|of|on|or|the|to)"
                          r"(?:\s+(?:[A-Z][\w'’-]*|a|an|and|at|for|in|of|on|or|the|to)){1,7})[\"”]")
POSSIBLE_AFTER = re.compile(r"^\s+(?:to|for)\b", re.IGNORECASE)
MONTH_CONTEXT = re.compile(r"^\s*(?:\d|,?\s*\d{4})")
# "no doubt", "without doubt": certainty, not doubt.
DENIED = re.compile(r"(?:\bno|\bwithout|\blittle|\bbeyond)\s+$", re.IGNORECASE)
IMPERSONAL_BEFORE = frozenset({
    "is", "are", "was", "were", "be", "been", "being", "widely", "generally", "commonly",
    "often", "it", "some", "many", "to", "others", "people",
})
STANCE_HEDGED_AFTER = IMPERSONAL_BEFORE | MODALS
# Past participles of stance verbs are hedges in the passive ("is believed", "the
# suspected gunman", "an estimated 300") and a source's position after a subject
# ("he believed", "the minister estimated").
PAST_STANCE_VERBS = frozenset({"believed", "estimated", "suspected", "assumed", "presumed"})
PASSIVE_OR_ATTRIBUTIVE_BEFORE = IMPERSONAL_BEFORE | {
    "the", "a", "an", "now", "also", "still", "long", "once", "previously", "originally",
}
# A vague group named right away ("critics of the policy, Senators John McCain and
# Lindsey Graham") is not vague.
PEOPLE_NOUNS = frozenset({"critics", "commentators", "observers", "experts", "scholars",
                          "historians"})
# Each skipped word must end at a non-word character: "(?:\W*\w+)" let \w+ split a
# word every way and backtracked for half a millisecond on a long clause.
NAMED_NEARBY = re.compile(r"^\W*(?:\w+\W+){0,10}?[A-Z][a-z]+\s+[A-Z][a-z]+")


@lru_cache(maxsize=1)
def _lexicon():
    kinds = {entry.lower(): kind for entry, kind in labelled("hedge_cues.txt")}
    return kinds, PhraseFinder(kinds)


def _previous_word(before: str) -> str:
    words = before.split()
    return words[-1].lower().strip(",") if words else ""


# A one-word cue of these kinds hedges only as that part of speech: "suggest" the
# verb, not a name; "debatable" the adjective. Adjectives and adverbs are one class:
# the lexicon calls "likely" an adverb, and the parse reads "is likely to" as an adjective;
# a participle before a noun is an adjective or a verb ("an estimated 300", "its disputed
# programme").
PART_OF_SPEECH = {"verb": {"VERB", "AUX", "ADJ"}, "adverb": {"ADV", "ADJ"},
                  "adjective": {"ADJ", "ADV", "VERB"}, "noun": {"NOUN"}, "modal": {"AUX", "VERB"}}


@lru_cache(maxsize=1)
def _fixed_terms() -> PhraseFinder:
    return PhraseFinder(words("not_hedges.txt"))


# Modals that are never a name or a month, and so need no tagger in a headline.
HEADLINE_MODALS = frozenset({"could", "might"})


def _tagged_token(cue: str, span, start: int):
    """The cue's first token, or None where the tagger cannot be trusted with it."""
    if cue in HEADLINE_MODALS and in_title_case(span):
        return None  # "That Could Shake Up The Race": the tagger reads title case as names
    return token_at(span, start)


def _keeps_in_grammar(cue: str, kind: str, first) -> bool:
    """The part of speech and the parse (`scope.py`): False where the cue's token
    `first` (None: not judged) is no hedge in this sentence's grammar."""
    if first is not None and " " not in cue and kind in PART_OF_SPEECH and (
            first.pos_ not in PART_OF_SPEECH[kind]):
        return False  # "the appearance of the verb": a cue of one part of speech used as another
    if first is not None and kind == "report" and first.pos_ != "NOUN":
        return False  # "Bloomberg reports that": a named source's report, not reports at large
    return first is None or counts_in_parse(cue, kind, first)


def _keeps(cue: str, kind: str, span, start: int, end: int) -> bool:
    """The context rules: False where a lexicon word is not a hedge here."""
    text = span.text
    before, after = text[:start], text[end:]
    first = _tagged_token(cue, span, start)
    if not _keeps_in_grammar(cue, kind, first):
        return False
    if cue == "may" and start == 0:
        return False  # "May the odds be in our favour", "May I ask": a wish or a request
    if cue in ("may", "might") and first is not None and first.tag_ != "MD":
        return False  # the month, a name ("Theresa May"), "might" as a noun
    if cue == "may" and first is None and text[start:end] == "May" and (
            start > 0 or MONTH_CONTEXT.match(after)):
        return False
    if cue == "possible" and (POSSIBLE_BEFORE.search(before[-40:]) or POSSIBLE_AFTER.match(after)):
        return False  # "as much havoc as possible", "where possible": action or circumstance
    if any(m.start(1) <= start and end <= m.end(1) for m in QUOTED_TITLE.finditer(text)):
        return False  # 'voted "Most Likely to Succeed"': a title's words
    if cue == "could" and first is not None and any(c.dep_ == "neg" for c in first.head.children):
        return False  # "could not attend": inability
    if cue in ("appear", "appears", "appeared") and APPEAR_LITERAL.match(after):
        return False  # "appeared in a film", "appears on the album": to be seen
    if cue in ("broadly", "largely", "widely") and before.rstrip().lower().endswith("more"):
        return False  # "discussed the matter more broadly": scope, not approximation
    if cue in ("about", "around") and not NUMBER.match(after):
        return False  # an approximator only before a quantity
    if cue in ("doubt", "doubts") and DENIED.search(before):
        return False
    if cue in STANCE_VERBS and _previous_word(before) not in STANCE_HEDGED_AFTER:
        return False
    if cue in PAST_STANCE_VERBS and _previous_word(before) not in PASSIVE_OR_ATTRIBUTIVE_BEFORE:
        return False
    if cue in PEOPLE_NOUNS and NAMED_NEARBY.match(after):
        return False
    return True


QUOTE_MARKS = " \t\n\"'“”‘’)"
STATEMENT_END = re.compile(r"[.!?][\"'”’)]*\s+")


def hedge_cues(span) -> list[dict]:
    """The hedge cues in a parsed sentence: text, kind, start, end (offsets in the
    sentence) and the lexicon entry."""
    text = span.text
    # A question makes no claim to hedge ("Could he win?", "a 3rd time, maybe?"): cues
    # in a closing question are dropped, those in a statement before it kept.
    question = len(text)
    if text.rstrip(QUOTE_MARKS).endswith("?"):
        question = max((m.end() for m in STATEMENT_END.finditer(text.rstrip(QUOTE_MARKS)[:-1])), default=0)
    kinds, pattern = _lexicon()
    sources = vague_sources(span)
    found = []
    fixed = [(m.start(), m.end()) for m in _fixed_terms().finditer(text)]
    for match in pattern.finditer(text):
        if any(source["start"] <= match.start() < source["end"] for source in sources):
            continue  # "Some" of "Some residents say" is the source's, not a quantity
        if any(a <= match.start() and match.end() <= b for a, b in fixed):
            continue  # "probable cause", "as soon as possible": a fixed term
        cue = " ".join(match.group(0).lower().split())
        kind = kinds[cue]
        if cue == "estimated" and NUMBER.match(text[match.end():]):
            kind = "approximator"  # "an estimated 200 officers": a quantity, which in news is a fact
        if _keeps(cue, kind, span, match.start(), match.end()):
            found.append({"text": match.group(0), "kind": kind, "cue": cue,
                          "start": match.start(), "end": match.end()})
    return sorted((cue for cue in found + sources if cue["start"] < question), key=lambda cue: cue["start"])
