"""The records that flow through the pipeline: raw documents, then clean articles."""

from __future__ import annotations

from dataclasses import dataclass, field


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
