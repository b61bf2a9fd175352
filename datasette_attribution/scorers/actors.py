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
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

from ..records import LoadError
from ..resources import lexicon, words
from .common.names import (first_name_pronoun, in_title_case, initialled_words, is_common_word, is_given_name,
                           is_headline_verb, is_title, same_given_name, split_suffix, word_tags)
from .common.phrases import PhraseFinder

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
def _alias_pattern(alias_files: tuple[str, ...] = ()) -> PhraseFinder:
    # Case matters: "IS" is the group, "is" a verb.
    return PhraseFinder(alias_table(alias_files), ignore_case=False)


# spaCy's entity labels -> actor kinds. Dates, money, works of art and the like are
# not actors.
ENTITY_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place",
                "FAC": "place", "NORP": "group"}
SLASH_PARTS = re.compile(r"[^/]+")
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
# A programme or a book is no actor: "Breitbart News Daily", "Armed American Radio", "Beige Book".
PROGRAMME_WORDS = frozenset({"daily", "podcast", "show", "tonight", "radio", "book"})
PERSONAL_PRONOUNS = frozenset({"me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them"})
NOT_IN_NAMES = re.compile(r"[\[\]{}<>@#|]")
LEADING_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
MISMARKED_POSSESSIVE = re.compile(r"[‘`´]s?$")


def _entity_tokens(ent, not_names) -> list:
    """The entity's tokens without leading determiners and titles ("President Barack
    Obama" -> Barack Obama), a word that only opens the sentence ("Because I"), or a
    trailing possessive or punctuation; an organisation or place with the words
    the parser left before it ("Republican" of "the Republican National Committee",
    "New" of "New Jersey"); a name cut before a number ("Trump 47.3 percent")."""
    tokens = list(ent)
    if ENTITY_KINDS.get(ent.label_) in ("organization", "place"):
        tokens = _name_words_before(tokens) + tokens
    if ENTITY_KINDS.get(ent.label_) == "organization":
        tokens = _linked_name_before(tokens) + tokens
    for position, token in enumerate(tokens):
        if position and (token.like_num or token.text == "%"):
            tokens = tokens[:position]
            break
    # Titles only open a person's name: "Supreme Court", "Justice Department" and
    # "Republican Party" keep theirs.
    titled = ENTITY_KINDS.get(ent.label_) in ("person", "group")
    while tokens and (tokens[0].lower_ in LEADING_DETERMINERS or titled and is_title(tokens[0].text)
                      or not tokens[0].text[:1].isalnum()
                      or tokens[0].is_sent_start and tokens[0].lower_ in not_names):
        tokens.pop(0)
    while tokens and (tokens[-1].text in POSSESSIVE_MARKS or tokens[-1].is_punct):
        tokens.pop()
    if ENTITY_KINDS.get(ent.label_) == "person":
        # A person's name ends at a possessive before one word inside it: "Robert
        # Eggers' Nosferatu" is the director's film ("Elma's Aidyn Johnson", a
        # name after it, is left to _name_parts).
        owner = next((i for i, t in enumerate(tokens) if i and t.text in POSSESSIVE_MARKS), None)
        if owner is not None and len(tokens) - owner - 1 == 1:
            tokens = tokens[:owner]
        tokens = _person_tokens(_past_initial(tokens))
    # A name never opens with a possessive: "POLITICO’s Battleground States" without
    # its owner (a common word) is "Battleground States".
    while tokens and not tokens[0].text[:1].isalnum():
        tokens.pop(0)
    return tokens


def _past_initial(tokens) -> list:
    """A name the parse cut at its middle initial, with the surname after it: "Ben
    S." of "Fed Chair Ben S. Bernanke"."""
    if len(tokens) < 2 or not INITIAL.match(tokens[-1].text) or tokens[-1].i + 1 >= len(tokens[-1].doc):
        return tokens
    after = tokens[-1].nbor(1)
    # The parse may open a sentence there, inside the loader's sentence.
    return tokens + [after] if after.is_alpha and after.text.istitle() else tokens


def _person_tokens(tokens) -> list:
    """A person's name without what the parse ran into it: the words up to a title
    inside it ("Charlotte Mayor Jennifer Roberts"), nothing when it ends in a title
    ("Charlotte Mayor"), a common word before it ("Beyond Trump", "Crooked
    Hillary Clinton", "Activist Angela Davis": a headline's or a nickname's word),
    and a plural name before a full name ("Floridians Jeb Bush": no one's name is
    plural)."""
    titles = [i for i, t in enumerate(tokens) if i and is_title(t.text)]
    if titles and titles[-1] == len(tokens) - 1 and tokens[-1].lower_.rstrip(".") in OFFICES:
        return []
    if titles and len(tokens) - titles[-1] - 1 >= 2:
        tokens = tokens[titles[-1] + 1:]
    while len(tokens) > 1 and (_common_word_before_name(tokens) or tokens[0].tag_ == "NNPS"
                               and len(split_suffix([t.text for t in tokens[1:]])[0]) >= 2):
        tokens = tokens[1:]
    return tokens


def _common_word_before_name(tokens) -> bool:
    """The first word is a common word the parse ran into the name: before a full
    name ("Crooked Hillary Clinton", "Activist Angela Davis") or a first name alone
    ("Crooked Hillary"), or a headline's or a sentence's opening word ("Beyond
    Trump"). A given name is the name's own ("Kali Hood"), and so is a common word
    inside a sentence before one word that is no given name ("ran against Mitt
    Romney", "Led Zeppelin")."""
    first, rest = tokens[0], tokens[1:]
    if not is_common_word(first.text, never_a_name=True) or is_given_name(first.text):
        return False
    if len(split_suffix([t.text for t in rest])[0]) >= 2 or is_given_name(rest[0].text):
        return True
    sentence = first.sent
    return all(t.is_punct for t in first.doc[sentence.start:first.i]) or in_title_case(sentence)


LOCATIVES = frozenset({"on", "in", "at"})
# An honorific before a name says whether the person is a man or a woman: "Mr.
# Clinton" beside "Hillary Clinton" and "Bill Clinton" is Bill. As first_names.txt
# says it: "he" or "she".
HONORIFIC_BEFORE = re.compile(r"\b(?:(Mr|Mister|Sir)|(Mrs|Ms|Miss|Madam|Dame))\.?\s+$")
LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|on|from|to|into|near|across|outside|around|of|through)\s+$", re.IGNORECASE)
# Titles that end no one's name ("King" and "Justice" may).
OFFICES = frozenset({"mayor", "governor", "senator", "president", "secretary", "spokesman", "spokeswoman",
                     "spokesperson", "chairman", "chairwoman", "director", "ambassador", "minister",
                     "commissioner", "chancellor", "speaker", "dean", "provost", "sen", "gov", "rep"})


def _name_parts(tokens, kind, aliases) -> list[tuple[list, str]]:
    """An entity the parse ran over several names, cut into them: at a possessive
    ("the Green Party’s Jill Stein"), before a place ("Hofstra University on Long
    Island"), at a hyphen between two names of two words or more ("Washington
    Post-ABC News"), a person's name before a body the alias table knows ("the
    Obama White House"), and a place before its state's abbreviation ("Staunton Va.", as "Staunton, Va." is two)."""
    if kind == "place" and len(tokens) > 1 and tokens[-1].text.endswith("."):
        state = aliases.get(tokens[-1].text)
        if state is not None and state.kind == "place":
            return _name_parts(tokens[:-1], kind, aliases) + [(tokens[-1:], "place")]
    for i, token in enumerate(tokens[1:-1], start=1):
        left, right = tokens[:i], tokens[i + 1:]
        if token.tag_ == "POS":
            return _name_parts(left, kind, aliases) + _name_parts(right, kind, aliases)
        if token.lower_ in LOCATIVES and token.text.islower():
            return _name_parts(left, kind, aliases) + _name_parts(right, "place", aliases)
        if token.text == "-" and len(left) >= 2 and len(right) >= 2 and not token.whitespace_:
            return _name_parts(left, kind, aliases) + _name_parts(right, kind, aliases)
    if kind == "person":
        for i in range(1, len(tokens) - 1):
            known = aliases.get(" ".join(t.text for t in tokens[i:]))
            if known is not None and known.kind != "person":
                return [(tokens[:i], kind), (tokens[i:], known.kind)]
    return [(tokens, kind)]


# Lower-case words a name may hold: "Bill de Blasio", "Osama bin Laden", "Department
# of Justice", "Coalition to Stop Trump". Any other ends the name the parse ran on
# ("Republican National Convention ended", "Eiffel Tower - were").
LOWER_NAME_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "at", "to", "a", "an", "de", "del", "della",
                              "der", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "las", "los", "van",
                              "von", "bin", "ibn", "al", "el", "y", "e", "den", "ter", "ten", "zu", "st"})
LOWER_WORD = re.compile(r"[a-z][a-z'’-]*")
# Brackets, quotation marks and dashes are in no name: "Federal Bureau of Investigation
# (FBI" is two names, "Christie “New Jersey" too, "BROADWAY BEAT—"Matthew Morrison" too.
BRACKETED = re.compile(r"[()\[\]{}\"“”—–]|\s-\s")
DASHED = re.compile(r"[—–]|\s-\s")
QUOTES = "\"“”"
# Words glued by text extraction: a name run into a caption's capitals ("BushASSOCIATED
# PRESS", "ChristieJEWEL SAMAD"), capitals run into a name ("PRESSOhio"). Names in
# mixed case ("SABMiller", "BlazeTV", "DNAinfo") are not glued.
GLUED_AFTER_LOWER = re.compile(r"(?<=[a-z]{2})[A-Z]{3,}")
GLUED_CAPITALS = re.compile(r"\b([A-Z]{3,})(?=[A-Z][a-z])")
# Words run together with no space, three times or more: "FlagShareLikeReplyPaige" (a
# page's buttons); "RealClearPolitics" and "FiveThirtyEight" are names.
WORD_JOINS = re.compile(r"[a-z][A-Z]")
# A name joined by a hyphen to a common word: "Jeb Bush-spent", "GOP-led", "Obama-levels"
# ("Ban Ki-moon" and "Kim Jong-un" are names: one side is shorter).
HYPHENED_WORD = re.compile(r"(?<=[A-Za-z]{3})-([a-z]{3,})\b")


def _clean_name(text: str, start: int, end: int, kind: str, aliases, heads,
                institutions=frozenset()) -> list[tuple[int, int]]:
    """The offsets of the names in text[start:end] once what no name holds is cut
    away: brackets, quotation marks and dashes part two names (a person's bracketed
    middle or quoted nickname stays, `_person_words` reads it); words glued by text
    extraction, a lower-case word that is no name's ("ended", "- were") and a
    hyphen joining a common word end it; a known outlet's short name before another
    name is two ("Post White House", "Post-ABC"), before a common adjective it is the
    outlet alone ("ABC Democratic")."""
    # A possessive written with an opening mark ("Donald Trump‘s"), which the tokenizer leaves on the word.
    if (owner := MISMARKED_POSSESSIVE.search(text, start, end)) is not None and owner.end() == end:
        end = owner.start()
    found, at = [], start
    for separator in [*(DASHED if kind == "person" else BRACKETED).finditer(text, start, end), None]:
        piece_end = separator.start() if separator else end
        if piece_end > at:
            found.extend(_cut_name(text, at, piece_end, institutions))
        at = separator.end() if separator else end
    if kind != "person":
        found = [part for s, e in found for part in _outlet_parts(text, s, e, aliases, heads)]
    if found == [(start, end)]:
        return found
    return [(s, e) for s, e in found if _a_name(text[s:e])]


def _cut_name(text: str, start: int, end: int, institutions=frozenset()) -> list[tuple[int, int]]:
    """text[start:end] cut before what ends a name (see `_clean_name`), trimmed. A
    lower-case word that names what the name is may end it (lexicons/institution_words.txt:
    "the Trump campaign", "the Obama administration"); a title-case verb that ends
    a headline may not ("Donald Trump Wins")."""
    cuts = [end]
    for match in re.finditer(r"\S+", text[start:end]):
        if len(WORD_JOINS.findall(match.group(0))) >= 3:
            cuts.append(start + match.start())
    for pattern in (GLUED_AFTER_LOWER, GLUED_CAPITALS):
        for match in pattern.finditer(text, start, end):
            if pattern is GLUED_AFTER_LOWER or is_common_word(match.group(1)):
                cuts.append(match.start())
    for match in HYPHENED_WORD.finditer(text, start, end):
        if is_common_word(match.group(1)):
            cuts.append(match.start())
    opening = start
    words_of_name = list(re.finditer(r"\S+", text[start:end]))
    for position, match in enumerate(words_of_name):
        word = match.group(0).strip(",;:")
        if LOWER_WORD.fullmatch(word) and word.split("-")[0] not in LOWER_NAME_WORDS:
            if opening == start + match.start():
                opening = start + match.end()  # a name opens with no such word
                continue
            if position == len(words_of_name) - 1 and word in institutions:
                break
            cuts.append(start + match.start())
            break
    if len(words_of_name) > 1 and is_headline_verb(words_of_name[-1].group(0)):
        cuts.append(start + words_of_name[-1].start())
    start, end = opening, min(cuts)
    while start < end and not text[start].isalnum():
        start += 1
    trimmed = TRAILING.sub("", text[start:end])
    return [(start, start + len(trimmed))] if trimmed else []


# What a cut name may end in: a possessive, punctuation but a dot ("U.S."), a word
# that links a name to more ("Juan Manriquez of").
TRAILING = re.compile(r"(?:['’]s?|[\s\-,;:\"“”]|\s(?:" + "|".join(sorted(LOWER_NAME_WORDS)) + r"))+$")


def _a_name(name: str) -> bool:
    """A name still: two letters or more, a capital, and not one common word."""
    return (sum(c.isalpha() for c in name) >= 2 and any(c.isupper() for c in name)
            and not (" " not in name and name.isalpha() and name.istitle()
                     and is_common_word(name, never_a_name=True)))


def _outlet_parts(text: str, start: int, end: int, aliases, heads) -> list[tuple[int, int]]:
    """An outlet's short name run into another name: "Post White House" -> Post,
    White House; "Post-ABC" -> Post, ABC; "ABC Democratic" (debate) -> ABC."""
    name = text[start:end]
    words = name.split()
    if name in aliases or not words:
        return [(start, end)]
    head, _, rest = words[0].partition("-")
    if head in heads and rest[:1].isupper() and len(words) == 1:
        return [(start, start + len(head)), (start + len(head) + 1, end)]
    if head in heads and not rest and len(words) > 1:
        tail = name[len(words[0]):].lstrip()
        tail_start = end - len(tail)
        if tail in aliases and " " in tail:
            return [(start, start + len(head)), (tail_start, end)]
        if len(words) == 2 and is_common_word(tail, never_a_name=True) and tail.lower() in _adjectives():
            return [(start, start + len(head))]
    return [(start, end)]


@lru_cache(maxsize=2)
def _adjectives(degrees: bool = False) -> frozenset[str]:
    """Words tagged as adjectives; with `degrees`, comparatives, superlatives and
    words tagged an adjective among others too."""
    return frozenset(word for word, tag in word_tags().items() if (tag.startswith("JJ") if degrees else tag == "JJ"))


@lru_cache(maxsize=8)
def _outlet_heads(alias_files: tuple[str, ...] = ()) -> frozenset[str]:
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


def _person_words(name: str) -> list[str]:
    """A person's name as words, brackets and a quoted nickname aside: "George (W.
    Bush" -> George W. Bush; 'Juan "Chico" Manriquez' -> Juan Manriquez; 'George
    "Jay' (the parse stopped at the nickname) -> George."""
    words_of_name, quoted = [], False
    for word in _straight(name).split():
        if word[:1] in QUOTES:
            quoted = not (len(word) > 1 and word[-1] in QUOTES)
            continue
        if quoted:
            quoted = word[-1:] not in QUOTES
            continue
        word = word.strip("()[]{}")
        if word:
            words_of_name.append(word)
    return words_of_name


def _only_opens(span, tokens, kind) -> bool:
    """A one-word person, organisation or place ("Truth is, she writes") that is
    the sentence's first word (after any quotation mark or bracket), in title
    case, and a word English writes in lower case and never as a proper noun: its
    capital may be the sentence's alone."""
    word = tokens[0]
    return (len(tokens) == 1 and kind in ("person", "organization", "place") and word.text.istitle()
            and all(t.is_punct for t in span.doc[span.start:word.i])
            and is_common_word(word.text, never_a_name=True))


def _in_title(token) -> bool:
    """The entity is the end of a title: "Secretary of State"."""
    return token.i >= 2 and token.doc[token.i - 1].lower_ == "of" and is_title(token.doc[token.i - 2].text)


def _name_words_before(tokens) -> list:
    """Capitalised words right before an organisation or place that modify it and
    belong to its name: "Republican" National Committee, "New" Jersey."""
    before = []
    inside = {t.i for t in tokens}
    token = tokens[0]
    while token.i > 0:
        previous = token.doc[token.i - 1]
        if not (previous.text[:1].isupper() and previous.is_alpha and not is_title(previous.text)
                and previous.dep_ in ("compound", "amod", "nmod") and previous.head.i in inside):
            break
        before.insert(0, previous)
        inside.add(previous.i)
        token = previous
    return before


# Words after which a name in capitals is the one told or written to: "..., her
# cousin told TMZ", "Dan McHugh told The Verge", "writing to The Argus".
TOLD_VERBS = frozenset({"tell", "write", "speak", "talk", "explain", "confirm", "say"})
TOLD_REACH = 2  # "to" right after the verb, or one word on: "spoke exclusively to"


def _names_told(span, person_nouns: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) in the sentence of the names the parse gives as the one a
    source told, spoke or wrote to, or according to whom, that it found no entity
    in: an outlet mostly, which the entity recogniser misses when it is a word in
    capitals ("TMZ") or an article and a noun ("The Verge")."""
    found = []
    for token in span:
        if token.ent_type_ or token.tag_ not in ("NNP", "NNPS"):
            continue
        head = token.head
        told = (token.dep_ in ("dobj", "dative") and head.lemma_ == "tell"
                or token.dep_ == "pobj" and head.lower_ == "to" and (
                    head.head.lemma_ in TOLD_VERBS and 0 < head.i - head.head.i <= TOLD_REACH
                    or head.head.lower_ == "according"))
        following = token.nbor() if token.i + 1 < len(token.doc) else None
        if not told or following is not None and following.text[:1].isupper():
            continue  # "told Entertainment Tonight": where the name ends is unclear
        words = [t for t in token.subtree if t.i <= token.i]
        # A capital "The" inside a sentence is the name's own ("The Verge").
        while words and words[0].lower_ in LEADING_DETERMINERS and not (words[0].text == "The" and len(words) == 2):
            words.pop(0)
        if (words and sum(c.isalpha() for c in words[-1].text) > 1 and words[-1].lower_ not in person_nouns
                and all(t.is_alpha and t.text[:1].isupper() and not t.ent_type_ for t in words)):
            found.append((words[0].idx - span.start_char, token.idx + len(token) - span.start_char))
    return found


NAME_JOINS = frozenset({",", "and", "&", "for", "of"})


def _linked_name_before(tokens) -> list:
    """The proper nouns before an organisation joined to it by "and", "for", "of"
    or a comma, where the entity recogniser began the name too late: "Industry,
    Mining and Trade Department", "HUN-REN Centre for Agricultural Research",
    "Proceedings of the National Academy of Sciences". Not across a title or an
    office ("Speaker of the House"), another name, or in a headline in title case."""
    doc = tokens[0].doc
    at = tokens[0].i - 1
    if tokens[0].lower_ == "the" and (at < 0 or doc[at].lower_ != "of"):
        return []  # a name the article opens; after "of" ("of the National Academy") it is inside one
    if at < 0 or doc[at].lower_ not in NAME_JOINS or in_title_case(tokens[0].sent):
        return []
    run = []
    position = at - 1
    while position >= 0:
        token = doc[position]
        proper = token.tag_ in ("NNP", "NNPS") or token.is_alpha and token.is_upper and len(token) > 1
        joined = token.text in ("-", "–") and run and position > 0 and doc[position - 1].text[:1].isupper()
        if (not (proper or joined) or token.ent_type_ or is_title(token.text) or token.lower_ in OFFICES
                or token.is_sent_start):
            break
        run.insert(0, token)
        position -= 1
    while run and not run[0].is_alpha:
        run.pop(0)
    return run + [doc[at]] if run else []


def _mention(actor: Actor, text: str, start: int, end: int) -> dict:
    return {"actor": actor.name, "kind": actor.kind, "text": text, "start": start, "end": end}


@dataclass(frozen=True)
class _NameLists:
    """The word lists and alias tables find_actors reads, loaded once per article."""
    not_names: frozenset
    institutions: frozenset
    common_acronyms: frozenset
    person_nouns: frozenset
    aliases: dict[str, Actor]
    matcher: PhraseFinder
    heads: frozenset[str]

    @classmethod
    def load(cls, alias_files: tuple[str, ...]) -> _NameLists:
        return cls(words("not_names.txt"), words("institution_words.txt"), words("common_acronyms.txt"),
                   words("person_nouns.txt"), alias_table(alias_files), _alias_pattern(alias_files),
                   _outlet_heads(alias_files))


def find_actors(spans, alias_files: tuple[str, ...] = ()) -> list[list[dict]]:
    """Mentions per parsed sentence: actor, kind, text, start, end (offsets in the
    sentence).

    Aliases (lexicons/aliases.txt, pycountry's countries, `alias_files`) come
    first; then spaCy's named entities. Within the article a person named by
    surname alone ("Obama", "Mr Obama") is the person whose full name the article
    gives with that surname.
    """
    lists = _NameLists.load(alias_files)
    found: list[list[dict]] = [[] for _ in spans]
    people = []  # (sentence index, start, end, name tokens)
    others = []  # (sentence index, start, end, name, kind): organisations, places, groups
    countries = []  # (sentence index, mention): one-word places the alias table names
    # The words of the article's names found where capitals tell: a sentence's
    # capitalised first word is a name only if the article also writes it so
    # elsewhere ("Holder said" after "Eric Holder").
    named_elsewhere = {token.text for span in spans for ent in span.ents if ENTITY_KINDS.get(ent.label_)
                       and not _only_opens(span, list(ent), ENTITY_KINDS[ent.label_]) for token in ent}
    for index, span in enumerate(spans):
        if CREDIT.search(span.text):
            continue
        entities = _entities_of(span, lists, named_elsewhere)
        _sort_names(index, span.text, entities, lists, found[index], people, others, countries)
    people, others = _headlines_confirmed(spans, people, others)
    people = _epithets_dropped(spans, people)
    _countries_that_are_people(spans, countries, people, found)
    by_surname = _people_and_others(spans, people, others, lists, found)
    for index, span in enumerate(spans):
        _link_organisations(span.text, found[index], by_surname)
        if (dateline := WIRE_DATELINE.match(span.text)) is not None:
            # The agency a wire story's dateline credits is no actor of its news.
            found[index] = [m for m in found[index] if not dateline.start(1) <= m["start"] < dateline.end(1)]
        found[index].sort(key=lambda m: m["start"])
    _one_kind_per_name(found)
    _one_case_per_name(found)
    return found


def _entities_of(span, lists: _NameLists, named_elsewhere: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each name the entity recogniser found in the sentence that
    is a name of an actor, cut to its parts and cleaned; then the names a source
    told, spoke or wrote to that it missed (`_names_told`: an outlet mostly)."""
    text, base = span.text, span.start_char
    entities = []
    for ent in span.ents:
        kind = ENTITY_KINDS.get(ent.label_)
        tokens = _entity_tokens(ent, lists.not_names) if kind else []
        if not tokens or (kind == "group" and tokens[-1].pos_ == "ADJ"):
            continue  # "American officials": a nationality that describes, not an actor
        if (sum(c.isalpha() for c in ent.text) < 2 or _in_title(tokens[0]) or NOT_IN_NAMES.search(ent.text)
                or len(tokens) > 1 and tokens[-1].lower_ in PROGRAMME_WORDS
                or not any(t.text[:1].isupper() for t in tokens)
                or all(is_title(t.text) for t in tokens)):
            continue  # "I."; "State" of "Secretary of State"; "supreme"; "Supreme Leader"
        if _a_measure(tokens):
            continue  # "18GB RAM", "16 GB LPDDR5 RAM": a quantity's unit, not a firm
        if len(tokens) == 1 and tokens[0].lower_ in PERSONAL_PRONOUNS and not tokens[0].text.isupper():
            continue  # the film "Us", the novel "It": a title, never the "US" or the "IT" of the alias table
        if _only_opens(span, tokens, kind) and tokens[0].text not in named_elsewhere:
            continue  # "Secrecy is not a stranger...", "Ignore the polls": capitalised as the first word
        if (tokens[-1].text.isupper() and tokens[-1].lower_ in lists.common_acronyms
                and all(t.lower_ in _adjectives(degrees=True) or t.like_num or any(c.isdigit() for c in t.text)
                        for t in tokens[:-1])
                or len(tokens) == 1 and kind == "person" and tokens[0].lower_ in lists.person_nouns):
            continue  # "the best GPU", "LOL", "0430 GMT", "a Super PAC" ("Apple TV" stays); "Mum's savings": a relative
        if kind == "person" and len(tokens) > 1 and tokens[-1].lower_ in lists.institutions:
            kind = "organization"  # "the Bill and Hillary Clinton Foundation"
        elif kind == "organization" and _a_persons_full_name(tokens, lists.institutions, lists.aliases):
            kind = "person"  # "Keith Lamont Scott", read as a firm
        for part, part_kind in _name_parts(tokens, kind, lists.aliases):
            start, end = part[0].idx - base, part[-1].idx + len(part[-1]) - base
            # "Reuters/Ipsos", "USC Dornsife/Los Angeles Times": two names joined by a slash.
            for piece in SLASH_PARTS.finditer(text, start, end):
                for clean_start, clean_end in _clean_name(text, piece.start(), piece.end(), part_kind,
                                                          lists.aliases, lists.heads, lists.institutions):
                    entities.append((clean_start, clean_end, part_kind))
    for start, end in _names_told(span, lists.person_nouns):
        if not any(s < end and start < e for s, e, _ in entities):
            entities.append((start, end, "organization"))
    return entities


# Units a number comes with, written in capitals as names are ("18GB", "5 MP").
UNITS = frozenset({"GB", "MB", "TB", "KB", "Gb", "Mb", "GHz", "MHz", "Hz", "mAh", "MP", "Mbps", "Gbps",
                   "kWh", "kW", "MW", "GW", "fps", "PPI", "DPI", "RPM", "mph", "MPH", "km", "mm", "cm"})


def _a_measure(tokens) -> bool:
    """A name that opens with a unit right after a number: a quantity ("18GB RAM")."""
    first = tokens[0]
    return first.text in UNITS and first.i > 0 and first.doc[first.i - 1].like_num


FOREIGN_ARTICLES = frozenset({"el", "la", "le", "les", "los", "las", "il", "lo", "di", "de", "del", "du"})


def _a_persons_full_name(tokens, institutions, aliases) -> bool:
    """A given name English speakers bear, then one or two capitalised words that are
    no common word, a common word's plural nor an institution's ("Keith Lamont Scott",
    "Daniel Herrera"; not "Dixie Chicks", "Cleveland Cavaliers", "Raymond High School"):
    a person's name, whatever kind the recogniser gave it. Not when the first word is
    a place the alias table knows ("Arizona Diamondbacks") or an article of another
    language ("El Niño", "Le Courrier Picard")."""
    words_of_name = [t.text for t in tokens]
    first = words_of_name[0]
    known = aliases.get(first)
    return (2 <= len(words_of_name) <= 3 and is_given_name(first) and first.lower() not in FOREIGN_ARTICLES
            and not (known is not None and known.kind == "place")
            and all(w[:1].isupper() and not w.isupper() and w.replace("-", "").isalpha() for w in words_of_name)
            and not any(is_common_word(w) or w.lower() in institutions
                        or (w.endswith("s") and is_common_word(w[:-1])) for w in words_of_name[1:]))


def _sort_names(index: int, text: str, entities, lists: _NameLists, mentions: list[dict],
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
            people.append((index, start, end, _straight(actor.name).split()))
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
            if words_of_name := _person_words(name):
                people.append((index, start, end, words_of_name))
        else:
            others.append((index, start, end, name, kind))


def _in_capitals(text: str) -> bool:
    """A line written in capitals ("FIX IS IN: PBS Moderators ...", "HILLARY CLINTON IS
    FEELING THE BERN"): its first three words or more, or most of its letters."""
    words_of_text = re.findall(r"[A-Za-z]+", text)
    upper = [w.isupper() and len(w) > 1 for w in words_of_text]
    return len(words_of_text) >= 3 and (all(upper[:3]) or sum(upper) > len(upper) / 2)


def _people_and_others(spans, people: list, others: list, lists: _NameLists,
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
    organisations = _organisation_names({" ".join(name.split()) for _, _, _, name, kind in others
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
        person = (_person_named(name, surnames if name in places else person_words, full_names)
                  or _full_name_of_lone(name, lone_surnames, lists.institutions, lists.aliases))
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


INITIAL = re.compile(r"^[A-Z]\.?$")
ACRONYM = re.compile(r"^[A-Z]{2,6}$")


def _person_named(name: str, person_words: set[str], full_names: dict[str, list[str]]) -> list[str] | None:
    """The name tokens of the article's person that another kind of entity names:
    a first name or surname alone ("Obama"), or the end of a full name ("De Blasio"
    of "Bill de Blasio")."""
    name = _straight(name)
    if name in person_words:
        return [name]
    lowered = name.lower()
    for full, tokens in full_names.items():
        if " " in lowered and full.endswith(" " + lowered):
            return tokens
    return None


def _full_name_of_lone(name: str, lone_surnames: set[str], institutions, aliases) -> list[str] | None:
    """A first name and a surname the parse took for a place or a firm, where the
    article writes that surname alone as a person ("Robyn Annear's Corners of
    Melbourne" beside "Annear writes"; "Hideo Kojima" beside "Kojima"): that person."""
    words_of_name = name.split()
    if (len(words_of_name) == 2 and words_of_name[1] in lone_surnames and name not in aliases
            and all(w.isalpha() and w.istitle() for w in words_of_name)
            and not any(w.lower() in institutions for w in words_of_name)):
        return words_of_name
    return None


def _organisation_names(names: set[str], known: set[str] = frozenset(),
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
            confirmed_people.append((index, *found, _straight(spans[index].text[slice(*found)]).split()))
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


def _straight(text: str) -> str:
    """Curly apostrophes made straight: "O’Neill" and "O'Neill" are one name."""
    return text.replace("’", "'")


def _longest_known(text: str, start: int, end: int, known: set[str]) -> tuple[int, int] | None:
    """The offsets of the longest run of words in text[start:end] that is a known name."""
    words_at = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[start:end])]
    for length in range(len(words_at), 0, -1):
        for first in range(len(words_at) - length + 1):
            a, b = words_at[first][0], words_at[first + length - 1][1]
            if " ".join(_straight(text[start + a:start + b]).split()) in known:
                return start + a, start + b
    return None


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
        for sentence, mentions in zip(sentences, found, strict=True):
            sentence["mentions"] = mentions
