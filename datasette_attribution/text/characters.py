"""Characters a database cannot keep faithfully, taken out before anything is built.

A NUL ends the string for SQLite's own text functions (`length(body)` then
disagrees with every offset), other C0 controls are never text, and a lone
surrogate (valid in JSON's "\\ud800", never in UTF-8) cannot be stored at all.
"""

from __future__ import annotations

import re

CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Characters that show nothing: a sentence of only these is no sentence.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


def storable(text: str) -> str:
    return LONE_SURROGATE.sub("\ufffd", CONTROLS.sub("", text))


def has_words(text: str) -> bool:
    """Whether `text` holds a letter or a digit (any script)."""
    return any(character.isalnum() for character in text)
