"""Where a sentence writes a name, and what it writes that is no name: the
parse's entities cut to the name itself (titles, determiners, possessives,
glued words and brackets off), and what is never an actor (a measure, a
pronoun, a programme, a common word that opens a sentence)."""

from __future__ import annotations

import re
from functools import lru_cache


from ..common.names import (in_title_case, is_common_word, is_given_name,
                            is_headline_verb, is_title, split_suffix, word_tags)
from .aliases import NameLists
from .canonical import INITIAL, straight


# spaCy's entity labels -> actor kinds. Dates, money, works of art and the like are
# not actors.
ENTITY_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place",
                "FAC": "place", "NORP": "group"}
SLASH_PARTS = re.compile(r"[^/]+")
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
    middle or quoted nickname stays, `person_words` reads it); words glued by text
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


def person_words(name: str) -> list[str]:
    """A person's name as words, brackets and a quoted nickname aside: "George (W.
    Bush" -> George W. Bush; 'Juan "Chico" Manriquez' -> Juan Manriquez; 'George
    "Jay' (the parse stopped at the nickname) -> George."""
    words_of_name, quoted = [], False
    for word in straight(name).split():
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


def only_opens(span, tokens, kind) -> bool:
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


def entities_of(span, lists: NameLists, named_elsewhere: set[str]) -> list[tuple[int, int, str]]:
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
        if only_opens(span, tokens, kind) and tokens[0].text not in named_elsewhere:
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
