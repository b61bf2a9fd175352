"""One name per person and organisation within an article: a surname or a
title alone ("Mr. Obama", "President Obama") joins the full name the article
writes, an acronym its organisation, "the Obama administration" is linked to him."""

from __future__ import annotations

import re
from collections import Counter


from ..common.names import (first_name_pronoun, initialled_words, is_given_name,
                            same_given_name, split_suffix)


LINKED_ORGANISATION = re.compile(r"\b(?:the\s+)?([A-Z][\w'’-]+)\s+(administration|campaign)\b")
# An honorific before a name says whether the person is a man or a woman: "Mr.
# Clinton" beside "Hillary Clinton" and "Bill Clinton" is Bill. As first_names.txt
# says it: "he" or "she".
HONORIFIC_BEFORE = re.compile(r"\b(?:(Mr|Mister|Sir)|(Mrs|Ms|Miss|Madam|Dame))\.?\s+$")


INITIAL = re.compile(r"^[A-Z]\.?$")
ACRONYM = re.compile(r"^[A-Z]{2,6}$")


def person_named(name: str, person_words: set[str], full_names: dict[str, list[str]]) -> list[str] | None:
    """The name tokens of the article's person that another kind of entity names:
    a first name or surname alone ("Obama"), or the end of a full name ("De Blasio"
    of "Bill de Blasio")."""
    name = straight(name)
    if name in person_words:
        return [name]
    lowered = name.lower()
    for full, tokens in full_names.items():
        if " " in lowered and full.endswith(" " + lowered):
            return tokens
    return None


def full_name_of_lone(name: str, lone_surnames: set[str], institutions, aliases) -> list[str] | None:
    """A first name and a surname the parse took for a place or a firm, where the
    article writes that surname alone as a person ("Robyn Annear's Corners of
    Melbourne" beside "Annear writes"; "Hideo Kojima" beside "Kojima"): that person."""
    words_of_name = name.split()
    if (len(words_of_name) == 2 and words_of_name[1] in lone_surnames and name not in aliases
            and all(w.isalpha() and w.istitle() for w in words_of_name)
            and not any(w.lower() in institutions for w in words_of_name)):
        return words_of_name
    return None


def organisation_names(names: set[str], known: set[str] = frozenset(),
                        places: set[str] = frozenset(), first_written: dict | None = None) -> dict[str, str]:
    """Short names of an organisation the article also names in full, -> the full
    name: an acronym of its initials ("DNC" -> Democratic National Committee; "CDC"
    -> Centers for Disease Control and Prevention, whose first initials it is; also
    of a name the parse took for a place: "IRICA" -> Islamic Republic of Iran
    Customs Administration) or its last words ("Intelligence Committee" -> House
    Intelligence Committee), when exactly one full name fits. `known` are the
    article's organisations the alias table names ("The Washington Post" ->
    Washington Post): full names too, and the one preferred where a one-word name
    fits several ("Fox" beside Fox News and "Fox Business Network" is Fox News)."""
    longer = {}
    full_names = names | set(known)
    for short in names:
        if ACRONYM.match(short):
            fits = [n for n in full_names | set(places) if n != short and _acronym_of(short, n)]
        else:
            fits = [n for n in full_names if n != short and n.endswith(" " + short)]
            if not fits and " " not in short:  # "Fox" -> Fox News
                fits = [n for n in full_names if n.startswith(short + " ")]
            if first_written and short not in known:
                # A name is written in full before it is shortened: "Google" written
                # before "Google AI Quantum" is the firm, not that lab of it.
                fits = [n for n in fits if first_written.get(n, (-1, -1)) < first_written.get(short, (1 << 30, 0))]
        if len(fits) > 1 and " " not in short:
            fits = [n for n in fits if n in known] or fits
        if len(fits) == 1:
            longer[short] = fits[0]
    return longer


MIN_PREFIX_ACRONYM = 3


def _acronym_of(short: str, name: str) -> bool:
    """`short` is the initials of `name`'s words ("of", "and" aside), or, three letters
    or more, of its first words ("CDC" of Centers for Disease Control and Prevention)."""
    initials = "".join(w[0] for w in initialled_words(name)).upper()
    return initials == short or (len(short) >= MIN_PREFIX_ACRONYM and len(initials) > len(short)
                                 and initials.startswith(short))


def _canonical(tokens: list[str], base=None, suffix=None, told_apart=frozenset()) -> str:
    """A full name without middle initials: "Donald J. Trump" -> "Donald Trump";
    with them where they tell two people of the article apart ("George W. Bush")."""
    if base is not None and (base[0], base[-1], suffix) in told_apart:
        return " ".join(tokens)
    kept = [t for i, t in enumerate(tokens) if not (0 < i < len(tokens) - 1 and INITIAL.match(t))]
    return " ".join(kept)


def _middle(base: list[str]) -> str:
    """A full name's middle as compared, by its initials: "H. W.", "H.W." and
    "Herbert Walker" -> "HW"; "J." and "John" -> "J"."""
    return "".join(word[0].upper() for token in base[1:-1] for word in token.split(".") if word)


def _full_key(base: list[str], suffix: str | None, told_apart) -> tuple:
    key = (base[0], base[-1], suffix)
    return (*key, _middle(base)) if key in told_apart else key


def straight(text: str) -> str:
    """Curly apostrophes made straight: "O’Neill" and "O'Neill" are one name."""
    return text.replace("’", "'")


def honorific_pronoun(before: str) -> str | None:
    """"he" when the text before a name ends in "Mr." or "Sir", "she" for "Mrs.",
    "Ms.", "Miss", "Dame"; else None."""
    found = HONORIFIC_BEFORE.search(before)
    if found is None:
        return None
    return "he" if found.group(1) else "she"


# The office a title before a name names ("President Obama", "Secretary Clinton",
# "Texas Gov. Greg Abbott"): who holds it tells apart two people of one surname.
# Honorifics say a sex instead (honorific_pronoun); party labels and ranks say neither.
OFFICE_WORDS = {"president": "president", "secretary": "secretary", "senator": "senator", "sen": "senator",
                "governor": "governor", "gov": "governor", "representative": "representative",
                "rep": "representative", "congressman": "representative", "congresswoman": "representative",
                "mayor": "mayor", "lady": "first lady", "ambassador": "ambassador", "minister": "minister",
                "chancellor": "chancellor", "judge": "judge", "justice": "justice", "general": "general",
                "gen": "general", "director": "director", "chairman": "chair", "chairwoman": "chair",
                "chair": "chair"}
# Words a title's run may hold between the office and the name: "Secretary of State Hillary Clinton".
TITLE_LINKS = frozenset({"of", "the"})


def office_before(before: str) -> str | None:
    """The office a title right before a name holds ("... former Secretary of State "
    -> "secretary", "Vice President " -> "vice president"), else None: the last
    office word of the run of capitalised words (and "of") that ends `before`."""
    if not before[-1:].isspace():
        return None
    run = []
    for word in reversed(before.split()[-5:]):
        if not (word[:1].isupper() or word in TITLE_LINKS) or word[-1:] in ",;:\"”'’)":
            break
        run.insert(0, word.rstrip(".").lower())
    for position in range(len(run) - 1, -1, -1):
        office = OFFICE_WORDS.get(run[position])
        if office is not None:
            return "vice " + office if position and run[position - 1] == "vice" else office
    return None


def canonical_people(people, pronouns=None) -> list[str]:
    """The canonical name of each person mention, in article order.

    Full names with the same first name and surname are one person ("Donald J.
    Trump", "Donald Trump"); different first names stay apart ("Bill Clinton",
    "Hillary Clinton"), and so do generational suffixes ("Donald Trump Jr."); a
    surname or first name with the suffix ("Trump Jr.", "Donald Jr.") is the one
    person written in full with both. A surname alone ("Trump", "Mr Trump") is the person of the
    article with that surname written in full most often (a tie: the surname alone,
    which resolution decides by the corpus), else the only one with that first name
    ("Hillary"), else itself. Not the one named last: "Michelle Obama" once does
    not make every later "Obama" hers, nor is a surname alone the son's ("Trump" beside
    "Donald Trump Jr." is left to resolution). A surname after an honorific ("Mr.
    Clinton", `pronouns` "he") is one of those whose first name is not a woman's.
    """
    # Middle names that tell apart people of one first name and surname: the
    # article writes that name with two different middles ("George H.W. Bush",
    # "George W. Bush"). There each keeps its middle; elsewhere a middle initial is
    # aside ("Donald J. Trump" is "Donald Trump").
    middles = {}
    for _, _, _, tokens in people:
        base, suffix = split_suffix(tokens)
        if len(base) > 2:
            middles.setdefault((base[0], base[-1], suffix), set()).add(_middle(base))
    told_apart = {key for key, found in middles.items() if len(found) > 1}
    full = {}  # (first, surname, suffix[, middle]) -> canonical name, the first form seen
    written = Counter()  # canonical name -> full mentions
    for _, _, _, tokens in people:
        base, suffix = split_suffix(tokens)
        if len(base) > 1:
            name = _canonical(tokens, base, suffix, told_apart)
            written[full.setdefault(_full_key(base, suffix, told_apart), name)] += 1
    names_by_surname, names_by_first, suffixed = {}, {}, {}
    for (first, surname, suffix, *_), name in full.items():  # in the order they were named
        if suffix:
            for word in {first, surname}:
                suffixed.setdefault((word, suffix), []).append(name)
            continue
        names_by_surname.setdefault(surname, []).append(name)
        names_by_first.setdefault(first, []).append(name)
    result = []
    for position, (_, _, _, tokens) in enumerate(people):
        base, suffix = split_suffix(tokens)
        surname = base[-1]
        pronoun = pronouns[position] if pronouns else None
        if len(base) > 1:
            name = full[_full_key(base, suffix, told_apart)]
        elif suffix:
            found = suffixed.get((surname, suffix), [])
            name = found[0] if len(found) == 1 else " ".join(tokens)
        elif surname in names_by_surname:
            candidates = names_by_surname[surname]
            if pronoun is not None:
                candidates = [n for n in candidates if first_name_pronoun(n) in (pronoun, None)]
            counts = sorted((written[n] for n in candidates), reverse=True)
            # Two written in full as often, or none of the honorific's sex ("Mr.
            # Obama" where only Michelle is written in full): the surname stays,
            # for resolution to decide by the corpus.
            name = (max(candidates, key=lambda n: written[n])
                    if len(counts) == 1 or len(counts) > 1 and counts[0] > counts[1] else surname)
            name = _suffixed_lede(surname, name, suffixed, full, written) or name
        elif len(names_by_first.get(surname, [])) == 1:
            name = names_by_first[surname][0]  # "Hillary", after "Hillary Clinton"
        elif is_given_name(surname) and len(nicknamed := {
                name for (first, *_), name in full.items() if same_given_name(surname, first)}) == 1:
            name = nicknamed.pop()  # "Joe", after "Joseph R. Biden Jr."
        else:
            name = surname
        result.append(name)
    return result


def _suffixed_lede(surname: str, chosen: str, suffixed: dict, full: dict, written: Counter) -> str | None:
    """The one person with a generational suffix whom the article names first of all
    those of `surname` and writes in full more often than `chosen`: the surname alone
    is theirs ("Anthony LaCalamita III" leads and recurs, "his wife, Michele
    LaCalamita" once). "Trump" beside "Donald Trump Jr." alone stays to resolution."""
    found = [name for (word, _), names in suffixed.items() if word == surname for name in names]
    if len(found) != 1 or chosen == surname or written[found[0]] <= written[chosen]:
        return None
    order = list(full.values())
    return found[0] if order.index(found[0]) < order.index(chosen) else None


def link_organisations(text: str, mentions: list[dict], by_surname: dict) -> None:
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
