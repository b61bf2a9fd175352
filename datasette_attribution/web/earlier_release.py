"""A database an earlier release of the package wrote: what it lacks that this
release stores, so that a page needing it says what to run instead of failing.

Its tables are served as they are (Datasette reads whatever columns a file has);
the plugin's own pages read this release's columns and summaries, and on such a
file answer 409 with the command that brings it up to date. Nothing here writes:
the file may be immutable or published."""

from __future__ import annotations

import os
import sqlite3
from functools import lru_cache

import sqlite_utils

from ..analyze import scorers
from ..store.schema import Layout, missing_columns
from ..store.summaries import summaries_current

STATUS = 409


def what_it_lacks(path: str | None) -> list[str]:
    """What the database file at `path` lacks of what this release stores: its
    missing columns ("mentions.sentiment_label"), or its summary tables when an
    earlier release defined them otherwise; [] for a current file."""
    if not path or not os.path.exists(path):
        return []
    return list(_lacks(path, os.stat(path).st_mtime_ns))


@lru_cache(maxsize=16)
def _lacks(path: str, modified: int) -> tuple[str, ...]:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            db = sqlite_utils.Database(conn)
            if not db["articles"].exists():
                return ()
            lacks = [f"{table}.{column}" for table, column in
                     missing_columns(db, Layout.from_scorers(scorers()))]
            if not lacks and db["sentences"].exists() and not summaries_current(db):
                lacks = ["this release's summary tables"]
            return tuple(lacks)
    except sqlite3.Error:
        return ()


def message(database: str, path: str, lacks: list[str]) -> str:
    return (f"{database} was written by an earlier release of datasette-attribution: it lacks "
            f"{', '.join(lacks)}, which this page reads. Its tables can be browsed as they are; to see "
            f"this page, bring the file up to date with this release: "
            f"datasette-attribution rescore {os.path.basename(path)}")
