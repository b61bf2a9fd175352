"""Scope: the parse's say on whether a lexicon cue bears on a claim here.

A verb of appearance needs a complement, a modal must be one of possibility (not
ability, permission or wish), a noun must be about a claim, a cue in a clause that only
picks out a referent does not hedge. Each rule carries the example that motivated it.
"""

from __future__ import annotations

from .sources import WEASEL_GROUPS, named_subject, says_or_believes
from .syntax import PROPOSING_VERBS, in_restrictive_relative, proposes


# Active verbs of stance are a named source's position (attribution), not a hedge,
# unless the clause is passive or impersonal ("is believed", "it is thought").
STANCE_VERBS = frozenset({
    "believe", "believes", "think", "thinks", "argue", "argued", "claim", "claims", "claimed",
    "suspect", "doubts", "estimate", "consider", "assume", "speculate", "speculated",
})
# A stance held conditionally is a hedge whoever holds it: "I would think".
MODALS = frozenset({"would", "might", "could", "may"})


APPEAR_VERBS = frozenset({"appear", "appears", "appeared", "seem", "seems", "seemed", "seeming"})
# Verbs of the lexicon that say how a thing looks or goes, not what its subject
# holds: "He appears to be tired", "They tend to be younger" hedge whoever the subject.
NOT_A_STANCE = APPEAR_VERBS | {"appears to", "tend to", "tends to", "it sounds like", "it looks like",
                                "it seems like"}
# A hedge verb of appearance hedges only with a complement: "appears to", "seems
# unlikely", "appeared tired"; not "appear within content lists".
COMPLEMENTS = frozenset({"xcomp", "ccomp", "acomp", "attr", "oprd"})
# What makes a noun cue a judgement about a claim: "the possibility that", "the
# likelihood of", "debate over whether".
CLAIM_COMPLEMENTS = frozenset({"acl", "ccomp", "relcl"})
CLAIM_PREPOSITIONS = frozenset({"of", "over", "about", "around", "as", "whether", "that"})


def counts_in_parse(cue: str, kind: str, token) -> bool:
    """The parse's say on a cue: a verb of appearance needs a complement; a cue in
    a restrictive relative clause only picks out a referent ("the races that are
    likely to decide the Senate"), while one after a comma makes a claim of its own
    ("who are often seen as hawks"); a noun with a determiner and nothing that
    makes it about a claim is literal ("the final debate"); "most" before an
    adjective is a superlative ("the most powerful person")."""
    if cue in APPEAR_VERBS and token.dep_ not in ("aux", "auxpass", "parataxis") and not any(
            c.dep_ in COMPLEMENTS for c in token.children) and not (
            token.i + 1 < len(token.doc) and token.nbor().lower_ in ("to", "that", "as", "like")):
        return False  # an aside hedges the clause it hangs from: "The reason, it seems, is ..."
    if cue in ("by some", "by many") and token.nbor().dep_ != "pobj":
        return False  # "by some groups": a determiner, not an unnamed "some"
    if cue in UNSOURCED_PARTICIPLES and not _unsourced_passive(token):
        return False  # "Trump accused Clinton of lying", "the union expected to win": named
    if kind not in ("hearsay", "weasel") and in_restrictive_relative(token):
        return False
    if kind == "verb" and cue not in EVIDENTIAL_VERBS and token.pos_ == "VERB" and any(
            c.dep_ == "dobj" for c in token.children) and not any(c.dep_ in COMPLEMENTS for c in token.children):
        return False  # "may claim compensation", "consider the bill": an act, not a stance on a claim
    if cue in STANCE_VERBS and token.pos_ == "VERB" and not any(
            c.dep_ in ("ccomp", "xcomp", "auxpass") for c in token.children):
        return False  # "didn't want to think about the possibility": no claim is held
    if proposes(token):
        return False  # "suggested raising questions", "suggesting someone should": a proposal
    if kind == "verb" and cue not in NOT_A_STANCE and named_subject(token) and not any(
            c.dep_ == "aux" and c.lower_ in MODALS for c in token.children):
        return False  # "Collins suggested they would": a named source's position is attribution
    if cue in WEASEL_GROUPS and not says_or_believes(token):
        return False  # "disliked by supporters of her opponent": a group, not a source
    if kind == "modal" and not _epistemic(token):
        return False
    if kind == "noun" and _conjoined_head(token).dep_ == "pobj":
        return False  # "anxious about the possibility of", "seeds of uncertainty": a topic
    # "the uncertainty", "its uncertainty", "Election uncertainty weighs on markets",
    # "dismisses health rumors": the noun names a topic unless a claim hangs from it
    # ("uncertainty about whether ...", "rumors that ...")
    a_noun = kind == "noun" or kind == "hearsay" and token.pos_ == "NOUN"
    if a_noun and any(c.dep_ in ("det", "poss", "compound") for c in token.children) and not any(
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
    if cue == "likely" and token.i > 0 and token.nbor(-1).lower_ in ("more", "less") and any(
            c.dep_ == "xcomp" or c.dep_ == "prep" and c.lower_ == "than" for c in token.children):
        return False  # "more likely to vote Democratic": a comparison of rates; "the opposite is more likely" doubts
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
# Verbs whose object is itself the claim: "suggesting higher enthusiasm".
EVIDENTIAL_VERBS = PROPOSING_VERBS | {"indicate", "indicates"}

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


def _conjoined_head(token):
    """The first of a list the token is in: "terrorism" of "terrorism and the possibility"."""
    while token.dep_ == "conj":
        token = token.head
    return token
