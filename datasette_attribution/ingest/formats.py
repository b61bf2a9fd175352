"""The one registry of input formats: how a file's format is told, how it is read
into raw documents, and how a raw document becomes a clean article."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..records import HTML_PAGE_SUFFIXES, TEXT_PAGE_SUFFIXES, Article, RawDocument
from ..text.characters import storable
from ..text.language import detect_language
from ..extract import articles
from . import structured


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]
    kind: str  # the RawDocument kind it yields: "text" or "html" pages, or "record"
    streamed: bool = False  # read as it is parsed, never whole


FORMATS = (
    # Not .md: a folder's README.md or notes are no article (named, it is read as its content says).
    Format("text", TEXT_PAGE_SUFFIXES, "text"),
    Format("html", HTML_PAGE_SUFFIXES, "html"),
    Format("jsonl", (".jsonl", ".ndjson"), "record", streamed=True),
    Format("json", (".json",), "record"),
    Format("csv", (".csv",), "record", streamed=True),
)
BY_NAME = {f.name: f for f in FORMATS}
BY_SUFFIX = {suffix: f for f in FORMATS for suffix in f.suffixes}
# A clean article from each kind of raw document.
ARTICLE_BUILDERS = {
    "text": articles.article_from_text,
    "html": articles.article_from_html,
    "record": structured.article_from_record,
}
# A CSV header's column names are short identifiers ("published", "outlet").
MAX_COLUMN_NAME = 40
HTML_TAGS = ("<html", "<!doctype html", "<body", "<head", "<p", "<div", "<article")
# XML that is no page: a declaration, or an RSS, Atom or sitemap root.
XML_DOCUMENT = re.compile(r"\s*(?:<\?xml\b|<rss\b|<feed\b|<urlset\b|<sitemapindex\b)", re.IGNORECASE)


def supported(path: str) -> bool:
    return Path(path).suffix.lower() in BY_SUFFIX


def by_suffix(path: str) -> Format | None:
    return BY_SUFFIX.get(Path(path).suffix.lower())


def sniff(path: str, text: str) -> Format:
    """The format from the suffix; from the content when the suffix says nothing
    (standard input, unknown suffixes)."""
    known = by_suffix(path)
    if known and known.name == "json" and text.lstrip().startswith("{") and "\n{" in text.strip():
        return BY_NAME["jsonl"]  # JSON Lines saved as .json
    if known and known.name != "text":
        return known
    head = text.lstrip()[:1000].lower()
    if head.startswith("<") and any(tag in head for tag in HTML_TAGS):
        return BY_NAME["html"]
    if known is None:
        if re.match(r"\[\s*[{\]]", head):  # an array of records, not "[project]" of a TOML file
            return BY_NAME["json"]
        if head.startswith("{"):
            return BY_NAME["jsonl"]
        if _csv_header(text.lstrip().split("\n", 1)[0]):
            return BY_NAME["csv"]
    return BY_NAME["text"]


def _csv_header(line: str) -> bool:
    """A first line that names columns, one of them "text", as a CSV of records does
    (`id,text,outlet`); a page's first line is prose or a title."""
    columns = [column.strip().strip('"').lower() for column in next(csv.reader([line]), [])]
    return len(columns) > 1 and "text" in columns and all(
        column and len(column) <= MAX_COLUMN_NAME and " " not in column for column in columns)


def to_article(raw: RawDocument) -> Article:
    """The clean article of a raw document, built from storable characters only."""
    clean = replace(raw, content=storable(raw.content),
                    fields={name: storable(value) for name, value in raw.fields.items()})
    article = ARTICLE_BUILDERS[raw.kind](clean)
    article.language = detect_language(article.body)
    return article
