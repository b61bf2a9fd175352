"""Fitting the two models that join the logistic one in target sentiment, and
writing them as the arrays `datasette_attribution/scorers/target_models.py` reads.
Needs scikit-learn and PyTorch (training only; `pip install torch` takes the CPU
build where one is on disk).
"""

import collections

import numpy as np

# Chosen before cross-validation, not tuned on it.
TREE_PARAMETERS = dict(max_iter=300, learning_rate=0.05, max_leaf_nodes=31, l2_regularization=1.0,
                       max_features=0.5, random_state=0)
GRU_EPOCHS = 8
GRU_BATCH = 32
MIN_WORD_COUNT = 3  # words seen fewer times in training are one unknown word


def balanced_weights(y):
    return np.array([len(y) / (3 * (y == label).sum()) for label in y])


def fit_trees(rows, y, names):
    from sklearn.ensemble import HistGradientBoostingClassifier

    X = dense(rows, names)
    return HistGradientBoostingClassifier(**TREE_PARAMETERS).fit(X, y, sample_weight=balanced_weights(y))


def dense(rows, names):
    return np.array([[row.get(name, 0.0) for name in names] for row in rows], dtype=np.float64)


def tree_arrays(model, names) -> dict:
    """The fitted trees as flat node arrays, each node's children as indices into
    the same arrays."""
    feature, threshold, left, right, leaf, value, roots = [], [], [], [], [], [], []
    for round_ in model._predictors:
        roots.append([])
        for predictor in round_:
            offset = len(feature)
            nodes = predictor.nodes
            roots[-1].append(offset)
            feature.extend(nodes["feature_idx"].tolist())
            threshold.extend(nodes["num_threshold"].tolist())
            left.extend((nodes["left"] + offset).tolist())
            right.extend((nodes["right"] + offset).tolist())
            leaf.extend(nodes["is_leaf"].tolist())
            value.extend(nodes["value"].tolist())
    return {"features": np.array(names), "feature": np.array(feature, dtype=np.int32),
            "threshold": np.array(threshold), "left": np.array(left, dtype=np.int32),
            "right": np.array(right, dtype=np.int32), "leaf": np.array(leaf, dtype=np.uint8),
            "value": np.array(value), "roots": np.array(roots, dtype=np.int32),
            "baseline": np.asarray(model._baseline_prediction, dtype=np.float64).ravel()}


def _network(vocabulary_size, dependency_count):
    import torch
    import torch.nn as nn
    from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

    class TargetGRU(nn.Module):
        def __init__(self):
            super().__init__()
            self.words = nn.Embedding(vocabulary_size, 48, padding_idx=0)
            self.deps = nn.Embedding(dependency_count, 12, padding_idx=0)
            self.positions = nn.Embedding(21, 12)
            self.tree = nn.Embedding(12, 12)
            self.drop = nn.Dropout(0.3)
            self.gru = nn.GRU(48 + 12 + 12 + 12 + 96 + 4, 64, batch_first=True, bidirectional=True)
            self.attention = nn.Linear(128 + 12, 1)
            self.out = nn.Sequential(nn.Linear(128 * 3, 64), nn.ReLU(), nn.Dropout(0.3), nn.Linear(64, 3))

        def forward(self, batch):
            tree = self.tree(batch["tree"])
            x = torch.cat([self.words(batch["w"]), self.deps(batch["d"]), self.positions(batch["rel"]), tree,
                           batch["dense"]], -1)
            mask = batch["mask"]
            # Packed, so that no state reads the padding: the scorer runs one
            # sentence at a time, unpadded.
            packed = pack_padded_sequence(self.drop(x), mask.sum(1), batch_first=True, enforce_sorted=False)
            h, _ = pad_packed_sequence(self.gru(packed)[0], batch_first=True, total_length=x.shape[1])
            target = batch["dense"][..., -1:]
            own = (h * target).sum(1) / target.sum(1).clamp(min=1)
            scores = self.attention(torch.cat([h, tree], -1)).squeeze(-1).masked_fill(~mask, -1e9)
            attended = (torch.softmax(scores, 1).unsqueeze(-1) * h).sum(1)
            strongest = h.masked_fill(~mask.unsqueeze(-1), -1e9).max(1).values
            return self.out(torch.cat([own, attended, strongest], -1))

    return TargetGRU()


class GRUModel:
    """The network with the vocabulary it was trained with."""

    def __init__(self, sequences, y, seed=0):
        import torch

        counts = collections.Counter(word for s in sequences for word in set(s["words"]))
        self.vocabulary = sorted(word for word, count in counts.items() if count >= MIN_WORD_COUNT)
        self.dependencies = sorted({dep for s in sequences for dep in s["deps"]})
        self.word_index = {word: i + 2 for i, word in enumerate(self.vocabulary)}
        self.dep_index = {dep: i + 1 for i, dep in enumerate(self.dependencies)}
        torch.manual_seed(seed)
        self.net = _network(len(self.vocabulary) + 2, len(self.dependencies) + 1)
        encoded = [self._encode(s) for s in sequences]
        weights = torch.tensor([len(y) / (3 * (y == c).sum()) for c in range(3)], dtype=torch.float32)
        optimiser = torch.optim.AdamW(self.net.parameters(), lr=2e-3, weight_decay=1e-4)
        loss = torch.nn.CrossEntropyLoss(weight=weights)
        order = np.random.default_rng(seed)
        for _ in range(GRU_EPOCHS):
            self.net.train()
            shuffled = order.permutation(len(encoded))
            for i in range(0, len(shuffled), GRU_BATCH):
                chosen = shuffled[i:i + GRU_BATCH]
                value = loss(self.net(_batch([encoded[j] for j in chosen])), torch.tensor(y[chosen]))
                optimiser.zero_grad()
                value.backward()
                optimiser.step()
        self.net.eval()

    def _encode(self, s):
        import torch

        return {"w": torch.tensor([self.word_index.get(w, 1) for w in s["words"]]),
                "d": torch.tensor([self.dep_index.get(d, 0) for d in s["deps"]]),
                "rel": torch.tensor(s["rel"]), "tree": torch.tensor(s["tree"]),
                "dense": torch.tensor(s["dense"])}

    def predict_proba(self, sequences):
        import torch

        encoded = [self._encode(s) for s in sequences]
        with torch.no_grad():
            return np.concatenate([torch.softmax(self.net(_batch(encoded[i:i + 256])), -1).numpy()
                                   for i in range(0, len(encoded), 256)])

    def arrays(self) -> dict:
        p = {name: value.detach().numpy().astype(np.float32) for name, value in self.net.state_dict().items()}
        arrays = {"vocabulary": np.array(self.vocabulary), "dependencies": np.array(self.dependencies),
                  "word_embedding": p["words.weight"], "dependency_embedding": p["deps.weight"],
                  "position_embedding": p["positions.weight"], "tree_embedding": p["tree.weight"],
                  "attention_w": p["attention.weight"], "attention_b": p["attention.bias"],
                  "out1_w": p["out.0.weight"], "out1_b": p["out.0.bias"],
                  "out2_w": p["out.3.weight"], "out2_b": p["out.3.bias"]}
        for direction, suffix in (("forward", ""), ("backward", "_reverse")):
            arrays[f"gru_ih_{direction}"] = p[f"gru.weight_ih_l0{suffix}"]
            arrays[f"gru_hh_{direction}"] = p[f"gru.weight_hh_l0{suffix}"]
            arrays[f"gru_bih_{direction}"] = p[f"gru.bias_ih_l0{suffix}"]
            arrays[f"gru_bhh_{direction}"] = p[f"gru.bias_hh_l0{suffix}"]
        return arrays


def _batch(items):
    import torch
    from torch.nn.functional import pad

    longest = max(len(item["w"]) for item in items)
    batch = {key: torch.stack([pad(item[key], (0, longest - len(item[key]))) for item in items])
             for key in ("w", "d", "rel", "tree")}
    batch["dense"] = torch.stack([pad(item["dense"], (0, 0, 0, longest - len(item["dense"]))) for item in items])
    batch["mask"] = torch.stack([torch.arange(longest) < len(item["w"]) for item in items])
    return batch
