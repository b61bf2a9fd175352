"""The actors table as resolution (resolution.py) settles it at the end of a load:
actors joined into others, each actor's kind, the names it was written as
(`aliases`, read from its mentions) and its mention count; an actor left without
a mention is deleted. The titles each person was written in full after
("President Barack Obama": `offices`) are kept for the next load in the state
table, with the last article they counted."""

from __future__ import annotations

import json
import re
from collections import Counter

import sqlite_utils

from .summaries import clear_state, set_state, state_value
from .write import forget_actor_ids

REFERRING = (("mentions", "actor_id"), ("quotes", "actor_id"), ("attributions", "actor_id"),
             ("actors", "linked_to"))
ALIASES_KEPT = 30  # the forms an actor was written in most often
LEADING_THE = re.compile(r"^(?:the|The)\s+")
POSSESSIVE = re.compile(r"['\u2019]s?$")
UNSETTLED = "actors_unsettled"  # a state row: a load wrote mentions it has not settled
# A state row: {"through": the last article counted, "holders": actor name ->
# "office surname" -> times}, resolution's evidence that "President Obama" is the
# Barack Obama the corpus writes after that title.
OFFICES = "actor_offices"


def stored_actors(db: sqlite_utils.Database):
    """(name, kind, mentions, aliases, offices, titled) of every actor, for
    resolution to start from. The counts are read from mention_count, the names as
    written from aliases and the titles from the state row OFFICES; only where a
    load did not settle them (killed before it ended, or an earlier release's
    actors, which have neither) are the mentions read: the rest of the database is
    not read again by each load. `titled`: (text, its sentence's text before it) of
    a person's mentions of two words or more in the articles written after the
    last that OFFICES counted (none, unless a load was killed or the database
    never kept them), for resolution to read the titles of."""
    unsettled = state_value(db, UNSETTLED) is not None or db.execute(
        "select exists (select 1 from actors where mention_count is null)").fetchone()[0]
    counts = dict(db.execute("select actor_id, count(*) from mentions group by actor_id").fetchall()) \
        if unsettled else None
    forms: dict[int, Counter] = {}
    for actor_id, text, times in db.execute(
            "select actor_id, text, count(*) from mentions where actor_id in "
            "(select id from actors where aliases is null) group by 1, 2").fetchall():
        forms.setdefault(actor_id, Counter())[_as_written(text)] += times
    kept = json.loads(state_value(db, OFFICES) or "{}")
    holders = kept.get("holders", {})
    titled: dict[int, list[tuple[str, str]]] = {}
    # From the articles after the last counted outward (CROSS JOIN keeps that
    # order): after a load that settled, no sentence is read.
    for actor_id, text, before in db.execute(
            "select mentions.actor_id, mentions.text, substr(sentences.text, 1, mentions.start) from sentences "
            "cross join mentions on mentions.sentence_id = sentences.id "
            "where sentences.article_id > ? and mentions.actor_id is not null and mentions.text like '% %'",
            [kept.get("through", 0)]).fetchall():
        titled.setdefault(actor_id, []).append((text, before))
    for actor_id, name, kind, count, aliases in db.execute(
            "select id, name, kind, mention_count, aliases from actors order by id").fetchall():
        written = json.loads(aliases) if aliases else [form for form, _ in forms.get(actor_id, Counter()).most_common()]
        yield (name, kind, counts.get(actor_id, 0) if counts is not None else count, written,
               holders.get(name, {}), titled.get(actor_id, []) if kind == "person" else [])


def left_unsettled(db: sqlite_utils.Database) -> list[str]:
    """The actors a load wrote and did not live to settle (it was killed, or the
    disk filled): their aliases are not written yet. The next load settles them
    with its own names, as the load they came from would have, so that a rerun
    ends where one whole load of the same articles ends."""
    if state_value(db, UNSETTLED) is None:
        return []
    return [name for (name,) in db.execute("select name from actors where aliases is null order by id")]


def begin_load(db: sqlite_utils.Database) -> bool:
    """Note that a load writes mentions its settlement has not counted yet (kept
    with its first articles, cleared by apply_settlement); returns whether an
    earlier load left them so (it was killed): then every count is counted again."""
    left = state_value(db, UNSETTLED) is not None
    set_state(db, UNSETTLED, "1")
    return left


def last_actor_id(db: sqlite_utils.Database) -> int:
    return db.execute("select coalesce(max(id), 0) from actors").fetchone()[0]


def apply_settlement(db: sqlite_utils.Database, settlement, stored_through: int, count_all: bool = True) -> bool:
    """Join the actors `settlement.merges` names into the ones it names for them,
    set the kinds it gives, write the aliases of the actors it touched (and of any
    a killed load left without), count every actor's mentions and delete the
    actors without one (a speaker's or a leader's reference to it is cleared: it
    named no one the articles mention).

    With `count_all` false (a load that only added articles, after one that
    settled), only the actors the settlement names are counted and looked at:
    the rest of the database is not read again; and the titles the settlement
    gives (`offices`) are kept for the next load, which would otherwise read them
    again from every article's mentions.

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
        counted = None if count_all or changed else sorted(
            set(settlement.touched) | set(settlement.merges.values()))
        _count_mentions(db, counted)
        unmentioned = "select id from actors where mention_count = 0"
        for table, column in REFERRING[1:]:
            db.execute(f"update [{table}] set [{column}] = null where [{column}] in ({unmentioned})")
        db.execute(f"delete from actors where id in ({unmentioned})")
        names = sorted(settlement.touched) + [r[0] for r in db.execute("select name from actors where aliases is null")]
        for name in dict.fromkeys(names):
            _write_aliases(db, name)
        if not count_all:
            _keep_offices(db, settlement.offices)
        else:
            # Articles replaced took away mentions whose titles were counted: the
            # next load counts them again from every article.
            clear_state(db, OFFICES)
        clear_state(db, UNSETTLED)
    forget_actor_ids(db)
    return changed


def _keep_offices(db: sqlite_utils.Database, offices: dict[str, dict[str, int]]) -> None:
    """The titles of the actors that remain, counted through the last article
    written: the next load starts from them and reads no earlier article again."""
    remaining = {name for (name,) in db.execute("select name from actors")}
    through = db.execute("select coalesce(max(id), 0) from articles").fetchone()[0]
    kept = {"through": through, "holders": {n: o for n, o in sorted(offices.items()) if n in remaining}}
    set_state(db, OFFICES, json.dumps(kept, ensure_ascii=False, separators=(",", ":")))


def _id_of(db, name: str) -> int | None:
    row = db.execute("select id from actors where name = ? order by id limit 1", [name]).fetchone()
    return row[0] if row else None


def _join(db: sqlite_utils.Database, source_id: int, target_id: int) -> None:
    for table, column in REFERRING:
        db.execute(f"update [{table}] set [{column}] = ? where [{column}] = ?", [target_id, source_id])
    db.execute("update actors set linked_to = null where id = ? and linked_to = ?", [target_id, target_id])
    db.execute("delete from actors where id = ?", [source_id])


def _count_mentions(db: sqlite_utils.Database, names: list[str] | None = None) -> None:
    """Every actor's mention_count, or only the actors of `names` (by the index on
    mentions.actor_id)."""
    if names is not None:
        # A leader or a speaker's actor that the load made without a mention has no count yet.
        for name in names:
            db.execute("update actors set mention_count = (select count(*) from mentions "
                       "where actor_id = actors.id) where name = ?", [name])
        db.execute("update actors set mention_count = (select count(*) from mentions "
                   "where actor_id = actors.id) where mention_count is null")
        return
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
    forms: dict[str, list[int]] = {}  # form -> [times, first mention id]
    # Counted by SQLite over the index on actor_id: one row per spelling, not per mention.
    for text, times, first in db.execute(
            "select text, count(*), min(id) from mentions where actor_id = ? group by text", [actor_id]):
        found = forms.setdefault(_as_written(text), [0, first])
        found[0] += times
        found[1] = min(found[1], first)
    aliases = sorted(forms, key=lambda form: (-forms[form][0], forms[form][1]))[:ALIASES_KEPT]
    db.execute("update actors set aliases = ? where id = ?", [json.dumps(aliases, ensure_ascii=False), actor_id])


def _as_written(text: str) -> str:
    return POSSESSIVE.sub("", LEADING_THE.sub("", " ".join(text.split())))
