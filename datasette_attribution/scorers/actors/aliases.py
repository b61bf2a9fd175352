"""The names the alias tables give (`lexicons/aliases.txt`, `load --aliases FILE`,
pycountry's countries): each alias and canonical name to its actor, and the
word lists a sentence's names are read with."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

from ...records import LoadError
from ...resources import lexicon, words
from ..common.phrases import PhraseFinder


@dataclass
class Actor:
    name: str
    kind: str


@lru_cache(maxsize=8)
def alias_table(alias_files: tuple[str, ...] = ()) -> dict[str, Actor]:
    """Every alias (and canonical name) -> its actor; `alias_files` are extra files
    in the format of lexicons/aliases.txt (`load --aliases FILE`), whose lines win."""
    table: dict[str, Actor] = {}
    for country in pycountry.countries:
        canonical = getattr(country, "common_name", None) or country.name
        if "," in canonical:
            continue
        actor = Actor(canonical, "place")
        for name in (country.name, getattr(country, "common_name", None),
                     getattr(country, "official_name", None)):
            if name and "," not in name:
                table[name] = actor
    entries = [_alias_entry(line, "aliases.txt") for line in lexicon("aliases.txt")]
    for extra in alias_files:
        entries.extend(read_alias_file(extra))
    for canonical, kind, aliases in entries:
        actor = Actor(canonical, kind)
        for name in (canonical, *aliases):
            table[name] = actor
    return table


ACTOR_KINDS = ("person", "organization", "place", "group")


def _alias_entry(line: str, location: str) -> tuple[str, str, list[str]]:
    parts = [part.strip() for part in line.split("|")]
    form = "a line reads: canonical name | kind | alias | ..."
    if len(parts) < 2 or not parts[0]:
        raise LoadError(location, f"expected a name and a kind ({form})")
    canonical, kind, *aliases = parts
    if kind not in ACTOR_KINDS:
        raise LoadError(location, f"kind {kind!r} is not one of {', '.join(ACTOR_KINDS)} ({form})")
    return canonical, kind, [alias for alias in aliases if alias]


def read_alias_file(path: str) -> list[tuple[str, str, list[str]]]:
    """(canonical, kind, aliases) for each line of an alias file; a bad line or an
    unreadable file raises LoadError naming the file and line."""
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except OSError as error:
        raise LoadError(path, error.strerror or str(error)) from None
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        raise LoadError(f"{path}:{line}", "not valid UTF-8") from None
    entries = []
    written_at: dict[str, tuple[int, str]] = {}  # a name -> the line and the actor that claimed it
    # A byte-order mark (Windows Notepad's UTF-8) is no part of the first name.
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if "#" in line:
            raise LoadError(f"{path}:{number}", "a comment takes a line of its own, starting with #")
        canonical, kind, aliases = _alias_entry(line, f"{path}:{number}")
        for name in (canonical, *aliases):
            earlier = written_at.setdefault(name, (number, canonical))
            if earlier[1] != canonical:
                raise LoadError(f"{path}:{number}", f"{name!r} is already an alias of {earlier[1]!r} "
                                                     f"(line {earlier[0]}): a name stands for one actor")
        entries.append((canonical, kind, aliases))
    return entries


@lru_cache(maxsize=8)
def alias_pattern(alias_files: tuple[str, ...] = ()) -> PhraseFinder:
    # Case matters: "IS" is the group, "is" a verb.
    return PhraseFinder(alias_table(alias_files), ignore_case=False)


@lru_cache(maxsize=8)
def outlet_heads(alias_files: tuple[str, ...] = ()) -> frozenset[str]:
    """One-word names of outlets and the like: the last word two or more
    organisations of the alias table end in ("Post": the Washington Post, the New
    York Post; "Times"; "News"), and the one-word aliases of those organisations
    ("ABC", "NBC", "Breitbart")."""
    aliases = alias_table(alias_files)
    organisations = {actor.name for actor in aliases.values() if actor.kind == "organization"}
    last = Counter(name.split()[-1] for name in organisations if " " in name)
    shared = {word for word, times in last.items() if times >= 2}
    heads = set(shared)
    for alias, actor in aliases.items():
        if actor.kind == "organization" and " " not in alias and actor.name.split()[-1] in shared:
            heads.add(alias)
    return frozenset(heads)


@dataclass(frozen=True)
class NameLists:
    """The word lists and alias tables find_actors reads, loaded once per article."""
    not_names: frozenset
    institutions: frozenset
    common_acronyms: frozenset
    person_nouns: frozenset
    aliases: dict[str, Actor]
    matcher: PhraseFinder
    heads: frozenset[str]

    @classmethod
    def load(cls, alias_files: tuple[str, ...]) -> NameLists:
        return cls(words("not_names.txt"), words("institution_words.txt"), words("common_acronyms.txt"),
                   words("person_nouns.txt"), alias_table(alias_files), alias_pattern(alias_files),
                   outlet_heads(alias_files))
