"""Titles before names, and headlines in title case: shared by the scorers."""

from __future__ import annotations

from ..resources import words


def is_title(token: str) -> bool:
    """"President", "Sen.", "Senators,": a title from lexicons/titles.txt."""
    return token.lower().strip(",").rstrip(".") in words("titles.txt")


def strip_titles(tokens: list[str]) -> tuple[list[str], bool]:
    """The tokens without their leading titles, and whether there were any:
    ["Republican", "Senators", "John", "McCain"] -> (["John", "McCain"], True)."""
    titled = False
    while tokens and is_title(tokens[0]):
        tokens = tokens[1:]
        titled = True
    return tokens, titled


def in_title_case(span) -> bool:
    """A headline in title case ("Obama Seeks More Refugees"), where the tagger and
    the entity recogniser read every word as part of a name: its words of four
    letters or more outside the names the parse found, after the first, are
    mostly capitalised (a sentence full of names is not a headline)."""
    words = [t for t in span[1:] if t.is_alpha and len(t) > 3 and t.ent_iob_ == "O"]
    return len(words) >= 2 and sum(t.text[0].isupper() for t in words) >= 0.7 * len(words)
