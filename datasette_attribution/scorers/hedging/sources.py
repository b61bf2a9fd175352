"""Whose claim: vague sources, and the named subjects whose stance is attribution.

A claim held by a counted or unnamed group ("Several analysts believe", "Investigators
suspect") is hedged; the same verb with a named subject ("Collins suggested") is that
source's position, which the attribution columns report, not a hedge.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...resources import labelled
from ..common.phrases import PhraseFinder
from ..common.parse import token_at
from .syntax import in_restrictive_relative, proposes


# Vague sources (Wikipedia's "words to watch": "some people say", "many scholars
# believe"): a belief or expectation whose holders are counted but not named
# ("Several analysts believe", "Many economists expect"), or an uncounted plural
# that believes ("Investigators suspect"). A counted group that merely says is
# opinion at large ("Some Americans say") unless it is informants in a role: "Some
# Arizona officials said" is anonymous attribution, as "Police said" is reporting.
# The verbs are in lexicons/vague_source_verbs.txt.
# People who say what they know by their role (informants):
INFORMANTS = frozenset({"officials", "aides", "sources", "residents", "witnesses", "staffers",
                        "employees", "investigators", "officers", "diplomats", "spokesmen",
                        "spokespeople", "executives", "advisers", "advisors", "organizers",
                        "organisers", "police", "prosecutors", "lawyers", "attorneys",
                        "authorities", "negotiators", "administrators", "doctors", "reporters",
                        "journalists", "correspondents"})
COUNTED_GROUP = frozenset({"some", "many", "several", "most", "various", "numerous", "few",
                           "others", "a number of", "a few"})
# Between the group and its verb: "Many commentators have long suggested".
AUXILIARIES = frozenset({"have", "has", "had", "also", "still", "now", "long", "privately",
                         "publicly", "openly", "even", "already", "increasingly", "do", "did"})
CLAUSE_EDGE = re.compile(
    r"[,;:()\"“”]|\b(?:and|but|or|that|while|because|although|as|whereas|since|though|said|says"
    r"|told)\b", re.IGNORECASE)
SUBJECT_REACH = 60  # characters before the verb in which its subject begins
GROUP_WORD = re.compile(r"[A-Za-z][\w'-]*$")
# Words that begin a subject that is not an unnamed group.
NOT_A_GROUP = frozenset({"the", "this", "that", "these", "those", "his", "her", "its", "their",
                         "our", "my", "your", "it", "he", "she", "they", "we", "i", "you", "who",
                         "which", "there", "all", "both", "no"})


# Cues found by rule rather than listed in the lexicon, with their kinds.
RULE_CUES = {"vague source": "weasel"}


def vague_sources(span) -> list[dict]:
    """Counted or uncounted groups that say or believe, as weasel cues from the
    group's first word to the verb; not in a clause that only picks out a referent
    ("the cooperation that presidents expect")."""
    text = span.text
    verbs, believing = vague_source_verbs()
    found = []
    for verb in verbs.finditer(text):
        reach = max(0, verb.start() - SUBJECT_REACH)
        edges = [match.end() for match in CLAUSE_EDGE.finditer(text, reach, verb.start())]
        if not edges and reach > 0:
            continue  # a long subject is not a bare group
        edge = edges[-1] if edges else 0
        words = text[edge:verb.start()].split()
        if not words:
            continue
        subject_start = text.index(words[0], edge)
        while words and words[-1].lower() in AUXILIARIES:
            words.pop()
        if not words or len(words) > 4 or not all(GROUP_WORD.match(w) for w in words):
            continue
        believes = verb.group(0).lower() in believing
        verb_token = token_at(span, verb.start())
        if verb_token is not None and (
                verb_token.pos_ not in ("VERB", "AUX") and not any(c.dep_ == "ccomp" for c in verb_token.children)
                or in_restrictive_relative(verb_token) or _object_only(verb_token)
                or proposes(verb_token)):
            continue  # "some state laws": a noun; "the aid that donors expect": a referent
        if words[-1].lower() in KNOWN_GROUPS:
            continue  # "most of them said": people already named
        if _counted_group(words) and (believes or _vague_group(words)) or (
                believes and _unnamed_plural(words, sentence_start=subject_start == 0,
                                             named_by_whom=_named_by_whom(span, subject_start, words))):
            found.append({"text": text[subject_start:verb.end()], "kind": "weasel",
                          "cue": "vague source", "start": subject_start, "end": verb.end()})
    return found


@lru_cache(maxsize=1)
def vague_source_verbs() -> tuple[PhraseFinder, frozenset[str]]:
    """A matcher for every verb, and the verbs of belief."""
    labels = dict(labelled("vague_source_verbs.txt"))
    return PhraseFinder(labels), frozenset(verb for verb, label in labels.items() if label == "believes")


def _counted_group(words: list[str]) -> bool:
    """"Some residents", "many of the analysts", "others"."""
    lowered = " ".join(words).lower()
    return any(lowered == group or lowered.startswith(group + " ") for group in COUNTED_GROUP)


def _object_only(verb) -> bool:
    """"Allies fear the toll": a feeling about a thing, not a claim."""
    children = [c.dep_ for c in verb.children]
    return "dobj" in children and not any(dep in ("ccomp", "xcomp") for dep in children)


# Pronouns that end a counted group refer back to people already named.
KNOWN_GROUPS = frozenset({"them", "us", "you", "those", "these", "whom"})


def _vague_group(words: list[str]) -> bool:
    """"Some", "many people", "some Americans": a group that stands for opinion at
    large, not informants in a role ("Some Arizona officials said")."""
    return words[-1].lower() not in INFORMANTS


def _unnamed_plural(words: list[str], sentence_start: bool, named_by_whom: bool = False) -> bool:
    """"Investigators", "opposition figures", "US officials", "Clinton campaign aides":
    up to three words, lower case (the first may be capitalised at the start of the
    sentence, or when it names whose group it is), ending in a plural, without a
    determiner or pronoun."""
    head = words[-1]
    return (len(words) <= 3 and head.endswith("s") and not head.endswith("ss")
            and (sentence_start or words[0].islower() or named_by_whom and len(words) > 1)
            and all(word.islower() for word in words[1:])
            and words[0].lower() not in NOT_A_GROUP)


def _named_by_whom(span, start: int, words: list[str]) -> bool:
    """The word at `start` says whose group it is: a country or a people ("US officials",
    "Israeli diplomats" mid-sentence), or a person or body the informants work for
    ("Clinton campaign aides", "Pentagon officials"); the group stays unnamed."""
    token = token_at(span, start)
    if token is None or token.dep_ not in ("compound", "amod"):
        return False
    return token.ent_type_ in ("GPE", "NORP", "LOC") or (
        token.ent_type_ in ("PERSON", "ORG") and words[-1].lower() in INFORMANTS)


# Unnamed groups that are a vague source only when they say or believe something:
# "Critics say the plan will fail", but not "Trump supporters ripped them away".
WEASEL_GROUPS = frozenset({
    "some people", "many people", "some critics", "some experts", "critics", "commentators",
    "observers", "experts", "scholars", "historians", "advocates", "proponents", "supporters",
    "opponents", "detractors", "sceptics", "skeptics", "reviewers"})


# Things that show rather than hold a view: "the records indicate", "polls suggest".
DOCUMENTS = frozenset({"records", "record", "data", "documents", "document", "polls", "poll",
                       "figures", "study", "studies", "report", "reports", "evidence", "numbers",
                       "results", "emails", "filings", "statistics", "survey", "surveys", "research"})
NAMING_DEPENDENCIES = frozenset({"compound", "poss", "nmod", "amod", "appos"})


def named_subject(verb) -> bool:
    """The verb's subject names someone: a name, an organisation or a pronoun."""
    while verb.dep_ in ("conj", "xcomp", "advcl") and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head  # "Clinton invoked Obama and suggested that", "invoked Reagan to claim"
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") or child.dep_ == "agent":
            if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                child = verb.head  # "a breach that appears to": the breach, not "that"
            # The head and the words that name it ("the Obama campaign"), not what a
            # preposition adds ("A close look at Mr. Trump's planes suggests").
            if child.lower_ in DOCUMENTS:
                return False  # "land records indicate": evidence, not a source's position
            naming = [child, *(c for c in child.children if c.dep_ in NAMING_DEPENDENCIES)]
            return child.pos_ == "PROPN" or child.tag_ == "PRP" or any(
                t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in naming)
    return False


def says_or_believes(token) -> bool:
    """Whether the group heads the subject of a verb of saying or believing."""
    noun = token.head if token.dep_ in ("amod", "det") else token
    for candidate in (noun, *noun.children):
        if candidate.lower_ == "people":
            noun = candidate
    verb = noun.head
    verbs, _ = vague_source_verbs()
    return (noun.dep_ in ("nsubj", "nsubjpass") and bool(verbs.search(verb.text))
            and _about_a_claim(verb))


def _about_a_claim(verb) -> bool:
    """The verb of saying or believing has a claim: a clause it governs ("Critics
    say the plan will fail") or one it reports ("the plan, critics say, will fail");
    not "think warmly back to 2008"."""
    return any(c.dep_ in ("ccomp", "xcomp") for c in verb.children) or verb.dep_ in (
        "parataxis", "ccomp", "advcl")
