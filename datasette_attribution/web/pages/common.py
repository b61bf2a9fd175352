"""What every page of the plugin shares: links into the tables and to its own
pages, the database a URL names, rows as dicts, a CSV download."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

from datasette.utils import tilde_decode, tilde_encode
from datasette.utils.asgi import NotFound, Response

from ..exports import csv_cell

NO_OUTLET = object()  # table_link's default: no outlet filter at all


def outlet_args(table: str, outlet) -> dict:
    """The query-string filter for one outlet's rows of `table`; None (the
    articles with no outlet) is a filter too, not "every row"."""
    if outlet is NO_OUTLET:
        return {}
    if table == "articles":
        return {"outlet__isnull": 1} if outlet is None else {"outlet": outlet}
    return {"_no_outlet": 1} if outlet is None else {"_outlet": outlet}


def table_link(datasette, database: str, table: str, outlet=NO_OUTLET, **args) -> str:
    """A link to the rows of `table` under `args` (None values left out) and, when
    given, of one outlet (None: the articles without one)."""
    args = {**outlet_args(table, outlet), **{k: v for k, v in args.items() if v is not None}}
    query = urlencode(args)
    return datasette.urls.table(database, table) + (f"?{query}" if query else "")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def story_extent(article_count: int, outlet_count: int, without_outlet: int) -> str:
    """How many articles of how many outlets a story holds, as its pages say it
    and as stories.outlet_count counts ("5 articles from 2 outlets and 1 with no
    outlet"; "2 articles, none naming its outlet"): articles with no outlet are
    no outlet's."""
    articles = _plural(article_count, "article")
    if outlet_count == 0:
        return f"{articles}, none naming its outlet" if article_count > 1 else f"{articles}, naming no outlet"
    extent = f"{articles} from {_plural(outlet_count, 'outlet')}"
    return extent + (f" and {without_outlet} with no outlet" if without_outlet else "")


async def fetch_rows(db, sql, params=None) -> list[dict]:
    result = await db.execute(sql, params or [])
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def plugin_url(datasette, database: str, path: str) -> str:
    """/-/attribution/DB/path, with the database's name tilde-encoded as
    Datasette's own URLs have it ("news 2024" is news+2024)."""
    route = datasette.get_database(database).route
    return datasette.urls.path(f"/-/attribution/{tilde_encode(route)}/{path}")


def dashboard_url(datasette, database: str, extension: str = "") -> str:
    route = datasette.get_database(database).route
    return datasette.urls.path(f"/-/attribution/{tilde_encode(route)}{extension}")


async def ranked_outlets(db) -> list:
    """Outlets by their number of articles, most first: the order the charts name
    and colour them in (web/charts.py), the same on every page."""
    return [row[0] for row in (await db.execute(
        "select outlet from articles group by outlet order by count(*) desc, outlet")).rows]


async def database_from_request(datasette, request, *tables: str):
    """The database named in the URL, which must hold `tables` (the plugin's
    pages mean nothing on a database it did not load)."""
    route = tilde_decode(request.url_vars["database"])
    try:
        db = datasette.get_database(route=route)
    except KeyError:
        raise NotFound(f"Database not found: {route}") from None
    missing = set(tables) - set(await db.table_names()) - set(await db.view_names())
    if missing:
        raise NotFound(f"{db.name} was not loaded by datasette-attribution "
                       f"(no {', '.join(sorted(missing))} table)")
    return db


ARTICLE_TABLES = ("articles", "sentences", "paragraphs", "mentions", "actors", "attributions", "quotes")
# The summaries the comparison and actor pages read (databases loaded by earlier
# releases have these; the newer ones are read where present).
COMPARISON_TABLES = ("outlet_summary", "actor_stats", "outlet_actor_stats", "outlet_period_stats",
                     "outlet_actor_period_stats")


def csv_response(header: list[str], rows: list[list], filename: str) -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_cell(c) for c in header])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return Response(out.getvalue(), content_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{filename}"'})
