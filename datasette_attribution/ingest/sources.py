"""Find inputs (files, folders, stdin), decode them and tell their format."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..model import LoadError, RawDocument
from . import records

PAGE_SUFFIXES = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html"}
RECORD_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv"}
SUPPORTED = set(PAGE_SUFFIXES) | set(RECORD_SUFFIXES)
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
                if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED:
                    found.append(os.path.join(root, name))
    return found


def decode(path: str, data: bytes, encoding: str) -> str:
    if not data.strip():
        raise LoadError(path, "file is empty")
    if b"\x00" in data[:8192]:
        raise LoadError(path, "looks like a binary file, not text, HTML or records")
    try:
        return data.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        hint = ""
        try:
            data.decode("cp1252")
            hint = " (it decodes as Windows-1252: pass --encoding cp1252 if that is right)"
        except UnicodeDecodeError:
            pass
        raise LoadError(f"{path}:{line}", f"not valid {encoding}{hint}") from None


def sniff_format(path: str, text: str) -> str:
    """Format from the suffix; from the content when the suffix says nothing."""
    suffix = Path(path).suffix.lower()
    if suffix in RECORD_SUFFIXES:
        if suffix == ".json" and text.lstrip().startswith("{") and "\n{" in text.strip():
            return "jsonl"  # JSON Lines saved as .json
        return RECORD_SUFFIXES[suffix]
    if suffix in (".html", ".htm"):
        return "html"
    head = text.lstrip()[:1000].lower()
    if head.startswith("<") and any(tag in head for tag in ("<html", "<!doctype html", "<body", "<head", "<p", "<div", "<article")):
        return "html"
    if suffix not in PAGE_SUFFIXES:
        if head.startswith("["):
            return "json"
        if head.startswith("{"):
            return "jsonl"
    return "text"


def read_documents(paths, encoding: str = "utf-8"):
    """Yield a RawDocument or a LoadError for every page or record in `paths`."""
    for path in expand_paths(paths):
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
        kind = sniff_format(path, text)
        if kind == "jsonl":
            yield from records.read_jsonl(name, text)
        elif kind == "json":
            yield from records.read_json(name, text)
        elif kind == "csv":
            yield from records.read_csv(name, text)
        else:
            yield RawDocument(source=name, location=name, kind=kind, content=text)
