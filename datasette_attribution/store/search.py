"""Full-text search over sentence text and article titles, indexed in bulk during a load."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager

import sqlite_utils

# Table -> indexed column. Triggers keep the index in step with every write, but
# during a load the insert trigger is set aside (see deferred_search_index).
SEARCHABLE = {"sentences": "text", "articles": "title"}


def enable_search(db: sqlite_utils.Database) -> None:
    """Full-text search on every searchable table that lacks it, filled from its rows."""
    for table, column in SEARCHABLE.items():
        if not db[f"{table}_fts"].exists():
            db[table].enable_fts([column], create_triggers=True)


def repair_search_index(db: sqlite_utils.Database) -> None:
    """Index what a load killed before its end left unindexed, and put its insert
    triggers back."""
    if any(not db[f"{table}_fts"].exists() or f"{table}_ai" not in db.triggers_dict
           for table in SEARCHABLE):
        with db.atomic():
            _index_new_rows_and_restore_triggers(db)


@contextmanager
def deferred_search_index(db: sqlite_utils.Database):
    """Index the rows a load adds in one statement at its end rather than by a
    trigger per row, which cost half of the time of writing an article.

    Unindexed rows are exactly those whose id is above the largest indexed id:
    ids only grow, and an article is indexed before it is deleted (see
    write.delete_article). A load that is killed outright leaves its rows
    unindexed and the trigger missing; `repair_search_index` puts both right.
    """
    with db.atomic():
        for table in SEARCHABLE:
            db.execute(f"drop trigger if exists [{table}_ai]")
    try:
        yield
    except BaseException:
        try:
            with db.atomic():
                _index_new_rows_and_restore_triggers(db)
        except sqlite3.Error:
            pass  # a full disk, say: the error that stopped the load is the one to tell
        raise
    with db.atomic():
        _index_new_rows_and_restore_triggers(db)


def index_new_rows(db: sqlite_utils.Database) -> None:
    for table, column in SEARCHABLE.items():
        db.execute(
            f"insert into [{table}_fts] (rowid, [{column}]) select id, [{column}] from [{table}] "
            f"where id > (select coalesce(max(id), 0) from [{table}_fts_docsize]) order by id")


def _index_new_rows_and_restore_triggers(db: sqlite_utils.Database) -> None:
    index_new_rows(db)
    for table, column in SEARCHABLE.items():
        db.execute(
            f"create trigger if not exists [{table}_ai] after insert on [{table}] begin "
            f"insert into [{table}_fts] (rowid, [{column}]) values (new.rowid, new.[{column}]); end")
