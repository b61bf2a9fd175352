"""Is a source named or anonymous, and of what kind (DESIGN.md's `attribution` and
`source_kind`), read from the source phrase, its place in the parse and its encoding.

Two readers decide together. The parse gives a first reading (`rule_kind`): the
phrase's head word, its entity type, number and determiner, and what the source
nouns lexicon (lexicons/source_nouns.txt) says the head names: a person or an
organisation by name is named; "voters", "Democrats", "most" are groups and opinion
at large (vague); "a senior official", "an aide" unnamed officials; a poll or a report
is a named document when it is identified ("a CNN/ORC poll", "the indictment") and
vague at large ("polls show", "a new national poll"). A linear head
(`models/source_kind_head.npz`, trained by training/train_source_kinds.py on PolNeAR
sources labelled by hand) then reads
that reading, the phrase's words and parse, and the mean of the encoder's word
pieces over the phrase, and gives the probability of each kind; the source is
anonymous when the unnamed and vague kinds together (blended with the rules' reading
where training found that better) pass the head's threshold.
Without the head file the parse's reading stands alone.

Pronouns are not judged here: the sourcing scorer resolves them to the source they
point back to; "I", "we" and "you" are never an organisation.
"""

from __future__ import annotations

from functools import lru_cache

import numpy

from ...resources import (
    FeatureMismatch,
    check_feature_names,
    check_weighed_features,
    feature_check,
    labelled,
    model_arrays,
    model_path,
    words,
)
from ..common.names import is_common_word, is_title

KINDS = ("person", "organisation", "media", "document", "unnamed official", "unnamed other", "vague")
ANONYMOUS_KINDS = frozenset({"unnamed official", "unnamed other", "vague"})
NAMED_ENTITY_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "organisation",
                      "FAC": "organisation", "WORK_OF_ART": "document", "LAW": "document",
                      "NORP": "vague"}
INDEFINITE = frozenset({"a", "an", "one", "another", "some", "several", "two", "three", "four",
                        "few", "many", "other", "certain", "various", "numerous", "most", "all"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
OFFICIAL_MODIFIERS = frozenset({"diplomatic", "government", "administration", "official", "intelligence",
                                "military", "security", "police", "enforcement", "congressional",
                                "federal", "state", "ministry", "pentagon", "campaign"})
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople"})
STATED_ANONYMITY = frozenset({"unnamed", "anonymous", "unidentified"})
# The kind a pronoun source stands for when nothing resolves it: "they" say is opinion at large.
PRONOUN_KINDS = {"i": "person", "me": "person", "he": "person", "she": "person",
                 "we": "person", "you": "person", "they": "vague", "it": "organisation"}


@lru_cache(maxsize=1)
def source_nouns() -> dict[str, str]:
    return {noun.lower(): kind for noun, kind in labelled("source_nouns.txt")}


@lru_cache(maxsize=1)
def media_names() -> frozenset[str]:
    """Outlets by name ("Reuters", "the Times", "CNN"), from the named sources lexicon."""
    return frozenset(entry.lower() for entry, kind in labelled("named_sources.txt") if kind == "media")


def phrase_tokens(span, start: int, end: int) -> list:
    """The tokens of a parsed sentence inside sentence[start:end]."""
    base = span.start_char
    return [t for t in span if t.idx - base < end and t.idx - base + len(t) > start and not t.is_space]


def phrase_head(tokens: list):
    """The word the phrase hangs on: the first token whose head lies outside it."""
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[-1] if tokens else None


def _has_identifier(head, tokens) -> bool:
    """A name, an owner or a kind that identifies a document or body: "a CNN/ORC
    poll", "FBI records", "the campaign's statement", "court documents"."""
    return any(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")
               or (t.dep_ in ("poss", "compound") and t.head.i == head.i) for t in tokens if t.i != head.i)


def _belongs_to_someone(head) -> bool:
    """The noun is owned and not named: "his party", "Mr. Trump's party", not "the
    Republican Party" nor "the Democratic Party's chairman"."""
    return any(child.dep_ == "poss" for child in head.children) \
        and not any(child.dep_ in ("compound", "amod") and child.pos_ in ("PROPN", "ADJ") and child.text[:1].isupper()
                    for child in head.children)


RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom", "whose"})


def antecedent(head):
    """The noun a relative pronoun stands for ("critics who say": "critics"), or None;
    the name a description is set beside ("Ann Lee, a lawyer who considers": Ann Lee)."""
    if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl" and head.head.head is not head.head:
        noun = head.head.head
        if noun.dep_ == "appos" and noun.pos_ == "NOUN" and noun.head.pos_ == "PROPN":
            return noun.head
        return noun
    if head.lower_ == "whom" and head.head.dep_ == "prep":  # "both of whom"
        return head.head.head
    return None


def _phrase_of(token) -> tuple[list, object]:
    """The tokens of the noun phrase `token` heads, its relative clauses left out."""
    clauses = {t.i for child in token.children if child.dep_ == "relcl" for t in child.subtree}
    return [t for t in token.subtree if t.i not in clauses], token


def _names_the_head(head, tokens) -> bool:
    """A person's name is the head or hangs on it directly ("spokesman Josh Earnest",
    "the two leading Republicans, Donald J. Trump and ..."), not through a
    preposition ("an adviser to Trump")."""
    for token in tokens:
        if token.ent_type_ != "PERSON" or token.pos_ != "PROPN":
            continue
        node = token
        while node.i != head.i and node.dep_ in ("compound", "flat", "appos", "conj", "cc", "punct"):
            node = node.head
        if node.i == head.i:
            return True
    return False


def rule_kind(span, start: int, end: int) -> str:
    """The kind the parse and the lexicons give the source at sentence[start:end]."""
    tokens = phrase_tokens(span, start, end)
    head = phrase_head(tokens)
    if head is None:
        return "unnamed other"
    stands_for = antecedent(head)
    if stands_for is not None:
        tokens, head = _phrase_of(stands_for)
    lowered = {t.lower_ for t in tokens}
    nouns = source_nouns()
    noun = nouns.get(head.lower_) or nouns.get(head.lemma_.lower())
    if lowered & STATED_ANONYMITY:
        return "unnamed official" if noun == "official" else "unnamed other"
    if head.pos_ == "PRON" or head.lower_ in PRONOUN_KINDS:
        return PRONOUN_KINDS.get(head.lower_, "person")
    words_of_phrase = " ".join(t.lower_ for t in tokens)
    if any(name in words_of_phrase.split() or (" " in name and name in words_of_phrase)
           for name in media_names()) and noun not in ("document", "official"):
        return "media"
    if head.like_num or head.tag_ == "CD" or (noun == "share" and not _names_the_head(head, tokens)):
        return "vague"  # "hundreds", "about two-thirds of voters", "most in both states"
    if _names_the_head(head, tokens):
        return "person"  # "spokesman Josh Earnest", "the two senators, John McCain and ..."
    if noun == "official":
        if head.lemma_.lower() in SPOKESPEOPLE and _has_identifier(head, tokens):
            return "organisation"  # "a WeWork spokesperson": the organisation on the record
        return "unnamed official"
    if noun == "document":
        some = head.tag_ == "NNS" or lowered & INDEFINITE
        if some and not _has_identifier(head, tokens) and not lowered & DEFINITE:
            return "vague"  # "polls show", "reports say", "a new national poll", "one study"
        return "document"
    if noun == "group":
        return "vague"
    if noun == "other":
        if head.lemma_.lower() == "source":
            # "sources close to the minister"; official-ish ones ("diplomatic sources") are officials
            official = any(t.lower_ in OFFICIAL_MODIFIERS for t in tokens)
            return "unnamed official" if official else "unnamed other"
        return "unnamed other" if head.tag_ != "NNS" or lowered & INDEFINITE else "vague"
    if head.pos_ == "PROPN" or head.ent_type_:
        kind = NAMED_ENTITY_KINDS.get(head.ent_type_)
        if kind == "vague" and head.tag_ not in ("NNPS", "NNS"):
            # "a New Hampshire Republican" is one unnamed person; "Democrats" are a group
            kind = "unnamed other" if lowered & {"a", "an", "one", "another"} else "person"
        if kind:
            return kind
        if head.text.isupper() and len(head.text) > 1:
            return "organisation"  # an acronym: NATO, FBI
        return "person"
    if head.lemma_.lower() == "party" and _belongs_to_someone(head):
        return "vague"  # "Mr. Trump's party says": its members at large, not the party on the record
    if noun in ("organisation", "media"):
        return noun
    if head.tag_ in ("NNS", "NNPS"):
        if head.i == span.start and head.text[:1].isupper() and len(tokens) == 1:
            return "person"  # a surname the tagger took for a plural: "Sanders replied"
        return "vague"  # people at large: "voters", "opponents"
    if lowered & {"a", "an", "one", "another"}:
        return "unnamed other"
    return "person"  # a description pointing back: "the senator", "the candidate"


# What a source phrase's head says of who it names (what_it_names). Nouns for
# people or bodies come from source_nouns.txt; a noun outside it names people when
# English makes it an agent or a person ("caller", "speechwriters", "nominee",
# "chairwoman"), from its ending.
PEOPLE_NOUNS = frozenset({"organisation", "media", "official", "group", "other"})
AGENT_ENDINGS = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ee", "ees", "man", "men")


def _what_heads(span, start: int, end: int) -> tuple[str, object]:
    """What the source phrase at sentence[start:end] names, by its head: "name" (a
    proper name: "Vann R. Newkirk II", "Politifact"), "people" (a person or body
    by a noun: "campaign aides", "the former secretary of state", "a 911 caller",
    "eight of 10 voters"), "document" ("Poll", "a new poll", "reports"),
    "pronoun" (one with no one resolved behind it says nothing), "thing" (a
    noun that names no one: "his best response", "that freewheeling
    environment", "31 percent"), or "no phrase" (no noun heads it: a clause
    taken for a source, a fragment); and the token that heads it ("Mook" in
    "Clinton campaign manager Robby Mook"), None when no word does."""
    tokens = phrase_tokens(span, start, end)
    head = phrase_head(tokens)
    if head is None:
        return "no phrase", None
    stands_for = antecedent(head)
    if stands_for is not None:
        tokens, head = _phrase_of(stands_for)
    nouns = source_nouns()
    if head.like_num or nouns.get(head.lower_) == "share":
        # "eight of 10 voters", "a majority of Democrats": the part names what its whole names.
        whole = next((t for t in tokens if t.dep_ == "pobj" and t.head.head.i == head.i
                      and t.head.lower_ == "of"), None)
        if whole is None:
            return "thing", head  # "31 percent", "hundreds"
        head = whole
    if head.pos_ == "PRON":
        return "pronoun", head
    if head.pos_ not in ("NOUN", "PROPN"):
        return "no phrase", head
    noun = nouns.get(head.lower_) or nouns.get(head.lemma_.lower())
    # A proper name, however the tagger took it ("Trump" tagged a noun), but not a
    # source noun in a headline's capitals ("Poll", "Video").
    capitalised = head.text[:1].isupper() and not is_common_word(head.text, never_a_name=True)
    if (capitalised and nouns.get(head.lower_) is None) or (head.pos_ == "PROPN" and head.ent_type_ == "PERSON"):
        return "name", head
    if noun in PEOPLE_NOUNS:
        return "people", head
    if noun == "document":
        return "document", head
    if head.lower_.endswith(AGENT_ENDINGS) and len(head.text) > 4 or is_title(head.text):
        return "people", head
    return "thing", head


def what_it_names(span, start: int, end: int) -> tuple[str, str]:
    """What the source phrase at sentence[start:end] names and the word that heads
    it, as _what_heads reads them."""
    kind, head = _what_heads(span, start, end)
    return kind, head.text if head is not None else ""


def someone_nouns() -> frozenset[str]:
    return words("someone_nouns.txt")  # read once: resources caches it


def names_no_one(span, start: int, end: int) -> bool:
    """Whether the source phrase at sentence[start:end] is a thing that can say
    nothing: its head a common noun that no sense of lexicons/someone_nouns.txt
    (WordNet's people, bodies of people and what they write) lets name a source
    ("bright floodlights flash", "the game assigns", "a table saw"), nor
    source_nouns.txt, nor an agent's ending. A number or a share is left to the
    kinds ("31 percent", "hundreds")."""
    kind, head = _what_heads(span, start, end)
    if kind != "thing" or head is None or head.like_num or head.pos_ != "NOUN" \
            or source_nouns().get(head.lower_) == "share" or head.lower_ in ("percent", "per"):
        return False
    nouns = someone_nouns()
    return head.lower_ not in nouns and head.lemma_.lower() not in nouns


# The features sparse_features makes, in its order, as the head's file lists them
# (`sparse_names`): one made per word or label ("head=official") is named by its pattern
# ("head={lemma}"), since the words are the training data's vocabulary, not the code's;
# loading compares these names one by one, then checks that every feature the head
# weighs (`features`) fits one of them.
SPARSE_FEATURE_NAMES = ("bias", "rule={rule kind}", "head={lemma}", "head_tag={tag}",
                        "head_ent={entity type or none}", "head_dep={dep}", "head_noun={source noun kind or none}",
                        "tokens={words, at most 6}", "word={word}", "child_dep={dep}", "ent={entity type}", "propn",
                        "title", "sentence_anonymity")
HEAD_FILE = "source_kind_head.npz"
PHRASE_WIDTH = 384  # the encoder's width


def dense_feature_names() -> list[str]:
    return [f"phrase:{i}" for i in range(PHRASE_WIDTH)]


def sparse_features(span, start: int, end: int) -> dict[str, float]:
    """The phrase's words and parse, the lexicons' and the rules' reading, by name."""
    tokens = phrase_tokens(span, start, end)
    head = phrase_head(tokens)
    features = {"bias": 1.0, f"rule={rule_kind(span, start, end)}": 1.0}
    if head is None:
        return features
    noun = source_nouns().get(head.lower_) or source_nouns().get(head.lemma_.lower())
    features.update({
        f"head={head.lemma_.lower()}": 1.0, f"head_tag={head.tag_}": 1.0,
        f"head_ent={head.ent_type_ or 'none'}": 1.0, f"head_dep={head.dep_}": 1.0,
        f"head_noun={noun or 'none'}": 1.0,
        f"tokens={min(len(tokens), 6)}": 1.0,
    })
    for token in tokens:
        if token.i == head.i:
            continue
        features[f"word={token.lower_}"] = 1.0
        features[f"child_dep={token.dep_}"] = 1.0
        if token.ent_type_:
            features[f"ent={token.ent_type_}"] = 1.0
        if token.pos_ == "PROPN":
            features["propn"] = 1.0
        if is_title(token.text):
            features["title"] = 1.0
    if any(t.lower_ in STATED_ANONYMITY for t in span):
        features["sentence_anonymity"] = 1.0
    return features


def phrase_vector(encoding: dict | None, start: int, end: int) -> numpy.ndarray:
    """The mean of the encoder's word pieces over the phrase (zeros without them)."""
    if not encoding or not len(encoding["states"]):
        width = encoding["states"].shape[1] if encoding else 384
        return numpy.zeros(width, dtype=numpy.float32)
    weights = numpy.array([1.0 if a < end and b > start else 0.0 for a, b in encoding["offsets"]],
                          dtype=numpy.float32)
    if not weights.any():
        weights[:] = 1.0
    return (weights / weights.sum()) @ encoding["states"]


@feature_check
@lru_cache(maxsize=1)
def _head() -> dict | None:
    if not model_path(HEAD_FILE).exists():
        return None
    head = model_arrays("source_kind_head")
    command = str(head["command"]) if "command" in head else None
    check_feature_names(HEAD_FILE, head.get("sparse_names", ()), SPARSE_FEATURE_NAMES, command)
    check_weighed_features(HEAD_FILE, head["features"].tolist(), SPARSE_FEATURE_NAMES, command)
    # After the sparse features, the phrase's mean over the encoder's word pieces.
    check_feature_names(HEAD_FILE, head.get("dense_names", ()), dense_feature_names(), command)
    if head["weight"].shape[1] != len(head["features"]) + PHRASE_WIDTH \
            or not set(head["classes"].tolist()) <= set(KINDS):
        raise FeatureMismatch(f"{model_path(HEAD_FILE)}: the head's weights or classes are not those its "
                              f"features and the code's {len(KINDS)} kinds make; "
                              f"retrain it: {command or 'training/train_source_kinds.py'}")
    head["index"] = {name: i for i, name in enumerate(head["features"].tolist())}
    return head


def kind_probabilities(span, encoding: dict | None, start: int, end: int) -> numpy.ndarray | None:
    """P(each of KINDS) for the source at sentence[start:end], or None without a head file."""
    head = _head()
    if head is None:
        return None
    sparse = numpy.zeros(len(head["index"]), dtype=numpy.float32)
    for name, value in sparse_features(span, start, end).items():
        position = head["index"].get(name)
        if position is not None:
            sparse[position] = value
    features = numpy.concatenate([sparse, phrase_vector(encoding, start, end) * head["dense_scale"]])
    logits = head["weight"] @ features + head["bias"]
    logits = numpy.exp(logits - logits.max())
    return logits / logits.sum()


def _a_proper_name(span, start: int, end: int) -> bool:
    """The source is a proper name and nothing else ("The Dodgers", "Canalys", "WHO"):
    someone identified, whatever the head makes of its context. Not a people's or a
    party's name ("Democrats", "House Republicans": NORP), nor a common noun in a
    headline's capitals ("Experts", "Guests urged to")."""
    tokens = [t for t in phrase_tokens(span, start, end) if not (t.is_punct or t.lower_ == "the")]
    if not tokens or any(t.ent_type_ == "NORP" or t.lower_ in STATED_ANONYMITY for t in tokens):
        return False
    nouns = source_nouns()
    return all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in nouns
               and t.lemma_.lower() not in nouns
               and ((t.text.isupper() and len(t.text) > 1) or not is_common_word(t.text, never_a_name=True))
               for t in tokens)


def judge_source(span, encoding: dict | None, start: int, end: int) -> tuple[str, str, float]:
    """(attribution, source_kind, P(anonymous)) for the source at sentence[start:end]."""
    probabilities = kind_probabilities(span, encoding, start, end)
    if probabilities is None:
        kind = rule_kind(span, start, end)
        anonymous = float(kind in ANONYMOUS_KINDS)
        return ("anonymous" if anonymous else "named"), kind, anonymous
    head = _head()
    classes = head["classes"].tolist()
    p_anonymous = float(sum(p for c, p in zip(classes, probabilities, strict=True) if c in ANONYMOUS_KINDS))
    blend = float(head["rule_blend"])
    if blend:  # the head's probability blended with the rules' yes or no, as trained
        p_anonymous = (1 - blend) * p_anonymous + blend * float(rule_kind(span, start, end) in ANONYMOUS_KINDS)
    anonymous = p_anonymous >= float(head["threshold"]) and not _a_proper_name(span, start, end)
    allowed = [i for i, c in enumerate(classes) if (c in ANONYMOUS_KINDS) == anonymous]
    kind = classes[max(allowed, key=lambda i: probabilities[i])]
    return ("anonymous" if anonymous else "named"), kind, round(p_anonymous, 4)
