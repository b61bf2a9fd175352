"""Articles into sentences, with offsets into the text they came from."""

from __future__ import annotations

import re

from sentencex import segment

from ..records import Article, SentenceRecord
from .characters import INVISIBLE, LONE_SURROGATE, has_words

# spaCy refuses a text past its max_length, and a "sentence" this long is a run
# without sentence ends (a table, a list, a page without punctuation): it is cut
# at the last space before the limit, or at the limit when there is none.
MAX_SENTENCE_CHARS = 1500
# A title before a name never ends a sentence ("belonging to Ms. Abedin"), though
# the segmenter takes some of them for a full stop; the plural forms are news style
# ("Sens. McCain and Graham"); nor does "Fort" or "Mount" before a place ("Ft. Worth").
HONORIFIC_END = re.compile(
    r"(?<![\w.])(?:Mr|Ms|Mrs|Messrs|Dr|Sens?|Govs?|Reps?|Gens?|Lt|Col|Capt|Sgt|Maj|Adm|Cmdr|Cpl|Pvt|Prof|Rev"
    r"|Gov|Ft|Mt)\.$")
# A quotation that opens after a sentence and runs on past its paragraph (news
# style leaves the closing mark for a later paragraph) confuses the segmenter,
# which ends the sentence before it with the opening mark: '... Holland said. "'.
# The mark opens the next sentence.
OPENING_MARK_END = re.compile(r"\s+(?:\"|“|‘|''|``)$")
# A run of initials is one word, though the segmenter may end a sentence inside it
# ("Sen. Robert Menendez, D-N." + "J., has refused"): a piece that ends in a lone
# capital's dot, with the next piece opening on another, right after it.
INITIAL_END = re.compile(r"(?<![^\W\d_])[A-Z]\.$")
INITIAL_START = re.compile(r"[A-Z]\.")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, trimmed of surrounding white space.

    sentencex handles abbreviations ("Mr", "U.S.", "Nov. 24") and sentences that end
    inside quotation marks; we only map its pieces back onto the original string.
    """
    pieces = []
    cursor = 0
    # The segmenter encodes its input; a lone surrogate (which the loader never
    # stores) becomes U+FFFD here, one character for one, so offsets hold.
    text = LONE_SURROGATE.sub("\ufffd", text)
    for piece in segment("en", text):
        stripped = piece.strip().strip(INVISIBLE).strip()
        if not stripped:
            continue
        start = text.find(stripped, cursor)
        if start < 0:  # the segmenter normalised something; fall back to its length
            start = cursor
        end = start + len(stripped)
        cursor = end
        if pieces and HONORIFIC_END.search(text[pieces[-1][0]:pieces[-1][1]]):
            pieces[-1] = (pieces[-1][0], end)  # "... belonging to Ms." + "Abedin, ..."
            continue
        if pieces and start == pieces[-1][1] and INITIAL_END.search(text, pieces[-1][0], start) \
                and INITIAL_START.match(text, start):
            pieces[-1] = (pieces[-1][0], end)  # "... D-N." + "J., has refused"
            continue
        if pieces and (mark := OPENING_MARK_END.search(text, pieces[-1][0], pieces[-1][1])) \
                and not text[pieces[-1][1]:start].strip():
            opened_at = mark.start() + len(mark.group()) - len(mark.group().lstrip())
            pieces[-1] = (pieces[-1][0], mark.start())
            start = opened_at
        pieces.append((start, end))
    return [span for start, end in pieces for span in _bounded(text, start, end)
            if has_words(text[span[0]:span[1]])]


def _bounded(text: str, start: int, end: int):
    """(start, end) itself, or pieces of at most MAX_SENTENCE_CHARS, trimmed."""
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        piece_end = cut
        while text[piece_end - 1].isspace():
            piece_end -= 1
        yield start, piece_end
        start = cut
        while text[start].isspace():
            start += 1
    yield start, end


def segment_article(article: Article) -> list[SentenceRecord]:
    """Sentence records with offsets into `article.body`; headings are not sentences."""
    sentences = []
    for index, paragraph, offset in article.paragraph_offsets():
        if paragraph.kind != "text":
            continue
        for start, end in sentence_spans(paragraph.text):
            sentences.append({
                "position": len(sentences),
                "paragraph": index,
                "start": offset + start,
                "end": offset + end,
                "text": paragraph.text[start:end],
                "mentions": [],
            })
    return sentences
