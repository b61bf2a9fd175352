"""Articles into sentences, with offsets into the text they came from."""

from __future__ import annotations

from sentencex import segment

from ..model import Article


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, trimmed of surrounding white space.

    sentencex handles abbreviations ("Mr", "U.S.", "Nov. 24") and sentences that end
    inside quotation marks; we only map its pieces back onto the original string.
    """
    spans = []
    cursor = 0
    for piece in segment("en", text):
        stripped = piece.strip()
        if not stripped:
            continue
        start = text.find(stripped, cursor)
        if start < 0:  # the segmenter normalised something; fall back to its length
            start = cursor
        end = start + len(stripped)
        spans.append((start, end))
        cursor = end
    return spans


def segment_article(article: Article) -> list[dict]:
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
