"""The columns the HTML page of one of the plugin's tables shows by default:
every column but descriptions.HIDDEN_COLUMNS (offsets, hashes, source paths),
as if its URL said ?_nocol= for each, so that the text has the room.

Datasette has no setting for columns hidden by default: its ?_col= and ?_nocol=
arguments are per request, in 0.65 and the 1.0 alphas alike. So an ASGI wrapper
adds ?_nocol= to the request of such a page before Datasette reads it: only the
HTML page of a table of a database the plugin loaded (never .json or .csv, a row
page or another database). A URL that names ?_col= chooses its columns itself;
one that names ?_nocol= hides those beside the defaults; a column the page sorts,
filters or facets by stays shown. What it left out rides in the request's scope
(SCOPE_KEY), for the page to say so and offer every column back (hooks.py).

Datasette writes the request's arguments into the page's own links (JSON, CSV,
the next page, facets) and its filter form: the answer's HTML loses the ?_nocol=
the wrapper added, so that an export has every column and the next page is asked
for as the reader asked for this one, with or without JavaScript."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote_plus, urlencode

from datasette.utils import tilde_decode

from .descriptions import HIDDEN_COLUMNS

# The request scope's entry a page reads to say what it left out.
SCOPE_KEY = "datasette_attribution.hidden_columns"


def table_page(path: str, base_url: str = "/") -> tuple[str, str] | None:
    """(database route, table) of a table's HTML page (/news/articles), or None
    for any other path: a row page, an export (/news/articles.csv), /-/ pages."""
    if base_url != "/" and path.startswith(base_url):
        path = "/" + path[len(base_url):]
    if not path.startswith("/") or path.startswith("/-/"):
        return None
    parts = path[1:].split("/")
    # A table name's own dots are tilde-encoded: a dot starts a format.
    if len(parts) != 2 or not all(parts) or "." in parts[1] or parts[1] == "-":
        return None
    return tilde_decode(parts[0]), tilde_decode(parts[1])


def columns_to_hide(table: str, args: list[tuple[str, str]], columns, pks) -> list[str]:
    """The default-hidden columns of `table` that this request leaves out: none
    when it names ?_col= (or a format), nor those it already hides, sorts,
    facets or filters by."""
    names = {key for key, _ in args}
    if "_col" in names or "_format" in names:
        return []
    used = {value for key, value in args if key in ("_sort", "_sort_desc", "_facet", "_nocol")}
    used |= {key.rsplit("__", 1)[0] for key in names if not key.startswith("_")}
    return [c for c in HIDDEN_COLUMNS.get(table, ()) if c in columns and c not in pks and c not in used]


def every_column_query(args: list[tuple[str, str]], columns, pks) -> str:
    """The page's query string naming each column (?_col=), so that it shows them all."""
    kept = [(key, value) for key, value in args if key not in ("_col", "_nocol")]
    return urlencode(kept + [("_col", c) for c in columns if c not in pks])


def without_added(html: str, hidden: list[str]) -> str:
    """The page's HTML with the ?_nocol= arguments the wrapper added taken out of
    its links (&amp;-escaped or not) and its filter form's hidden inputs."""
    names = "|".join(re.escape(quote_plus(c)) for c in hidden)
    argument = rf"_nocol=(?:{names})"
    html = re.sub(rf'<input type="hidden" name="_nocol" value="(?:{names})">', "", html)
    html = re.sub(rf"(?:&amp;|&){argument}(?=[&#\"'\s<]|$)", "", html)
    html = re.sub(rf"\?{argument}(?:&amp;|&)", "?", html)
    return re.sub(rf"\?{argument}(?=[#\"'\s<]|$)", "", html)


def rewriting_html(send, hidden: list[str]):
    """An ASGI `send` that holds an HTML answer's body and sends it without the
    added arguments (any other answer passes as it is)."""
    state = {"start": None, "body": []}

    async def wrapped(message):
        if message["type"] == "http.response.start":
            headers = dict(message.get("headers") or [])
            if headers.get(b"content-type", b"").startswith(b"text/html"):
                state["start"] = message
                return
        elif message["type"] == "http.response.body" and state["start"] is not None:
            state["body"].append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = without_added(b"".join(state["body"]).decode("utf-8"), hidden).encode("utf-8")
            start = state["start"]
            headers = [(k, v) for k, v in start.get("headers") or [] if k.lower() != b"content-length"]
            await send({**start, "headers": [*headers, (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        await send(message)

    return wrapped


def hiding_columns(app, table_columns, base_url=lambda: "/"):
    """ASGI middleware: the HTML page of a table `table_columns(route, table)`
    answers for (its columns and primary keys, awaited; None for a table that is
    not the plugin's) is asked for without its default-hidden columns."""
    async def wrapped(scope, receive, send):
        if scope.get("type") == "http" and scope.get("method") in ("GET", "HEAD"):
            page = table_page(scope.get("path", ""), base_url())
            found = await table_columns(*page) if page else None
            if found:
                columns, pks = found
                query = scope.get("query_string", b"").decode("latin-1")
                # Read as Datasette reads them (Request.args).
                args = parse_qsl(query, keep_blank_values=True)
                hide = columns_to_hide(page[1], args, columns, pks)
                if hide:
                    added = urlencode([("_nocol", c) for c in hide])
                    scope = {**scope, "query_string": (f"{query}&{added}" if query else added).encode("latin-1"),
                             SCOPE_KEY: {"hidden": hide, "every_column": "?" + every_column_query(args, columns, pks)}}
                    send = rewriting_html(send, hide)
        await app(scope, receive, send)

    return wrapped
