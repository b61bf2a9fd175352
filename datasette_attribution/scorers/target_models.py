"""The two target-sentiment models that `training/train_sentiment.py` fits beside
the logistic one, evaluated with numpy alone (no training library at run time):

- gradient-boosted trees over the same named features (`models/sentiment_trees.npz`),
  which see interactions a linear model cannot ("praised" as the verb of which the
  target is the object, not the subject);
- a bidirectional GRU over the sentence's tokens (`models/sentiment_gru.npz`): each
  token's context vector from the spaCy pipeline, a learned word embedding, its
  dependency label, its distance from the target in the sentence and in the parse
  tree, and its polarity in two lexicons; read from the target's own states, an
  attention over the sentence and a maximum over it.

Both give (negative, neutral, positive) probabilities.
"""

from __future__ import annotations

from functools import lru_cache

import numpy

from ..resources import model_arrays


def softmax(scores):
    exps = numpy.exp(scores - scores.max())
    return exps / exps.sum()


class Trees:
    """Regression trees, one per class and boosting round, stored as flat node
    arrays: a node goes left when its feature's value is at most its threshold."""

    def __init__(self, arrays: dict):
        self.features = [str(name) for name in arrays["features"]]
        self.feature = arrays["feature"]
        self.threshold = arrays["threshold"]
        leaf = arrays["leaf"].astype(bool)
        every = numpy.arange(len(leaf))
        # A leaf leads to itself, so every tree can take the same number of steps.
        self.left = numpy.where(leaf, every, arrays["left"])
        self.right = numpy.where(leaf, every, arrays["right"])
        self.value = arrays["value"]
        self.roots = arrays["roots"]  # (rounds, classes): each tree's first node
        self.baseline = arrays["baseline"]
        self.depth, level = 0, self.roots.ravel()
        while not leaf[level].all():  # the deepest tree's depth
            level = numpy.unique(numpy.concatenate([self.left[level], self.right[level]]))
            self.depth += 1

    def probabilities(self, features: dict[str, float]):
        return self.probabilities_of_targets([features])[0]

    def probabilities_of_targets(self, targets: list[dict[str, float]]):
        """(targets, 3) probabilities, every tree walked for every target at once."""
        x = numpy.array([[features.get(name, 0.0) for name in self.features] for features in targets])
        nodes = numpy.broadcast_to(self.roots.ravel(), (len(targets), self.roots.size)).copy()
        rows = numpy.arange(len(targets))[:, None]
        for _ in range(self.depth):
            go_left = x[rows, self.feature[nodes]] <= self.threshold[nodes]
            nodes = numpy.where(go_left, self.left[nodes], self.right[nodes])
        raw = self.value[nodes].reshape(len(targets), *self.roots.shape).sum(axis=1) + self.baseline
        exps = numpy.exp(raw - raw.max(axis=1, keepdims=True))
        return exps / exps.sum(axis=1, keepdims=True)


def _sigmoid(x):
    return 1.0 / (1.0 + numpy.exp(-x))


class RecurrentModel:
    """The GRU's weights, as PyTorch stores them (gates in the order reset, update,
    new), and its embeddings."""

    def __init__(self, arrays: dict):
        self.words = {str(word): index + 2 for index, word in enumerate(arrays["vocabulary"])}
        self.deps = {str(dep): index + 1 for index, dep in enumerate(arrays["dependencies"])}
        self.a = arrays

    def _run(self, x, direction: str):
        """The states of one direction for a batch of sequences of one length:
        x (batch, steps, inputs) -> (batch, steps, width)."""
        w_ih, w_hh = self.a[f"gru_ih_{direction}"], self.a[f"gru_hh_{direction}"]
        b_ih, b_hh = self.a[f"gru_bih_{direction}"], self.a[f"gru_bhh_{direction}"]
        width = w_hh.shape[1]
        inputs = x @ w_ih.T + b_ih  # every step's input part at once
        h = numpy.zeros((x.shape[0], width), dtype=x.dtype)
        states = numpy.zeros((x.shape[0], x.shape[1], width), dtype=x.dtype)
        steps = range(x.shape[1]) if direction == "forward" else range(x.shape[1] - 1, -1, -1)
        for step in steps:
            hidden = h @ w_hh.T + b_hh
            gates = _sigmoid(inputs[:, step, :2 * width] + hidden[:, :2 * width])
            reset, update = gates[:, :width], gates[:, width:]
            new = numpy.tanh(inputs[:, step, 2 * width:] + reset * hidden[:, 2 * width:])
            h = (1 - update) * new + update * h
            states[:, step] = h
        return states

    def probabilities(self, inputs: dict):
        return self.probabilities_of_targets([inputs])[0]

    def probabilities_of_targets(self, targets: list[dict]):
        """(targets, 3) probabilities for several targets of one sentence, run as
        one batch: their inputs differ, their length does not."""
        a = self.a
        first = targets[0]
        words = a["word_embedding"][[self.words.get(word, 1) for word in first["words"]]]
        deps = a["dependency_embedding"][[self.deps.get(dep, 0) for dep in first["deps"]]]
        tree = numpy.stack([a["tree_embedding"][t["tree"]] for t in targets])
        x = numpy.concatenate([
            numpy.broadcast_to(words, (len(targets), *words.shape)),
            numpy.broadcast_to(deps, (len(targets), *deps.shape)),
            numpy.stack([a["position_embedding"][t["rel"]] for t in targets]),
            tree,
            numpy.stack([t["dense"] for t in targets]),
        ], axis=2).astype(numpy.float32)
        h = numpy.concatenate([self._run(x, "forward"), self._run(x, "backward")], axis=2)
        target = x[:, :, -1:]
        own = (h * target).sum(axis=1) / numpy.maximum(1.0, target.sum(axis=1))
        scores = (numpy.concatenate([h, tree], axis=2) @ a["attention_w"].T)[:, :, 0] + a["attention_b"]
        weights = numpy.exp(scores - scores.max(axis=1, keepdims=True))
        weights /= weights.sum(axis=1, keepdims=True)
        attended = numpy.einsum("ts,tsw->tw", weights, h)
        hidden = numpy.maximum(0.0, numpy.concatenate([own, attended, h.max(axis=1)], axis=1) @ a["out1_w"].T
                               + a["out1_b"])
        logits = hidden @ a["out2_w"].T + a["out2_b"]
        exps = numpy.exp(logits - logits.max(axis=1, keepdims=True))
        return exps / exps.sum(axis=1, keepdims=True)


@lru_cache(maxsize=1)
def trees() -> Trees:
    return Trees(model_arrays("sentiment_trees"))


@lru_cache(maxsize=1)
def recurrent() -> RecurrentModel:
    return RecurrentModel(model_arrays("sentiment_gru"))
