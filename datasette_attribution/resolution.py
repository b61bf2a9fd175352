"""Resolution: the names the scorers found, as one entity each across the whole database.

The actor scorer names each actor of one article ("Trump" is the article's Donald Trump).
Across articles the same entity is written many ways: "Donald J. Trump", "Mr. Trump",
"TRUMP"; "F.B.I." and "Federal Bureau of Investigation"; "HRC". The one process that
writes sees every article of a load in turn: a `Resolver` there gives each name the
entity it means, by

- its key: case, dots, hyphens, "the", a possessive, middle initials and a "Jr." aside
  ("F.B.I." is "FBI", "CLINTON" is "Clinton", "African-Americans" "African Americans");
- the alias table (lexicons/aliases.txt, pycountry, `load --aliases`) on that key, and an
  organisation's initials ("DNC" after "Democratic National Committee");
- for a surname or a first name alone, the article's own full names first (the scorer's
  work; when the article writes two of them as often, the one the corpus writes most);
  else, when two or more people of the corpus have that name, the one of them the
  articles of the story the article joins, else those published nearest to it, wrote
  that name alone for (two thirds of those mentions; `Evidence`: "Clinton" in a later
  article of a story about Bill Clinton is Bill Clinton, where the corpus mostly means
  Hillary); else the one
  entity of the corpus that name was written for alone (the stored actors' `aliases`,
  an earlier release's actors' mentions, this load's articles: "Obama" is
  Barack Obama even where Michelle Obama is mentioned more), else the one person of the
  corpus written in full with it that holds two thirds of the mentions of all such
  persons ("Clinton": Hillary Clinton, unless the article names Bill alone);
- one kind per entity: the kind most of its mentions were given.

A speaker the attribution scorers name ("Senate Majority Leader Mitch McConnell") is
the article's entity whose name ends it; one the article never mentions gets no actor,
so that no actor is without a mention. The store only writes by the names given here;
`settle()` says, at the end of a load, which actors what every article now shows joins
to which, the kinds that changed, and the actors whose names as written (`aliases`)
the store must read again (`store.actors`).
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from typing import Callable, Mapping, Protocol, Sequence

from .grouping import day_of
from .resources import words as lexicon_words
from .scorers.actors import alias_table, honorific_pronoun, office_before
from .scorers.common.names import (first_name_pronoun, initialled_words, is_common_word, is_given_name,
                                   same_given_name, split_suffix)

COUNTRY_PREFIXES = ("u s ", "us ", "united states ", "federal ")
# A surname alone joins the corpus' person of that surname who holds at least this
# share of the mentions of every person of the corpus with it ("Clinton").
DOMINANT_SHARE = 2 / 3
# A first name alone ("Hillary", "Jon") is the corpus' person of that first name
# only when an article that mentions them lies within this many days of it: a
# reader knows a person by the first name from current coverage, not from an
# article years away. Undated articles are not judged.
FIRST_NAME_DAYS = 31
# A surname alone is the corpus' person of that surname only when an article that
# mentions them lies within this many days of it: the "Kerry" of a 2023 film review
# is not the John Kerry of 2016 coverage, and a year keeps a politician's surname
# through a campaign and its coverage.
SURNAME_DAYS = 366
# A "he" or "she" after a surname two relatives of the article share says which
# one is meant ("Clinton aides say she has no plans": Hillary, where Bill leads the
# article) when it comes within this many words of the name (pronoun_after).
PRONOUN_REACH = 15
# Only a subject says it: an object or a possessive after a name is as often
# another's ("Clinton, without naming him, accused Sanders").
SUBJECT_PRONOUNS = frozenset({"he", "she"})
THIRD_PERSON = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
# Where another voice starts or ends: a pronoun in a quotation is the speaker's.
QUOTATION_MARKS = re.compile(r"[\"\u201c\u201d]|''|``")


def _plain(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u00a0", " ")
    text = re.sub(r"'s?$", "", text.strip())
    return " ".join(text.split())


def is_abbreviation(alias: str) -> bool:
    """A word shortened with a dot in lower case ("La.", "Calif.", "W.Va."), which
    only its dots tell from a word or an acronym of the same letters ("LA", "VA")."""
    return alias.endswith(".") and " " not in alias and any(c.islower() for c in alias)


# A load asks for the key of the same few thousand names over and over (each
# mention's, each entity's at every comparison): a quarter of resolving.
@lru_cache(maxsize=65_536)
def name_key(name: str, kind: str | None = None) -> str:
    """A name as compared across articles: "The F.B.I.'s" -> "fbi", "Donald J. Trump"
    -> "donald trump", "African-Americans" -> "african americans"; a generational
    suffix stays: "Donald Trump Jr." -> "donald trump jr", another person."""
    text = _plain(name).lower().replace(".", " ").replace("-", " ").replace(",", " ")
    tokens = text.split()
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    # Dotted initials are one word: "f b i" -> "fbi", "u s senate" -> "us senate".
    joined, run = [], False
    for token in tokens:
        single = len(token) == 1 and token.isalpha()
        if single and run:
            joined[-1] += token
        else:
            joined.append(token)
        run = single and (run or len(joined[-1]) == 1)
    tokens = joined
    if kind == "person" or kind is None:
        tokens = [t for i, t in enumerate(tokens) if not (0 < i < len(tokens) - 1 and len(t) == 1)]
    return " ".join(tokens)


def person_parts(key: str) -> tuple[str, str, str | None] | None:
    """(first name, surname, generational suffix) of a person's name key written in
    full: "joseph biden jr" -> ("joseph", "biden", "jr"); None for one word."""
    tokens, suffix = split_suffix(key.split())
    return (tokens[0], tokens[-1], suffix) if len(tokens) > 1 else None


def initials(name: str) -> str | None:
    """"Democratic National Committee" -> "dnc": the key an acronym of it has."""
    tokens = initialled_words(_plain(name).replace("-", " "))
    if len(tokens) < 2 or not all(t[:1].isupper() for t in tokens):
        return None
    # An acronym within gives all its letters: "US Geological Survey" is "USGS", "NBC
    # Philadelphia" no "NP".
    return "".join(t.replace(".", "") if len(t) > 1 and t.isupper() else t[0] for t in tokens).lower()


def display_name(name: str) -> str:
    """The name an entity is shown under: a long name in capitals ("WASHINGTON",
    a dateline's) in mixed case; an acronym ("NATO") as it is."""
    name = _plain(name)
    if name.isupper() and (" " in name or len(name) > 5):
        return " ".join(word.capitalize() for word in name.split())
    return name


@dataclass
class Entity:
    name: str
    kinds: Counter = field(default_factory=Counter)
    mentions: int = 0
    stored: bool = False  # a row of `actors` before this load
    days: set = field(default_factory=set)  # the days of this load's dated articles that mention it

    @property
    def kind(self) -> str | None:
        order = ("person", "place", "organization", "group")
        return min(self.kinds, key=lambda k: (-self.kinds[k], order.index(k) if k in order else 9),
                   default=None)

    @property
    def person_words(self) -> tuple[str, str] | None:
        """(first name, surname) keys of a person written in full."""
        parts = self.parts
        return parts[:2] if parts else None

    @property
    def parts(self) -> tuple[str, str, str | None] | None:
        """(first name, surname, generational suffix) of a person written in full."""
        return person_parts(name_key(self.name, "person")) if self.kind == "person" else None

    @property
    def first_and_surname(self) -> bool:
        """A person written as a given name and a surname, nothing between."""
        return self.parts is not None and len(split_suffix(name_key(self.name, "person").split())[0]) == 2


@dataclass
class Settlement:
    """What a load's resolution asks of the store once every article is written:
    `merges` (an actor's name -> the name of the actor it joins), the kind of each
    entity whose kind is new, the entities whose names as written (`aliases`)
    the load changed, and the titles each entity was written in full after
    (`offices`), kept for the next load."""

    merges: dict[str, str]
    kinds: dict[str, str | None]
    touched: set[str]
    # Every entity's titles as the whole corpus now shows them, for the next load:
    # entity name -> "office surname" -> times, e.g. {"Barack Obama": {"president obama": 14}}.
    offices: dict[str, dict[str, int]] = field(default_factory=dict)


class Evidence(Protocol):
    """What the corpus around an article says of the people a bare name could be
    (store/name_evidence.py reads it from the database): their mentions, counted by
    (actor name, text as written), in the story the article joins and in the
    articles published nearest to it."""

    def in_story(self, rows, names: Sequence[str]) -> Mapping[tuple[str, str], int]: ...

    def near_in_time(self, rows, names: Sequence[str]) -> Mapping[tuple[str, str], int]: ...

    def days_of(self, name: str) -> set[datetime.date]:
        """The days of the stored articles that mention the actor of that name."""
        ...


class _AroundArticle:
    """An article's evidence for a name its people share: whom the articles of its
    story, else those published nearest to it, wrote that name alone for (their own
    full names decided it there); one holding two thirds of those mentions is chosen.
    Their full names alone are no evidence: a story about Michelle Obama that never
    writes "Obama" alone says nothing of whom "Obama" means."""

    def __init__(self, evidence: Evidence, rows):
        self.evidence, self.rows = evidence, rows

    def choose(self, word: str, candidates: list[Entity]) -> Entity | None:
        names = [entity.name for entity in candidates]
        for found in (self.evidence.in_story, self.evidence.near_in_time):
            counts = Counter()
            for (name, text), times in found(self.rows, names).items():
                if name_key(text) == word:
                    counts[name] += times
            total = sum(counts.values())
            if total:
                best = max(candidates, key=lambda e: (counts[e.name], e.mentions, e.name))
                if counts[best.name] >= DOMINANT_SHARE * total:
                    return best
        return None


@dataclass
class _Article:
    """One article's names as the resolver reads them before its mentions."""

    resolved: dict             # the scorer's (name, kind) -> entity name, for this article
    in_full: dict              # surname -> the article's persons written in full with it, in order
    alone_is: dict             # a surname alone -> the person the article's lede means by it
    sentence_texts: dict       # sentence position -> its text (read where a person is named)
    offices: dict              # (office, surname) -> the persons the article gives that office
    people_at: dict            # sentence position -> where each person it names starts
    around: _AroundArticle | None
    day: datetime.date | None


class Resolver:
    """Gives each name of each article the entity it means, across the whole
    database: the actors already stored, then every article of the load in turn."""

    def __init__(self, stored=(), alias_files: tuple[str, ...] = (), evidence: Evidence | None = None):
        """`stored`: (name, kind, mentions[, aliases[, offices[, titled]]]) of the
        actors already in the database, `aliases` the names each was written as,
        `offices` the titles it was written in full after as the last load settled
        them ("president obama" -> times), `titled` (mention text, its sentence's
        text before it) of its mentions written since (a killed load's, or every
        one of a database that kept no titles); `evidence`, what the articles
        around each article say of a name people share (none: the corpus-wide
        rules alone)."""
        self.evidence = evidence
        self.entities: dict[str, Entity] = {}
        self.by_key: dict[str, str] = {}  # name key -> entity name
        self.keys_of: dict[str, set[str]] = {}  # entity name -> its keys
        self.by_word: dict[str, set[str]] = {}  # first or last word of a name of two or more -> names
        self.by_initials: dict[str, set[str]] = {}
        # A one-word key -> the entities of a longer name it was written alone for.
        self.written_alone: dict[str, Counter] = {}
        self.alone_keys_of: dict[str, set[str]] = {}  # entity name -> its keys in written_alone
        # A key of two words or more -> the organisations, places and groups an article
        # wrote it for as another name ("Tax Policy Center" for the Urban-Brookings Tax
        # Policy Center).
        self.forms_written: dict[str, Counter] = {}
        table = alias_table(alias_files)
        # An alias that opens with "the" only as written: "the States" is the United
        # States, "swing States" not.
        self.aliases = {name_key(alias, actor.kind): actor for alias, actor in table.items()
                        if not is_abbreviation(alias) and not alias.lower().startswith("the ")}
        # Keys only initials in capitals give ("FT"): a name matches them only so
        # written ("Ft." of "Ft. Worth" is no Financial Times).
        self.initials_only = set(self.aliases) - {
            name_key(alias, actor.kind) for alias, actor in table.items() if not alias.isupper()}
        # Written exactly so: a key would make "LA" Louisiana ("La.") and "the VA" Virginia.
        self.abbreviations = {alias: actor for alias, actor in table.items() if is_abbreviation(alias)}
        self.touched: set[str] = set()  # entities this load named
        # Stored entities a killed load wrote and never settled: no earlier load kept them apart.
        self.unsettled: set[str] = set()
        # Keys of people with a generational suffix an article told apart from the
        # same name without it ("Donald Trump Jr." beside "Donald J. Trump", or
        # written "Trump Jr.", "Donald Jr."): never joined to it.
        self.apart: set[str] = set()
        self.merges: dict[str, str] = {}
        # (office, surname key) -> the people this load wrote in full after that
        # title ("President Barack Obama"), and how often.
        self.office_holders: dict[tuple[str, str], Counter] = {}
        self.stored_kinds: dict[str, str | None] = {}
        stored = list(stored)
        for name, kind, count, *rest in stored:
            aliases, offices, titled = (*rest, None, None, None)[:3]
            entity = self._entity(name, stored=True)
            if entity.name != name:  # two stored actors of one key (an older release's)
                self.merges[name] = entity.name
                self.touched.add(entity.name)
            else:
                self.stored_kinds[name] = kind
            entity.kinds[kind] += count or 1
            entity.mentions += count or 0
            for form in aliases or ():
                self._written(form, entity.name)
            for written, times in (offices or {}).items():
                office, surname = written.rsplit(" ", 1)
                self.office_holders.setdefault((office, surname), Counter())[entity.name] += times
            for text, before in titled or ():
                if (title := titled_surname(text, "person", before)) is not None:
                    self.office_holders.setdefault(title, Counter())[entity.name] += 1
        # A full name a stored actor was written as that is no actor's own name is
        # that actor's ("Janet Roe", joined to Jane Doe by an alias file an earlier
        # load was given): read after every stored actor, so no actor's own name is taken.
        for name, _, _, *rest in stored:
            name = self.entities[self.by_key[name_key(name)]].name
            for form in (rest[0] if rest else None) or ():
                key = name_key(form)
                if " " in key and key not in self.by_key:
                    self.by_key[key] = name
                    self.keys_of[name].add(key)

    # -- entities -------------------------------------------------------------------

    def _entity(self, name: str, stored: bool = False) -> Entity:
        key = name_key(name)
        if key in self.by_key:
            return self.entities[self.by_key[key]]
        entity = self.entities[name] = Entity(name, stored=stored)
        self.by_key[key] = name
        self.keys_of[name] = {key}
        tokens = split_suffix(key.split())[0]
        if len(tokens) > 1:
            for word in {tokens[0], tokens[-1]}:
                self.by_word.setdefault(word, set()).add(name)
        if initials(name):
            self.by_initials.setdefault(initials(name), set()).add(name)
        return entity

    def _written(self, form: str, name: str) -> None:
        """Note that `form` was written for the entity `name` (once more)."""
        key = name_key(form)
        if form.lower().startswith("the ") and is_common_word(key):
            return  # "the States" says nothing of "swing States"
        if " " not in key and key and " " in name_key(name):
            self.written_alone.setdefault(key, Counter())[name] += 1
            self.alone_keys_of.setdefault(name, set()).add(key)

    def _written_for(self, word: str, kind: str | None, exclude: str | None = None,
                     days: Callable[[], set] = set) -> Entity | None:
        """The entity the corpus wrote `word` alone for, when it wrote it for one
        alone (or one holds two thirds of those times); never a place for a person,
        and a person only near in time to `days()` (_near_for_name)."""
        counts = {n: c for n, c in self.written_alone.get(word, {}).items() if n in self.entities and n != exclude
                  and (kind != "place" or self.entities[n].kind == "place")}
        if any(self.entities[n].person_words for n in counts) and (written_on := days()):
            counts = {n: c for n, c in counts.items() if self._near_for_name(self.entities[n], word, written_on)}
        if not counts:
            return None
        # Of the kind the parse gave it, where the corpus wrote it alone for one of
        # that kind: "Fox" an organisation is Fox News, not Vicente Fox.
        counts = {n: c for n, c in counts.items() if self.entities[n].kind == kind} or counts
        best = max(counts, key=lambda n: (counts[n], self.entities[n].mentions, n))
        return self.entities[best] if counts[best] >= DOMINANT_SHARE * sum(counts.values()) and (
            len(counts) == 1 or counts[best] > max(c for n, c in counts.items() if n != best)) else None

    def _known(self, name: str, kind: str | None, exclude: str | None = None) -> Entity | None:
        """The entity a name is across the corpus, without guessing: its key, its
        alias, the key without "U.S." before an organisation, its initials."""
        key = name_key(name, kind)
        found = self.by_key.get(key)
        if found and found != exclude:
            return self.entities[found]
        actor = self.aliases.get(key) if key not in self.initials_only or name.replace(".", "").isupper() else None
        actor = actor or self.abbreviations.get(_plain(name))
        if actor is not None and name_key(actor.name, actor.kind) == key:
            return None  # the table knows the name as itself ("BBC"): no other's initials
        if actor is not None and actor.name != exclude and name_key(actor.name) != key:
            entity = self._entity(actor.name)
            entity.kinds[actor.kind] += 0
            return entity if entity.name != exclude else None
        for prefix in COUNTRY_PREFIXES:
            rest = key[len(prefix):] if key.startswith(prefix) else None
            # Only an organisation named so itself, by more than a word every country uses
            # ("State Department"; "Senate" as the alias table has it): "U.S. Navy" is
            # neither an Indian Navy an article wrote "the Navy" for, nor "the Navy" alone.
            if rest is None or " " not in rest and rest not in self.aliases:
                continue
            found = self.by_key.get(rest)
            if found and found != exclude and kind != "place" and name_key(found) == rest:
                return self.entities[found]
        # Not a name the parse took for a place: "the VA" is no Voice of America.
        if re.fullmatch(r"[a-z]{2,6}", key) and name.replace(".", "").isupper() and kind != "place":
            found = [n for n in self.by_initials.get(key, ()) if n != exclude
                     and self.entities[n].kind == "organization"]
            if len(found) == 1:
                return self.entities[found[0]]
        return None

    def _person_for(self, word: str, kind: str | None, exclude: str | None = None,
                    days: Callable[[], set] = set) -> Entity | None:
        """The corpus' person written in full whose surname (for a person, else
        its first name) is `word`, when one holds most of the mentions of all such
        persons: "Trump" the parse took for a firm is Donald Trump. A place is
        never a person's name ("Charlotte", "Washington"). A name written on
        `days()` (none: undated; read only where a person has that name, as it may
        read the database) is only a person near in time (_near_for_name)."""
        if kind == "place":
            return None
        named = [self.entities[n] for n in self.by_word.get(word, ()) if n != exclude]
        for position in (1, 0) if kind in ("person", None) else (1,):
            candidates = [e for e in named if e.person_words and e.person_words[position] == word]
            if kind not in ("person", None):
                # "Trump" the parse took for a firm is the Trump the corpus writes so alone;
                # "Post" is not Marjorie Merriweather Post, whom no article calls "Post".
                alone = self.written_alone.get(word, {})
                candidates = [e for e in candidates if alone.get(e.name)]
            if position == 0:
                # A first name alone is a person the corpus writes it alone for ("Hillary"),
                # never one it only ever wrote in full: "said Joseph" of a parent named
                # Joseph is not Joseph R. Biden Jr.
                candidates = [e for e in candidates if self.written_alone.get(word, {}).get(e.name)]
            if candidates and (written_on := days()):
                candidates = [e for e in candidates if self._near_for_name(e, word, written_on)]
            # "Trump" alone is never Donald Trump Jr. while another Trump is written in full.
            candidates = [e for e in candidates if not e.parts[2]] or candidates
            if candidates:
                best = max(candidates, key=lambda e: (e.mentions, e.name))
                total = sum(e.mentions for e in candidates)
                return best if best.mentions >= DOMINANT_SHARE * total else None
        return None

    def _firm_named_first(self, word: str, kind: str | None) -> Entity | None:
        """The organisation whose name opens with `word` ("Fox" of "Fox News"), where
        the parse took the word alone for a person but the corpus writes that
        organisation more than every person of that surname together (two thirds of
        their mentions): "Clinton told Fox in the interview" is not Vicente Fox."""
        if kind not in ("person", None):
            return None
        named = [self.entities[n] for n in self.by_word.get(word, ()) if n in self.entities]
        people = [e for e in named if e.person_words and e.person_words[1] == word]
        firms = [e for e in named if e.kind == "organization" and name_key(e.name).split()[0] == word]
        if not people or not firms:
            return None
        firm = max(firms, key=lambda e: (e.mentions, e.name))
        if firm.mentions < DOMINANT_SHARE * sum(e.mentions for e in firms):
            return None
        return firm if firm.mentions >= DOMINANT_SHARE * (firm.mentions + sum(e.mentions for e in people)) else None

    def _days(self, entity: Entity) -> set:
        """The days of the dated articles that mention `entity`: this load's, and
        for an actor stored before, the database's."""
        if entity.stored and self.evidence is not None:
            return entity.days | self.evidence.days_of(entity.name)
        return entity.days

    def _near_for_name(self, entity: Entity, word: str, days: set) -> bool:
        """Whether a person written as `word` alone on one of `days` may be `entity`:
        an article that mentions them lies within FIRST_NAME_DAYS of one of them for
        their first name, SURNAME_DAYS for any other word of their name."""
        if not entity.person_words:
            return True
        first_name = entity.person_words[0] == word
        return self._near_in_time(entity, days, FIRST_NAME_DAYS if first_name else SURNAME_DAYS)

    def _near_in_time(self, entity: Entity, days: set, within: int) -> bool:
        """Whether an article that mentions `entity` lies within `within` days of one
        of `days` (an entity no dated article mentions: not judged)."""
        theirs = sorted(self._days(entity))
        if not theirs:
            return True
        window = datetime.timedelta(days=within)
        for day in days:
            at = bisect.bisect_left(theirs, day - window)
            if at < len(theirs) and theirs[at] <= day + window:
                return True
        return False

    def _same_person(self, key: str, exclude: str | None = None) -> Entity | None:
        """The one person of the corpus that a given name and surname (with or
        without a generational suffix) is another writing of: the same surname,
        no suffix, and the same given name or its nickname or formal name ("Joe
        Biden", "Joseph Biden", "Joseph R. Biden Jr."). Names with a middle name
        are left alone ("George H. W. Bush" is not "George W. Bush")."""
        parts = person_parts(key)
        if parts is None or len(split_suffix(key.split())[0]) != 2:
            return None
        first, surname, _ = parts
        found = [self.entities[n] for n in sorted(self.by_word.get(surname, ())) if n != exclude and n in self.entities]
        found = [e for e in found if e.first_and_surname and e.parts[1] == surname and e.parts[2] is None
                 and name_key(e.name) != key and same_given_name(first, e.parts[0])]
        return found[0] if len(found) == 1 else None

    def _suffixed(self, word: str, suffix: str, exclude: str | None = None) -> Entity | None:
        """The one person of the corpus with that suffix whose surname or given
        name is `word`: "Trump Jr.", "Donald Jr." -> Donald Trump Jr."""
        found = [self.entities[n] for n in sorted(self.by_word.get(word, ())) if n != exclude and n in self.entities]
        found = [e for e in found if e.parts and e.parts[2] == suffix and word in e.parts[:2]]
        return found[0] if len(found) == 1 else None

    def _sharing(self, word: str, kind: str | None) -> list[Entity]:
        """The corpus' people a surname (else a first name) alone could be: those
        written in full with it, and those it was written alone for."""
        if kind == "place":
            return []
        named = [self.entities[n] for n in self.by_word.get(word, ()) if n in self.entities]
        found: dict[str, Entity] = {}
        for position in (1, 0) if kind in ("person", None) else (1,):
            found = {e.name: e for e in named if e.person_words and e.person_words[position] == word}
            if found:
                break
        for name in self.written_alone.get(word, ()):
            if name in self.entities and self.entities[name].person_words:
                found.setdefault(name, self.entities[name])
        return sorted(found.values(), key=lambda e: e.name)

    def _resolve_name(self, name: str, kind: str | None, around: _AroundArticle | None = None,
                      day: datetime.date | None = None) -> Entity:
        key = name_key(name, kind)
        tokens, suffix = split_suffix(key.split())
        if suffix and len(tokens) == 1 and kind != "place":  # "Trump Jr."
            return self._suffixed(tokens[0], suffix) or self._entity(display_name(name))
        # A name two people of the corpus share is the one the article's story,
        # else the articles nearest in time, wrote it alone for.
        if " " not in key and around is not None:
            candidates = self._sharing(key, kind)
            if len(candidates) > 1 and (chosen := around.choose(key, candidates)) is not None:
                return chosen
        # A surname alone is the corpus' person of that surname, before any actor
        # that an article without the full name left under the surname alone.
        if " " not in key and (firm := self._firm_named_first(key, kind)) is not None:
            return firm
        written_on = (lambda: {day}) if day else set
        if " " not in key and (written := self._written_for(key, kind, days=written_on)) is not None:
            return written
        if " " not in key and (person := self._person_for(key, kind, days=written_on)) is not None:
            return person
        entity = self._known(name, kind)
        if entity is not None:
            return entity
        if kind == "person" and not suffix and (same := self._same_person(key)) is not None:
            # "Joe Biden" after "Joseph Biden": one person, under the name first met.
            self.by_key[key] = same.name
            self.keys_of[same.name].add(key)
            return same
        return self._entity(display_name(name))

    # -- articles -------------------------------------------------------------------

    def _surnames_shared(self, in_full: dict[str, list[str]], times: Counter,
                         around: _AroundArticle | None) -> dict[str, str]:
        """Surname -> the person its mentions alone are, where the article writes two
        or more people of it in full: the one it names first (its lede's) when it
        also writes that one in full most often ("Bill Clinton" leads and recurs,
        "his wife, Hillary Clinton" once); else the one the article's story, else
        the articles nearest in time, else the whole corpus wrote that surname
        alone for (two thirds of those mentions): a relative written in full to
        tell them apart ("Donald Trump" named first, ten times, "Melania Trump"
        twelve) does not take "Trump". Where nothing decides, the scorer's choice
        (the one written in full most often) stands."""
        decided = {}
        for surname, names in in_full.items():
            if len(names) < 2:
                continue
            lede = next((name for name in times if name in names), None)  # the first written in full
            if lede is not None and all(times[lede] > times[name] for name in names if name != lede):
                decided[surname] = lede
                continue
            candidates = [self.entities[name] for name in names]
            chosen = around.choose(surname, candidates) if around is not None else None
            if chosen is None and (written := self._written_for(surname, "person")) is not None:
                chosen = written if written.name in names else None
            if chosen is not None:
                decided[surname] = chosen.name
        return decided

    def _offices_written(self, rows, resolved, sentence_texts) -> dict[tuple[str, str], set[str]]:
        """(office, surname) -> the article's people written in full after that title
        ("Secretary of State Hillary Clinton"); the corpus' count of them grows too."""
        found = {}
        for position, actor, kind, _, text, *rest in rows.mentions:
            person = resolved.get((actor, kind))
            if person is None:
                continue
            title = titled_surname(text, kind, sentence_texts.get(position, "")[:rest[0]])
            if title is not None:
                found.setdefault(title, set()).add(person)
                self.office_holders.setdefault(title, Counter())[person] += 1
        return found

    def _office_holder(self, office: str, surname: str, in_article) -> str | None:
        """The person a title and a surname alone mean ("President Clinton"): the one
        the article writes in full after that title, else the one the corpus does
        (two thirds of those times); None when neither tells."""
        holders = in_article.get((office, surname), set()) & set(self.entities)
        if holders:
            return next(iter(holders)) if len(holders) == 1 else None
        counts = {n: c for n, c in self.office_holders.get((office, surname), {}).items() if n in self.entities}
        best = max(counts, key=lambda n: (counts[n], n), default=None)
        return best if best and counts[best] >= DOMINANT_SHARE * sum(counts.values()) else None

    def resolve(self, rows):
        """The article's rows (store.ArticleRows) with every actor named by its entity."""
        article = self._article_of(rows)
        written = {}   # entity name -> names as written in the article
        mentions = []
        for position, actor, kind, linked_to, text, *rest in rows.mentions:
            name = self._entity_of_mention(article, position, actor, kind, text, rest)
            self._count_mention(name, kind, article.day, actor, text, written)
            leader = self._resolve_name(linked_to, "person").name if linked_to else None
            mentions.append((position, name, kind, leader, text, *rest))
        # Each mention carries its entity's kind as it stands after this article.
        mentions = [(m[0], m[1], self.entities[m[1]].kind, *m[3:]) for m in mentions]
        in_article = _ArticleNames(self.entities, written)
        quotes = [(position, text, speaker, in_article.find(person), anonymous)
                  for position, text, speaker, person, anonymous in rows.quotes]
        attributions = []
        for position, actor, *fields in rows.attributions:
            name = in_article.find(actor[0]) if actor else None
            attributions.append((position, (name, self.entities[name].kind) if name else None, *fields))
        return replace(rows, mentions=mentions, quotes=quotes, attributions=attributions)

    def _article_of(self, rows) -> _Article:
        """What the article itself says about its names, read once before its mentions."""
        around = _AroundArticle(self.evidence, rows) if self.evidence is not None else None
        resolved, in_full, in_full_times = self._people_in_full(rows)
        sentence_texts = _sentence_texts(rows) if any(m[2] == "person" for m in rows.mentions) else {}
        people_at = {}  # sentence position -> where each person it names starts
        if any(len(names) > 1 for names in in_full.values()):  # read only for relatives written in full
            for position, _, kind, _, _, *rest in rows.mentions:
                if kind == "person":
                    people_at.setdefault(position, []).append(rest[0])
        return _Article(
            resolved=resolved, in_full=in_full,
            alone_is=self._surnames_shared(in_full, in_full_times, around),
            sentence_texts=sentence_texts, offices=self._offices_written(rows, resolved, sentence_texts),
            people_at=people_at, around=around, day=day_of(rows.published))

    def _people_in_full(self, rows) -> tuple[dict, dict[str, list[str]], Counter]:
        """The article's persons written in full: the scorer's (name, kind) -> entity name
        for each, surname -> those persons in the order first written, and entity name ->
        how many of its mentions are written in full."""
        resolved = {}
        in_full = {}
        in_full_times = Counter()
        people = {}  # key -> (first name, surname, suffix)
        for _, actor, kind, _, text, *_ in rows.mentions:
            if kind != "person" or " " not in name_key(actor, kind):
                continue
            if (actor, kind) in resolved:
                if " " in name_key(text, kind):
                    in_full_times[resolved[(actor, kind)]] += 1
                continue
            person = resolved[(actor, kind)] = self._resolve_name(actor, kind).name
            if " " in name_key(text, kind):
                in_full_times[person] += 1
            parts = person_parts(name_key(actor, kind))
            if parts is None:
                continue
            people[name_key(actor, kind)] = parts
            if parts[2]:  # a surname alone is never the son's where the father is written
                continue
            in_full.setdefault(parts[1], [])
            if person not in in_full[parts[1]]:
                in_full[parts[1]].append(person)
        for key, (first, surname, suffix) in people.items():
            # "Donald Trump Jr." and "Donald J. Trump" in one article: two people.
            if suffix and any(other[1] == surname and other[2] != suffix and same_given_name(first, other[0])
                              for other in people.values()):
                self.apart.add(key)
        return resolved, in_full, in_full_times

    def _entity_of_mention(self, article: _Article, position: int, actor: str, kind: str, text: str,
                           rest: list) -> str:
        """The entity one mention means: the scorer's name resolved once per article, then
        what the words around this mention say (an honorific, a pronoun, an office)."""
        resolved, in_full = article.resolved, article.in_full
        sentence = article.sentence_texts.get(position, "")
        key = name_key(actor, kind)
        said = honorific_pronoun(sentence[:rest[0]]) if kind == "person" else None
        candidates = [n for n in in_full.get(key, ()) if said is None or first_name_pronoun(n) in (said, None)]
        if (actor, kind) not in resolved and candidates and kind != "place":
            # A surname the article wrote in full for several people as often
            # (the scorer left it alone): the one of them the corpus writes most;
            # after an honorific, of its sex ("Mr. Obama" where the article writes
            # only Michelle Obama in full is the corpus' Obama).
            resolved[(actor, kind)] = max(candidates, key=lambda n: (self.entities[n].mentions,
                                                                      -candidates.index(n)))
        if (actor, kind) not in resolved:
            resolved[(actor, kind)] = self._resolve_name(actor, kind, article.around, article.day).name
        name = resolved[(actor, kind)]
        written_key = name_key(text, kind)
        if kind == "person" and written_key in article.alone_is and name in in_full[written_key]:
            # Unless an honorific says the scorer's one is meant and not the lede's:
            # "Mr. Clinton" is Bill where the lede is Hillary's.
            lede = article.alone_is[written_key]
            honorific_decides = (said is not None and first_name_pronoun(name) == said
                                 and first_name_pronoun(lede) not in (None, said))
            if not honorific_decides:
                name = lede
        relatives = in_full.get(written_key, ()) if kind == "person" else ()
        if len(relatives) > 1 and first_name_pronoun(name) is not None:
            # Relatives the article writes in full: an honorific or the pronoun
            # that follows says which ("Clinton aides say she has": Hillary).
            sex = said or _pronoun_after_name(sentence, rest[0], rest[1], article.people_at.get(position, ()))
            of_that_sex = [n for n in relatives if first_name_pronoun(n) == sex]
            if sex is not None and first_name_pronoun(name) != sex and len(of_that_sex) == 1:
                name = of_that_sex[0]
        if (kind == "person" and " " not in written_key and written_key and not is_given_name(written_key)
                and name_key(name, kind).startswith(written_key + " ") and key != written_key):
            # A word the scorer took for the first name of the article's one full
            # name that opens with it ("Trump" beside "Trump Turnberry", a resort
            # the parse took for a person), where no one is called so: the corpus'
            # person of that surname, if one holds most of its mentions.
            surnamed = self._person_for(written_key, kind)
            if surnamed is not None and surnamed.parts and surnamed.parts[1] == written_key:
                name = surnamed.name
        office = office_before(sentence[:rest[0]]) if kind == "person" else None
        if office and " " not in written_key and (holder := self._office_holder(office, written_key,
                                                                                 article.offices)):
            name = holder  # "President Obama" where the article writes only Michelle Obama in full
        return name

    def _count_mention(self, name: str, kind: str, day, actor: str, text: str,
                       written: dict[str, set[str]]) -> None:
        """One mention of the entity `name`, as the scorer named it (`actor`) and as written."""
        entity = self.entities[name]
        entity.kinds[kind] += 1
        entity.mentions += 1
        if day is not None:
            entity.days.add(day)
        self.touched.add(name)
        written.setdefault(name, set()).add(actor)
        self._written(text, name)
        if kind != "person" and _a_short_form(key := name_key(text, kind), name, kind):
            # A later article that writes only the short form means this one too, as a
            # later load's would (the stored actor's `aliases` are read as its keys).
            self.forms_written.setdefault(key, Counter())[name] += 1
            if key not in self.by_key:
                self.by_key[key] = name
                self.keys_of[name].add(key)
        tokens, suffix = split_suffix(name_key(text).split())
        if suffix and len(tokens) == 1 and entity.parts and entity.parts[2] == suffix:
            self.apart.add(name_key(name))  # "Trump Jr.": the suffix tells him apart

    # -- the end of a load ------------------------------------------------------------

    def revisit(self, names) -> None:
        """Stored entities this load's settle looks at as if it had named them: a
        killed load's, which it never settled."""
        names = [n for n in names if n in self.entities]
        self.touched.update(names)
        self.unsettled.update(names)

    def settle(self) -> Settlement:
        """Joins what the whole load now shows to be one entity: a surname or first
        name alone met before any full name with it ("Trump" in the first article,
        "Donald Trump" later), a name that is now an alias, "U.S." and another's
        name, or another's initials. Two full names are never joined by guesswork."""
        merges = dict(self.merges)
        affected = sorted(self._affected(), key=lambda n: (self.entities[n].mentions, n))
        self._join_same_people(affected, merges)
        for name in affected:
            entity = self.entities.get(name)
            if entity is None:
                continue
            target = None
            if " " not in name_key(name):
                days = partial(self._days, entity)
                target = (self._written_for(name_key(name), entity.kind, exclude=name, days=days)
                          or self._person_for(name_key(name), entity.kind, exclude=name, days=days))
            if target is None:
                target = self._known(name, entity.kind, exclude=name) or self._form_written_for(entity)
            if target is None or target.name == name:
                continue
            self._absorb(entity, target)
            merges[name] = target.name
        for name, target in list(merges.items()):
            while target in merges:  # a joined an actor that joined another
                target = merges[target]
            merges[name] = target
        kinds = {name: self.entities[name].kind for name in self.touched if name in self.entities}
        offices: dict[str, dict[str, int]] = {}
        for (office, surname), holders in sorted(self.office_holders.items()):
            for name, times in holders.items():
                if name in self.entities and times:
                    offices.setdefault(name, {})[f"{office} {surname}"] = times
        settlement = Settlement(merges, kinds, {n for n in self.touched if n in self.entities}, offices)
        self.merges, self.touched = {}, set()
        self.stored_kinds.update(kinds)
        return settlement

    def _form_written_for(self, entity: Entity) -> Entity | None:
        """The one organisation, place or group of the same kind that an article wrote
        this entity's own name for: "Tax Policy Center" met alone before the article
        that wrote it for the Urban-Brookings Tax Policy Center."""
        if entity.kind == "person":
            return None
        wrote = [n for n in self.forms_written.get(name_key(entity.name, entity.kind), ())
                 if n != entity.name and n in self.entities and self.entities[n].kind == entity.kind]
        return self.entities[wrote[0]] if len(wrote) == 1 else None

    def _join_same_people(self, names: list[str], merges: dict[str, str]) -> None:
        """Joins one person written two ways: a given name and its nickname ("Joe
        Biden" and "Joseph Biden", the one of fewer mentions into the other), when
        each is the other's only such person; a name with a generational suffix
        into the same name without it ("Joseph R. Biden Jr." into Joe Biden; "Trump
        Jr." into Donald Trump Jr.), unless an article told them apart or an earlier
        load kept both."""
        for name in names:
            entity = self.entities.get(name)
            if entity is None or entity.kind != "person":
                continue
            key = name_key(name, "person")
            tokens, suffix = split_suffix(key.split())
            if suffix and len(tokens) == 1:
                source, target = entity, self._suffixed(tokens[0], suffix, exclude=name)
            elif (target := self._same_person(key, exclude=name)) is None:
                continue
            elif suffix:
                if key in self.apart or (self._kept(entity) and self._kept(target)):
                    continue
                source = entity
            else:
                if self._same_person(name_key(target.name, "person"), exclude=target.name) is not entity:
                    continue
                source, target = sorted((entity, target), key=lambda e: (e.mentions, e.stored, e.name))
            if target is None or target.kind != "person":
                continue
            self._absorb(source, target)
            merges[source.name] = target.name

    def _kept(self, entity: Entity) -> bool:
        """Stored by a load that settled it: what that load left apart stays apart."""
        return entity.stored and entity.name not in self.unsettled

    def _affected(self) -> set[str]:
        """The entities settle looks at: those this load named, and the stored ones
        a name of this load can now join (its surname or first name alone, its
        initials, "U.S." before it); the others are as the last load left them, and
        are not looked at again."""
        found = set(self.touched) | set(self.merges)
        # A stored actor whose name is now an alias of one this load named (an
        # alias file given to this load: "Janet Roe" after `Jane Doe | person | Janet Roe`).
        alias_keys: dict[str, list[str]] = {}
        for key, actor in self.aliases.items():
            if actor.name in self.touched:
                alias_keys.setdefault(actor.name, []).append(key)
        for key, names in self.forms_written.items():
            if key in self.by_key and any(n in self.touched for n in names):
                found.add(self.by_key[key])  # a stored actor under a name this load wrote in short
        for name in list(self.touched):
            found.update(self.by_key[k] for k in alias_keys.get(name, ()) if k in self.by_key)
            for key in self.keys_of.get(name, ()):
                tokens = key.split()
                related = {tokens[0], tokens[-1]} if len(tokens) > 1 else set()
                related |= {prefix + key for prefix in COUNTRY_PREFIXES}
                if initials(name):
                    related.add(initials(name))
                found.update(self.by_key[k] for k in related if k in self.by_key)
        return {name for name in found if name in self.entities}

    def _absorb(self, entity: Entity, target: Entity) -> None:
        target.kinds.update(entity.kinds)
        target.mentions += entity.mentions
        target.days |= entity.days
        self.touched.add(target.name)
        del self.entities[entity.name]
        for key in self.alone_keys_of.pop(entity.name, set()):
            self.written_alone[key][target.name] += self.written_alone[key].pop(entity.name)
            self.alone_keys_of.setdefault(target.name, set()).add(key)
        for key in self.keys_of.pop(entity.name, set()):
            self.by_key[key] = target.name
            self.keys_of[target.name].add(key)
        for names in (*self.by_word.values(), *self.by_initials.values()):
            names.discard(entity.name)
        for holders in self.office_holders.values():
            if entity.name in holders:
                holders[target.name] += holders.pop(entity.name)


def _a_short_form(key: str, name: str, kind: str) -> bool:
    """`key` is `name` without words before it that name it more closely ("Tax Policy
    Center" of the Urban-Brookings Tax Policy Center): words no common word opens
    ("Intelligence Committee" may be the House's or the Senate's; "State of the Union"
    is not "No State of the Union") and no comma joins ("Lazard, Evercore Partners")."""
    full = name_key(name, kind)
    if " " not in key or not full.endswith(" " + key) or "," in name:
        return False
    return not is_common_word(name.split()[0].strip("“\"'"))


def pronoun_after(after: str) -> str | None:
    """"he" or "she": the first subject pronoun in `after` (the words after a name, up
    to the next person the sentence names or a quotation mark), within PRONOUN_REACH
    words; None when none comes, or a noun for one person comes first, which the
    pronoun may mean instead ("Clinton's husband said he")."""
    for word in re.findall(r"[A-Za-z]+", QUOTATION_MARKS.split(after, 1)[0])[:PRONOUN_REACH]:
        lower = word.lower()
        if lower in SUBJECT_PRONOUNS:
            return lower
        if lower in lexicon_words("person_nouns.txt"):
            return None
    return None


def _pronoun_after_name(sentence: str, start: int, end: int, people_at) -> str | None:
    """pronoun_after for the name at sentence[start:end], when it is the first person
    the sentence names or refers to, outside a quotation: a pronoun after a second
    name may be the first one's ("Obama said Clinton had earned his support", "He
    endorsed Clinton, but said he thought Sanders would win")."""
    before = sentence[:start]
    if any(other < start for other in people_at) or len(QUOTATION_MARKS.findall(before)) % 2 \
            or THIRD_PERSON & set(re.findall(r"[a-z]+", before.lower())):
        return None
    after = [other for other in people_at if other > start]
    return pronoun_after(sentence[end:min(after, default=len(sentence))])


def titled_surname(text: str, kind: str | None, before: str) -> tuple[str, str] | None:
    """(office, surname key) of a person written in full after a title: "Barack
    Obama" after "... said President " -> ("president", "obama"); None otherwise.
    `before` is the sentence's text before the mention."""
    if kind != "person":
        return None
    words = split_suffix(name_key(text, kind).split())[0]
    office = office_before(before) if len(words) > 1 else None
    return (office, words[-1]) if office else None


def _sentence_texts(rows) -> dict[int, str]:
    """The article's sentences' text by position ({} for rows without them)."""
    columns = rows.sentence_columns
    if "position" not in columns or "text" not in columns:
        return {}
    position, text = columns.index("position"), columns.index("text")
    return {row[position]: row[text] for row in rows.sentences}


class _ArticleNames:
    """A speaker's name as one of the article's entities: the entity whose name, or
    a name the article wrote for it, ends the speaker's ("Senate Majority Leader
    Mitch McConnell", "NBC's Matt Lauer"), else whose surname is its last word."""

    def __init__(self, entities: dict[str, Entity], written: dict[str, set[str]]):
        self.keys = {}
        for name, forms in written.items():
            for form in (name, *forms):
                self.keys.setdefault(name_key(form), name)
        self.surnames = {}
        for name in written:
            person = entities[name].person_words
            if person:
                self.surnames.setdefault(person[1], set()).add(name)

    def find(self, speaker: str | None) -> str | None:
        if not speaker:
            return None
        tokens = name_key(speaker).split()
        for start in range(len(tokens)):
            found = self.keys.get(" ".join(tokens[start:]))
            if found:
                return found
        surname = tokens[-1] if tokens else None
        people = self.surnames.get(surname, set())
        return next(iter(people)) if len(people) == 1 else None
