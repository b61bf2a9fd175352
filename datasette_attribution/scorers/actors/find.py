"""Actors and their mentions in an article's parsed sentences: the names each
sentence writes (`spans`), sorted into people and others, given one canonical
name each (`canonical`) and one kind per name."""

from __future__ import annotations

import re


from ..common.names import (in_title_case, is_common_word, is_given_name,
                            split_suffix)
from .aliases import Actor, NameLists
from .canonical import (canonical_people, full_name_of_lone, honorific_pronoun, link_organisations,
                        organisation_names, person_named, straight)
from .spans import ENTITY_KINDS, entities_of, only_opens, person_words


# A photo's caption or credit names no actor of the story: "(Photos by Richard
# Shotwell, left, and Mark Von Holden/Invision/AP)", "AP Photo/Evan Vucci",
# "Getty Images".
# A caption's credit: the agency in brackets ends it ("... in Iowa. (AP)"); in a
# dateline ("NEW YORK (AP) — Hillary Clinton wins") it opens a wire story's lede.
CREDIT = re.compile(r"\b(?:photo(?:graph)?s?|images?|pictures?|video)\s*(?:by\b|:|credit)|\bAP Photo\b|"
                    r"\bGetty Images\b|/(?:AP|Getty|Reuters|Invision|AFP|EPA)\b|\((?:AP|Getty|Reuters|AFP)\)\W*$",
                    re.IGNORECASE)
# A wire story's dateline: "NEW YORK (AP) —", "MACAU (Reuters) -".
WIRE_DATELINE = re.compile(r"^[A-Z][A-Za-z .,'’-]*\((AP|Reuters|AFP|UPI|Bloomberg)\)\s*[—–-]")
LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|on|from|to|into|near|across|outside|around|of|through)\s+$", re.IGNORECASE)


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
    lists = NameLists.load(alias_files)
    found: list[list[dict]] = [[] for _ in spans]
    people = []  # (sentence index, start, end, name tokens)
    others = []  # (sentence index, start, end, name, kind): organisations, places, groups
    countries = []  # (sentence index, mention): one-word places the alias table names
    # The words of the article's names found where capitals tell: a sentence's
    # capitalised first word is a name only if the article also writes it so
    # elsewhere ("Holder said" after "Eric Holder").
    named_elsewhere = {token.text for span in spans for ent in span.ents if ENTITY_KINDS.get(ent.label_)
                       and not only_opens(span, list(ent), ENTITY_KINDS[ent.label_]) for token in ent}
    for index, span in enumerate(spans):
        if CREDIT.search(span.text):
            continue
        entities = entities_of(span, lists, named_elsewhere)
        _sort_names(index, span.text, entities, lists, found[index], people, others, countries)
    people, others = _headlines_confirmed(spans, people, others)
    people = _epithets_dropped(spans, people)
    _countries_that_are_people(spans, countries, people, found)
    by_surname = _people_and_others(spans, people, others, lists, found)
    for index, span in enumerate(spans):
        link_organisations(span.text, found[index], by_surname)
        if (dateline := WIRE_DATELINE.match(span.text)) is not None:
            # The agency a wire story's dateline credits is no actor of its news.
            found[index] = [m for m in found[index] if not dateline.start(1) <= m["start"] < dateline.end(1)]
        found[index].sort(key=lambda m: m["start"])
    _one_kind_per_name(found)
    _one_case_per_name(found)
    return found


def _sort_names(index: int, text: str, entities, lists: NameLists, mentions: list[dict],
                people: list, others: list, countries: list) -> None:
    """One sentence's names, sorted: the alias table's first (a person's into `people`,
    the rest into the sentence's `mentions`, a one-word place's also into `countries`),
    then the recogniser's where no alias overlaps them: an alias again, a person into
    `people`, the rest into `others`, which the article decides on."""
    taken = []
    shouted = _in_capitals(text)
    for match in lists.matcher.finditer(text):
        start, end = match.start(), match.end()
        if shouted and is_common_word(match.group(0).lower()) and match.group(0).isupper():
            continue  # "FIX IS IN", "TRUMP TELLS US": a word in a line of capitals, not "IS" or "US"
        # "U.S." inside "U.S. Securities and Exchange Commission", "New York" inside
        # "New York City" are part of a longer name ("Tulsa, Okla." is two).
        if any(s <= start and end <= e and e - s > end - start
               and (kind != "place" or "," not in text[s:e]) for s, e, kind in entities):
            continue
        actor = lists.aliases[match.group(0)]
        if actor.kind == "person":  # "HRC": a full name, the article's for its surname too
            people.append((index, start, end, straight(actor.name).split()))
        else:
            mentions.append(_mention(actor, match.group(0), start, end))
            if actor.kind == "place" and match.group(0).isalpha():
                countries.append((index, mentions[-1]))
        taken.append((start, end))
    for start, end, kind in entities:
        if any(s < end and start < e for s, e in taken):
            continue
        name = text[start:end]
        if name in lists.aliases:
            mentions.append(_mention(lists.aliases[name], name, start, end))
        elif kind == "person":
            if words_of_name := person_words(name):
                people.append((index, start, end, words_of_name))
        else:
            others.append((index, start, end, name, kind))


def _in_capitals(text: str) -> bool:
    """A line written in capitals ("FIX IS IN: PBS Moderators ...", "HILLARY CLINTON IS
    FEELING THE BERN"): its first three words or more, or most of its letters."""
    words_of_text = re.findall(r"[A-Za-z]+", text)
    upper = [w.isupper() and len(w) > 1 for w in words_of_text]
    return len(words_of_text) >= 3 and (all(upper[:3]) or sum(upper) > len(upper) / 2)


def _people_and_others(spans, people: list, others: list, lists: NameLists,
                       found: list[list[dict]]) -> dict[str, set[str]]:
    """The article's decisions on its names: an organisation, place or group that is one
    of its people's names is that person; the others are mentions, a short name of an
    organisation named in full as that one; the people by their canonical names.
    Returns each surname's people, for the organisations linked to them."""
    bases = [split_suffix(name)[0] for _, _, _, name in people]
    person_words = {base[-1] for base in bases} | {base[0] for base in bases}
    surnames = {base[-1] for base in bases if len(base) > 1}
    known_organisations = {m["actor"] for mentions in found for m in mentions if m["kind"] == "organization"}
    first_written = {}
    for index, start, _, name, kind in others:
        if kind == "organization" and (index > 0 or len(spans) == 1):  # a headline may shorten first
            first_written.setdefault(" ".join(name.split()), (index, start))
    organisations = organisation_names({" ".join(name.split()) for _, _, _, name, kind in others
                                         if kind == "organization"}, known_organisations,
                                        {" ".join(name.split()) for _, _, _, name, kind in others if kind == "place"},
                                        first_written)
    full_names = {" ".join(tokens).lower(): tokens for _, _, _, tokens in people}
    # A place the article writes after "in", "at", "from" is no first name ("in
    # Charlotte" is the city, then "Charlotte police" too); one it never writes so is
    # the article's person of that first name ("Trump stated that Melania would ...").
    places = {name for index, start, _, name, kind in others
              if kind == "place" and LOCATIVE_BEFORE.search(spans[index].text, 0, start) is not None}
    lone_surnames = {tokens[0] for _, _, _, tokens in people if len(tokens) == 1}
    for index, start, end, name, kind in others:
        person = (person_named(name, surnames if name in places else person_words, full_names)
                  or full_name_of_lone(name, lone_surnames, lists.institutions, lists.aliases))
        if person:  # "Rouhani" taken for a nationality, "Obama" for a place, "De Blasio" for a firm
            people.append((index, start, end, person))
        elif kind != "group" or name.endswith("s"):  # groups are plural: "Democrats"
            name = " ".join(name.split())
            found[index].append(_mention(Actor(organisations.get(name, name), kind), name, start, end))
    canonical = canonical_people(people, [honorific_pronoun(spans[index].text[:start])
                                          for index, start, _, _ in people])
    for (index, start, end, _), name in zip(people, canonical, strict=True):
        found[index].append(_mention(Actor(name, "person"), spans[index].text[start:end], start, end))
    by_surname = {}
    for (_, _, _, tokens), name in zip(people, canonical, strict=True):
        by_surname.setdefault(tokens[-1], set()).add(name)
    return by_surname


def _countries_that_are_people(spans, countries: list, people: list, found: list[list[dict]]) -> None:
    """A country's or a state's name that is the surname or the first name of a person
    the article names in full is that person ("explains Meghan Ireland ... Ireland
    reveals"; "Jordan Peele's next movie ... Jordan grew up playing games"), unless the
    article writes it after "in", "from"... ("writes from Washington" beside George
    Washington; "fans in Japan" beside a team the parse took for a person)."""
    bases = [split_suffix(tokens)[0] for _, _, _, tokens in people if len(tokens) > 1]
    person_words = {base[0] for base in bases} | {base[-1] for base in bases}
    places = {mention["text"] for index, mention in countries
              if LOCATIVE_BEFORE.search(spans[index].text, 0, mention["start"]) is not None}
    for index, mention in countries:
        name = mention["text"]
        if name in person_words and name not in places:
            found[index].remove(mention)
            people.append((index, mention["start"], mention["end"], [name]))


def _one_case_per_name(found: list[list[dict]]) -> None:
    """A name in capitals ("FLINT, Mich." of a dateline) is the same name the
    article writes in mixed case."""
    mixed = {m["actor"].lower(): m["actor"] for mentions in found for m in mentions
             if not m["actor"].isupper()}
    for mentions in found:
        for mention in mentions:
            name = mention["actor"]
            if name.isupper() and len(name) > 3 and name.lower() in mixed:
                mention["actor"] = mixed[name.lower()]


KIND_PRECEDENCE = {"person": 0, "place": 1, "organization": 2, "group": 3}


def _one_kind_per_name(found: list[list[dict]]) -> None:
    """One kind for each name in an article: the parse may call "Ferguson" a place
    in one sentence and an organisation in the next; the kind most of its mentions
    have wins (ties: person, place, organisation, group)."""
    counts: dict[str, dict[str, int]] = {}
    for mentions in found:
        for mention in mentions:
            kinds = counts.setdefault(mention["actor"], {})
            kinds[mention["kind"]] = kinds.get(mention["kind"], 0) + 1
    chosen = {name: min(kinds, key=lambda kind: (-kinds[kind], KIND_PRECEDENCE[kind]))
              for name, kinds in counts.items() if len(kinds) > 1}
    for mentions in found:
        for mention in mentions:
            mention["kind"] = chosen.get(mention["actor"], mention["kind"])


def _headlines_confirmed(spans, people, others):
    """In a headline in title case the parse reads most words as names ("Gold Star
    Mom Corners Obama", "Clinton Hid Past Health"): there a name counts only as far
    as the article's other sentences give it, as a whole or as the longest run of
    its words that is one of their names; the rest is dropped."""
    headlines = {index for index, span in enumerate(spans) if in_title_case(span)}
    if not headlines:
        return people, others
    known = {" ".join(tokens) for index, _, _, tokens in people if index not in headlines}
    known |= {word for index, _, _, tokens in people if index not in headlines for word in tokens}
    known |= {" ".join(name.split()) for index, _, _, name, _ in others if index not in headlines}

    def confirmed(index, start, end):
        """(start, end) as far as the other sentences give the name; None if not at all."""
        return _longest_known(spans[index].text, start, end, known) if index in headlines else (start, end)

    confirmed_people, confirmed_others = [], []
    for index, start, end, _tokens in people:
        if index in headlines and len(_tokens) == 2 and is_given_name(_tokens[0]) and _tokens[1] in known:
            # A given name and a surname the article writes ("Hillary Clinton Receives
            # First Briefing", then "Clinton said"): the person, whole.
            confirmed_people.append((index, start, end, _tokens))
            continue
        if (found := confirmed(index, start, end)) is not None:
            confirmed_people.append((index, *found, straight(spans[index].text[slice(*found)]).split()))
    for index, start, end, _name, kind in others:
        if (found := confirmed(index, start, end)) is not None:
            confirmed_others.append((index, *found, spans[index].text[slice(*found)], kind))
    return confirmed_people, confirmed_others


def _epithets_dropped(spans, people: list) -> list:
    """A common word before the surname of a person the article names in full is an
    epithet, not a first name ("Fascist Trump", "Classic Clinton" beside Donald Trump
    and Hillary Clinton): the mention is the surname alone."""
    named = [split_suffix(tokens)[0] for _, _, _, tokens in people]
    surnames = {base[-1] for base in named if len(base) >= 2 and is_given_name(base[0])}  # "Jr." is none
    kept = []
    for index, start, end, tokens in people:
        if (len(tokens) == 2 and tokens[1] in surnames and not is_given_name(tokens[0])
                and is_common_word(tokens[0])):
            at = spans[index].text.find(tokens[1], start, end)
            if at >= 0:
                kept.append((index, at, at + len(tokens[1]), [tokens[1]]))
                continue
        kept.append((index, start, end, tokens))
    return kept


def _longest_known(text: str, start: int, end: int, known: set[str]) -> tuple[int, int] | None:
    """The offsets of the longest run of words in text[start:end] that is a known name."""
    words_at = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[start:end])]
    for length in range(len(words_at), 0, -1):
        for first in range(len(words_at) - length + 1):
            a, b = words_at[first][0], words_at[first + length - 1][1]
            if " ".join(straight(text[start + a:start + b]).split()) in known:
                return start + a, start + b
    return None
