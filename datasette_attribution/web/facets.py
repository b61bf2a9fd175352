"""Custom facets: score bands for any score column, actors through mentions, and
the default column facets counted from the summary tables.

All subclass Datasette's facets without touching their constructor, whose
signature differs between 0.65 and the 1.0 alphas.
"""

from __future__ import annotations

import inspect
import re
from urllib.parse import parse_qsl, urlencode

from datasette.database import QueryInterrupted
from datasette.facets import ColumnFacet, Facet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

from ..store.bands import BANDS, band_condition, band_edges, band_of
from ..store.summaries import (
    BAND_SUMMARIES,
    CO_MENTIONS,
    RANGE_FILTERS,
    SUMMARISED_FILTERS,
    facet_summary,
    filter_columns,
    summary_where,
)
from .filters import COUNTED, MONTH, ROW_ID
from .descriptions import SCORE_COLUMNS, YES_NO, YES_NO_COLUMNS
from .hidden_columns import table_page


# Rows few enough to band in one pass (the page's count, from the summaries).
FEW_ROWS = 10_000


def band_label(edges: list[float], index: int) -> str:
    """"[0.2, 0.4)"; on a signed scale (polarity, sentiment) signed as every page writes
    it: "[-0.2, +0.2)", "[+0.6, +1]"."""
    closing = "]" if index == BANDS - 1 else ")"
    written = "{:+g}" if edges[0] < 0 else "{:g}"

    def edge(value: float) -> str:
        return "0" if value == 0 else written.format(value)
    return f"[{edge(edges[index])}, {edge(edges[index + 1])}{closing}"


class ScoreBandFacet(Facet):
    """?_facet_score_band=hedging_score: counts in five equal bands of the score's
    range, each a link that filters to that band (col__gte and col__lt)."""

    type = "score_band"

    async def suggest(self):
        configured = {c["config"].get("simple") for c in self.get_configs()}
        columns = await self.get_columns(self.sql, self.params)
        return [
            {"name": column, "type": self.type,
             "toggle_url": self.ds.absolute_url(self.request, path_with_added_args(
                 self.request, {"_facet_score_band": column}))}
            for column in columns if column in SCORE_COLUMNS and column not in configured
        ]

    async def facet_results(self):
        results, timed_out = [], []
        columns = await self.get_columns(self.sql, self.params)
        for config in self.get_configs():
            column = config["config"].get("simple")
            if column not in columns or column not in SCORE_COLUMNS:
                continue
            edges = band_edges(*SCORE_COLUMNS[column])
            try:
                counts = await self._band_counts(column, edges)
            except QueryInterrupted:
                timed_out.append(column)
                continue
            facet_values = []
            for index in range(BANDS):
                low, high = edges[index], edges[index + 1]
                upper = "lte" if index == BANDS - 1 else "lt"
                wanted = {f"{column}__gte": f"{low:g}", f"{column}__{upper}": f"{high:g}"}
                selected = all(self.request.args.get(k) == v for k, v in wanted.items())
                # A None value removes that argument; the band's own pair is added back.
                clear = [(f"{column}__{op}", None) for op in ("gte", "lt", "lte")]
                toggle = path_with_added_args(
                    self.request, clear if selected else clear + list(wanted.items()))
                facet_values.append({
                    "value": band_label(edges, index), "label": band_label(edges, index),
                    "count": counts.get(index, 0),
                    "toggle_url": self.ds.absolute_url(self.request, toggle),
                    "selected": selected,
                })
            results.append({
                "name": column, "type": self.type, "results": facet_values,
                "hideable": config["source"] != "metadata", "truncated": False,
                "toggle_url": self.ds.absolute_url(self.request, path_with_removed_args(
                    self.request, {"_facet_score_band": column})),
            })
        return results, timed_out

    async def _band_counts(self, column: str, edges: list[float]) -> dict[int, int]:
        """The bands' counts from a summary table when the filters are ones it is
        grouped by; else one range count per band, which SQLite answers from the
        column's index (a CASE over every row would not fit the facet time limit
        at scale)."""
        limit = self.ds.setting("facet_time_limit_ms")
        filters = summarised_filters(self.request, self.table)
        if filters is not None:
            tables = set(await self.ds.get_database(self.database).table_names())
            summary = facet_summary(self.table, {*filters, "score"}, "band", tables, BAND_SUMMARIES)
            if summary:
                name, count = summary
                sql = (f"select stats.band, {count} from [{name}] stats "
                       f"where {summary_where({**filters, 'score': column})} group by stats.band")
                rows = (await self.ds.execute(self.database, sql, {**filters, "score": column},
                                              custom_time_limit=limit)).rows
                return {band: count for band, count in rows}
        if isinstance(self.params, dict) and self.params.get(COUNTED, FEW_ROWS + 1) <= FEW_ROWS:
            # A few rows (a story): each read once, where a range count per band
            # would walk the column's index over the whole table.
            sql = (f"select band, count(*) from (select {band_of(escape_sqlite(column))} as band "
                   f"from ({self.sql})) where band is not null group by band")
            rows = (await self.ds.execute(self.database, sql, self.params, custom_time_limit=limit)).rows
            return {band: count for band, count in rows}
        counts = {}
        for index in range(BANDS):
            sql = f"select count(*) from ({self.sql}) where {band_condition(escape_sqlite(column), index, edges)}"
            rows = (await self.ds.execute(self.database, sql, self.params, custom_time_limit=limit)).rows
            counts[index] = rows[0][0]
        return counts


# Counted from the rows shown outward (CROSS JOIN keeps SQLite's order): left
# to choose, the planner may walk every actor's mentions by actor_id to avoid
# sorting the groups, every mention of the database for a page of two articles.
ACTOR_QUERIES = {
    "sentences": ("select actors.id, actors.name, actors.kind, count(distinct mentions.sentence_id) "
                  "from (select id from ({sql})) shown "
                  "cross join mentions on mentions.sentence_id = shown.id "
                  "join actors on actors.id = mentions.actor_id "
                  "group by actors.id order by 4 desc, actors.name limit {limit}"),
    "articles": ("select actors.id, actors.name, actors.kind, count(distinct sentences.article_id) "
                 "from (select id from ({sql})) shown "
                 "cross join sentences on sentences.article_id = shown.id "
                 "cross join mentions on mentions.sentence_id = sentences.id "
                 "join actors on actors.id = mentions.actor_id "
                 "group by actors.id order by 4 desc, actors.name limit {limit}"),
}


# Query-string keys that do not change which rows a facet counts.
PRESENTATION_ARGS = ("_size", "_sort", "_sort_desc", "_labels", "_nolabels", "_col", "_nocol",
                     "_shape", "_json", "_nofacet", "_nosuggest", "_trace", "_context", "_extra", "_next")
# The query-string filters the summary tables are grouped by, per table, and
# the summary column each one is.
SUMMARISED_ARGS = {
    "sentences": {"_outlet": "outlet", "_story": "story_id", "_actor": "actor_id",
                  "_since": "month_since", "_until": "month_until",
                  **{column: column for column in SUMMARISED_FILTERS}},
    "articles": {"outlet": "outlet", "story_id": "story_id", "_actor": "actor_id", "_outlet": "outlet",
                 "_story": "story_id"},
    "mentions": {"_outlet": "outlet", "actor_id": "actor_id"},
}
ID_COLUMNS = ("actor_id", "story_id")


def summarised_filters(request, table: str | None) -> dict[str, object] | None:
    """The request's filters as {summary column: value} when each is a single
    equality the summary tables are grouped by (what a click on a facet or a
    link of the plugin adds); None when any other filter narrows the rows."""
    names = SUMMARISED_ARGS.get(table)
    if names is None:
        return None
    found = {}
    for key in request.args:
        values = request.args.getlist(key)
        if key in names and len(values) == 1 and values[0]:
            column = names[key]
            if column in ID_COLUMNS:
                if not ROW_ID.fullmatch(values[0]):
                    return None
                found[column] = int(values[0])
            elif column in RANGE_FILTERS and not MONTH.fullmatch(values[0]):
                return None
            else:
                found[column] = values[0]
        elif not (key.startswith("_facet") or key in PRESENTATION_ARGS):
            return None
    return found


def flag_facets_counted(table: str, args: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The request's arguments with ?_facet= on a flag (YES_NO_COLUMNS) asked of
    SummarisedColumnFacet (?_facet_counts=), which reads it yes/no: Datasette's
    column facet, which ?_facet= runs, labels it 0/1 and takes no labels."""
    flags = YES_NO_COLUMNS.get(table, ())
    return [(f"_facet_{SummarisedColumnFacet.type}", value) if key == "_facet" and value in flags
            else (key, value) for key, value in args]


# A flag filtered by the word its cells and facets show (`?hedged=yes`), stored 1 or 0.
FLAG_WORDS = {"yes": "1", "no": "0", "true": "1", "false": "0"}
FLAG_OPERATORS = ("", "__exact", "__not")


def flags_as_stored(table: str, args: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The request's arguments with a flag's "yes" or "no" (as the page shows it)
    as the 1 or 0 stored: `?hedged=yes` had matched no row, silently."""
    flags = {f"{flag}{operator}" for flag in YES_NO_COLUMNS.get(table, ()) for operator in FLAG_OPERATORS}
    return [(key, FLAG_WORDS.get(value.strip().lower(), value)) if key in flags else (key, value)
            for key, value in args]


def labelling_flag_facets(app, is_ours, base_url=lambda: "/"):
    """ASGI middleware: a table page or its JSON (`/db/quotes?_facet=anonymous`) of a
    database `is_ours(route)` answers for has its flags' column facets counted
    by SummarisedColumnFacet (flag_facets_counted), and its flags filtered by the
    words shown (flags_as_stored)."""
    async def wrapped(scope, receive, send):
        if scope.get("type") == "http" and scope.get("method") in ("GET", "HEAD") and scope.get("query_string"):
            path = scope.get("path", "")
            # The page, its JSON and its CSV export (/news/sentences.csv?hedged=yes).
            page = table_page(re.sub(r"\.(?:json|csv)$", "", path), base_url())
            if page and page[1] in YES_NO_COLUMNS and is_ours(page[0]):
                args = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
                read = flags_as_stored(page[1], flag_facets_counted(page[1], args))
                if read != args:
                    scope = {**scope, "query_string": urlencode(read).encode("latin-1")}
        await app(scope, receive, send)

    return wrapped


class SummarisedColumnFacet(ColumnFacet):
    """The default facets of sentences and articles: Datasette's column facet,
    counted from a summary table when the filters are ones it is grouped by (a
    GROUP BY over the rows under a filter does not fit the facet time limit on
    millions of sentences), and as Datasette counts otherwise."""

    type = "counts"

    async def suggest(self):
        return []  # Datasette's column facet suggests these columns

    def get_configs(self):
        """Each column once: ?_facet_counts=hedged (a flag's ?_facet=, web/facets.py)
        beside the default facet on hedged is one facet."""
        configs, seen = [], set()
        for config in super().get_configs():
            column = config["config"].get("simple")
            if column not in seen:
                seen.add(column)
                configs.append(config)
        return configs

    async def _labels(self, column: str, values: list) -> dict:
        """Foreign keys' labels (a story's title), as Datasette's column facet
        shows them; the 1.0 alphas ask who is looking first."""
        if "actor" in inspect.signature(self.ds.expand_foreign_keys).parameters:
            return await self.ds.expand_foreign_keys(self.request.actor, self.database, self.table,
                                                     column, values)
        return await self.ds.expand_foreign_keys(self.database, self.table, column, values)

    async def facet_results(self):
        results, timed_out = await self._counted()
        for result in results:
            # Removed as it was asked for (Datasette's column facet, counting here
            # when no summary answers, removes ?_facet=).
            result["toggle_url"] = self.ds.urls.path(path_with_removed_args(
                self.request, {f"_facet_{self.type}": result["name"]}))
            if result["name"] in YES_NO_COLUMNS.get(self.table, ()):
                for value in result["results"]:
                    value["label"] = YES_NO.get(str(value["value"]), value["label"])
        return results, timed_out

    async def _counted(self):
        configs = self.get_configs()
        filters = summarised_filters(self.request, self.table)
        if filters is None or not configs:
            return await super().facet_results()
        tables = set(await self.ds.get_database(self.database).table_names())
        plans = {}
        for config in configs:
            column = config["config"].get("simple")
            plans[column] = facet_summary(self.table, set(filters), column, tables)
            if plans[column] is None:
                return await super().facet_results()
        size = self.get_facet_size()
        chosen = self.get_querystring_pairs()
        results, timed_out = [], []
        for config in configs:
            column = config["config"]["simple"]
            summary, count = plans[column]
            sql = (f"select stats.[{column}] as value, {count} as count from [{summary}] stats "
                   f"where {summary_where(filters)} and stats.[{column}] is not null "
                   f"group by stats.[{column}] order by count desc, value limit {size + 1}")
            try:
                rows = (await self.ds.execute(
                    self.database, sql, filters,
                    custom_time_limit=self.ds.setting("facet_time_limit_ms"))).rows
            except QueryInterrupted:
                timed_out.append(column)
                continue
            labels = await self._labels(column, [row["value"] for row in rows[:size]])
            values = []
            for row in rows[:size]:
                value = row["value"]
                selected = (column, str(value)) in chosen
                toggle = (path_with_removed_args(self.request, {column: str(value)}) if selected
                          else path_with_added_args(self.request, {column: value}))
                values.append({
                    "value": value, "label": labels.get((column, value), value), "count": row["count"],
                    "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(toggle)),
                    "selected": selected,
                })
            results.append({
                "name": column, "type": self.type, "results": values,
                "hideable": config["source"] != "metadata", "truncated": len(rows) > size,
                "toggle_url": self.ds.urls.path(path_with_removed_args(
                    self.request, {f"_facet_{self.type}": column})),
            })
        return results, timed_out


class ActorFacet(Facet):
    """?_facet_actor=actor on sentences or articles: the actors mentioned in the
    rows shown, with counts; each filters with ?_actor=ID."""

    type = "actor"

    def _unfiltered(self, tables: list[str]) -> bool:
        return (not self.params and " where " not in f" {self.sql.lower()} "
                and "actor_stats" in tables)

    def _summary(self, tables: list[str]):
        """(summary, count expression, the column that is the actor), and the
        filters, for the actors under the request's filters; None when a live
        count is needed. Under ?_actor= the facet shows the actors mentioned
        with that one, in its sentences or its articles (CO_MENTIONS; with a
        story, the few rows are counted live)."""
        filters = summarised_filters(self.request, self.table)
        if not filters:
            return None
        if "actor_id" in filters:
            name, columns, count = CO_MENTIONS[self.table]
            if name in tables and filter_columns(filters) <= columns:
                return (name, count, "other_id"), filters
            return None
        summary = facet_summary(self.table, set(filters), "actor_id", set(tables))
        return ((*summary, "actor_id"), filters) if summary else None

    async def _reads_our_tables(self) -> bool:
        """The database has the mentions and actors this facet counts (not another
        program's that merely has a table called sentences)."""
        return {"mentions", "actors"} <= set(await self.ds.get_database(self.database).table_names())

    async def suggest(self):
        if self.table not in ACTOR_QUERIES or self.get_configs() or not await self._reads_our_tables():
            return []
        return [{"name": "actor", "type": self.type,
                 "toggle_url": self.ds.absolute_url(self.request, path_with_added_args(
                     self.request, {"_facet_actor": "actor"}))}]

    async def facet_results(self):
        if self.table not in ACTOR_QUERIES or not self.get_configs() or not await self._reads_our_tables():
            return [], []
        config = self.get_configs()[0]
        size = self.get_facet_size()
        sql, params = ACTOR_QUERIES[self.table].format(sql=self.sql, limit=size + 1), self.params
        tables = await self.ds.get_database(self.database).table_names()
        if self._unfiltered(tables):
            # The whole table: the counts precomputed at load time.
            column = "sentences" if self.table == "sentences" else "articles"
            sql = (f"select actor_id, name, kind, {column} from actor_stats "
                   f"order by {column} desc, name limit {size + 1}")
        elif summary := self._summary(tables):
            (name, count, actor), filters = summary
            sql = (f"select stats.{actor}, actors.name, actors.kind, {count} "
                   f"from [{name}] stats join actors on actors.id = stats.{actor} "
                   f"where {summary_where(filters)} group by stats.{actor} order by 4 desc, actors.name "
                   f"limit {size + 1}")
            params = filters
        try:
            rows = (await self.ds.execute(
                self.database, sql, params,
                custom_time_limit=self.ds.setting("facet_time_limit_ms"))).rows
        except QueryInterrupted:
            return [], ["actor"]
        chosen = self.request.args.get("_actor")
        values = []
        for actor_id, name, kind, count in rows[:size]:
            selected = chosen == str(actor_id)
            toggle = (path_with_removed_args(self.request, {"_actor": None}) if selected
                      else path_with_added_args(self.request, {"_actor": str(actor_id)}))
            values.append({
                "value": actor_id,
                # No sentiment here: a mean of scores alone misleads (DESIGN.md); the
                # actor's page gives the shares of negative and positive mentions.
                "label": f"{name} ({kind})",
                "count": count, "selected": selected,
                "toggle_url": self.ds.absolute_url(self.request, toggle),
            })
        return [{
            "name": "actor", "type": self.type, "results": values,
            "hideable": config["source"] != "metadata", "truncated": len(rows) > size,
            "toggle_url": self.ds.absolute_url(self.request, path_with_removed_args(
                self.request, {"_facet_actor": None})),
        }], []
