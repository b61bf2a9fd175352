"""Actors named in an article, each under one canonical name, and their mentions.

An alias table (`lexicons/aliases.txt`, extended by `load --aliases FILE`) and
pycountry's countries name places, organisations and groups under one canonical
name; the named entities of the spaCy parse find the rest: people,
organisations, places and groups (nationalities used as nouns: "Democrats").
Titles, determiners and possessives are stripped ("President Barack Obama's" ->
Barack Obama). A surname alone, or with a title ("Mr Obama"), resolves to the
full name the article gives; "the Obama administration" is an organisation
linked to him.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

from ..model import LoadError
from ..resources import lexicon, words
from .lexicon import PhraseMatcher
from .names import is_title

LINKED_ORGANISATION = re.compile(r"\b(?:the\s+)?([A-Z][\w'’-]+)\s+(administration|campaign)\b")


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
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if line and not line.startswith("#"):
            entries.append(_alias_entry(line, f"{path}:{number}"))
    return entries


@lru_cache(maxsize=8)
def _alias_pattern(alias_files: tuple[str, ...] = ()) -> PhraseMatcher:
    # Case matters: "IS" is the group, "is" a verb.
    return PhraseMatcher(alias_table(alias_files), ignore_case=False)


# spaCy's entity labels -> actor kinds. Dates, money, works of art and the like are
# not actors.
ENTITY_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place",
                "FAC": "place", "NORP": "group"}
LEADING_DETERMINERS = frozenset({"the", "a", "an"})
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})


def _entity_tokens(ent, not_names) -> list:
    """The entity's tokens without leading determiners and titles ("President Barack
    Obama" -> Barack Obama), a word that only opens the sentence ("Because I"), or a
    trailing possessive or punctuation."""
    tokens = list(ent)
    while tokens and (tokens[0].lower_ in LEADING_DETERMINERS or is_title(tokens[0].text)
                      or not tokens[0].text[:1].isalnum()
                      or tokens[0].is_sent_start and tokens[0].lower_ in not_names):
        tokens.pop(0)
    while tokens and (tokens[-1].text in POSSESSIVE_MARKS or tokens[-1].is_punct):
        tokens.pop()
    return tokens


def _mention(actor: Actor, text: str, start: int, end: int) -> dict:
    return {"actor": actor.name, "kind": actor.kind, "text": text, "start": start, "end": end}


def find_actors(spans, alias_files: tuple[str, ...] = ()) -> list[list[dict]]:
    """Mentions per parsed sentence: actor, kind, text, start, end (offsets in the
    sentence).

    Aliases (lexicons/aliases.txt, pycountry's countries, `alias_files`) come
    first; then spaCy's named entities. Within the article a person named by
    surname alone ("Obama", "Mr Obama") is the person whose full name the article
    gives with that surname.
    """
    not_names = words("not_names.txt")
    aliases = alias_table(alias_files)
    matcher = _alias_pattern(alias_files)
    found: list[list[dict]] = [[] for _ in spans]
    people = []  # (sentence index, start, end, name tokens)
    others = []  # (sentence index, start, end, name, kind): organisations, places, groups
    for index, span in enumerate(spans):
        text, base = span.text, span.start_char
        entities = []  # (start, end, kind)
        for ent in span.ents:
            kind = ENTITY_KINDS.get(ent.label_)
            tokens = _entity_tokens(ent, not_names) if kind else []
            if not tokens or (kind == "group" and tokens[-1].pos_ == "ADJ"):
                continue  # "American officials": a nationality that describes, not an actor
            entities.append((tokens[0].idx - base, tokens[-1].idx + len(tokens[-1]) - base, kind))
        taken = []
        for match in matcher.finditer(text):
            start, end = match.start(), match.end()
            # "U.S." inside "U.S. Securities and Exchange Commission" is part of a longer name.
            if any(s <= start and end <= e and e - s > end - start and kind != "place"
                   for s, e, kind in entities):
                continue
            found[index].append(_mention(aliases[match.group(0)], match.group(0), start, end))
            taken.append((start, end))
        for start, end, kind in entities:
            if any(s < end and start < e for s, e in taken):
                continue
            name = text[start:end]
            if name in aliases:
                found[index].append(_mention(aliases[name], name, start, end))
            elif kind == "person":
                people.append((index, start, end, name.split()))
            else:
                others.append((index, start, end, name, kind))
    surnames = {name[-1] for _, _, _, name in people if len(name) > 1}
    for index, start, end, name, kind in others:
        if name in surnames:  # "Rouhani" taken for a nationality, "Obama" for a place
            people.append((index, start, end, [name]))
        elif kind != "group" or name.endswith("s"):  # groups are plural: "Democrats"
            found[index].append(_mention(Actor(" ".join(name.split()), kind), name, start, end))
    canonical = canonical_people(people)
    for (index, start, end, _), name in zip(people, canonical):
        found[index].append(_mention(Actor(name, "person"), spans[index].text[start:end], start, end))
    by_surname = {}
    for (_, _, _, tokens), name in zip(people, canonical):
        by_surname.setdefault(tokens[-1], set()).add(name)
    for index, span in enumerate(spans):
        _link_organisations(span.text, found[index], by_surname)
        found[index].sort(key=lambda m: m["start"])
    return found


INITIAL = re.compile(r"^[A-Z]\.?$")


def _canonical(tokens: list[str]) -> str:
    """A full name without middle initials: "Donald J. Trump" -> "Donald Trump"."""
    kept = [t for i, t in enumerate(tokens) if not (0 < i < len(tokens) - 1 and INITIAL.match(t))]
    return " ".join(kept)


def canonical_people(people) -> list[str]:
    """The canonical name of each person mention, in article order.

    Full names with the same first name and surname are one person ("Donald J.
    Trump", "Donald Trump"); different first names stay apart ("Bill Clinton",
    "Hillary Clinton"). A surname alone ("Trump", "Mr Trump") is the person it last
    referred to, else the only person of the article with that surname, else
    itself.
    """
    full = {}  # (first, surname) -> canonical name, the first form seen
    for _, _, _, tokens in people:
        if len(tokens) > 1:
            full.setdefault((tokens[0], tokens[-1]), _canonical(tokens))
    names_by_surname = {}
    for (_, surname), name in full.items():
        names_by_surname.setdefault(surname, []).append(name)
    last = {}  # surname -> the person a surname last referred to
    result = []
    for _, _, _, tokens in people:
        surname = tokens[-1]
        if len(tokens) > 1:
            name = full[(tokens[0], surname)]
        elif surname in last:
            name = last[surname]
        elif len(names_by_surname.get(surname, [])) == 1:
            name = names_by_surname[surname][0]
        else:
            name = surname
        last[surname] = name
        result.append(name)
    return result


def _link_organisations(text: str, mentions: list[dict], by_surname: dict) -> None:
    """"the Obama administration", "the Trump campaign": an organisation linked to
    the article's one person with that surname."""
    for match in LINKED_ORGANISATION.finditer(text):
        people = by_surname.get(match.group(1), set())
        person = next(iter(people)) if len(people) == 1 else None
        if person is None or " " not in person:
            continue
        mentions[:] = [m for m in mentions if not (m["start"] < match.end() and match.start() < m["end"])]
        mentions.append({"actor": f"{match.group(1)} {match.group(2).lower()}", "kind": "organization",
                         "text": match.group(0), "start": match.start(), "end": match.end(),
                         "linked_to": person})


class ActorScorer:
    """Runs first: the sentiment scorer scores every mention it finds."""

    name = "actors"
    requires = ()
    columns = {}  # its mentions are rows of `mentions` and `actors`

    def score(self, sentences, analysis):
        found = find_actors([s["span"] for s in sentences], analysis.settings.alias_files)
        for sentence, mentions in zip(sentences, found):
            sentence["mentions"] = mentions
