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
(SCOPE_KEY), for the page to say so and offer every column back (hooks.py)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

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
        await app(scope, receive, send)

    return wrapped
