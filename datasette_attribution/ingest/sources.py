"""Find inputs (files, folders, stdin), decode them and read them as their format
(ingest/formats.py) says."""

from __future__ import annotations

import codecs
import csv
import io
import os
import stat
import sys

from ..records import LoadError, RawDocument
from . import formats, structured

STDIN = "-"
# The largest page, JSON file or record read (load --max-size): news articles
# are tens of kilobytes and pages with their scripts a few megabytes; a larger
# input is refused before it is read, so that memory stays bounded.
DEFAULT_MAX_BYTES = 8_000_000


def size_text(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{size:,} bytes"


def too_large(location: str, size: int, max_bytes: int) -> LoadError:
    return LoadError(location, f"{size_text(size)}, over the limit of {size_text(max_bytes)} "
                               "(load --max-size sets it)")


def expand_inputs(paths) -> list[tuple[str, str]]:
    """(path, name) of every input: files as given, named by their file name;
    folders walked recursively (supported suffixes, hidden skipped), each file
    named by its path relative to the folder. The name, never the path on this
    machine, is what `articles.source` keeps."""
    found = []
    for path in paths:
        if path == STDIN:
            found.append((path, "<stdin>"))
        elif not os.path.isdir(path):
            found.append((path, os.path.basename(path)))
        else:
            found += [(full, os.path.relpath(full, path).replace(os.sep, "/"))
                      for full in _files_in(path) if formats.supported(full)]
    return found


def skipped_in_folders(paths) -> list[str]:
    """The files a folder walk leaves (a suffix no format has, or none), which it
    does not guess at: a folder holds images, scripts and notes beside pages."""
    return [full for path in paths if path != STDIN and os.path.isdir(path)
            for full in _files_in(path) if not formats.supported(full)]


def _files_in(folder: str):
    """Every file under `folder`, in name order, hidden files and folders left out."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield from (os.path.join(root, name) for name in sorted(files) if not name.startswith("."))


def expand_paths(paths) -> list[str]:
    return [path for path, _ in expand_inputs(paths)]


def _named(documents, path: str, name: str):
    """Documents whose source is named after `path` (a page, or a record without
    an id: "path:line") are named after `name` instead."""
    for document in documents:
        if isinstance(document, RawDocument) and document.source.startswith(path):
            document.source = name + document.source[len(path):]
        yield document


def is_wide(encoding: str) -> bool:
    """UTF-16 and UTF-32 write most characters with NUL bytes, and a line break as
    more than one byte."""
    return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))


WIDE_MARKS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def check_content(path: str, head: bytes, encoding: str = "utf-8") -> None:
    """Refuse empty and binary input, from its first bytes."""
    if not head.strip(b"\x00 \t\r\n\xff\xfe"):
        raise LoadError(path, "file is empty")
    if b"\x00" in head[:8192] and not is_wide(encoding):
        wide = next((name for mark, name in WIDE_MARKS if head.startswith(mark)), None)
        if wide:
            raise LoadError(path, f"written in {wide.upper()} (its first bytes say so): pass --encoding {wide}")
        raise LoadError(path, "looks like a binary file, not text, HTML or records")


def decoding_error(location: str, data: bytes, encoding: str) -> LoadError:
    hint = ""
    try:
        data.decode("cp1252")
        hint = " (it decodes as Windows-1252: pass --encoding cp1252 if that is right)"
    except UnicodeDecodeError:
        pass
    return LoadError(location, f"not valid {encoding}{hint}")


def decode(path: str, data: bytes, encoding: str) -> str:
    check_content(path, data, encoding)
    try:
        return data.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise decoding_error(f"{path}:{line}", data, encoding) from None


def _bounded_lines(handle, max_bytes: int, header: bool = False):
    """The lines of a binary file, or an int (the line's size) for a line longer
    than max_bytes, which is skipped without ever being held whole; with `header`,
    the first line (a CSV's column names, no record) is read whatever its size."""
    if header and (first := handle.readline()):
        yield first
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while line and not line.endswith(b"\n"):
            line = handle.readline(1 << 20)
            size += len(line)
        yield size


def _decoded_lines(path: str, handle, encoding: str, max_bytes: int, header: bool = False):
    """Text lines of a binary file, one at a time; an undecodable or oversized line
    becomes a LoadError in its place so the lines after it still load."""
    lines = (_wide_lines(path, handle, encoding, max_bytes, header) if is_wide(encoding)
             else _bounded_lines(handle, max_bytes, header))
    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, LoadError):
            yield raw
            return
        if isinstance(raw, int):
            yield too_large(f"{path}:{number}", raw, max_bytes)
            continue
        try:
            line = raw if isinstance(raw, str) else raw.decode(encoding)
        except UnicodeDecodeError:
            yield decoding_error(f"{path}:{number}", raw, encoding)
            continue
        yield line.lstrip("\ufeff") if number == 1 else line


def _wide_lines(path: str, handle, encoding: str, max_bytes: int, header: bool):
    """_bounded_lines for UTF-16 and UTF-32, whose line breaks are not one byte: the
    lines of the file decoded as a stream, a line measured once decoded (an int for
    one over max_bytes), a LoadError where the stream stops decoding."""
    text = io.TextIOWrapper(handle, encoding=encoding, newline="")
    try:
        for number, line in enumerate(text, start=1):
            size = len(line.encode(encoding))
            yield size if size > max_bytes and not (header and number == 1) else line
    except UnicodeDecodeError:
        yield LoadError(path, f"not valid {encoding}")
    finally:
        text.detach()


def stream_records(path: str, encoding: str, max_bytes: int):
    """JSON Lines and CSV files are read as they are parsed, never whole."""
    with open(path, "rb") as handle:
        check_content(path, handle.read(8192), encoding)
        handle.seek(0)
        if formats.by_suffix(path).name == "jsonl":
            yield from structured.read_jsonl(path, _decoded_lines(path, handle, encoding, max_bytes))
        else:
            # The csv module's own limit (128 KB a field) would end the file at
            # the first long article.
            csv.field_size_limit(max(max_bytes, csv.field_size_limit()))
            yield from structured.read_csv(path, _decoded_lines(path, handle, encoding, max_bytes, header=True))


def check_regular_file(path: str, max_bytes: int, whole: bool) -> None:
    """Refuse what would hang a load (a FIFO, a device, a socket waits for a
    writer forever) and, for a file read `whole`, one over the size limit."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise LoadError(path, "not a regular file (a FIFO, socket or device); pipe it to "
                              "`load DB -` to read it")
    if whole and info.st_size > max_bytes:
        raise too_large(path, info.st_size, max_bytes)


def _read_whole(path: str, max_bytes: int) -> tuple[str, bytes]:
    if path == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise too_large("<stdin>", len(data), max_bytes)
        return "<stdin>", data
    check_regular_file(path, max_bytes, whole=True)
    with open(path, "rb") as handle:
        return path, handle.read(max_bytes + 1)


def read_documents(paths, encoding: str = "utf-8", max_bytes: int = DEFAULT_MAX_BYTES):
    """Yield a RawDocument or a LoadError for every page or record in `paths`.
    Pages and JSON files over `max_bytes` are refused whole, JSON Lines and CSV
    records over it one by one."""
    for path, name in expand_inputs(paths):
        yield from _named(_read_input(path, encoding, max_bytes), path, name)


def _read_input(path: str, encoding: str, max_bytes: int):
    """The documents of one input, or the LoadError that says why it has none."""
    known = formats.by_suffix(path) if path != STDIN else None
    try:
        if known and known.streamed:
            check_regular_file(path, max_bytes, whole=False)
            yield from stream_records(path, encoding, max_bytes)
            return
        location, data = _read_whole(path, max_bytes)
        text = decode(location, data, encoding)
    except LoadError as error:
        yield error
        return
    except OSError as error:
        yield LoadError(path, error.strerror or str(error))
        return
    found = formats.sniff(path, text)
    if found.name == "text" and formats.XML_DOCUMENT.match(text):
        # A feed or a sitemap named on its own: its markup is no article's text.
        yield LoadError(location, "an XML document (a feed or a sitemap?), not a page; load the pages or "
                                  "records it lists")
        return
    if found.name == "jsonl":
        yield from structured.read_jsonl(location, text.splitlines())
    elif found.name == "json":
        yield from structured.read_json(location, text)
    elif found.name == "csv":
        yield from structured.read_csv(location, text)
    else:
        yield RawDocument(source=location, location=location, kind=found.kind, content=text)
