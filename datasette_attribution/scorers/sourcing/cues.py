"""Which words of a parsed sentence attribute something: a logistic model over each
token's place in the dependency tree.

PolNeAR (Newell, Margolin and Ruths, 2018) marks as cues the verbs of speech
("said", "told reporters"), of belief and intention ("believes", "wants"), of
finding and showing ("polls show"), nouns and phrases ("according to", "in a
statement", "his message of") and a colon before a quotation. The model
(`models/attribution_cues.json`, trained on PolNeAR's train split by
`training/train_attribution.py`, weights only) scores each candidate token from
its lemma, part of speech, dependency, the dependencies of its children, the kind
of its subject, its neighbours, whether it stands inside a quotation, and the
project's lexicons (as features, not gates), and, where the model has them, dense
weights over the token's reading by the shared sentence encoder (the mean of its
word pieces' states), so the word's sense in its sentence counts too. A token is a
cue when its probability reaches the model's threshold.
"""

from __future__ import annotations

import math
from functools import lru_cache
from itertools import repeat

import numpy

from ..common.phrases import PhraseFinder
from ...resources import check_feature_names, check_weighed_features, feature_check, model_file, words

CANDIDATE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ", "ADP", "PROPN"})
# Quotation marks as spaCy's tokens: straight, curly, and the typewriter pairs of
# older newspaper text (''I wouldn't object,'' and ``So be it,''); "``" comes as
# two "`" tokens, of which the first counts.
QUOTE_CHARS = frozenset(['"', "“", "”", "''", "``", "`"])


def is_quote_mark(token) -> bool:
    """A token that opens or closes a quotation (the second "`" of a pair does not)."""
    if token.text == "`":
        return token.i == 0 or token.nbor(-1).text != "`"
    return token.text in QUOTE_CHARS


def is_candidate(token) -> bool:
    return token.pos_ in CANDIDATE_POS or token.text == ":"


@lru_cache(maxsize=1)
def _lexicons() -> tuple[frozenset, frozenset, frozenset]:
    reporting = frozenset(w for w in words("reporting_verbs.txt") if " " not in w)
    return reporting, words("stance_verbs.txt"), words("claim_object_verbs.txt")


@lru_cache(maxsize=1)
def phrase_cues() -> PhraseFinder:
    """The lexicon's cues of several words: "have not ruled out", "made clear"
    ("according to" is a cue of its own, found by its parse)."""
    return PhraseFinder(phrase for phrase in words("reporting_verbs.txt")
                        if " " in phrase and phrase != "according to")


def _in_a_phrase_cue(token) -> bool:
    """Whether the token stands inside one of the lexicon's phrase cues: "made" of
    "made clear" is known there, not in "made a decision"."""
    sentence = token.sent
    offset = token.idx - sentence.start_char
    return any(match.start() <= offset < match.end() for match in phrase_cues().finditer(sentence.text))


def known(token) -> bool:
    """A verb one of the project's lexicons lists (alone, or inside one of its
    phrases), or not a verb at all."""
    if token.pos_ not in ("VERB", "AUX"):
        return True
    lemma = token.lemma_.lower()
    return any(token.lower_ in lexicon or lemma in lexicon for lexicon in _lexicons()) or _in_a_phrase_cue(token)


def quotation_depths(span) -> list[bool]:
    """For each token of the sentence, whether it stands inside quotation marks. A
    sentence whose first mark closes a quotation began inside it, the quotation
    having opened in a sentence before ('We acted in self-defence," said the Navy
    chief.'): its words up to the mark are quoted, the speaker after it is not."""
    tokens = list(span)
    marks = [i for i, token in enumerate(tokens) if is_quote_mark(token) and not _inch_mark(tokens, i)]
    inside, depths = bool(marks) and _closes_a_quotation(tokens, marks[0]), []
    marks = set(marks)
    for i, token in enumerate(tokens):
        if token.text in QUOTE_CHARS:
            depths.append(False)
            inside = not inside if i in marks else inside
        else:
            depths.append(inside)
    return depths


def _inch_mark(tokens, at: int) -> bool:
    """A straight mark glued to a number is an inch mark ('6\'3" tall'), no quotation's."""
    return tokens[at].text == '"' and at > 0 and tokens[at - 1].text[-1].isdigit() and not tokens[at - 1].whitespace_


def _closes_a_quotation(tokens, at: int) -> bool:
    """Whether the quotation mark at `at` closes rather than opens: a curly mark by
    its shape; a straight one when no word is glued after it and a word or a
    punctuation mark stands just before it ('defence," said', 'charm, " she')."""
    mark = tokens[at]
    if at == 0:
        return False  # nothing before it to close: a mark opening the sentence opens ('” … in the case of')
    if mark.text in ("”", "''") and mark.whitespace_:
        return True
    if mark.text != '"':
        return False
    glued_word_after = not mark.whitespace_ and at + 1 < len(tokens) and not tokens[at + 1].is_punct
    if glued_word_after:
        return False
    before = tokens[at - 1]
    return not before.whitespace_ or before.is_punct


def token_features(token, in_quote: bool, sentence_has_quote: bool) -> dict[str, float]:
    """The features of one candidate token, as named in the model file."""
    reporting, stance, claim_object = _lexicons()
    lemma = token.lemma_.lower()
    features = {
        "bias": 1.0,
        f"lemma={lemma}": 1.0,
        f"pos={token.pos_}": 1.0,
        f"tag={token.tag_}": 1.0,
        f"dep={token.dep_}": 1.0,
        f"lemma_dep={lemma}|{token.dep_}": 1.0,
        f"head={token.head.lemma_.lower()}|{token.dep_}": 1.0,
    }
    for child in token.children:
        features[f"child={child.dep_}"] = 1.0
        features[f"lemma_child={lemma}|{child.dep_}"] = 1.0
        if child.dep_ in ("nsubj", "nsubjpass"):
            kind = child.ent_type_ or child.pos_
            features[f"subject={kind}"] = 1.0
            features[f"lemma_subject={lemma}|{kind}"] = 1.0
    if token.i > token.doc[0].i:
        features[f"prev={token.nbor(-1).lower_}"] = 1.0
    if token.i + 1 < len(token.doc):
        following = token.nbor(1)
        features[f"next={following.lower_}"] = 1.0
        features[f"lemma_next={lemma}|{following.lower_}"] = 1.0
    if in_quote:
        features["in_quote"] = 1.0
    if sentence_has_quote:
        features["sentence_quote"] = 1.0
        features[f"lemma_quote={lemma}"] = 1.0
    if token.dep_ == "ROOT":
        features["root"] = 1.0
    if token.lower_ in reporting or lemma in reporting:
        features["lexicon=reporting"] = 1.0
    if lemma in stance:
        features["lexicon=stance"] = 1.0
    if lemma in claim_object:
        features["lexicon=claim_object"] = 1.0
    return features


MODEL_FILE = "attribution_cues.json"
# The features token_features makes, in its order, as the model file lists them: one
# made per word ("lemma=say") is named by its pattern ("lemma={lemma}"), since the words
# are the training data's vocabulary, not the code's; loading compares these names one
# by one, then checks that every feature the file weighs fits one of them.
FEATURE_NAMES = ("bias", "lemma={lemma}", "pos={pos}", "tag={tag}", "dep={dep}", "lemma_dep={lemma}|{dep}",
                 "head={head lemma}|{dep}", "child={child dep}", "lemma_child={lemma}|{child dep}",
                 "subject={subject entity type or pos}", "lemma_subject={lemma}|{subject entity type or pos}",
                 "prev={previous word}", "next={next word}", "lemma_next={lemma}|{next word}", "in_quote",
                 "sentence_quote", "lemma_quote={lemma}", "root", "lexicon=reporting", "lexicon=stance",
                 "lexicon=claim_object")
TOKEN_WIDTH = 384  # the encoder's width: the dense weights read a token's mean of word pieces


def dense_feature_names() -> list[str]:
    return [f"token:{i}" for i in range(TOKEN_WIDTH)]


@feature_check
@lru_cache(maxsize=1)
def _model() -> dict:
    model = model_file("attribution_cues")
    command = model.get("command")
    check_feature_names(MODEL_FILE, model.get("feature_names", ()), FEATURE_NAMES, command)
    check_weighed_features(MODEL_FILE, model["weights"], FEATURE_NAMES, command)
    if model.get("dense"):
        check_feature_names(MODEL_FILE, model.get("dense_names", ()), dense_feature_names(), command)
    return model


def token_vectors(span, encoding: dict) -> numpy.ndarray:
    """One row a token of the sentence: the mean of the encoder's word pieces that
    overlap it (zeros for a token past the encoder's length limit)."""
    states, offsets = encoding["states"], encoding["offsets"]
    vectors = numpy.zeros((len(span), states.shape[1] if len(states) else 384), dtype=numpy.float32)
    base, piece = span.start_char, 0
    for offset, token in enumerate(span):
        start, end = token.idx - base, token.idx - base + len(token.text)
        while piece < len(offsets) and offsets[piece][1] <= start:
            piece += 1
        last = piece
        while last < len(offsets) and offsets[last][0] < end:
            last += 1
        if last > piece:
            vectors[offset] = states[piece:last].mean(0)
    return vectors


@lru_cache(maxsize=1)
def _dense_weights() -> numpy.ndarray | None:
    dense = _model().get("dense")
    return numpy.array(dense, dtype=numpy.float32) if dense else None


def cue_probabilities(span, depths: list[bool] | None = None,
                      encoding: dict | None = None) -> list[tuple[object, float]]:
    """(token, probability of being a cue) for each candidate token of the sentence;
    `depths` are its quotation_depths where the caller has them already, `encoding`
    the sentence's encoder output (encoded here when the model reads it and it is
    not given)."""
    model = _model()
    weights, bias = model["weights"], model["intercept"]
    tokens = list(span)  # spaCy makes a Token object each time a span is walked
    depths = quotation_depths(tokens) if depths is None else depths
    has_quote = any(is_quote_mark(t) for t in tokens)
    dense = _dense_weights()
    if dense is not None and encoding is None:
        from ... import encoder  # a sentence scored on its own, outside a load

        encoding = encoder.encode([span.text])[0]
    dense_z = token_vectors(span, encoding) @ dense if dense is not None else None
    found = []
    for offset, token in enumerate(tokens):
        if not is_candidate(token):
            continue
        # Every feature's value is 1.0: the sum of the weights the features name.
        z = bias + sum(map(weights.get, token_features(token, depths[offset], has_quote), repeat(0.0)))
        if dense_z is not None:
            z += float(dense_z[offset])
        found.append((token, 1.0 / (1.0 + math.exp(-z))))
    return found


def threshold() -> float:
    return _model()["threshold"]
