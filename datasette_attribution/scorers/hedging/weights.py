"""The cue-weight model: how strongly a sentence's cues hedge, learned on the CoNLL-2010
Wikipedia training sentences by `training/train_hedging.py` (weights in
`models/hedging.json`). Its score is one of the classifier's features:

    cue score = 0                                  with no cue
              = sigmoid(bias + sentence weights + sum over cues of each cue's part)

A cue's weight is its own plus its kind's. Its context weights are learned for the word
right before and right after it ("may>be", "by<some") and for the three words either
side of a cue of its kind ("modal>used"); the sentence weights are for how many numbers
the sentence holds and its length. A cue's part is its weight plus its context weights,
bounded by kind:

- a kind that hedges on its own (modal, epistemic verb/adverb/adjective/noun, hearsay,
  weasel, limiter, negated certainty): its weight is enough to reach the threshold in
  any sentence, and its context can only add to it;
- approximators ("several", "some of", "often") and vague wording ("most", "rarely"):
  each at least 0, and all together under a ceiling that stays under the threshold, so
  they never make a sentence hedged on their own ("several people were injured" is a fact).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from ...resources import check_feature_names, check_weighed_features, feature_check, labelled, model_file
from .cues import hedge_cues
from .sources import RULE_CUES

MODEL_FILE = "hedging.json"
# The features the model was trained on, in training/train_hedging.py's order, as the
# model file lists them: one indicator per cue and a count per kind, the context of
# each cue (context_features) and the sentence's own. The cues, kinds and context
# words are the lexicon's and the training data's, so each of those features is named
# by its pattern ("cue={cue}"); loading compares these names one by one, then checks
# that every cue and kind the file weighs is one the lexicon still has (a cue added
# since reads 0 like an unseen word; one renamed or dropped stops the load) and that
# every context weight fits its pattern.
FEATURE_NAMES = ("cue={cue}", "kind={kind}", "cue:{cue}>{next word}", "{previous word}<cue:{cue}",
                 "kind:{kind}<{word before}", "kind:{kind}>{word after}", "numbers", "length")


def cue_kinds() -> list[tuple[str, str]]:
    """(cue, kind) for every cue hedge_cues can find: the lexicon's and the rules'."""
    return [(entry.lower(), kind) for entry, kind in labelled("hedge_cues.txt")] + list(RULE_CUES.items())


@feature_check
@lru_cache(maxsize=1)
def _model() -> dict:
    model = model_file("hedging")
    command = model.get("command")
    check_feature_names(MODEL_FILE, model.get("feature_names", ()), FEATURE_NAMES, command)
    pairs = cue_kinds()
    known = ([f"cue={cue}" for cue, _ in pairs] + [f"kind={kind}" for kind in dict.fromkeys(k for _, k in pairs)]
             + list(FEATURE_NAMES[2:]))
    weighed = ([f"cue={cue}" for cue in model["cues"]]
               + [f"kind={kind}" for kind in model["sufficient_kinds"] + model["capped_kinds"]]
               + list(model["context"]) + list(model["sentence"]))
    check_weighed_features(MODEL_FILE, weighed, known, command)
    return model


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
    model = model or _model()
    weights, context = model["cues"], model["context"]
    per_cue, sentence = context_features(text, cues)
    z = model["bias"] + sum(model["sentence"][name] * value for name, value in sentence.items())
    capped = 0.0
    for cue, features in zip(cues, per_cue, strict=True):
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


def cue_score(span, model: dict | None = None) -> float:
    """The cue-weight model's score of a parsed sentence."""
    return score_cues(hedge_cues(span), span.text, model)


def over_threshold(score: float, model: dict | None = None) -> bool:
    """Whether the cue-weight model alone would call the sentence hedged (its own
    cross-validation on CoNLL-2010 reads this; the scorer asks the classifier)."""
    return score >= (model or _model())["threshold"]
