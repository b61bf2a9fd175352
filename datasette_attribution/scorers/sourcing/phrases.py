"""Where the parse puts each attribution of a sentence: its cue, its source phrase
and its content, as offsets into the sentence.

Cue tokens come from the cue model (cues.py). Tokens of one cue hang together in
the tree ("said in a statement", "according to"); each cue's source is the phrase
the tree gives: the subject of a verb, the agent of a passive ("was told by
aides"), the noun a relative clause hangs on ("officials who said"), the subject of
a coordinated verb ("declined and said"), the one cited ("cited unnamed
individuals"), the object of "according to", the owner of a noun cue ("Kerry's
announcement"), or what stands before a colon ("Cruz continued:"). The phrase
leaves out relative clauses, asides, a dateline and anything past a quotation mark
("Rep. Emanuel Cleaver II (D-Mo.) said" -> "Rep. Emanuel Cleaver II"), but keeps a
name in apposition ("the mayor, Ann Hughes, said") and coordinated speakers
("McCain and Graham said").
"""

from __future__ import annotations

from ...resources import words
from .cues import QUOTE_CHARS, cue_probabilities, is_quote_mark, known, quotation_depths, threshold
from ..common.names import is_title
from .kinds import PEOPLE_NOUNS, RELATIVE_PRONOUNS, antecedent, source_nouns

MAX_SOURCE_TOKENS = 12
NOT_SOURCE = frozenset({"relcl", "punct", "parataxis", "advcl"})
SOURCE_BREAKS = frozenset({",", ";", ":", "(", "–", "—"})
DATELINE_BREAKS = frozenset({"–", "—", "-", ":", ";"})
CONTENT_DEPS = ("ccomp", "xcomp", "parataxis")
OWNER_PREPOSITIONS = frozenset({"from", "by"})


def source_phrase(head, cue=None) -> tuple[int, int]:
    """(start, end) document character offsets of the phrase headed by `head`; never
    the clause that holds the `cue` ("a statement [saying the bill would fail]")."""
    left = right = head.i
    for child in head.children:
        if child.dep_ in NOT_SOURCE or (child.dep_ == "cc" and child.i > head.i):
            continue
        if cue is not None and child.left_edge.i <= cue.i <= child.right_edge.i:
            continue
        if child.dep_ == "acl" and _opened_by_that(child):
            continue  # the claim, not who holds it: "some activists [that they can gain traction]"
        if child.pos_ in ("VERB", "AUX") and any(g.dep_ in ("nsubj", "nsubjpass") for g in child.children):
            continue  # a clause parsed as a modifier: "[Biden rubbished] Trump's claim"
        if child.dep_ == "appos" and child.i > head.i and any(t.text == "(" for t in child.subtree):
            continue
        subtree = list(child.subtree)
        left, right = min(left, subtree[0].i), max(right, subtree[-1].i)
    doc = head.doc
    for index in range(head.i - 1, left - 1, -1):
        if doc[index].is_punct and (doc[index].text in DATELINE_BREAKS or doc[index].text in QUOTE_CHARS) \
                and not (doc[index].text == "-" and not doc[index].whitespace_
                         and index > 0 and not doc[index - 1].whitespace_):  # "Forty-one percent"
            left = index + 1
            break
    named_apposition = {t.i for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                        for t in c.subtree}
    for index in range(head.i + 1, right + 1):
        if doc[index].text == "," and index + 1 in named_apposition:
            continue
        if doc[index].text in QUOTE_CHARS or doc[index].text in SOURCE_BREAKS:
            right = index - 1
            break
    if right - left >= MAX_SOURCE_TOKENS:
        left = max(left, head.i - MAX_SOURCE_TOKENS + 1)
    # trimmed after the cap, which can land on a comma (", MSNBC’s Alex Seitz-Wald and ...")
    while left < right and (doc[left].is_punct or doc[left].lower_ in ("and", "but", "however")):
        left += 1
    while right > left and doc[right].is_punct:
        right -= 1
    return doc[left].idx, doc[right].idx + len(doc[right])


def names_people(token) -> bool:
    """A person or body by name, noun or title ("Alfred Kahn", "unnamed individuals",
    "the president", "him"), not a thing ("derogatory comments", "the figure", "them")."""
    if token.pos_ == "PRON":
        return token.lower_ in ("him", "her", "me", "us")
    return token.ent_type_ in ("PERSON", "ORG") or _noun_kind(token) in PEOPLE_NOUNS or is_title(token.text)


def _noun_kind(token) -> str | None:
    """What lexicons/source_nouns.txt says the word names, by its form or lemma."""
    return source_nouns().get(token.lower_) or source_nouns().get(token.lemma_.lower())


# Verbs whose object comes to hold the belief their clause states.
BELIEF_GIVING = frozenset({"convince", "persuade"})


def _opened_by_that(clause) -> bool:
    return any(g.dep_ == "mark" and g.lower_ == "that" for g in clause.children)


def _holds_that_clause(token) -> bool:
    """A "that" clause hangs from the word ("offered no proof that ...", and the
    parse's "convinced some activists that ...")."""
    return any(c.dep_ in ("acl", "ccomp") and _opened_by_that(c) for c in token.children)


def subject_of(verb):
    """The token heading who speaks for a verb cue, or None; for "cite" and
    "quote", the one cited when it is a person or a body ("cited unnamed
    individuals"), else the one citing ("Clinton cited derogatory comments")."""
    if verb.lemma_.lower() in ("cite", "quote"):
        cited = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if cited is not None and names_people(cited):
            return cited
    if verb.lemma_.lower() in BELIEF_GIVING:
        believer = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if believer is not None and names_people(believer) and (
                any(c.dep_ == "ccomp" for c in verb.children) or _holds_that_clause(believer)):
            return believer  # "That has convinced some activists that they can gain traction"
    subjects = [child for child in verb.children if child.dep_ in ("nsubj", "csubj")]
    # Given two subjects, the parse took a clause's subject ("who police say was ...")
    # or a fronted phrase ("His promises ... notwithstanding, independent analyses
    # agree") for the verb's: the speaker is the one right before it.
    subjects = [c for c in subjects if c.lower_ not in RELATIVE_PRONOUNS] or subjects
    before = [c for c in subjects if c.i < verb.i]
    if subjects:
        return before[-1] if before else subjects[0]  # a relative "who" too, stored as written like "he"
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    if any(child.dep_ == "nsubjpass" for child in verb.children):
        return None  # "is expected", "was reported": nobody named
    if verb.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
            and verb.head.pos_ == "NOUN" and not names_people(verb.head):
        # "missed an opportunity to remind", "Trump's failure to denounce": the infinitive
        # is the act of whoever has the chance, the noun's owner or the subject of the
        # verb above it.
        owner = next((c for c in verb.head.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner
        above = verb.head.head
        return subject_of(above) if verb.head.dep_ == "dobj" and above.pos_ in ("VERB", "AUX") else None
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head
    if (verb.dep_ in ("conj", "xcomp") or verb.dep_ == "advcl" and verb.tag_ == "VBG") and verb.head != verb:
        return subject_of(verb.head)  # "declined and said", "spoke, adding that"
    return None


def source_of(cue):
    """The token heading the source of a cue token of any part of speech; for a
    description with a name in apposition, the name ("the mayor, Ann Hughes")."""
    head = _source_head(cue)
    if head is not None and head.pos_ == "NOUN":
        named = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if named is not None:
            return named
    return head


def _source_head(cue):
    if cue.lower_ == "according":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        objects = [c for c in to.children if c.dep_ == "pobj"] if to is not None else []
        return objects[0] if objects else None
    if cue.text == ":":
        head = cue.head
        return subject_of(head) if head.pos_ in ("VERB", "AUX") else (head if head.pos_ in ("PROPN", "NOUN") else None)
    if cue.pos_ in ("VERB", "AUX"):
        return subject_of(cue)
    if cue.pos_ in ("NOUN", "PROPN"):
        for child in cue.children:
            if child.dep_ == "poss":
                return child
        for child in cue.children:
            if child.dep_ == "prep" and child.lower_ in OWNER_PREPOSITIONS:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        return None
    if cue.pos_ == "ADP" and cue.head.i != cue.i:
        return source_of(cue.head) if cue.head.lower_ == "according" else subject_of(cue.head)
    return subject_of(cue.head) if cue.head.i != cue.i and cue.head.pos_ in ("VERB", "AUX") else None


def content_of(cue) -> tuple[int, int] | None:
    """Document character offsets of what a cue attributes: its clause, its object
    for a verb whose object is the claim, or, for an aside ('"...," he said'), the
    clause it stands beside."""
    for child in cue.children:
        if child.dep_ in CONTENT_DEPS or child.dep_ == "dobj" and cue.lemma_.lower() not in ("cite", "quote"):
            subtree = list(child.subtree)
            return subtree[0].idx, subtree[-1].idx + len(subtree[-1])
    if cue.dep_ in ("parataxis", "ccomp") and cue.head.i != cue.i:
        own = {t.i for t in cue.subtree}
        rest = [t for t in cue.head.subtree if t.i not in own and not t.is_punct]
        if rest:
            return rest[0].idx, rest[-1].idx + len(rest[-1])
    return None


# Verbs whose object is a work they produce: "wrote a book", "published a memoir".
PRODUCING_VERBS = frozenset({"write", "publish", "author", "pen", "produce", "release"})
AMOUNTS = frozenset({"MONEY", "QUANTITY", "PERCENT"})
# Clauses hanging from an object are about something else: "questioned the health of
# Trump, who is 70" does not make 70 the object.
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "pcomp"})


def _put_out(token) -> bool:
    """The object of a verb that puts out a work: "book" of "wrote a book", "list" of
    "released its list"."""
    return token.dep_ == "dobj" and token.head.lemma_.lower() in PRODUCING_VERBS


def own_phrase(token) -> list:
    """The tokens of the phrase `token` heads, leaving out the clauses hanging from it."""
    found = [token]
    for child in token.children:
        if child.dep_ not in CLAUSE_DEPS:
            found.extend(own_phrase(child))
    return found


# A verb none of the lexicons knows must be more certainly a cue ("authorised an air
# campaign" is an act), unless a quotation stands beside it.
UNKNOWN_VERB_THRESHOLD = 0.5


def _a_quantity(obj) -> bool:
    """"25 points", "a net loss of $45m": a number on the object's head, or an amount
    in its phrase; "his endorsements from 88 generals" counts people, not an amount."""
    return (obj.like_num or any(c.dep_ == "nummod" for c in obj.children)
            or any(t.ent_type_ in AMOUNTS for t in own_phrase(obj)))


# How a thing looks to the writer is no one's claim: "it seems unlikely that", "The
# outline of a strategy seems clear", "it appeared that Trump was unable to": the writer's
# hedge, which the hedging scorer finds. So is how people seem to act ("Ohtani seemed to be
# picking it up"), which PolNeAR marks and both labellers of the real pages do not; how they
# seem to speak ("appeared to imply that") stays theirs.
IMPRESSIONS = frozenset({"seem", "appear"})
# Verbs of setting out to do something: with only an infinitive after them ("decided
# to check in", "learned to cook", "tried to attack"), what the subject does, not a
# claim. PolNeAR marks them cues seldom (train and dev: "try to" 10%, "attempt to" 12%,
# "choose to" 11%, "learn to" none). Not "want": "Clinton wants to make tuition free"
# is her stated plan, a position PolNeAR attributes to her.
ATTEMPTS = frozenset({"try", "attempt", "learn", "choose", "manage", "fail", "decide"})
REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves", "myself", "ourselves", "yourself"})
THINGS = frozenset({"it", "this", "that", "which", "what", "nothing", "something", "everything"})


def _someone(subject) -> bool:
    """Whether a subject names people (a person, a body, a group, a pronoun for them)."""
    if subject is None:
        return False
    subject = antecedent(subject) or subject
    if subject.pos_ == "PRON":
        return subject.lower_ not in THINGS
    return names_people(subject) or subject.ent_type_ in ("NORP", "GPE")


def reports_a_claim(cue, has_quote: bool) -> bool:
    """The sense check on a verb the model calls a cue. An object with no clause
    is an act ("shared a picture", "added an optional rail system"), not an
    attribution, unless the verb reports a claim through its object
    (lexicons/claim_object_verbs.txt: "denied the allegations", "questioned the
    need") or a quotation in the sentence (`has_quote`) carries it; even then a quantity ("added
    25 points", "reported a net loss of $45m") or a work ("wrote a book") is an
    act. So is a noun the verb puts out ("released its list of deals"), and a passive with nobody
    named ("is expected to spread": a forecast); the sourcing scorer finds the vague
    "is said to", "it is believed" and a main verb's unattributed passive itself."""
    if cue.pos_ not in ("VERB", "AUX"):
        # a work put out, with no claim of its own in the sentence: "Dell has released
        # its list of deals" (an act, as "wrote a book" is)
        return not (_put_out(cue) and not any(child.dep_ in CLAUSE_DEPS for child in cue.children))
    deps = {child.dep_ for child in cue.children}
    lemma = cue.lemma_.lower()
    if lemma in IMPRESSIONS and (_seems_to_do(cue) or not _someone(subject_of(cue))):
        return False  # "Ohtani seemed to be picking it up": the writer's impression, not Ohtani's claim
    if lemma == "say" and not has_quote and not deps & {*CONTENT_DEPS, "dobj"} \
            and cue.i > 0 and cue.doc[cue.i - 1].lower_ in ("that", "this") and cue.doc[cue.i - 1].dep_ == "nsubj":
        return False  # "That said, there are few better ways": a turn of the writer's, nobody speaks
    if deps & {"nsubjpass", "auxpass"} and "agent" not in deps:
        return False
    if cue.dep_ == "acl" and cue.tag_ == "VBN" and "agent" not in deps:
        return False  # "also known as", "the report released on Monday"
    if cue.dep_ == "advcl" and cue.tag_ == "VBN" and not deps & {"agent", "nsubj", "aux"}:
        return False  # "bristled when asked": a bare participle, nobody's claim
    if lemma in ATTEMPTS and not deps & {"ccomp", "parataxis", "dobj"} and _only_infinitives(cue):
        return False  # "decided to check in last week": an act the subject set out to do
    if lemma == "call" and not deps & {"oprd", "ccomp", "xcomp", "parataxis"} \
            and not _has_preposition(cue, ("for", "on")) and not _quoted_after(cue):
        return False  # "called police", "did not call any witnesses": a summons, not "called it a mistake"
    if lemma == "point" and not _has_preposition(cue, ("to",)) and not any(
            c.dep_ == "prt" and c.lower_ == "out" or c.dep_ == "dobj" and c.lemma_.lower() == "finger"
            for c in cue.children) and not deps & set(CONTENT_DEPS):
        return False  # "pointed the gun at two guards": aiming, not "pointed out", "pointed to", "point fingers"
    if lemma == "find" and _finds_itself(cue):
        return False  # "found himself stuck in the midfield": where he ended up, not what he found
    if deps & set(CONTENT_DEPS):
        return True
    for child in cue.children:
        if child.dep_ != "dobj":
            continue
        if _a_quantity(child):
            return False
        if _put_out(child) and child.pos_ == "NOUN":
            return False
    if lemma in SPEECH_VERBS or lemma in words("claim_object_verbs.txt"):
        return True
    # "shared a picture", "added an optional rail system": an act
    return "dobj" not in deps or has_quote or _object_holds_claim(cue)


def _quoted_after(cue) -> bool:
    """A quotation after the verb, in any marks, single ones included ("calls
    Obamacare ‘crazy system’"): what the object is called."""
    # The whole sentence's document, not the parse's sentence: a title-case headline
    # may be cut in two by the parser ("... Calling Obama The | ‘Most Valuable Player’").
    return any(t.text in QUOTE_CHARS or t.text in ("‘", "’", "'") for t in cue.doc[cue.i + 1:])


def _has_preposition(cue, prepositions: tuple[str, ...]) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in prepositions for c in cue.children)


def _only_infinitives(cue) -> bool:
    """Whether every clause after the verb is an infinitive of a verb no lexicon
    knows ("to cook"; not "to say that", whose "say" is a cue of its own)."""
    clauses = [child for child in cue.children if child.dep_ == "xcomp"]
    return bool(clauses) and all(
        any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) and not (
            clause.pos_ == "VERB" and known(clause) and clause.lemma_.lower() not in ATTEMPTS)
        for clause in clauses)


def _seems_to_do(cue) -> bool:
    """"seemed to be picking it up", "appears to be fully embracing": an impression of
    what the subject does; not of what it says ("appeared to imply that", "seemed to
    blame the network"), which stays its attribution, hedged."""
    return any(child.dep_ == "xcomp" and not (child.pos_ == "VERB" and known(child))
               and not any(c.dep_ == "ccomp" for c in child.children) for child in cue.children)


def _finds_itself(cue) -> bool:
    """"found himself stuck", "finds itself in a bind": the reflexive is the object or,
    as the parse may take it, the subject of the clause after the verb."""
    for child in cue.children:
        if child.lower_ in REFLEXIVES and child.dep_ == "dobj":
            return True
        if child.dep_ in CONTENT_DEPS and any(c.lower_ in REFLEXIVES and c.dep_ == "nsubj" for c in child.children):
            return True
    return False


# Verbs of speech whose object the parse may take for the claim ("Flynn says Trump
# 'absolutely right'").
SPEECH_VERBS = frozenset({"say", "tell"})
# What a source that is a text or an outlet does with an object reports ("Polls show
# a close contest", "The newspaper has detailed foundation spending").
TEXT_KINDS = frozenset({"document", "media"})


# Verbs whose passive names an act done to its subject, not a claim made about it:
# "was told", "was asked", "is expected to suit up", "was called up", "is shown here",
# "may be found on the site", "were admitted" (let in), "is observed as" (celebrated).
PASSIVE_ACTS = frozenset({"expect", "tell", "ask", "call", "show", "find", "see", "know", "invite",
                          "urge", "name", "charge", "accuse", "admit", "observe",
                          # a record's entry: "is listed as TallGrass Distribution", "was listed in critical condition"
                          "list"})
# Forecasts and reckonings, claims only in the passive: "is projected to be".
PASSIVE_CLAIMS = frozenset({"project", "predict", "estimate", "rumour", "rumor"})


def unattributed_passive(span) -> tuple[int, int] | None:
    """The sentence's main verb as a claim in the passive with nobody named, from its
    first auxiliary or an empty "it" ("it was announced that", "Much has been said about", "is
    projected to be", "have been criticised for"), as offsets in the sentence; or
    None. Both labellers of the real pages read these as resting on nobody in
    particular, like DESIGN.md's passive "it is believed"."""
    root = span.root
    deps = {child.dep_ for child in root.children}
    if root.tag_ != "VBN" or "auxpass" not in deps or "agent" in deps:
        return None
    lemma = root.lemma_.lower()
    if lemma in PASSIVE_ACTS or not (lemma in PASSIVE_CLAIMS or lemma in words("reporting_verbs.txt")
                                     or lemma in words("claim_object_verbs.txt")):
        return None
    first = min((c for c in root.children if c.i < root.i and (
        c.dep_ in ("aux", "auxpass") or c.dep_ in ("expl", "nsubjpass") and c.lower_ == "it")),
        key=lambda c: c.i, default=root)
    return first.idx - span.start_char, root.idx + len(root) - span.start_char


def _object_holds_claim(cue) -> bool:
    """Whether a verb's object carries a claim though no clause hangs from the verb:
    a view of it ("viewed communists as terrorists", "judged America a paper tiger"),
    a clause of its own ("offered no proof that Clinton had a role"), or a text or an
    outlet reporting it."""
    if any(c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as" for c in cue.children):
        return True
    if any(child.dep_ == "dobj" and _holds_that_clause(child) for child in cue.children):
        return True
    subject = source_of(cue)
    return subject is not None and _noun_kind(antecedent(subject) or subject) in TEXT_KINDS


# Parts of speech that head a cue of their own; a preposition or an adjective is
# only ever part of one ("said in a statement"), and "according" always heads its own.
CUE_HEADS = frozenset({"VERB", "NOUN", "PROPN"})
# How a cue's own words hang from its head ("has not said", "said in a statement");
# a cue verb joined otherwise ("said ... and added") is a cue of its own.
PART_DEPS = frozenset({"aux", "auxpass", "neg", "prt", "prep", "pobj", "advmod", "det", "amod",
                       "compound", "poss"})


# What a poll finds a share of people think of someone or something.
POLL_OPINIONS = frozenset({"support", "oppose", "favor", "favour", "back", "prefer", "approve", "disapprove",
                           "view", "trust", "distrust", "choose"})


def opinion_of_a_share(verb) -> bool:
    """A share of people and their opinion, as a poll finds it ("About two-thirds of
    Republican voters support the ban", "44 percent would back Trump", "most in
    both states supported Sanders"): opinion at large (DESIGN.md), whatever the
    cue model makes of the verb. A share of things ("half of the funds back
    infrastructure projects") or a choice to act ("chose to stay home") is not."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in POLL_OPINIONS:
        return False
    if verb.lemma_.lower() == "choose" and not any(c.dep_ == "dobj" for c in verb.children):
        return False  # "chose to stay home": an act
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    if subject.like_num or _noun_kind(subject) == "share":
        whole = next((g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"), None)
        return whole is None or _people(whole)
    # "Most voters favor", "Many Republicans support"
    return subject.tag_ in ("NNS", "NNPS") and _people(subject) and any(
        c.dep_ in ("amod", "det") and c.lower_ in QUANTIFIERS for c in subject.children)


QUANTIFIERS = frozenset({"most", "many", "some", "few", "several"})


def _people(token) -> bool:
    return names_people(token) or token.ent_type_ == "NORP"


def _accepted(token, probability: float, has_quote: bool) -> bool:
    """A cue token the model found that also passes the sense checks."""
    if token.lower_ == "according":
        return True
    if not reports_a_claim(token, has_quote):
        return False
    return has_quote or probability >= UNKNOWN_VERB_THRESHOLD or known(token)


def _heads_of_parts(cue_tokens, probabilities: dict[int, float], has_quote: bool) -> list:
    """The verbs and nouns that a preposition the model marks belongs to: "weighed"
    of "weighed in ... about", "comments" of "comments on". The model learned cues
    as PolNeAR marks them, prepositions included, so the preposition can reach the
    threshold when its head does not; the head is then judged as any cue is, on its
    own probability. (Auxiliaries are left alone: "has" of "has taken on new
    urgency" would make every perfect tense a cue.)"""
    ids = {t.i for t in cue_tokens}
    heads = []
    for token in cue_tokens:
        if token.pos_ != "ADP" or token.lower_ == "according":
            continue
        head = token.head
        if head.i in ids or head.pos_ not in CUE_HEADS:
            continue
        if _accepted(head, probabilities.get(head.i, 0.0), has_quote):
            heads.append(head)
            ids.add(head.i)
    return heads


def _heads_a_cue(token, cue_ids) -> bool:
    if token.lower_ == "according":
        return True
    if token.head.i in cue_ids and token.head.i != token.i and token.dep_ in PART_DEPS:
        return False  # part of the cue above it
    return token.pos_ in CUE_HEADS or token.text == ":" or is_stance_predicate(token)


def is_stance_predicate(token) -> bool:
    """An adjective after a copula that holds a clause: "Republicans are worried
    that ...", "loyalists were adamant that ...". The claim in the clause rests on
    the copula's subject as it would on the subject of "fear" or "insist"; an
    adjective with no clause ("were unanimous in their condemnation") is a state."""
    return (token.pos_ == "ADJ" and token.dep_ == "acomp" and token.lower_ not in NOT_KNOWING
            and any(child.dep_ == "ccomp" for child in token.children))


# "Denicola was unaware that computers existed": the subject holds no view of the clause.
NOT_KNOWING = frozenset({"unaware", "oblivious"})


def _cue_extent(token, cue_ids, source: tuple[int, int] | None = None) -> tuple[int, int]:
    """Token indexes of the cue's words: the head and the cue tokens next to it that
    hang from it ("has said", "said in a statement"), never past a gap, and a
    preposition only with its object ("saying on Wednesday" is "saying"); never
    across the source (`source`, character offsets): "In a response filed Nov. 6,
    Judge Eric Komitee agreed" has the cue "agreed", not the words around the judge."""
    parts = {t.i for t in token.subtree if t.i in cue_ids and _joined(t, token, cue_ids)}
    # "according to" heads a cue of its own: "Bloomberg reports that ..., according to
    # exit polls" has two, not one cue "reports that ... according".
    parts -= {t.i for other in token.subtree if other.lower_ == "according" and other.i != token.i
              for t in other.subtree}
    parts = {i for i in parts if token.doc[i].pos_ != "ADP"
             or any(c.i in parts for c in token.doc[i].children) or token.lower_ == "according"}
    if token.lower_ == "according":
        parts |= {c.i for c in token.children if c.lower_ == "to"}
    if source is not None:
        doc = token.doc
        if token.idx >= source[1]:
            parts = {i for i in parts if doc[i].idx >= source[1]}
        elif token.idx + len(token) <= source[0]:
            parts = {i for i in parts if doc[i].idx + len(doc[i]) <= source[0]}
    return min(parts | {token.i}), max(parts | {token.i})


def attributions_in(span, encoding: dict | None = None) -> list[dict]:
    """Every attribution the parse shows in a sentence, the main one first (the cue
    outside quotation marks, found by the model itself rather than through its
    preposition, nearest the root of the tree; "according to" before all): cue,
    source and content with their offsets in the sentence; source is None where
    the tree names nobody. `encoding` is the sentence's encoder output."""
    base, text = span.start_char, span.text  # span.text walks every token: once
    limit = threshold()
    tokens = list(span)
    has_quote = any(is_quote_mark(t) for t in tokens)
    inside = quotation_depths(tokens)
    probabilities = cue_probabilities(span, inside, encoding)
    cue_tokens = [token for token, probability in probabilities
                  if probability >= limit and _accepted(token, probability, has_quote)]
    # a head found through its part ranks after the cues the model found themselves
    promoted = {t.i for t in _heads_of_parts(cue_tokens, dict((t.i, p) for t, p in probabilities), has_quote)}
    cue_tokens += [span.doc[i] for i in sorted(promoted)]
    cue_ids = {t.i for t in cue_tokens}
    for token in tokens:
        if token.i in cue_ids:
            continue
        # "according to" is one cue, whatever the model makes of "to"; a poll's share
        # of people and their opinion is one, whatever it makes of the verb
        if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children) \
                or opinion_of_a_share(token):
            cue_tokens.append(token)
            cue_ids.add(token.i)
    found = []
    for token in sorted(cue_tokens, key=lambda t: t.i):
        if not _heads_a_cue(token, cue_ids):
            continue
        head = source_of(token)
        if head is not None and _impersonal_infinitive(token, head):
            continue  # "It's hard to believe that ...": the writer's own voice
        if head is not None and not span.start <= head.i < span.end:
            head = None
        if head is not None and inside[head.i - span.start] and not inside[token.i - span.start] \
                and token.lower_ != "according":  # "according to ''The Trumps''": a quoted title
            head = _speaker_beside(token, span, inside)
        if head is None and token.pos_ not in ("VERB", "AUX"):
            continue  # a noun with nobody's name on it: "sent letters", "a phone call"
        source = source_phrase(head, token) if head is not None else None
        left, right = _cue_extent(token, cue_ids, source)
        doc = span.doc
        cue_start, cue_end = doc[left].idx, doc[right].idx + len(doc[right])
        content = content_of(token)
        found.append({
            "rank": (inside[token.i - span.start], token.i in promoted, token.lower_ != "according",
                     len(list(token.ancestors)), token.i),
            "cue": text[cue_start - base:cue_end - base].lower(),
            "cue_start": cue_start - base, "cue_end": cue_end - base,
            "source": text[source[0] - base:source[1] - base] if source else None,
            "source_start": source[0] - base if source else None,
            "source_end": source[1] - base if source else None,
            "content_start": content[0] - base if content else None,
            "content_end": content[1] - base if content else None,
            "source_token": head,
            # With no subject of its own, a participle or a coordinated verb
            # ("..., adding that", "and warned") goes on from the source before it.
            "continues": head is None and (token.tag_ in ("VBG", "VBN") or token.dep_ in ("conj", "advcl", "xcomp")),
        })
    found.sort(key=lambda a: a.pop("rank"))
    return found


def _impersonal_infinitive(cue, source) -> bool:
    """The cue is an infinitive after "it" and a copula's adjective ("It's hard to
    believe that", "it is fair to say"): nobody's view but the writer's."""
    if source.lower_ != "it" or cue.dep_ != "xcomp":
        return False
    above = cue.head
    return above.pos_ == "ADJ" or any(c.dep_ == "acomp" for c in above.children)


# What a speaker's name may be separated from its cue by: "Ramos, 58, told".
BESIDE_SKIPS = frozenset({"PUNCT", "NUM", "ADV"})
NOMINALS = frozenset({"PROPN", "NOUN", "PRON"})
# How a word hangs inside the phrase it belongs to, up to the phrase's head.
PHRASE_DEPS = frozenset({"compound", "flat", "pobj", "prep", "appos", "poss", "nummod", "amod", "det", "case"})


def _speaker_beside(cue, span, inside: list[bool]):
    """The parse took words of a quotation for the speaker of a cue outside it
    ("“Our popularity ...: Michigan, Pennsylvania,” Mr. Trump said" gave
    "Michigan"). The speaker is the phrase next to the cue outside the quotation:
    before it ("Ramos, 58, told", "From the report: “...”"), or after it when a
    quotation stands right before ("“...,” said Dennis B. Ross"). A participle
    with none before it goes on from its clause's speaker ("..., referring to");
    None where no such phrase stands there."""
    def outside(i):
        return span.start <= i < span.end and not inside[i - span.start] \
            and not is_quote_mark(span.doc[i])

    def phrase_head(token):
        # up to the noun heading the phrase ("Tennessee" of "Steve Cohen, Democrat of
        # Tennessee"); a preposition's object alone speaks for no one ("by this finding")
        while token.dep_ in PHRASE_DEPS and outside(token.head.i) and token.head.i not in (token.i, cue.i):
            above = token.head
            if above.pos_ == "ADP" and outside(above.head.i) and above.head.i != cue.i:
                above = above.head
            if above.pos_ not in NOMINALS:
                break
            token = above
        return None if token.dep_ == "pobj" else token

    i = cue.i - 1
    while outside(i) and span.doc[i].pos_ in BESIDE_SKIPS:
        i -= 1
    right_after_quotation = not outside(i)
    non_finite = cue.tag_ in ("VB", "VBG", "VBN")
    # past an aside ("Eric Garner, gasping facedown on a sidewalk in Staten Island, said"),
    # for a verb with a subject of its own or a colon
    while outside(i) and cue.i - i <= (1 if non_finite else MAX_SOURCE_TOKENS):
        if span.doc[i].pos_ in NOMINALS and (head := phrase_head(span.doc[i])) is not None:
            return head
        i -= 1
    if not right_after_quotation or non_finite or cue.text == ":":
        return None  # the speaker comes after the cue only right after a quotation
    i = cue.i + 1
    while outside(i) and span.doc[i].pos_ == "ADV":
        i += 1
    if outside(i) and span.doc[i].pos_ in NOMINALS:
        return phrase_head(span.doc[i])
    return None


def _joined(token, cue, cue_ids) -> bool:
    """Whether `token` hangs from `cue` through cue tokens and cue-word links only."""
    while token.i != cue.i:
        if token.i not in cue_ids or token.head.i == token.i or token.dep_ not in PART_DEPS:
            return False
        token = token.head
    return True
