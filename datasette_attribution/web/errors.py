"""A 404 for a URL no route matched, as a 404 page rather than a 500.

Datasette's default exception handler prints the exception with `rich` when rich
is installed (spaCy installs it). For a URL no route matched, Datasette calls the
handler outside any `except` block, rich refuses to print ("Value for 'trace'
required"), and a published instance answers 500 to every mistyped URL. The
hooks module wraps the handlers for exactly that case and answers with this page.
"""

from __future__ import annotations

import inspect
import sys

from datasette.utils.asgi import NotFound, Response


def default_handler_would_fail(exception) -> bool:
    return isinstance(exception, NotFound) and sys.exc_info()[0] is None


def replace_handlers(results: list, datasette, request, exception) -> list:
    for result in results:
        if inspect.iscoroutine(result):
            result.close()  # never awaited: it is the one that would fail
    return [not_found_response(datasette, request, exception)]


async def not_found_response(datasette, request, exception) -> Response:
    status = exception.status
    info = {"ok": False, "error": exception.args[0] if exception.args else "Not found",
            "status": status, "title": None}
    if request.path.split("?")[0].endswith(".json"):
        return Response.json(info, status=status)
    html = await datasette.render_template([f"{status}.html", "error.html"], info, request=request)
    return Response.html(html, status=status)
