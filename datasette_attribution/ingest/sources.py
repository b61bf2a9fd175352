"""Find inputs (files, folders, stdin), decode them and read them as their format
(ingest/formats.py) says."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from ..model import LoadError, RawDocument
from . import formats, records

STDIN = "-"


def expand_paths(paths) -> list[str]:
    """Files as given, folders walked recursively (supported suffixes, hidden skipped)."""
    found = []
    for path in paths:
        if path == STDIN or not os.path.isdir(path):
            found.append(path)
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith(".") and formats.supported(name):
                    found.append(os.path.join(root, name))
    return found


def check_content(path: str, head: bytes) -> None:
    """Refuse empty and binary input, from its first bytes."""
    if not head.strip():
        raise LoadError(path, "file is empty")
    if b"\x00" in head[:8192]:
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
    check_content(path, data)
    try:
        return data.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise decoding_error(f"{path}:{line}", data, encoding) from None


def _decoded_lines(path: str, handle, encoding: str):
    """Text lines of a binary file, one at a time; an undecodable line becomes a
    LoadError in its place so the lines after it still load."""
    for number, raw in enumerate(handle, start=1):
        try:
            line = raw.decode(encoding)
        except UnicodeDecodeError:
            yield decoding_error(f"{path}:{number}", raw, encoding)
            continue
        yield line.lstrip("\ufeff") if number == 1 else line


def stream_records(path: str, encoding: str):
    """JSON Lines and CSV files are read as they are parsed, never whole."""
    with open(path, "rb") as handle:
        check_content(path, handle.read(8192))
        handle.seek(0)
        if formats.by_suffix(path).name == "jsonl":
            yield from records.read_jsonl(path, _decoded_lines(path, handle, encoding))
        else:
            text = io.TextIOWrapper(handle, encoding=encoding, newline="")
            yield from records.read_csv(path, text)


def read_documents(paths, encoding: str = "utf-8"):
    """Yield a RawDocument or a LoadError for every page or record in `paths`."""
    for path in expand_paths(paths):
        known = formats.by_suffix(path) if path != STDIN else None
        if known and known.streamed:
            try:
                yield from stream_records(path, encoding)
            except LoadError as error:
                yield error
            except OSError as error:
                yield LoadError(path, error.strerror or str(error))
            continue
        try:
            if path == STDIN:
                data = sys.stdin.buffer.read()
                name = "<stdin>"
            else:
                name = path
                data = Path(path).read_bytes()
            text = decode(name, data, encoding)
        except LoadError as error:
            yield error
            continue
        except OSError as error:
            yield LoadError(path, error.strerror or str(error))
            continue
        found = formats.sniff(path, text)
        if found.name == "jsonl":
            yield from records.read_jsonl(name, text.splitlines())
        elif found.name == "json":
            yield from records.read_json(name, text)
        elif found.name == "csv":
            yield from records.read_csv(name, text)
        else:
            yield RawDocument(source=name, location=name, kind=found.kind, content=text)
