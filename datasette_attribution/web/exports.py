"""Datasette's own CSV exports of the plugin's databases, made safe to open in a
spreadsheet: a cell that begins with =, +, -, @, a tab or a carriage return is
run as a formula there (OWASP, "CSV injection"), so such a cell gets a leading
apostrophe. Numbers (-0.25) are left alone. Rewritten as the response streams,
whole records at a time, so `?_stream=1` exports of any size pass through."""

from __future__ import annotations

import codecs
import csv
import io
import re

from datasette.utils import tilde_decode

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def csv_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


class CsvRewriter:
    """Fed the body in chunks; gives back the same CSV, cells neutralised."""

    def __init__(self):
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.pending = ""

    def feed(self, chunk: bytes, final: bool) -> bytes:
        self.pending += self.decoder.decode(chunk, final=final)
        if final:
            complete, self.pending = self.pending, ""
        else:
            cut = self._last_record_end()
            complete, self.pending = self.pending[:cut], self.pending[cut:]
        if not complete:
            return b""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        for row in csv.reader(io.StringIO(complete, newline="")):
            writer.writerow([csv_cell(cell) for cell in row])
        text = out.getvalue()
        if not complete.endswith("\n"):  # the last record had no line end: keep it so
            text = text[:-2]
        return text.encode("utf-8")

    def _last_record_end(self) -> int:
        """Just past the last line break outside a quoted field (0 if none)."""
        cut, quotes, start = 0, 0, 0
        for found in re.finditer("\n", self.pending):
            quotes += self.pending.count('"', start, found.start())
            start = found.start()
            if quotes % 2 == 0:
                cut = found.end()
        return cut


def csv_database(path: str) -> str | None:
    """The database route a CSV export's path belongs to (/news/sentences.csv,
    /news.csv?sql=...), or None for a path that is no CSV export."""
    if not path.endswith(".csv") or path.startswith("/-/"):
        return None
    first = path.lstrip("/").split("/")[0]
    return tilde_decode(first[:-4] if first.endswith(".csv") else first)


def neutralising_csv(app, is_ours):
    """ASGI middleware: CSV exports of the databases `is_ours(route)` accepts are
    rewritten as they stream."""
    async def wrapped(scope, receive, send):
        route = csv_database(scope.get("path", "")) if scope.get("type") == "http" else None
        if route is None or not is_ours(route):
            await app(scope, receive, send)
            return
        rewriter = CsvRewriter()
        state = {"rewrite": False}

        async def rewriting_send(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                state["rewrite"] = message["status"] == 200 and any(
                    key.lower() == b"content-type" and (b"csv" in value or b"text/plain" in value)
                    for key, value in headers)
                if state["rewrite"]:  # the length changes
                    message = {**message, "headers": [(k, v) for k, v in headers if k.lower() != b"content-length"]}
            elif message["type"] == "http.response.body" and state["rewrite"]:
                more = message.get("more_body", False)
                message = {**message, "body": rewriter.feed(message.get("body", b""), final=not more)}
            await send(message)

        await app(scope, receive, rewriting_send)

    return wrapped
