"""Whether a sentence is hedged: a logistic model over the shared encoder's vectors and
the cues' signals, trained on news sentences labelled by hand
(`training/train_hedging_classifier.py`, weights in `models/hedging_classifier.npz`).

The cues are its evidence, not its gate: "Election uncertainty weighs on markets" has a
cue ("uncertainty") in a sentence that hedges nothing, and the encoder's reading of the
cue in its sentence tells the two apart better than a veto per word. Its features, by
name (the model file lists the names it was trained on, and loading checks them):

- `pooled:i`: the sentence's mean encoder state;
- `cue:i`: the mean encoder state over the word pieces of the cues, quantities and vague
  words aside (zero with none): the cue read in its context;
- `cue_score`, `cue_logit`: the cue-weight model's score (`weights.py`) and its logit;
- `hedging_cue`: 1 when a cue of a kind that can hedge alone was found; `cues`: how many
  cues; `kind:K`: how many cues of kind K;
- `anonymous_source`: 1 when the sentence's claim is attributed to an unnamed or vague
  source (the sourcing scorer's `attribution`): news labels read "sources said" as
  unconfirmed.

`hedging_score` is the model's probability, calibrated on held-apart folds; `hedged` is
that probability at or above the threshold the training chose.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy

from ...resources import ModelFileError, check_feature_names, feature_check, model_path

MODEL_FILE = "hedging_classifier.npz"
KINDS = ("modal", "verb", "adverb", "adjective", "noun", "hearsay", "weasel", "limiter",
         "negated certainty", "approximator", "vague", "forecast", "possibility", "report")
# Kinds that hedge wherever the cue rules keep them (the cue-weight model lets them reach
# its threshold alone).
SUFFICIENT_KINDS = frozenset(KINDS[:9])
# Quantities and vague wording: in news a quantity is a fact, so they are never read as
# the cue of a hedge, only counted.
COUNTED_ONLY_KINDS = frozenset({"approximator", "vague"})
STATE_SIZE = 384


class HedgingModelError(ModelFileError):
    """The shipped hedging model cannot be used (missing, corrupt, or trained on other features)."""


def feature_names() -> list[str]:
    return ([f"pooled:{i}" for i in range(STATE_SIZE)] + [f"cue:{i}" for i in range(STATE_SIZE)]
            + ["cue_score", "cue_logit", "hedging_cue", "cues"] + [f"kind:{kind}" for kind in KINDS]
            + ["anonymous_source"])


def features(encoding: dict, cues: list[dict], cue_score: float, attribution: str | None) -> numpy.ndarray:
    """The feature vector of one sentence, in `feature_names()` order."""
    states, offsets = encoding["states"], encoding["offsets"]
    hedging = [cue for cue in cues if cue["kind"] in SUFFICIENT_KINDS]
    read = [cue for cue in cues if cue["kind"] not in COUNTED_ONLY_KINDS]
    pieces = [index for index, (start, end) in enumerate(offsets)
              if any(start < cue["end"] and end > cue["start"] for cue in read)]
    cue_state = states[pieces].mean(axis=0) if pieces else numpy.zeros(STATE_SIZE, numpy.float32)
    bounded = min(max(cue_score, 1e-3), 1 - 1e-3)
    signals = [cue_score, math.log(bounded / (1 - bounded)), float(bool(hedging)), float(len(cues))]
    signals += [float(sum(cue["kind"] == kind for cue in cues)) for kind in KINDS]
    signals.append(float(attribution == "anonymous"))
    return numpy.concatenate([encoding["pooled"], cue_state, numpy.asarray(signals, numpy.float32)])


@feature_check
@lru_cache(maxsize=1)
def load_model() -> dict:
    path = model_path(MODEL_FILE)
    try:
        with numpy.load(path, allow_pickle=False) as stored:
            model = {name: stored[name] for name in stored.files}
    except (OSError, ValueError, KeyError) as error:
        raise HedgingModelError(f"{path}: cannot read the hedging model ({error})") from error
    command = str(model["command"]) if "command" in model else None
    check_feature_names(MODEL_FILE, model.get("feature_names", ()), feature_names(), command)
    return model


def probability(vector: numpy.ndarray, model: dict | None = None) -> float:
    model = model or load_model()
    z = float(((vector - model["mean"]) / model["scale"]) @ model["weight"] + model["bias"])
    return 1.0 / (1.0 + math.exp(-z))


def hedged_probability(encoding: dict, cues: list[dict], cue_score: float, attribution: str | None,
                       model: dict | None = None) -> float:
    return round(probability(features(encoding, cues, cue_score, attribution), model), 4)


def is_hedged(score: float, model: dict | None = None) -> bool:
    return score >= float((model or load_model())["threshold"])
