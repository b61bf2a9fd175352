"""Actors named in an article, each under one canonical name, and their mentions.

Offline and rule-based: an alias table (`lexicons/aliases.txt`, user-extensible)
and pycountry's countries find places, organisations and groups; capitalised
runs of words find people and organisations. A run is a person when a title
stands before it ("President Barack Obama", "spokesperson Josh Earnest"), when
it is joined by "and" to such a person ("Senators John McCain and Lindsey
Graham"), or when its surname is used alone elsewhere in the article ("Obama").
A surname alone, or with a title ("Mr Obama"), resolves to the full name the
article gives; "the Obama administration" is an organisation linked to him.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycountry

from .lexicon import PhraseMatcher, words
from .names import is_title, strip_titles

# Extra alias files, in the format of lexicons/aliases.txt (`load --aliases FILE`).
ALIASES_ENV = "DATASETTE_ATTRIBUTION_ALIASES"
RUN = re.compile(r"(?<![\w'’])[A-Z][\w'’.-]*(?:\s+(?:of\s+|de\s+|al-)?[A-Z][\w'’.-]*)*")
POSSESSIVE = re.compile(r"['’]s?$")
ADMINISTRATION = re.compile(r"\b(?:the\s+)?([A-Z][\w'’-]+)\s+administration\b")


@dataclass
class Actor:
    name: str
    kind: str


@lru_cache(maxsize=1)
def alias_table() -> dict[str, Actor]:
    """Every alias (and canonical name) -> its actor."""
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
    text = resources.files("datasette_attribution").joinpath("lexicons").joinpath(
        "aliases.txt").read_text("utf-8")
    for extra in filter(None, os.environ.get(ALIASES_ENV, "").split(os.pathsep)):
        text += "\n" + Path(extra).read_text("utf-8")  # the user's own lines win
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        canonical, kind, *aliases = (part.strip() for part in line.split("|"))
        actor = Actor(canonical, kind)
        for name in (canonical, *aliases):
            table[name] = actor
    return table


@lru_cache(maxsize=1)
def _alias_pattern() -> PhraseMatcher:
    # Case matters: "IS" is the group, "is" a verb.
    return PhraseMatcher(alias_table(), ignore_case=False)


APPOSITION_TAIL = re.compile(r",\s+(?:[a-z]+\s+){0,3}$")
LAST_WORD = re.compile(r"\w+$")


def _titled_by_apposition(prefix: str) -> bool:
    """A title, a comma, then up to three lower-case words before the name:
    "the directly elected president, currently the moderate Hassan Rouhani"."""
    tail = APPOSITION_TAIL.search(prefix)
    word = tail and LAST_WORD.search(prefix, 0, tail.start())
    return bool(word) and is_title(word.group(0))


def _clean(token: str) -> str:
    return POSSESSIVE.sub("", token.rstrip(".,"))


def _is_organisation(tokens: list[str]) -> bool:
    organisation_words = words("organisation_words.txt")
    return any(t.lower() in organisation_words for t in tokens)


def find_actors(sentences: list[str]) -> list[list[dict]]:
    """Mentions per sentence: actor, kind, text, start, end (offsets in the sentence)."""
    not_names = words("not_names.txt")
    aliases = alias_table()
    found: list[list[dict]] = [[] for _ in sentences]
    candidates = []  # (sentence index, start, end, tokens, titled)
    for index, sentence in enumerate(sentences):
        taken = []
        for match in _alias_pattern().finditer(sentence):
            actor = aliases[match.group(0)]
            found[index].append({"actor": actor.name, "kind": actor.kind, "text": match.group(0),
                                 "start": match.start(), "end": match.end()})
            taken.append((match.start(), match.end()))
        for match in RUN.finditer(sentence):
            start, end = match.start(), match.end()
            if any(s < end and start < e for s, e in taken):
                continue
            tokens = [_clean(t) for t in match.group(0).split()]
            preceding = sentence[:start].rsplit(None, 2)[-2:]
            titled_before = (any(is_title(t) for t in preceding)
                             or _titled_by_apposition(sentence[:start]))
            while tokens and tokens[0].lower() in not_names:
                start += sentence[start:].index(tokens[0]) + len(tokens[0])
                start += len(sentence[start:]) - len(sentence[start:].lstrip())
                tokens = tokens[1:]
            stripped, titled = strip_titles(tokens)
            if not stripped:
                continue
            offset = sentence.index(stripped[0], start)
            end = offset + len(" ".join(stripped))
            candidates.append((index, offset, end, stripped, titled or titled_before))
    # People: titled runs, runs joined by "and" to a titled one, and runs whose
    # surname is used alone elsewhere.
    word_counts = Counter(re.findall(r"[\w'’.-]+", " ".join(sentences)))
    people: dict[str, str] = {}  # surname -> full name
    previous_titled_end = {}
    for index, start, end, tokens, titled in candidates:
        if len(tokens) < 2 or _is_organisation(tokens):
            continue
        surname = tokens[-1]
        joined = previous_titled_end.get(index) is not None and re.match(
            r"^\s+and\s+$", sentences[index][previous_titled_end[index]:start])
        reused = word_counts[surname] + word_counts[f"{surname}'s"] + word_counts[f"{surname}’s"] > 1
        if titled or joined or reused:
            people.setdefault(surname, " ".join(tokens))
            if titled or joined:
                previous_titled_end[index] = end
    for index, start, end, tokens, titled in candidates:
        text = sentences[index][start:end]
        if len(tokens) == 1 and tokens[0] in people:
            actor = Actor(people[tokens[0]], "person")
        elif len(tokens) >= 2 and tokens[-1] in people and people[tokens[-1]].endswith(" ".join(tokens)):
            actor = Actor(people[tokens[-1]], "person")
        elif len(tokens) >= 2 and _is_organisation(tokens):
            actor = Actor(" ".join(tokens), "organization")
        else:
            continue
        found[index].append({"actor": actor.name, "kind": actor.kind, "text": text,
                             "start": start, "end": end})
    for index, sentence in enumerate(sentences):
        for match in ADMINISTRATION.finditer(sentence):
            person = people.get(match.group(1))
            if person:
                found[index] = [m for m in found[index]
                                if not (m["start"] < match.end() and match.start() < m["end"])]
                found[index].append({
                    "actor": f"{match.group(1)} administration", "kind": "organization",
                    "text": match.group(0), "start": match.start(), "end": match.end(),
                    "linked_to": person,
                })
        found[index].sort(key=lambda m: m["start"])
    return found


class ActorScorer:
    """Runs first: the sentiment scorer scores every mention it finds."""

    name = "actors"
    order = 5

    def score(self, sentences, article):
        for sentence, mentions in zip(sentences, find_actors([s["text"] for s in sentences])):
            sentence["mentions"] = mentions
