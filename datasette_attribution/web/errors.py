"""Errors a request caused, answered as 4xx pages instead of 500s.

Two cases, both on any page of an instance that serves a database (and a third
on the plugin's pages: a database an earlier release wrote, earlier_release.py):

- A 404. Datasette's default exception handler prints every exception with
  `rich` when rich is installed (spaCy installs it). For a URL no route matched
  it is called outside any `except` block, rich refuses to print ("Value for
  'trace' required"), and the reader gets a 500; for a missing table, row or
  actor it prints the whole traceback with its local variables to the server's
  log, about 0.5 s a request. A page that is not there is no error of the server's.
- A query-string value Datasette passes to SQLite unchecked: an integer past
  64 bits in a column filter (`?hedging_score__gte=99999999999999999999`), an
  unknown column to sort or facet by. Datasette answers 500 (which ones depends
  on the version); they are the request's fault, so 400.

The hooks module wraps the exception handlers and answers these itself.
"""

from __future__ import annotations

import inspect

from datasette.utils.asgi import NotFound, Response

# (exception type name, words in its message) -> what the reader is told.
CAUSED_BY_REQUEST = (
    ("OverflowError", "too large to convert to SQLite", "a number in the request is too large"),
    ("DatasetteError", "Cannot sort table by", None),
    ("OperationalError", "no such column", None),
)


def response_for(exception, path: str, earlier_release=None) -> tuple[int, str] | None:
    """(status, message) when the exception is one of the cases above, else None.
    On the plugin's own pages (`path` under /-/attribution/) an SQL error is the
    plugin's fault and stays a 500, unless the database lacks a column or table
    this release stores: then `earlier_release()` gives (status, message) saying
    what to run (earlier_release.py)."""
    if isinstance(exception, NotFound):
        return 404, exception.args[0] if exception.args else "Not found"
    # Datasette may wrap SQLite's error in its own: the chain is searched.
    chain = [e for e in (exception, exception.__cause__, exception.__context__) if e is not None]
    if path.startswith("/-/attribution/"):
        if earlier_release is not None and any(
                type(e).__name__ == "OperationalError" and ("no such column" in str(e) or "no such table" in str(e))
                for e in chain):
            return earlier_release()
        return None
    for type_name, words, told in CAUSED_BY_REQUEST:
        if any(type(e).__name__ == type_name and words in str(e) for e in chain):
            return 400, told or str(exception)
    return None


def replace_handlers(results: list, datasette, request, status: int, message: str) -> list:
    for result in results:
        if inspect.iscoroutine(result):
            result.close()  # never awaited: the default would fail or answer 500
    return [error_response(datasette, request, status, message)]


async def error_response(datasette, request, status: int, message: str) -> Response:
    info = {"ok": False, "error": message, "status": status, "title": None}
    if request.path.split("?")[0].endswith(".json"):
        return Response.json(info, status=status)
    html = await datasette.render_template([f"{status}.html", "error.html"], info, request=request)
    return Response.html(html, status=status)
