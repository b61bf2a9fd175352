"""Sentence polarity (TextBlob's pattern lexicon) and sentiment toward each actor mention.

Sentiment toward an actor (DESIGN.md: how the sentence portrays that actor, never
the sentence's mood) is read from the sentence's one encoding: the mean of the word
pieces that cover the mention, beside the sentence's mean, through a linear head
(`models/sentiment_head.npz`, trained with the encoder by
`training/train_sentiment.py` on NewsMTSC and on real news labelled by hand). A
temperature and two class biases, fitted on real news the model did not learn from,
calibrate its probabilities: NewsMTSC's sentences were chosen for their sentiment,
while in real news about two mentions in three are neutral. The label is the most
probable class and the score P(positive) - P(negative) of the same probabilities, so
a neutral label never carries a large score.

One kind of syntax is evidence beside the encoder (lexicons/evaluative_verbs.txt):
the object of a verb of praise or attack takes the verb's sign ("the mayor praised
Ortiz", "Jones was booed") and its subject is neutral, the one acting on someone else;
the one who receives something ("sent Ortiz a cheerful note") is neutral too.
It adds EVIDENCE_WEIGHT to that class's calibrated logit, so label and score still
come from one set of probabilities.

The evidence of a polar label is the words that carry it (`sentiment_cues`): the head
reads the sentence's mean linearly, so each word's share of the label's lead over
neutral in that half is exact ("charged", "bribery", "fraud" for "Prosecutors charged
Senator Robert Menendez with bribery and fraud"); the target's own words are left out.
"""

from __future__ import annotations

from functools import lru_cache

import numpy

from ...resources import FeatureMismatch, check_feature_names, feature_check, labelled, model_arrays, model_path
from ...resources import words as words_of
from .polarity import polarity_subjectivity as textblob_polarity
from ..common.summary import mean

LABELS = ("negative", "neutral", "positive")
NEUTRAL = 1
EVIDENCE_WEIGHT = 2.0  # in calibrated logits: e^2, about seven times the odds
CUE_WORDS = 3
OBJECT_ROLES = ("dobj", "nsubjpass")


def polarity_subjectivity(text: str) -> tuple[float, float]:
    """TextBlob's PatternAnalyzer scores (see polarity.py), rounded for storage."""
    polarity, subjectivity = textblob_polarity(text)
    return round(polarity, 4), round(subjectivity, 4)


HEAD_FILE = "sentiment_head.npz"
STATE_SIZE = 384  # the encoder's width
# What the head reads, in order: the mean of the target's word pieces, then (a head
# trained so) the sentence's mean; its file names each number ("target:0", ...).
HEAD_PARTS = ("target", "sentence")


def head_feature_names(parts: int) -> list[str]:
    """The names of the head's features when it reads the first `parts` of HEAD_PARTS."""
    return [f"{part}:{i}" for part in HEAD_PARTS[:parts] for i in range(STATE_SIZE)]


@feature_check
@lru_cache(maxsize=1)
def _head() -> dict:
    head = model_arrays("sentiment_head")
    command = str(head["command"]) if "command" in head else None
    check_feature_names(HEAD_FILE, head.get("feature_names", ()),
                        head_feature_names(head["weight"].shape[1] // STATE_SIZE), command)
    if tuple(head["labels"].tolist()) != LABELS:
        raise FeatureMismatch(f"{model_path(HEAD_FILE)}: the head's classes are {head['labels'].tolist()}, "
                              f"the code's {list(LABELS)}")
    return head


def piece_weights(offsets: list[tuple[int, int]], start: int, end: int) -> numpy.ndarray:
    """Each word piece's weight in the target's mean: the pieces whose characters
    overlap sentence[start:end]; all of them when none does (the target lies past
    the encoder's length limit), as in training."""
    weights = numpy.array([1.0 if a < end and b > start else 0.0 for a, b in offsets],
                          dtype=numpy.float32)
    if not weights.any():
        weights[:] = 1.0
    return weights / weights.sum() if len(weights) else weights


@lru_cache(maxsize=1)
def _evaluative_verbs() -> dict[str, int]:
    return {verb.lower(): LABELS.index(sign) for verb, sign in labelled("evaluative_verbs.txt")}


def role_evidence(span, start: int, end: int) -> int | None:
    """The class the target's role in the parse points it at (see the module's note), or None:
    the object or subject of an evaluative verb, or the one who receives something."""
    inside = [t for t in span if start <= t.idx - span.start_char < end]
    root = next((t for t in inside if t.head not in inside or t.head is t), None)
    if root is None:
        return None
    while root.dep_ == "conj" and root.head is not root:  # "praised Ortiz and Lee": Lee as Ortiz
        root = root.head
    verb = root.head
    if root.dep_ == "dative" or (root.dep_ == "dobj" and any(
            child.dep_ == "dobj" and child.i > root.i for child in verb.children)):
        return NEUTRAL  # "sent Ortiz a cheerful note": the one who receives (the parse may call it either)
    sign = _evaluative_verbs().get(verb.lemma_.lower())
    if sign is None or verb is root or any(child.dep_ == "neg" for child in verb.children):
        return None
    if root.dep_ in OBJECT_ROLES:
        return sign
    return NEUTRAL if root.dep_ == "nsubj" else None


def target_probabilities(encoding: dict, targets: list[tuple[int, int]],
                         evidence: list[int | None] | None = None) -> numpy.ndarray:
    """P(negative, neutral, positive) toward each target, calibrated; one row a
    target. `evidence`: for each target, the class the syntax points to, or None."""
    if not targets:
        return numpy.zeros((0, 3), dtype=numpy.float32)
    states = encoding["states"]
    if not len(states):
        return numpy.tile(numpy.array([0.0, 1.0, 0.0], dtype=numpy.float32), (len(targets), 1))
    head = _head()
    weights = numpy.stack([piece_weights(encoding["offsets"], start, end) for start, end in targets])
    features = weights @ states
    if head["weight"].shape[1] == 2 * states.shape[1]:  # a head that reads the sentence's mean beside
        sentence = numpy.broadcast_to(states.mean(0), (len(targets), states.shape[1]))
        features = numpy.concatenate([features, sentence], axis=1)
    logits = (features @ head["weight"].T + head["bias"]) / head["temperature"] + head["class_bias"]
    for row, pointed in enumerate(evidence or ()):
        if pointed is not None:
            logits[row, pointed] += EVIDENCE_WEIGHT
    logits = numpy.exp(logits - logits.max(1, keepdims=True))
    return logits / logits.sum(1, keepdims=True)


def judged(probabilities) -> tuple[str, float]:
    """(the most probable label, P(positive) - P(negative)), rounded for storage."""
    return LABELS[int(numpy.argmax(probabilities))], round(float(probabilities[2] - probabilities[0]), 4)


def sentiments_toward(span, encoding: dict, targets: list[tuple[int, int]]) -> list[tuple[str, float]]:
    """(label, score) toward each target of a parsed and encoded sentence."""
    evidence = [role_evidence(span, start, end) for start, end in targets]
    return [judged(row) for row in target_probabilities(encoding, targets, evidence)]


def carrying_words(text: str, encoding: dict, start: int, end: int, label: str) -> list[str]:
    """Up to CUE_WORDS words of `text` that push `label` over neutral the most (see
    the module's note), strongest first; none for a neutral label."""
    if label == LABELS[NEUTRAL] or not len(encoding["states"]):
        return []
    head, states = _head(), encoding["states"]
    width = states.shape[1]
    if head["weight"].shape[1] != 2 * width:
        return []
    lead = head["weight"][LABELS.index(label), width:] - head["weight"][NEUTRAL, width:]
    shares = states @ lead / len(states)
    words: list[list] = []  # [start, end, share]: word pieces that touch are one word
    for (a, b), share in zip(encoding["offsets"], shares.tolist(), strict=True):
        if words and a == words[-1][1]:
            words[-1][1], words[-1][2] = b, words[-1][2] + share
        else:
            words.append([a, b, share])
    stopwords = words_of("stopwords.txt")
    found = sorted((w for w in words if w[2] > 0 and (w[1] <= start or w[0] >= end)
                    and text[w[0]:w[1]].isalpha() and text[w[0]:w[1]].lower() not in stopwords),
                   key=lambda w: -w[2])
    return [text[a:b] for a, b, share in found[:CUE_WORDS] if share >= found[0][2] / 3]


class SentimentScorer:
    """Sentence polarity and subjectivity, and sentiment toward each actor mention."""

    name = "sentiment"
    requires = ("actors",)
    columns = {
        "sentences": {"polarity": float, "subjectivity": float},
        "articles": {"polarity": float, "subjectivity": float},
    }

    def score(self, sentences, analysis):
        for sentence in sentences:
            sentence["polarity"], sentence["subjectivity"] = polarity_subjectivity(sentence["text"])
            mentions = sentence.get("mentions", [])
            toward = sentiments_toward(sentence["span"], sentence["encoding"],
                                       [(m["start"], m["end"]) for m in mentions])
            for mention, (label, score) in zip(mentions, toward, strict=True):
                mention["sentiment_label"], mention["sentiment"] = label, score
                mention["sentiment_cues"] = carrying_words(sentence["text"], sentence["encoding"],
                                                           mention["start"], mention["end"], label)
        analysis.summary.update(polarity=mean([s["polarity"] for s in sentences]),
                                subjectivity=mean([s["subjectivity"] for s in sentences]))

    def toward(self, span, encoding: dict, start: int, end: int) -> tuple[str, float]:
        """(label, score) toward the target at [start:end] of a parsed, encoded sentence."""
        return sentiments_toward(span, encoding, [(start, end)])[0]
