"""Structured records (.jsonl, .json, .csv) into raw documents, one per record.

A record needs `text`; `id`, `title`, `outlet`, `url`, `published` and `byline`
are taken when present (a placeholder of no value, "None", "null", "NaN", "N/A", is
none; a byline loses a leading "By") and anything else is ignored. Each bad record is reported
with its line and skipped; the file's other records still load.
"""

from __future__ import annotations

import csv
import io
import json
import re

from ..records import Article, LoadError, Paragraph, RawDocument
from ..extract.fields import record_outlet
from ..extract.metadata import month_of, parse_date

FIELDS = ("id", "title", "outlet", "url", "published", "byline")
JSON_KINDS = {int: "a number", float: "a number", bool: "true or false", list: "a list", dict: "an object"}
# What scripts and spreadsheets write for a missing value (Python's str(None),
# pandas' NaN, JSON's null as text): no value, never a byline "None".
NO_VALUE = frozenset({"", "none", "null", "nan", "n/a"})
BY = re.compile(r"^by\s+", re.IGNORECASE)
# A month with no day, as ISO 8601 writes it: stored as given, counted in its month.
MONTH_ONLY = re.compile(r"[0-9]{4}-(?:0[1-9]|1[0-2])")


def clean_byline(byline: str) -> str | None:
    """A byline without a leading "By" ("By Jane Roe" is Jane Roe); None when nothing is left."""
    return BY.sub("", byline.strip()) or None


def _record(path: str, line: int, data) -> RawDocument | LoadError:
    location = f"{path}:{line}"
    if not isinstance(data, dict):
        return LoadError(location, f"expected an object with a \"text\" field, got {type(data).__name__}")
    text = data.get("text")
    if text is not None and not isinstance(text, str):
        return LoadError(location, f'record\'s "text" is {JSON_KINDS.get(type(text), type(text).__name__)}, '
                                   'not a string')
    if not isinstance(text, str) or not text.strip():
        return LoadError(location, 'record has no "text" (or it is empty)')
    fields = {}
    for name in FIELDS:
        value = data.get(name)
        if value is None:
            continue
        if isinstance(value, list) and name == "byline" and all(isinstance(v, str) for v in value):
            value = ", ".join(v.strip() for v in value if v.strip())  # the authors, as a list
        elif isinstance(value, (bool, list, dict)) or not isinstance(value, (str, int, float)):
            return LoadError(location, f'record\'s "{name}" is {JSON_KINDS.get(type(value), type(value).__name__)}, '
                                       'not a string')
        fields[name] = str(value).strip()
    fields = {k: value for k, value in fields.items() if value.lower() not in NO_VALUE}
    if "byline" in fields:
        fields["byline"] = clean_byline(fields["byline"])
    fields = {k: value for k, value in fields.items() if value}
    source = fields.pop("id", None) or location
    return RawDocument(source=source, location=location, kind="record", content=text, fields=fields)


def _not_valid_json(error: json.JSONDecodeError) -> str:
    # Some of json's messages end in "at", for the position it puts after them:
    # "Invalid control character at", "Unterminated string starting at".
    where = f" column {error.colno}" if error.msg.endswith(" at") else f", column {error.colno}"
    return f"not valid JSON ({error.msg}{where})"


def read_jsonl(path: str, lines):
    """Records from JSON Lines; `lines` is any iterable of text lines (a file is
    read line by line, so a large file never sits in memory whole)."""
    for number, line in enumerate(lines, start=1):
        if isinstance(line, LoadError):  # a line that could not be decoded
            yield line
            continue
        if not line.strip():
            continue
        try:
            # Without its line end: a string left open ends there, not at a "control character".
            data = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as error:
            yield LoadError(f"{path}:{number}", _not_valid_json(error))
            continue
        yield _record(path, number, data)


def read_json(path: str, text: str):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield LoadError(f"{path}:{error.lineno}", _not_valid_json(error))
        return
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        yield LoadError(path, "expected a JSON array of records or one record object")
        return
    lines = _element_lines(text) if text.lstrip().startswith("[") else [1]
    for index, item in enumerate(data):
        document = _record(path, index + 1, item)  # an id-less record is named by its place, "path:3"
        if isinstance(document, LoadError):
            where = f"{path}:{lines[index]}" if index < len(lines) else f"{path} (record {index + 1})"
            document = LoadError(where, document.message)
        yield document


SEPARATORS = re.compile(r"[\s,]*")


def _element_lines(text: str) -> list[int]:
    """The line each element of a JSON array opens on, for errors that name it."""
    decoder, lines = json.JSONDecoder(), []
    at, counted, line = text.index("[") + 1, 0, 1
    while True:
        at = SEPARATORS.match(text, at).end()
        if at >= len(text) or text[at] == "]":
            return lines
        line += text.count("\n", counted, at)
        counted = at
        lines.append(line)
        _, at = decoder.raw_decode(text, at)


def read_csv(path: str, text):
    """Records from CSV; `text` is a string, or an iterable of text lines (each with
    its line end) in which a LoadError stands for a line that could not be read:
    reported, and its row left out. Each record is located by its first line."""
    lines = io.StringIO(text, newline="") if isinstance(text, str) else text
    unread: list[LoadError] = []
    quotes_read = 0  # the row's double quotes: an odd count says a field's quote was never closed

    def readable():
        nonlocal quotes_read
        for line in lines:
            if isinstance(line, LoadError):
                unread.append(line)
                continue
            quotes_read += line.count('"')
            yield line

    reader = csv.reader(readable())
    try:
        header = next(reader, None)
    except csv.Error as error:
        header, unread[:0] = None, [LoadError(f"{path}:1", f"malformed CSV ({error})")]
    yield from unread
    if not header or "text" not in [f.strip() for f in header]:
        if header is not None or not unread:
            columns = ", ".join(header or []) or "none"
            yield LoadError(f"{path}:1", f'CSV has no "text" column (columns: {columns})')
        return
    names = [f.strip() for f in header]
    ended = reader.line_num
    while True:
        unread.clear()
        quotes_read = 0
        try:
            row = next(reader, None)
        except csv.Error as error:
            yield from unread
            yield LoadError(f"{path}:{ended + 1}", f"malformed CSV ({error})")
            return
        yield from unread
        if row is None:
            return
        first, ended = ended + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if ended > first and quotes_read % 2:
            # A field's quote left open runs on through the records below it into one
            # field; loaded, their lines would be this article's text.
            yield LoadError(f"{path}:{first}", f"a quoted field opened here is not closed where it should "
                                               f"be: lines {first} to {ended} were read as one row; not loaded "
                                               "(close the quote, or double a quote inside the field)")
            continue
        if len(row) > len(names):
            yield LoadError(f"{path}:{first}", f"row has {len(row)} fields, the header {len(names)} "
                                               "(a comma in a field that is not quoted?); not loaded")
            continue
        yield _record(path, first, dict(zip(names, row, strict=False)))  # a short row: its last fields empty


def article_from_record(raw: RawDocument) -> Article:
    """A record's text is already a clean body: one paragraph per line."""
    paragraphs = [
        Paragraph(" ".join(line.split())) for line in raw.content.splitlines() if line.strip()
    ]
    fields = raw.fields
    published = fields.get("published")
    if published:
        written = published.strip()
        published = parse_date(written) or (written if MONTH_ONLY.fullmatch(written) else month_of(written))
        if published is None:
            # Stored as given, it would stand for a month in every summary ("yesterd").
            raise LoadError(raw.location, f'"published" is not a date: {fields["published"]!r} (ISO 8601, '
                                          '"2016-07-01" or "2016-07", or any common form such as "July 1, 2016")')
    return Article(
        source=raw.source,
        paragraphs=paragraphs,
        title=fields.get("title"),
        outlet=record_outlet(fields.get("outlet")),
        url=fields.get("url"),
        byline=fields.get("byline"),
        published=published or None,
    )
