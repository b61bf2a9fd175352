"""Questions about a spaCy parse that more than one scorer asks."""

from __future__ import annotations


def token_at(span, offset: int):
    """The parsed token that starts at `offset` of the sentence, or None."""
    for token in span:
        if token.idx - span.start_char == offset:
            return token
    return None
