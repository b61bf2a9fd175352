"""Hedging: which words soften a sentence's claim, of which kind, and how much.

Cues come from `lexicons/hedge_cues.txt`, filtered by the context rules below.
The score is a logistic model learned on the CoNLL-2010 Wikipedia training
sentences by `training/train_hedging.py` (weights in `models/hedging.json`):

    hedging_score = 0                                  with no cue
                  = sigmoid(bias + sentence weights + sum over cues of each cue's part)

A cue's weight is its own plus its kind's. Its context weights are learned for
the word right before and right after it ("may>be", "by<some") and for the three
words either side of a cue of its kind ("modal>used"); the sentence weights are
for how many numbers the sentence holds and its length. A cue's part is its
weight plus its context weights, bounded by kind:

- a kind that hedges on its own (modal, epistemic verb/adverb/adjective/noun,
  hearsay, weasel, limiter, negated certainty): its weight is enough to reach
  the threshold in any sentence, and its context can only add to it. In news
  "may" is a hedge wherever it stands, although CoNLL-2010's Wikipedia
  annotation mostly marks it certain.
- approximators ("several", "some of", "often", "largely") and vague wording
  ("most", "best known", "rarely"): each at least 0, and all of them together
  under a ceiling that stays under the threshold, so they never make a sentence
  hedged ("several people were injured" is a fact); with a cue of the kinds
  above they add to the score.

Vague sources are weasel cues, found by rule (`_vague_sources`): a counted group
that says or believes anything ("Several analysts believe", "some residents
say"), or an unnamed plural that believes or claims ("Investigators suspect").
"Police said" is reporting, and a named person's belief is attribution. A cue
never lowers the score, so more cues, and stronger ones, give a higher score.

`hedged` is hedging_score >= the model's threshold (0.5 unless the model file
says otherwise).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from ..resources import labelled, model_file, words
from .lexicon import PhraseMatcher
from .names import in_title_case
from .summary import share

NUMBER = re.compile(
    r"^\s*(?:[$£€]?\d|a\s+(?:dozen|hundred|thousand|million|billion)|one|two|three|four|five|six"
    r"|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred|thousand|million|half)",
    re.IGNORECASE,
)
APPEAR_LITERAL = re.compile(r"^\s+(?:in|on|at|as|before|with|alongside|during)\b", re.IGNORECASE)
# "as soon as possible", "where possible", "it is possible to travel by train":
# a possibility of action or circumstance, not doubt about a claim.
POSSIBLE_BEFORE = re.compile(r"\b(?:as\s+\w+\s+as|if|where|when|whenever|wherever)\s+$", re.IGNORECASE)
POSSIBLE_AFTER = re.compile(r"^\s+(?:to|for)\b", re.IGNORECASE)
MONTH_CONTEXT = re.compile(r"^\s*(?:\d|,?\s*\d{4})")
# "no doubt", "without doubt": certainty, not doubt.
DENIED = re.compile(r"(?:\bno|\bwithout|\blittle|\bbeyond)\s+$", re.IGNORECASE)
# Active verbs of stance are a named source's position (attribution), not a hedge,
# unless the clause is passive or impersonal ("is believed", "it is thought").
STANCE_VERBS = frozenset({
    "believe", "believes", "think", "thinks", "argue", "argued", "claim", "claims", "claimed",
    "suspect", "doubts", "estimate", "consider", "assume", "speculate", "speculated",
})
IMPERSONAL_BEFORE = frozenset({
    "is", "are", "was", "were", "be", "been", "being", "widely", "generally", "commonly",
    "often", "it", "some", "many", "to", "others", "people",
})
# A stance held conditionally is a hedge whoever holds it: "I would think".
MODALS = frozenset({"would", "might", "could", "may"})
STANCE_HEDGED_AFTER = IMPERSONAL_BEFORE | MODALS
# Past participles of stance verbs are hedges in the passive ("is believed", "the
# suspected gunman", "an estimated 300") and a source's position after a subject
# ("he believed", "the minister estimated").
PAST_STANCE_VERBS = frozenset({"believed", "estimated", "suspected", "assumed", "presumed"})
PASSIVE_OR_ATTRIBUTIVE_BEFORE = IMPERSONAL_BEFORE | {
    "the", "a", "an", "now", "also", "still", "long", "once", "previously", "originally",
}
# A vague group named right away ("critics of the policy, Senators John McCain and
# Lindsey Graham") is not vague.
PEOPLE_NOUNS = frozenset({"critics", "commentators", "observers", "experts", "scholars",
                          "historians"})
# Each skipped word must end at a non-word character: "(?:\W*\w+)" let \w+ split a
# word every way and backtracked for half a millisecond on a long clause.
NAMED_NEARBY = re.compile(r"^\W*(?:\w+\W+){0,10}?[A-Z][a-z]+\s+[A-Z][a-z]+")


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


def _vague_sources(span) -> list[dict]:
    """Counted or uncounted groups that say or believe, as weasel cues from the
    group's first word to the verb; not in a clause that only picks out a referent
    ("the cooperation that presidents expect")."""
    text = span.text
    verbs, believing = _vague_source_verbs()
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
        verb_token = _token_at(span, verb.start())
        if verb_token is not None and (
                verb_token.pos_ not in ("VERB", "AUX") and not any(c.dep_ == "ccomp" for c in verb_token.children)
                or _in_restrictive_relative(verb_token) or _object_only(verb_token)
                or _proposes(verb_token)):
            continue  # "some state laws": a noun; "the aid that donors expect": a referent
        if words[-1].lower() in KNOWN_GROUPS:
            continue  # "most of them said": people already named
        if _counted_group(words) and (believes or _vague_group(words)) or (
                believes and _unnamed_plural(words, sentence_start=subject_start == 0)):
            found.append({"text": text[subject_start:verb.end()], "kind": "weasel",
                          "cue": "vague source", "start": subject_start, "end": verb.end()})
    return found


@lru_cache(maxsize=1)
def _vague_source_verbs() -> tuple[PhraseMatcher, frozenset[str]]:
    """A matcher for every verb, and the verbs of belief."""
    labels = dict(labelled("vague_source_verbs.txt"))
    return PhraseMatcher(labels), frozenset(verb for verb, label in labels.items() if label == "believes")


def _counted_group(words: list[str]) -> bool:
    """"Some residents", "many of the analysts", "others"."""
    lowered = " ".join(words).lower()
    return any(lowered == group or lowered.startswith(group + " ") for group in COUNTED_GROUP)


def _proposes(verb) -> bool:
    """"Suggested raising questions", "suggested the mayor should apologise": an act
    proposed, not a claim held."""
    return verb.lower_ in PROPOSING_VERBS and any(
        c.dep_ == "xcomp" and c.tag_ == "VBG"
        or c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "should" for a in c.children)
        for c in verb.children)


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


def _unnamed_plural(words: list[str], sentence_start: bool) -> bool:
    """"Investigators", "opposition figures": up to three words, lower case (the
    first may be capitalised at the start of the sentence), ending in a plural,
    without a determiner or pronoun."""
    head = words[-1]
    return (len(words) <= 3 and head.endswith("s") and not head.endswith("ss")
            and (sentence_start or words[0].islower())
            and all(word.islower() for word in words[1:])
            and words[0].lower() not in NOT_A_GROUP)


@lru_cache(maxsize=1)
def _lexicon():
    kinds = {entry.lower(): kind for entry, kind in labelled("hedge_cues.txt")}
    return kinds, PhraseMatcher(kinds)


def _previous_word(before: str) -> str:
    words = before.split()
    return words[-1].lower().strip(",") if words else ""


def _token_at(span, offset: int):
    """The parsed token that starts at `offset` of the sentence, or None."""
    for token in span:
        if token.idx - span.start_char == offset:
            return token
    return None


# A one-word cue of these kinds hedges only as that part of speech: "suggest" the
# verb, not a name; "debatable" the adjective. Adjectives and adverbs are one class:
# the lexicon calls "likely" an adverb, and the parse reads "is likely to" as an adjective;
# a participle before a noun is an adjective or a verb ("an estimated 300", "its disputed
# programme").
PART_OF_SPEECH = {"verb": {"VERB", "AUX", "ADJ"}, "adverb": {"ADV", "ADJ"},
                  "adjective": {"ADJ", "ADV", "VERB"}, "noun": {"NOUN"}, "modal": {"AUX", "VERB"}}


APPEAR_VERBS = frozenset({"appear", "appears", "appeared", "seem", "seems", "seemed", "seeming"})
# Verbs of the lexicon that say how a thing looks or goes, not what its subject
# holds: "He appears to be tired", "They tend to be younger" hedge whoever the subject.
NOT_A_STANCE = APPEAR_VERBS | {"appears to", "tend to", "tends to", "it sounds like", "it looks like",
                                "it seems like"}
# A hedge verb of appearance hedges only with a complement: "appears to", "seems
# unlikely", "appeared tired"; not "appear within content lists".
COMPLEMENTS = frozenset({"xcomp", "ccomp", "acomp", "attr", "oprd"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
# What makes a noun cue a judgement about a claim: "the possibility that", "the
# likelihood of", "debate over whether".
CLAIM_COMPLEMENTS = frozenset({"acl", "ccomp", "relcl"})
CLAIM_PREPOSITIONS = frozenset({"of", "over", "about", "around", "as", "whether", "that"})


def _counts_in_parse(cue: str, kind: str, token) -> bool:
    """The parse's say on a cue: a verb of appearance needs a complement; a cue in
    a restrictive relative clause only picks out a referent ("the races that are
    likely to decide the Senate"), while one after a comma makes a claim of its own
    ("who are often seen as hawks"); a noun with a determiner and nothing that
    makes it about a claim is literal ("the final debate"); "most" before an
    adjective is a superlative ("the most powerful person")."""
    if cue in APPEAR_VERBS and token.dep_ not in ("aux", "auxpass") and not any(
            c.dep_ in COMPLEMENTS for c in token.children) and not (
            token.i + 1 < len(token.doc) and token.nbor().lower_ in ("to", "that", "as", "like")):
        return False
    if cue in ("by some", "by many") and token.nbor().dep_ != "pobj":
        return False  # "by some groups": a determiner, not an unnamed "some"
    if cue in UNSOURCED_PARTICIPLES and not _unsourced_passive(token):
        return False  # "Trump accused Clinton of lying", "the union expected to win": named
    if kind not in ("hearsay", "weasel") and _in_restrictive_relative(token):
        return False
    if kind == "verb" and cue not in EVIDENTIAL_VERBS and token.pos_ == "VERB" and any(
            c.dep_ == "dobj" for c in token.children) and not any(c.dep_ in COMPLEMENTS for c in token.children):
        return False  # "may claim compensation", "consider the bill": an act, not a stance on a claim
    if cue in STANCE_VERBS and token.pos_ == "VERB" and not any(
            c.dep_ in ("ccomp", "xcomp", "auxpass") for c in token.children):
        return False  # "didn't want to think about the possibility": no claim is held
    if _proposes(token):
        return False  # "suggested raising questions", "suggesting someone should": a proposal
    if kind == "verb" and cue not in NOT_A_STANCE and _named_subject(token) and not any(
            c.dep_ == "aux" and c.lower_ in MODALS for c in token.children):
        return False  # "Collins suggested they would": a named source's position is attribution
    if cue in WEASEL_GROUPS and not _says_or_believes(token):
        return False  # "disliked by supporters of her opponent": a group, not a source
    if kind == "modal" and not _epistemic(token):
        return False
    if kind == "noun" and _conjoined_head(token).dep_ == "pobj":
        return False  # "anxious about the possibility of", "seeds of uncertainty": a topic
    if kind == "noun" and any(c.dep_ in ("det", "poss") for c in token.children) and not any(
            c.dep_ in CLAIM_COMPLEMENTS or c.dep_ == "prep" and c.lower_ in CLAIM_PREPOSITIONS
            for c in token.children):
        return False
    if cue == "most" and token.dep_ == "advmod" and token.head.pos_ in ("ADJ", "ADV"):
        return False
    if cue == "possible" and token.dep_ in ("oprd", "ccomp", "acomp") and token.head.lemma_ == "make":
        return False  # "made this book possible": enabled, not doubted
    if cue == "possible" and token.dep_ == "amod" and any(
            c.tag_ == "JJS" for c in token.head.children):
        return False  # "the largest audience possible": as large as could be
    if cue in ("unlikely", "disputed") and token.dep_ == "amod" and token.i > 0 and token.nbor(-1).tag_ in (
            "DT", "PRP$", "POS") and token.head.i > token.i:
        return False  # "the unlikely darling", "the disputed waters": a description, not doubt
    if cue == "necessarily" and not (token.i > 0 and token.nbor(-1).dep_ == "neg"):
        return False  # only "not necessarily", "doesn't necessarily" limit a claim
    if cue == "possibly" and token.i + 1 < len(token.doc) and token.nbor().lower_ in ("can", "could"):
        return False  # "everything we possibly can": effort, not doubt
    if cue in PROBABILITY_NOUNS and not any(
            c.dep_ in ("nummod", "amod", "compound", "quantmod") and (c.like_num or c.lower_ in ODDS_WORDS
                                                                   or any(g.like_num for g in c.subtree))
            for c in token.children):
        return False  # "a roughly 50% chance", "a good chance"; not "a chance to speak"
    if cue == "likely" and token.i > 0 and token.nbor(-1).lower_ in ("more", "less"):
        return False  # "more likely to vote Democratic": a comparison of rates, not doubt
    if cue in DISPUTE_NOUNS and not any(t.lower_ in ("whether", "if") for c in token.children
                                        if c.dep_ in ("prep", "acl", "ccomp") for t in c.subtree):
        return False  # "the debate over encryption" is an event; "debate over whether" doubts
    return True


# Nouns of probability hedge when the probability is given: "a 50% chance".
PROBABILITY_NOUNS = frozenset({"chance", "chances", "odds"})
ODDS_WORDS = frozenset({"good", "strong", "real", "slim", "decent", "fair", "little", "high", "low",
                        "better", "even", "reasonable", "small", "big", "outside", "remote"})

# Nouns of dispute hedge only a claim they put in question ("whether it works").
DISPUTE_NOUNS = frozenset({"debate", "controversy"})


# Participles that hedge in the passive with nobody named, whatever adverb stands
# between ("was also accused of", "is now poised to", "the man accused of").
UNSOURCED_PARTICIPLES = frozenset({"accused of", "expected to", "poised to", "positioned to"})


def _unsourced_passive(participle) -> bool:
    children = list(participle.children)
    if any(c.dep_ == "agent" for c in children):
        return False
    if participle.dep_ == "acl" and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those")
                                        for c in participle.head.children):
        return False  # "the states expected to be most pivotal": which states, not a forecast
    return participle.dep_ in ("acl", "acomp", "amod") or any(c.dep_ == "auxpass" for c in children)


# Verbs that propose an act when an -ing form follows ("suggested building shelters").
PROPOSING_VERBS = frozenset({"suggest", "suggests", "suggested", "suggesting"})
# Verbs whose object is itself the claim: "suggesting higher enthusiasm".
EVIDENTIAL_VERBS = PROPOSING_VERBS | {"indicate", "indicates"}

# Unnamed groups that are a vague source only when they say or believe something:
# "Critics say the plan will fail", but not "Trump supporters ripped them away".
WEASEL_GROUPS = frozenset({
    "some people", "many people", "some critics", "some experts", "critics", "commentators",
    "observers", "experts", "scholars", "historians", "advocates", "proponents", "supporters",
    "opponents", "detractors", "sceptics", "skeptics", "reviewers"})

# What tells a modal of possibility from one of ability, permission or wish:
# "nothing could change his mind" (certainty), "could barely bend over" (ability),
# "hoped that they could come together" (a wish), "wherever they may occur" (any case).
NEGATIVE_SUBJECTS = frozenset({"nothing", "nobody", "none", "no one", "neither"})
ABILITY_ADVERBS = frozenset({"barely", "hardly", "scarcely"})
# Every form, since the small pipeline lemmatises "hoped" as "hop".
WISH_VERBS = frozenset(form for verb in ("hope", "wish", "want", "pray", "ask", "urge", "demand",
                                         "insist", "ensure")
                       for form in (verb, verb + "s", verb + "es", verb + "d", verb + "ed",
                                    verb.rstrip("e") + "ing"))
# "concerns about what might be out there"; not "in what could stall Trump", a claim.
TOPIC_PREPOSITIONS = frozenset({"about", "at", "as", "over", "of", "on", "to"})
INDIRECT_QUESTION = frozenset({"what", "how", "whether", "who", "which", "why", "when", "where"})
FREE_CHOICE = frozenset({"wherever", "whatever", "whenever", "however", "whoever", "whichever"})


def _epistemic(modal) -> bool:
    """Whether a modal says a claim is possible rather than able, wished or any case."""
    verb = modal.head
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and (
                child.lower_ in NEGATIVE_SUBJECTS
                or any(c.dep_ == "det" and c.lower_ == "no" for c in child.children)):
            return False
        if child.lower_ in ABILITY_ADVERBS:
            return False
    opening = verb.left_edge
    if opening.lower_ in FREE_CHOICE and opening.i < modal.i and not opening.nbor().is_punct:
        return False  # "wherever they may occur", not "However, it may"
    if opening.lower_ in INDIRECT_QUESTION and opening.i < modal.i and (
            verb.dep_ in ("ccomp", "xcomp") or verb.dep_ == "pcomp" and verb.head.lower_ in TOPIC_PREPOSITIONS):
        return False  # "hints at what his plans might include": a question, not a claim
    if verb.i < modal.i:
        return False  # "cutting rates if it could": the verb left out, an ability
    if modal.i + 1 < len(modal.doc) and modal.nbor().lower_ in ("i", "we") and (
            modal.i == 0 or not modal.nbor(-1).is_alpha):
        return False  # "might I suggest": politeness
    if verb.lemma_ in ("want", "wish", "like") and any(c.lower_ == "you" for c in verb.children):
        return False  # "you might want to delay": advice
    if modal.lower_ == "may" and any(c.dep_ == "cc" and c.lower_ == "but" for c in (
            *verb.children, *(grandchild for child in verb.children if child.dep_ == "conj"
                              for grandchild in child.children))):
        return False  # "they may not care much, but they do care": a concession
    if verb.lemma_ in ("surprise", "interest", "shock", "amaze"):
        return False  # "It might surprise you": a turn of speech to the reader
    if verb.lemma_ in ("hear", "see") and any(c.dep_ == "auxpass" for c in verb.children):
        return False  # "could be heard grousing": what one was able to perceive
    if verb.dep_ in ("ccomp", "xcomp") and verb.head.lower_ in WISH_VERBS:
        return False
    if modal.lower_ == "may" and verb.lemma_ in PERMITTED_ACTS and _anyone_of_a_kind(verb):
        return False  # "Passengers may claim compensation": permission
    return True


# Acts a rule permits, and subjects that stand for anyone of a kind: with "may",
# permission ("Students may apply online"), not doubt ("He may apply").
PERMITTED_ACTS = frozenset({
    "apply", "claim", "vote", "use", "enter", "bring", "park", "register", "request", "choose",
    "opt", "submit", "visit", "attend", "join", "keep", "buy", "return", "access", "contact",
    "call", "email", "collect", "file", "cast", "download", "appeal", "ask", "travel", "take"})
ANYONE = frozenset({"you", "anyone", "anybody", "everyone", "everybody", "whoever"})


def _anyone_of_a_kind(verb) -> bool:
    """The verb's subject is a bare plural ("Passengers") or anyone at all."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child.lower_ in ANYONE or (child.tag_ == "NNS" and not any(
                c.dep_ in ("det", "poss", "nummod") for c in child.children))
    return False


# Things that show rather than hold a view: "the records indicate", "polls suggest".
DOCUMENTS = frozenset({"records", "record", "data", "documents", "document", "polls", "poll",
                       "figures", "study", "studies", "report", "reports", "evidence", "numbers",
                       "results", "emails", "filings", "statistics", "survey", "surveys", "research"})
NAMING_DEPENDENCIES = frozenset({"compound", "poss", "nmod", "amod", "appos"})


def _conjoined_head(token):
    """The first of a list the token is in: "terrorism" of "terrorism and the possibility"."""
    while token.dep_ == "conj":
        token = token.head
    return token


def _named_subject(verb) -> bool:
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


def _says_or_believes(token) -> bool:
    """Whether the group heads the subject of a verb of saying or believing."""
    noun = token.head if token.dep_ in ("amod", "det") else token
    for candidate in (noun, *noun.children):
        if candidate.lower_ == "people":
            noun = candidate
    verb = noun.head
    verbs, _ = _vague_source_verbs()
    return (noun.dep_ in ("nsubj", "nsubjpass") and bool(verbs.search(verb.text))
            and _about_a_claim(verb))


def _about_a_claim(verb) -> bool:
    """The verb of saying or believing has a claim: a clause it governs ("Critics
    say the plan will fail") or one it reports ("the plan, critics say, will fail");
    not "think warmly back to 2008"."""
    return any(c.dep_ in ("ccomp", "xcomp") for c in verb.children) or verb.dep_ in (
        "parataxis", "ccomp", "advcl")


def _in_restrictive_relative(token) -> bool:
    """In a relative clause that picks out which of a known set ("the races that are
    likely to decide"), not one that says something of a thing just introduced
    ("a breach that appears to have been conducted by Russia") or set off by a comma."""
    for ancestor in (token, *token.ancestors):
        if ancestor.dep_ == "relcl":
            opening = ancestor.left_edge
            before = opening.nbor(-1) if opening.i > 0 else None
            introduced = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in ancestor.head.children)
            return not introduced and (before is None or before.text not in (",", "—", "–", "("))
    return False


@lru_cache(maxsize=1)
def _fixed_terms() -> PhraseMatcher:
    return PhraseMatcher(words("not_hedges.txt"))


# Modals that are never a name or a month, and so need no tagger in a headline.
HEADLINE_MODALS = frozenset({"could", "might"})


def _keeps(cue: str, kind: str, span, start: int, end: int) -> bool:
    """The context rules: False where a lexicon word is not a hedge here."""
    text = span.text
    before, after = text[:start], text[end:]
    first = _token_at(span, start)
    if cue in HEADLINE_MODALS and in_title_case(span):
        first = None  # "That Could Shake Up The Race": the tagger reads title case as names
    if first is not None and " " not in cue and kind in PART_OF_SPEECH and (
            first.pos_ not in PART_OF_SPEECH[kind]):
        return False  # "the appearance of the verb": a cue of one part of speech used as another
    if first is not None and not _counts_in_parse(cue, kind, first):
        return False
    if cue == "may" and start == 0:
        return False  # "May the odds be in our favour", "May I ask": a wish or a request
    if cue in ("may", "might") and first is not None and first.tag_ != "MD":
        return False  # the month, a name ("Theresa May"), "might" as a noun
    if cue == "may" and first is None and text[start:end] == "May" and (
            start > 0 or MONTH_CONTEXT.match(after)):
        return False
    if cue == "possible" and (POSSIBLE_BEFORE.search(before[-40:]) or POSSIBLE_AFTER.match(after)):
        return False
    if cue == "could" and first is not None and any(c.dep_ == "neg" for c in first.head.children):
        return False  # "could not attend": inability
    if cue in ("appear", "appears", "appeared") and APPEAR_LITERAL.match(after):
        return False  # "appeared in a film", "appears on the album": to be seen
    if cue in ("broadly", "largely", "widely") and before.rstrip().lower().endswith("more"):
        return False  # "discussed the matter more broadly": scope, not approximation
    if cue in ("about", "around") and not NUMBER.match(after):
        return False  # an approximator only before a quantity
    if cue in ("doubt", "doubts") and DENIED.search(before):
        return False
    if cue in STANCE_VERBS and _previous_word(before) not in STANCE_HEDGED_AFTER:
        return False
    if cue in PAST_STANCE_VERBS and _previous_word(before) not in PASSIVE_OR_ATTRIBUTIVE_BEFORE:
        return False
    if cue in PEOPLE_NOUNS and NAMED_NEARBY.match(after):
        return False
    return True


QUOTE_MARKS = " \t\n\"'“”‘’)"
STATEMENT_END = re.compile(r"[.!?][\"'”’)]*\s+")


def hedge_cues(span) -> list[dict]:
    """The hedge cues in a parsed sentence: text, kind, start, end (offsets in the
    sentence) and the lexicon entry."""
    text = span.text
    # A question makes no claim to hedge ("Could he win?", "a 3rd time, maybe?"): cues
    # in a closing question are dropped, those in a statement before it kept.
    question = len(text)
    if text.rstrip(QUOTE_MARKS).endswith("?"):
        question = max((m.end() for m in STATEMENT_END.finditer(text.rstrip(QUOTE_MARKS)[:-1])), default=0)
    kinds, pattern = _lexicon()
    sources = _vague_sources(span)
    found = []
    fixed = [(m.start(), m.end()) for m in _fixed_terms().finditer(text)]
    for match in pattern.finditer(text):
        if any(source["start"] <= match.start() < source["end"] for source in sources):
            continue  # "Some" of "Some residents say" is the source's, not a quantity
        if any(a <= match.start() and match.end() <= b for a, b in fixed):
            continue  # "probable cause", "as soon as possible": a fixed term
        cue = " ".join(match.group(0).lower().split())
        kind = kinds[cue]
        if cue == "estimated" and NUMBER.match(text[match.end():]):
            kind = "approximator"  # "an estimated 200 officers": a quantity, which in news is a fact
        if _keeps(cue, kind, span, match.start(), match.end()):
            found.append({"text": match.group(0), "kind": kind, "cue": cue,
                          "start": match.start(), "end": match.end()})
    return sorted((cue for cue in found + sources if cue["start"] < question), key=lambda cue: cue["start"])


CONTEXT_TOKEN = re.compile(r"[A-Za-z]+|\S")
CONTEXT_WORDS = 3


def context_features(text: str, cues: list[dict]) -> tuple[list[dict[str, float]], dict[str, float]]:
    """The context of each cue (see the module's docstring), and the sentence's
    own features, as named by the model file."""
    tokens = [(m.group(0).lower(), m.start(), m.end()) for m in CONTEXT_TOKEN.finditer(text)]
    per_cue = []
    for cue in cues:
        before = [word for word, _, end in tokens if end <= cue["start"]][-CONTEXT_WORDS:]
        after = [word for word, start, _ in tokens if start >= cue["end"]][:CONTEXT_WORDS]
        features = {f"cue:{cue['cue']}>{after[0] if after else '$'}": 1.0,
                    f"{before[-1] if before else '^'}<cue:{cue['cue']}": 1.0}
        features.update((f"kind:{cue['kind']}<{word}", 1.0) for word in before)
        features.update((f"kind:{cue['kind']}>{word}", 1.0) for word in after)
        per_cue.append(features)
    sentence = {"numbers": min(sum(word[0].isdigit() for word, _, _ in tokens), 5) / 5,
                "length": min(len(tokens), 60) / 60}
    return per_cue, sentence


def score_cues(cues: list[dict], text: str, model: dict | None = None) -> float:
    """The hedging score of a sentence's cues, by the shipped model or `model`
    (training passes the model it is fitting)."""
    if not cues:
        return 0.0
    model = model or model_file("hedging")
    weights, context = model["cues"], model["context"]
    per_cue, sentence = context_features(text, cues)
    z = model["bias"] + sum(model["sentence"][name] * value for name, value in sentence.items())
    capped = 0.0
    for cue, features in zip(cues, per_cue):
        weight = weights.get(cue["cue"], 0.0)
        in_context = weight + sum(context.get(name, 0.0) * value for name, value in features.items())
        if cue["kind"] in model["sufficient_kinds"]:
            z += max(weight, in_context)  # context may strengthen such a cue, never undo it
        elif cue["kind"] in model["capped_kinds"]:
            capped += max(0.0, in_context)
        else:
            z += max(0.0, in_context)
    # Quantities and vague words together stay under the threshold too: "surprised
    # some on her staff with ... relatively boring work" is no less a fact.
    z += min(capped, model["ceiling"])
    return round(1.0 / (1.0 + math.exp(-z)), 4)


def hedging_score(span, model: dict | None = None) -> float:
    return score_cues(hedge_cues(span), span.text, model)


def is_hedged(score: float, model: dict | None = None) -> bool:
    return score >= (model or model_file("hedging"))["threshold"]


# Why a cue of each kind hedges, for the reader (the tooltip on each marked cue).
REASONS = {
    "modal": "a modal of possibility: the claim may not hold",
    "verb": "how things appear or what is inferred, held by no one named",
    "adverb": "says how likely the claim is",
    "adjective": "qualifies the claim as uncertain or unconfirmed",
    "noun": "puts the claim in doubt",
    "hearsay": "reported, alleged or rumoured, not confirmed",
    "weasel": "an unnamed or vague source, or a forecast nobody is named as making",
    "limiter": "limits how far the claim holds",
    "negated certainty": "says the matter is not known or not settled",
    "approximator": "a quantity or frequency: adds to the other cues, never hedges alone",
    "vague": "vague wording: adds to the other cues, never hedges alone",
}


class HedgingScorer:
    name = "hedging"
    requires = ()
    columns = {
        "sentences": {"hedged": int, "hedging_score": float, "hedge_cues": list},
        "articles": {"hedged_count": int, "hedged_share": float},
    }

    def score(self, sentences, analysis):
        sufficient = set(model_file("hedging")["sufficient_kinds"])
        for sentence in sentences:
            cues = hedge_cues(sentence["span"])
            # A quantity or vague word counts as evidence only beside a cue that
            # hedges: "several other nations" alone is no hedge to show a reader.
            hedging = any(c["kind"] in sufficient for c in cues)
            sentence["hedge_cues"] = [
                {"text": c["text"], "kind": c["kind"], "start": c["start"], "end": c["end"],
                 "counts": hedging, "reason": REASONS.get(c["kind"], "")}
                for c in cues
            ]
            sentence["hedging_score"] = score_cues(cues, sentence["text"])
            sentence["hedged"] = int(is_hedged(sentence["hedging_score"]))
        hedged = sum(s["hedged"] for s in sentences)
        analysis.summary.update(hedged_count=hedged, hedged_share=share(hedged, len(sentences)))
