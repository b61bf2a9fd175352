"""Find a lexicon's phrases in text quickly (the lexicons are read by resources.py)."""

from __future__ import annotations

import re
from collections import defaultdict

LEADING_WORD = re.compile(r"\w+")


class PhraseFinder:
    """Finds any of many phrases as whole words, longest first, case-insensitive
    unless told otherwise: the matches one alternation regex of all the phrases
    would give, and the same match objects.

    Python's re tries every alternative at every position of the text, which made
    a few hundred cues the slowest step of scoring. Here only the phrases whose
    first word is the word at hand are tried, one dictionary look-up per word.
    """

    def __init__(self, phrases, ignore_case: bool = True):
        self._fold = str.lower if ignore_case else str
        by_first_word = defaultdict(set)
        for phrase in phrases:
            first = LEADING_WORD.match(phrase)
            if not first:
                raise ValueError(f"a phrase must start with a letter or digit: {phrase!r}")
            by_first_word[self._fold(first.group(0))].add(phrase)
        flags = re.IGNORECASE if ignore_case else 0
        self._patterns = {first: _alternation(group, flags) for first, group in by_first_word.items()}
        # Only words that start as some phrase does are looked up: for names, the
        # capitalised ones.
        initials = re.escape("".join(sorted({first[0] for first in self._patterns})))
        self._word_start = re.compile(rf"(?<![\w-])[{initials}]\w*", flags)

    def finditer(self, text: str):
        """Matches left to right, never overlapping, like re.finditer."""
        after_last = 0
        patterns, fold = self._patterns, self._fold
        for word in self._word_start.finditer(text):
            if word.start() < after_last:
                continue
            pattern = patterns.get(fold(word.group(0)))
            if pattern is None:
                continue
            match = pattern.match(text, word.start())
            if match:
                after_last = match.end()
                yield match

    def search(self, text: str):
        """The first match, or None."""
        return next(self.finditer(text), None)


def _alternation(phrases, flags) -> re.Pattern:
    ordered = sorted(phrases, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
    return re.compile(rf"(?:{body})(?![\w-])", flags)
