"""Titles before names: shared by the attribution, quote and actor scorers."""

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
