"""Where a body's quotations lie, over sentences and paragraphs: the quotes
scorer makes them rows, the sourcing scorer asks whether a source word stands
inside one ("I" inside a quotation is its speaker; outside, the writer).

Quotation marks are read over the whole body, straight and curly alike. In news
style a quote that continues into the next paragraph leaves its closing mark off
and reopens the next paragraph; those paragraphs make one quotation.
"""

from __future__ import annotations

import re

from ...records import Article

# Opening mark -> closing mark: straight and curly double quotes, the typewriter
# pairs of older newspaper text (''...'' and ``...''), and single curly quotes, which
# headlines and British news use for quotations.
OPENING = {"``": "''", "''": "''", "\"": "\"", "“": "”", "‘": "’"}
# Closing marks each opening also takes: a page that curls only some of its marks
# opens straight and closes curly ("work-related” emails), or the other way round.
CLOSINGS = {mark: (closing,) for mark, closing in OPENING.items()} | {"\"": ("\"", "”"), "“": ("”", "\"")}
# Closing marks that are also apostrophes ("Clinton’s", "students''") close only
# where no letter follows.
AMBIGUOUS_CLOSINGS = frozenset({"\"", "''", "’"})
PARAGRAPH_BREAK = Article.PARAGRAPH_SEPARATOR
REOPENING = "|".join(map(re.escape, OPENING))
# The marks in OPENING's order, so that the two-character ones are tried first.
_OPENING_MARK = re.compile(REOPENING)


def quote_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's inside, as offsets into the body."""
    spans = []
    open_at, closings = None, ()
    position = 0
    while position < len(body):
        if open_at is None:  # to the next opening mark (a search, not a step a character)
            found = _OPENING_MARK.search(body, position)
            if found is None:
                break
            position = found.start()
            if _opens(body, position, found.group()):
                open_at, closings = found.end(), CLOSINGS[found.group()]
                position = open_at
            else:
                position += 1
            continue
        break_at = body.find(PARAGRAPH_BREAK, position)
        close_at, closing = _next_closing(body, position, break_at if break_at >= 0 else len(body), closings)
        if close_at < 0 and break_at < 0:
            break
        if close_at >= 0 and (break_at < 0 or close_at <= break_at):
            position = close_at
            if closing not in AMBIGUOUS_CLOSINGS or _closes(body, position + len(closing) - 1):
                spans.append((open_at, position))
                open_at = None
                position += len(closing)
            else:
                position += 1
            continue
        position = break_at
        next_start = position + len(PARAGRAPH_BREAK)
        mark = _mark_at(body, next_start)
        if mark is None:
            spans.append((open_at, position))  # unbalanced: close at the paragraph end
            open_at = None
            position += 1
        else:
            position = next_start + len(mark)  # the quote goes on after the reopening mark
    if open_at is not None:
        spans.append((open_at, len(body)))
    return [(s, e) for s, e in spans if body[s:e].strip()]


def _next_closing(body: str, position: int, end: int, closings: tuple[str, ...]) -> tuple[int, str]:
    """Where the nearest of `closings` stands in body[position:end] (-1 when none does),
    and which. Bounded by the paragraph: a mark the page never uses would otherwise be
    sought to the body's end for every quotation."""
    found = [(at, mark) for mark in closings if (at := body.find(mark, position, end)) >= 0]
    return min(found) if found else (-1, closings[0])


def _mark_at(body: str, position: int) -> str | None:
    """The opening mark at `position`, the two-character ones first."""
    found = _OPENING_MARK.match(body, position)
    return found.group() if found else None


def _opens(body: str, position: int, mark: str) -> bool:
    """An opening mark follows a space or a bracket and comes before a word."""
    after = body[position + len(mark):position + len(mark) + 1]
    return (position == 0 or not body[position - 1].isalnum()) and after != "" and not after.isspace()


def _closes(body: str, position: int) -> bool:
    return position + 1 >= len(body) or not body[position + 1].isalnum()
