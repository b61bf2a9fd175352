"""The actors table as resolution (resolution.py) settles it at the end of a load:
actors joined into others, each actor's kind and the names it was written as, and
its mention count; an actor left without a mention is deleted."""

from __future__ import annotations

import json

import sqlite_utils

from .write import forget_actor_ids

REFERRING = (("mentions", "actor_id"), ("quotes", "actor_id"), ("attributions", "actor_id"),
             ("actors", "linked_to"))


def stored_actors(db: sqlite_utils.Database):
    """(name, kind, aliases, mention_count) of every actor, for resolution to start from."""
    for name, kind, aliases, count in db.execute(
            "select name, kind, aliases, mention_count from actors order by id"):
        try:
            written = json.loads(aliases) if aliases else []
        except ValueError:
            written = []
        yield name, kind, written, count


def last_actor_id(db: sqlite_utils.Database) -> int:
    return db.execute("select coalesce(max(id), 0) from actors").fetchone()[0]


def apply_settlement(db: sqlite_utils.Database, settlement, stored_through: int) -> bool:
    """Join the actors `settlement.merges` names into the ones it names for them,
    set each settled actor's kind and aliases, count every actor's mentions and
    delete the actors without one (a speaker's or a leader's reference to it is
    cleared: it named no one the articles mention).

    Returns whether an actor stored before this load (id up to `stored_through`)
    was joined into another or changed kind: the summary tables that counted it
    must then be counted again."""
    ids = {}
    changed = False

    def id_of(name):
        if name not in ids:
            row = db.execute("select id from actors where name = ? order by id limit 1", [name]).fetchone()
            ids[name] = row[0] if row else None
        return ids[name]

    with db.atomic():
        # One row per name (an older release kept one per name and kind).
        for (name,) in db.execute("select name from actors group by name having count(*) > 1").fetchall():
            first, *others = [r[0] for r in db.execute("select id from actors where name = ? order by id", [name])]
            for other in others:
                _join(db, other, first)
            changed = True
        for source, target in settlement.merges.items():
            for source_id in [r[0] for r in db.execute("select id from actors where name = ?", [source])]:
                target_id = id_of(target)
                if target_id is None or target_id == source_id:
                    continue
                _join(db, source_id, target_id)
                changed = changed or source_id <= stored_through
        for name, (kind, aliases) in settlement.actors.items():
            changed = changed or db.execute("select 1 from actors where name = ? and id <= ? and kind is not ?",
                                            [name, stored_through, kind]).fetchone() is not None
            db.execute("update actors set kind = ?, aliases = ? where name = ?",
                       [kind, json.dumps(aliases, ensure_ascii=False), name])
        db.execute("drop table if exists temp.actor_counts")
        db.execute("create temp table actor_counts as select actor_id, count(*) as n from mentions "
                   "where actor_id is not null group by actor_id")
        db.execute("update actors set mention_count = coalesce("
                   "(select n from temp.actor_counts where actor_id = actors.id), 0)")
        db.execute("drop table temp.actor_counts")
        unmentioned = "select id from actors where mention_count = 0"
        for table, column in REFERRING[1:]:
            db.execute(f"update [{table}] set [{column}] = null where [{column}] in ({unmentioned})")
        db.execute(f"delete from actors where id in ({unmentioned})")
    forget_actor_ids(db)
    return changed


def _join(db: sqlite_utils.Database, source_id: int, target_id: int) -> None:
    for table, column in REFERRING:
        db.execute(f"update [{table}] set [{column}] = ? where [{column}] = ?", [target_id, source_id])
    db.execute("update actors set linked_to = null where id = ? and linked_to = ?", [target_id, target_id])
    db.execute("delete from actors where id = ?", [source_id])
