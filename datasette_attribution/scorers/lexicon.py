"""Load the plain-text lexicons shipped in `datasette_attribution/lexicons/`.

A lexicon file has one entry a line; `#` starts a comment; blank lines are ignored.
An entry may carry a label after a tab or ` | ` (e.g. a hedge cue and its kind).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


def _lines(name: str):
    text = resources.files("datasette_attribution").joinpath("lexicons").joinpath(name).read_text("utf-8")
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            yield line


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The entries of a lexicon as a set of lower-cased strings."""
    return frozenset(line.lower() for line in _lines(name))


@lru_cache(maxsize=None)
def labelled(name: str) -> tuple[tuple[str, str], ...]:
    """(entry, label) pairs for lexicons whose lines read `entry | label`."""
    pairs = []
    for line in _lines(name):
        entry, _, label = (part.strip() for part in line.partition("|"))
        pairs.append((entry, label))
    return tuple(pairs)


def phrase_pattern(phrases) -> re.Pattern:
    """One regex matching any of the phrases as whole words, longest first."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)
