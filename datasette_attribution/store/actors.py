"""The actors table as resolution (resolution.py) settles it at the end of a load:
actors joined into others, each actor's kind, the names it was written as
(`aliases`, read from its mentions) and its mention count; an actor left without
a mention is deleted."""

from __future__ import annotations

import json
import re
from collections import Counter

import sqlite_utils

from .write import forget_actor_ids

REFERRING = (("mentions", "actor_id"), ("quotes", "actor_id"), ("attributions", "actor_id"),
             ("actors", "linked_to"))
ALIASES_KEPT = 30  # the forms an actor was written in most often
LEADING_THE = re.compile(r"^(?:the|The)\s+")
POSSESSIVE = re.compile(r"['\u2019]s?$")


def stored_actors(db: sqlite_utils.Database):
    """(name, kind, mentions) of every actor, for resolution to start from. Mentions
    are counted, not read from mention_count: a load killed before it settled its
    actors left that unset."""
    counts = dict(db.execute("select actor_id, count(*) from mentions group by actor_id").fetchall())
    for actor_id, name, kind in db.execute("select id, name, kind from actors order by id").fetchall():
        yield name, kind, counts.get(actor_id, 0)


def last_actor_id(db: sqlite_utils.Database) -> int:
    return db.execute("select coalesce(max(id), 0) from actors").fetchone()[0]


def apply_settlement(db: sqlite_utils.Database, settlement, stored_through: int) -> bool:
    """Join the actors `settlement.merges` names into the ones it names for them,
    set the kinds it gives, write the aliases of the actors it touched (and of any
    a killed load left without), count every actor's mentions and delete the
    actors without one (a speaker's or a leader's reference to it is cleared: it
    named no one the articles mention).

    Returns whether an actor stored before this load (id up to `stored_through`)
    was joined into another or changed kind: the summary tables that counted it
    must then be counted again."""
    changed = False
    with db.atomic():
        # One row per name (an older release kept one per name and kind).
        for (name,) in db.execute("select name from actors group by name having count(*) > 1").fetchall():
            first, *others = [r[0] for r in db.execute("select id from actors where name = ? order by id", [name])]
            for other in others:
                _join(db, other, first)
            changed = True
        for source, target in settlement.merges.items():
            target_id = _id_of(db, target)
            for (source_id,) in db.execute("select id from actors where name = ?", [source]).fetchall():
                if target_id is not None and target_id != source_id:
                    _join(db, source_id, target_id)
                    changed = changed or source_id <= stored_through
        for name, kind in settlement.kinds.items():
            changed = changed or db.execute("select 1 from actors where name = ? and id <= ? and kind is not ?",
                                            [name, stored_through, kind]).fetchone() is not None
            db.execute("update actors set kind = ? where name = ?", [kind, name])
        _count_mentions(db)
        unmentioned = "select id from actors where mention_count = 0"
        for table, column in REFERRING[1:]:
            db.execute(f"update [{table}] set [{column}] = null where [{column}] in ({unmentioned})")
        db.execute(f"delete from actors where id in ({unmentioned})")
        names = sorted(settlement.touched) + [r[0] for r in db.execute("select name from actors where aliases is null")]
        for name in dict.fromkeys(names):
            _write_aliases(db, name)
    forget_actor_ids(db)
    return changed


def _id_of(db, name: str) -> int | None:
    row = db.execute("select id from actors where name = ? order by id limit 1", [name]).fetchone()
    return row[0] if row else None


def _join(db: sqlite_utils.Database, source_id: int, target_id: int) -> None:
    for table, column in REFERRING:
        db.execute(f"update [{table}] set [{column}] = ? where [{column}] = ?", [target_id, source_id])
    db.execute("update actors set linked_to = null where id = ? and linked_to = ?", [target_id, target_id])
    db.execute("delete from actors where id = ?", [source_id])


def _count_mentions(db: sqlite_utils.Database) -> None:
    db.execute("drop table if exists temp.actor_counts")
    db.execute("create temp table actor_counts as select actor_id, count(*) as n from mentions "
               "where actor_id is not null group by actor_id")
    db.execute("update actors set mention_count = coalesce("
               "(select n from temp.actor_counts where actor_id = actors.id), 0)")
    db.execute("drop table temp.actor_counts")


def _write_aliases(db: sqlite_utils.Database, name: str) -> None:
    """The names the actor was written as, most frequent first (then first written):
    "Donald J. Trump", "Mr. Trump" -> "Trump"; "the F.B.I.'s" -> "F.B.I."."""
    actor_id = _id_of(db, name)
    if actor_id is None:
        return
    forms = Counter()
    for (text,) in db.execute("select text from mentions where actor_id = ? order by id", [actor_id]):
        forms[POSSESSIVE.sub("", LEADING_THE.sub("", " ".join(text.split())))] += 1
    aliases = [form for form, _ in forms.most_common(ALIASES_KEPT)]
    db.execute("update actors set aliases = ? where id = ?", [json.dumps(aliases, ensure_ascii=False), actor_id])
