"""Train the target-sentiment models on NewsMTSC and report cross-validated macro-F1.

    python training/train_sentiment.py NEWSMTSC_TRAIN_JSONL [--write] [--no-cv]

Each target in the file (character offsets `from`/`to` into
`sentence_normalized`, polarity 2/4/6 = negative/neutral/positive) is one
example. Three models vote (the mean of their probabilities): a logistic model
and gradient-boosted trees over scorers.sentiment.target_features (and the
pipeline's context vectors), and a GRU over scorers.sentiment.token_inputs
(training/sentiment_models.py). Five folds grouped by sentence give the held-out
figure (a sentence's targets never straddle train and test); about 30 minutes on
two cores, most of it the GRU. `--write` refits on everything and writes
datasette_attribution/models/sentiment.json, sentiment_trees.npz and
sentiment_gru.npz. Needs scikit-learn and PyTorch (training only); the training
data stays outside the package.
"""

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from datasette_attribution.nlp import parse  # noqa: E402
from datasette_attribution.scorers.sentiment import (  # noqa: E402
    LABELS,
    context_vector,
    decide,
    polarity_subjectivity,
    target_features,
    token_inputs,
    vector_feature_names,
)
from training.sentiment_models import GRUModel, dense, fit_trees, tree_arrays  # noqa: E402

MODELS = Path(__file__).resolve().parents[1] / "datasette_attribution" / "models"
MODEL_PATH = MODELS / "sentiment.json"
POLARITY_LABELS = {2.0: 0, 4.0: 1, 6.0: 2}


def load(path):
    rows, sequences, labels, groups, baseline = [], [], [], [], []
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    docs = parse([record["sentence_normalized"] for record in records])
    for number, (record, doc) in enumerate(zip(records, docs)):
        sentence = record["sentence_normalized"]
        polarity = polarity_subjectivity(sentence)[0]
        for target in record["targets"]:
            span = doc[:]
            features = target_features(span, target["from"], target["to"], polarity)
            vector = context_vector(span, target["from"], target["to"])
            if vector is not None:
                features.update(zip(vector_feature_names(len(vector)), vector.tolist()))
            rows.append(features)
            sequences.append(token_inputs(span, target["from"], target["to"]))
            labels.append(POLARITY_LABELS[target["polarity"]])
            groups.append(number)
            baseline.append(0 if polarity < -0.1 else (2 if polarity > 0.1 else 1))
    return rows, sequences, np.array(labels), np.array(groups), np.array(baseline)


def named_features(rows):
    """The features the trees read: every one but the hashed words."""
    return sorted({name for row in rows for name in row if not (name[0] == "h" and name[1:].isdigit())})


def fit(rows, y, C):
    vectorizer = DictVectorizer()
    X = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=C, max_iter=3000, class_weight="balanced").fit(X, y)
    return vectorizer, model


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train_jsonl", type=Path)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation (with --write)")
    parser.add_argument("--C", type=float, default=0.1)
    args = parser.parse_args()
    rows, sequences, y, groups, baseline = load(args.train_jsonl)
    names = named_features(rows)
    print(f"{len(y)} targets in {len(set(groups))} sentences")
    print(f"baseline, sentence polarity (TextBlob): macro-F1 {f1_score(y, baseline, average='macro'):.3f}")
    if not args.no_cv:
        cross_validate(rows, sequences, y, groups, names, args.C)
    if args.write:
        write(rows, sequences, y, names, args.C)


def cross_validate(rows, sequences, y, groups, names, C):
    votes = {name: np.zeros((len(y), 3)) for name in ("logistic", "trees", "GRU")}
    for fold, (train, test) in enumerate(GroupKFold(n_splits=5).split(rows, y, groups)):
        vectorizer, model = fit([rows[i] for i in train], y[train], C)
        votes["logistic"][test] = model.predict_proba(vectorizer.transform([rows[i] for i in test]))
        trees = fit_trees([rows[i] for i in train], y[train], names)
        votes["trees"][test] = trees.predict_proba(dense([rows[i] for i in test], names))
        network = GRUModel([sequences[i] for i in train], y[train])
        votes["GRU"][test] = network.predict_proba([sequences[i] for i in test])
        print(f"fold {fold + 1} of 5 done", flush=True)
    mean = sum(votes.values()) / len(votes)
    with_rules = [LABELS.index(decide(list(p), row)[0]) for p, row in zip(mean, rows)]
    for name, predicted in [*((f"{name} alone", p.argmax(axis=1)) for name, p in votes.items()),
                            ("the three, mean of probabilities", mean.argmax(axis=1)),
                            ("the three + the scorer's rules", with_rules)]:
        print(f"cross-validated macro-F1, {name}: {f1_score(y, predicted, average='macro'):.3f} "
              f"(per class {np.round(f1_score(y, predicted, average=None), 3).tolist()})")


def write(rows, sequences, y, names, C):
    vectorizer, model = fit(rows, y, C)
    feature_names = vectorizer.get_feature_names_out()
    weights = {}
    for index, label in enumerate(LABELS):
        weights[label] = {name: round(float(w), 4) for name, w in zip(feature_names, model.coef_[index])
                          if abs(w) >= 1e-4}
        weights[label]["bias"] = round(weights[label].get("bias", 0.0) + float(model.intercept_[index]), 4)
    MODEL_PATH.write_text(json.dumps({
        "about": "Target sentiment, multinomial logistic regression over "
                 "scorers.sentiment.target_features, trained on NewsMTSC by "
                 "training/train_sentiment.py",
        "labels": list(LABELS),
        "weights": weights,
    }, separators=(",", ":")) + "\n")
    np.savez_compressed(MODELS / "sentiment_trees.npz", **tree_arrays(fit_trees(rows, y, names), names))
    np.savez_compressed(MODELS / "sentiment_gru.npz", **GRUModel(sequences, y).arrays())
    for name in ("sentiment.json", "sentiment_trees.npz", "sentiment_gru.npz"):
        print(f"wrote {name} ({(MODELS / name).stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
