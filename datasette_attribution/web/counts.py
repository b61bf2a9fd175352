"""A table page's row count from the summary tables, under the filters they are
grouped by.

Datasette counts a page's rows with `select count(*)` over every row the
filters match: under ?_actor= that is every sentence mentioning the actor
(348,840 of three million, most of the page's time), under ?_outlet= on
mentions every mention of the outlet. The summaries hold the same number,
exactly: the filter hook looks it up and passes it beside the filters'
parameters, and the database answers Datasette's count query with it instead
of counting (Datasette has no hook for its count).
"""

from __future__ import annotations

from datasette.database import Results
from datasette.utils import MultiParams, escape_sqlite

from ..store.summaries import ROW_COUNTS, row_count_summary, summary_where
from .facets import summarised_filters
from .filters import COUNTED



class Without:
    """A request's arguments less one (what summary_count and
    summarised_filters read of a request)."""

    def __init__(self, request, argument: str):
        self.args = MultiParams({key: request.args.getlist(key) for key in request.args if key != argument})


def summary_count_may_answer(request, table: str) -> bool:
    """Whether the request's filters are ones a summary may count by."""
    return table in ROW_COUNTS and bool(summarised_filters(request, table))


async def summary_count(db, request, table: str) -> int | None:
    """The rows of `table` under the request's filters, from a summary table;
    None when a filter is not one a summary is grouped by."""
    filters = summarised_filters(request, table)
    if not filters:
        return None
    summary = row_count_summary(table, set(filters), set(await db.table_names()))
    if summary is None:
        return None
    name, count = summary
    rows = (await db.execute(
        f"select coalesce({count}, 0) from [{name}] stats where {summary_where(filters)}", filters)).rows
    return rows[0][0]


def is_row_count(sql: str, table: str, count_limit: int | None) -> bool:
    """Whether `sql` is Datasette's count of a table page's rows: 0.65 counts
    every row, the 1.0 alphas stop at their limit."""
    table = escape_sqlite(table)
    if sql.startswith(f"select count(*) from {table} "):
        return True
    return (count_limit is not None and sql.startswith(f"select count(*) from (select * from {table} ")
            and sql.endswith(f" limit {count_limit + 1})"))


def answer_counts_from_summaries(db) -> None:
    """Let `db` answer a table page's count query with the count the filter hook
    found in the summaries (COUNTED among its parameters); every other query,
    and a count without it, runs as before."""
    if getattr(db, "attr_counts_from_summaries", False):
        return
    execute = db.execute

    async def counting(sql, params=None, *args, **kwargs):
        if isinstance(params, dict) and COUNTED in params and any(
                is_row_count(sql, table, getattr(db, "count_limit", None)) for table in ROW_COUNTS):
            return Results([(params[COUNTED],)], False, [("count(*)",)])
        return await execute(sql, params, *args, **kwargs)

    db.execute = counting
    db.attr_counts_from_summaries = True
