"""A database an earlier release of the package wrote: what it lacks that this
release stores, and how the plugin's pages read it anyway.

Its tables are served as they are (Datasette reads whatever columns a file has).
The plugin's own pages read it through a `Reading`: a column the file lacks is
read as NULL, and the page shows what the remaining columns allow under a notice
that names what is missing and the command that adds it. Nothing here writes:
the file may be immutable or published. A query that still meets a missing
column (a page this module does not know of) is answered 409 with the same
command (web/errors.py) rather than 500."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache

import sqlite_utils

from ..analyze import builtin_scorers
from ..resources import scoring_data_digest
from ..store.schema import Layout, missing_columns, reading_connection, recorded_scoring
from ..store.summaries import LABEL_COUNTS, summaries_current

STATUS = 409
COMMAND = "datasette-attribution rescore"
# The counts of labelled mentions the summaries keep (store/summaries.py).
LABEL_COUNT_COLUMNS = ("negative_mentions", "positive_mentions", "labelled_mentions")
# The summaries whose counts of labelled mentions the pages read.
LABELLED_SUMMARIES = ("outlet_actor_stats", "actor_articles", "outlet_actor_period_stats")
# The tables whose columns decide what a page can show.
READ_TABLES = ("mentions", "actors", "actor_stats", "outlet_actor_stats", "actor_articles",
               "outlet_actor_period_stats", "facet_actor_sentences", "facet_actor_article_pairs",
               "outlet_month_stats", "actor_outlet_period_stats", "outlet_source_stats", "actor_source_stats")


def what_it_lacks(db) -> list[str]:
    """What the file Datasette serves as `db` lacks of what this release's own
    scorers store: its missing columns ("mentions.sentiment_label"), or its summary
    tables when an earlier release defined them otherwise; [] for a current file. A
    column a plugin's scorer adds is no earlier release's lack: no page reads it."""
    path = db.path
    if not path or not os.path.exists(path):
        return []
    return list(_lacks(path, not db.is_mutable, os.stat(path).st_mtime_ns))


@lru_cache(maxsize=16)
def _lacks(path: str, immutable: bool, modified: int) -> tuple[str, ...]:
    try:
        with reading_connection(path, immutable) as conn:
            db = sqlite_utils.Database(conn)
            if not db["articles"].exists():
                return ()
            lacks = [f"{table}.{column}" for table, column in
                     missing_columns(db, Layout.from_scorers(builtin_scorers()))]
            if not lacks and db["sentences"].exists() and not summaries_current(db):
                lacks = ["this release's summary tables"]
            return tuple(lacks)
    except sqlite3.Error:
        return ()


def scored_by_earlier_models(db) -> bool:
    """Whether articles of the file at `path` were scored by other model files or
    lexicons than this release's (a load into an earlier release's file scores
    only its new articles): their labels and scores differ from the others'."""
    path = db.path
    if not path or not os.path.exists(path):
        return False
    return _scored_elsewhere(path, not db.is_mutable, os.stat(path).st_mtime_ns)


@lru_cache(maxsize=16)
def _scored_elsewhere(path: str, immutable: bool, modified: int) -> bool:
    try:
        with reading_connection(path, immutable) as conn:
            db = sqlite_utils.Database(conn)
            return (db["articles"].exists() and db.execute("select exists (select 1 from articles)").fetchone()[0]
                    and recorded_scoring(db) != scoring_data_digest())
    except sqlite3.Error:
        return False


def message(database: str, path: str, lacks: list[str]) -> str:
    return (f"{database} was written by an earlier release of datasette-attribution: it lacks "
            f"{', '.join(lacks)}, which this page reads. Its tables can be browsed as they are; to see "
            f"this page, bring the file up to date with this release: {COMMAND} {os.path.basename(path)}")


@dataclass(frozen=True)
class Reading:
    """What the plugin's pages can read of one database: the columns of the
    tables they read, and what the file lacks of this release (empty when
    current)."""

    database: str
    path: str | None
    lacks: tuple[str, ...] = ()
    columns: dict[str, frozenset] = field(default_factory=dict)
    # Articles scored by an earlier release's models beside this release's.
    scored_earlier: bool = False

    def has(self, table: str, column: str) -> bool:
        return column in self.columns.get(table, ())

    def pick(self, table: str, *columns: str, alias: str = "") -> str:
        """`columns` of `table` for a select list, each the file lacks as NULL."""
        prefix = f"{alias}." if alias else ""
        return ", ".join(f"{prefix}{c}" if self.has(table, c) else f"null as {c}" for c in columns)

    @property
    def labelled(self) -> bool:
        """Whether the mentions carry this release's sentiment labels."""
        return self.has("mentions", "sentiment_label")

    def label_counts(self) -> str:
        """The labelled mentions counted over `mentions` (NULL where it has no labels)."""
        return LABEL_COUNTS if self.labelled else ", ".join(f"null as {c}" for c in LABEL_COUNT_COLUMNS)

    def label_count_sums(self, table: str, alias: str = "") -> str:
        """The summary table's labelled mentions summed (NULL where it does not count them)."""
        prefix = f"{alias}." if alias else ""
        return ", ".join(f"sum({prefix}{c}) as {c}" if self.has(table, c) else f"null as {c}"
                         for c in LABEL_COUNT_COLUMNS)

    @property
    def notice(self) -> str | None:
        """What a page on this file says above what it shows; None for a current file."""
        if not self.lacks:
            if self.scored_earlier:
                return (f"Some articles of {self.database} were scored by an earlier release of "
                        f"datasette-attribution, the others by this one: their scores differ, and the mentions the "
                        f"earlier release scored count as not labelled. To score them all alike: "
                        f"{COMMAND} {os.path.basename(self.path or self.database)}")
            return None
        return (f"{self.database} was written by an earlier release of datasette-attribution: it lacks "
                f"{', '.join(self.lacks)}. This page shows what the file's columns allow; what needs the "
                f"missing ones (the shares of negative and positive mentions) is left out. To see all of it, "
                f"bring the file up to date with this release: "
                f"{COMMAND} {os.path.basename(self.path or self.database)}")

    def as_json(self) -> dict:
        """For a page's JSON: {} for a current file, else what it lacks and the notice."""
        if not self.lacks and not self.scored_earlier:
            return {}
        return {"earlier_release": {"lacks": list(self.lacks), "scored_earlier": self.scored_earlier,
                                    "notice": self.notice}}


async def reading(db) -> Reading:
    """How the pages read the Datasette database `db`."""
    marks = ", ".join("?" * len(READ_TABLES))
    rows = (await db.execute(
        "select m.name, p.name from sqlite_master m join pragma_table_info(m.name) p "
        f"where m.type = 'table' and m.name in ({marks})", list(READ_TABLES))).rows
    columns: dict[str, set] = {}
    for table, column in rows:
        columns.setdefault(table, set()).add(column)
    # Missing columns; summary tables an earlier release defined otherwise matter
    # only where they lack what a page reads (without them, a page counts the rows).
    lacks = [item for item in what_it_lacks(db) if "." in item] or [
        f"{table}.{column}" for table in LABELLED_SUMMARIES if table in columns
        for column in LABEL_COUNT_COLUMNS if column not in columns[table]]
    return Reading(db.name, db.path, tuple(lacks), {table: frozenset(found) for table, found in columns.items()},
                   scored_earlier=scored_by_earlier_models(db))
