"""The records that flow through the pipeline: raw documents, then clean articles,
then the sentence, mention, attribution and quote records that scoring fills."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict


# The file suffixes of scraped pages, whose metadata is looked for on the page (a
# record's is given or not): the loader's formats, and the article view's wording.
TEXT_PAGE_SUFFIXES = (".txt", ".text")
HTML_PAGE_SUFFIXES = (".html", ".htm")
PAGE_SUFFIXES = TEXT_PAGE_SUFFIXES + HTML_PAGE_SUFFIXES


class LoadError(Exception):
    """One input that could not be loaded; `location` names the file (and line)."""

    def __init__(self, location: str, message: str):
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message

    def __reduce__(self):
        # Rebuilt from both parts when it crosses from a worker process.
        return type(self), (self.location, self.message)


@dataclass
class RawDocument:
    """One unit of input as read from disk, before any cleaning.

    `kind` is "text" or "html" for scraped pages, "record" for a structured record
    whose `content` is already a clean article body.
    """

    source: str
    location: str
    kind: str
    content: str
    fields: dict = field(default_factory=dict)


@dataclass
class Paragraph:
    text: str
    kind: str = "text"  # "text" or "heading"


@dataclass
class Article:
    """A clean article: metadata plus body paragraphs, ready for segmentation."""

    source: str
    paragraphs: list[Paragraph]
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    byline: str | None = None
    published: str | None = None
    standfirst: str | None = None
    language: str | None = None  # ISO 639-1; only English articles are scored

    PARAGRAPH_SEPARATOR = "\n\n"

    @property
    def body(self) -> str:
        return self.PARAGRAPH_SEPARATOR.join(p.text for p in self.paragraphs)

    def paragraph_offsets(self):
        """Yield (index, paragraph, start offset in body)."""
        offset = 0
        for index, paragraph in enumerate(self.paragraphs):
            yield index, paragraph, offset
            offset += len(paragraph.text) + len(self.PARAGRAPH_SEPARATOR)


# The records scoring fills, which cross from the scorers to the store and the API:
# every field a built-in scorer sets is declared here (tests/test_records.py checks
# real analyses against them). A third-party scorer adds its declared columns as
# further keys. total=False: a field is there once the scorer that sets it has run.


class MentionRecord(TypedDict, total=False):
    """An actor named in a sentence (the actors scorer; sentiment adds its three)."""

    actor: str  # the canonical name; the store resolves it to actors.id
    kind: str  # person, organization, place, group
    text: str
    start: int  # offsets in the sentence's text
    end: int
    linked_to: str  # "the Obama administration": the actor it belongs to
    sentiment: float  # -1..1, P(positive) - P(negative)
    sentiment_label: str  # negative, neutral, positive
    sentiment_cues: list[str]  # the words that carry a polar label


class AttributionRecord(TypedDict, total=False):
    """One attribution of a sentence: a row of `attributions` (the sourcing scorer)."""

    cue: str
    cue_start: int
    cue_end: int
    source: str
    source_start: int | None
    source_end: int | None
    source_kind: str
    anonymous: int
    content_start: int | None
    content_end: int | None
    actor: tuple[str, str] | None  # the source's actor, (name, kind), when named
    speaker: str | None  # the person a pronoun or a continued quotation points back to
    source_token: object  # while scoring only: the spaCy token the source hangs on
    continues: bool  # while scoring only: a bare quotation continuing the last speaker


class HedgeCueRecord(TypedDict, total=False):
    """A hedge cue found in a sentence (the hedging scorer; `hedge_cues` as JSON)."""

    text: str
    kind: str  # the cue's kind in lexicons/hedge_cues.txt
    start: int
    end: int
    counts: bool  # whether it counts towards `hedged`
    reason: str  # why a rule kept or dropped it


class SentenceRecord(TypedDict, total=False):
    """A sentence as segmentation makes it and each built-in scorer fills it."""

    # text.segment
    position: int
    paragraph: int
    start: int  # offsets into the article's body
    end: int
    text: str
    # while scoring only (analyze.scored removes them)
    span: object  # the spaCy Span
    encoding: dict  # offsets, states, pooled: the encoder's output
    # actors
    mentions: list[MentionRecord]
    # sourcing
    attributions: list[AttributionRecord]  # the main one first
    attribution: str  # none, named, anonymous
    source: str | None
    source_kind: str | None
    cue: str | None
    anonymous_score: float
    speaker_actor: tuple[str, str] | None  # the main source's actor, for quotes; never stored
    # quotes
    is_quote: int
    # hedging
    hedged: int
    hedging_score: float
    hedge_cues: list[HedgeCueRecord]
    # sentiment
    polarity: float
    subjectivity: float


class QuoteRecord(TypedDict):
    """A direct quotation: a row of `quotes` (the quotes scorer)."""

    sentence_position: int  # the position of the sentence it starts in
    text: str
    speaker: str | None
    speaker_person: str | None  # one named person: the store links the quote to that actor
    anonymous: int


class ArticleSummary(TypedDict, total=False):
    """The article's own columns that scoring fills (analysis.summary)."""

    sentence_count: int
    attributed_count: int
    anonymous_count: int
    anonymous_share: float | None
    quote_count: int
    hedged_count: int
    hedged_share: float | None
    polarity: float | None
    subjectivity: float | None


# Fields that live only while an article is scored: never stored, nor returned by
# analyze_text.
SCORING_ONLY_FIELDS = ("span", "encoding", "speaker_actor")
