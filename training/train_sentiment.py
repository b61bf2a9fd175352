"""Train the target-sentiment model on NewsMTSC and report cross-validated macro-F1.

    python training/train_sentiment.py NEWSMTSC_TRAIN_JSONL [--write]

Each target in the file (character offsets `from`/`to` into
`sentence_normalized`, polarity 2/4/6 = negative/neutral/positive) is one
example; features come from scorers.sentiment.target_features over the sentence's
spaCy parse (the default pipeline). Five folds grouped
by sentence give the held-out figure (a sentence's targets never straddle train
and test). `--write` refits on everything and writes
datasette_attribution/models/sentiment.json. Needs scikit-learn (training only);
the training data stays outside the package.
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
    vector_feature_names,
)

MODEL_PATH = Path(__file__).resolve().parents[1] / "datasette_attribution" / "models" / "sentiment.json"
POLARITY_LABELS = {2.0: 0, 4.0: 1, 6.0: 2}


def load(path):
    rows, labels, groups, baseline = [], [], [], []
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
            labels.append(POLARITY_LABELS[target["polarity"]])
            groups.append(number)
            baseline.append(0 if polarity < -0.1 else (2 if polarity > 0.1 else 1))
    return rows, np.array(labels), np.array(groups), np.array(baseline)


def fit(rows, y, C):
    vectorizer = DictVectorizer()
    X = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=C, max_iter=3000, class_weight="balanced").fit(X, y)
    return vectorizer, model


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train_jsonl", type=Path)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--C", type=float, default=0.1)
    args = parser.parse_args()
    rows, y, groups, baseline = load(args.train_jsonl)
    print(f"{len(y)} targets in {len(set(groups))} sentences")
    print(f"baseline, sentence polarity (TextBlob): macro-F1 {f1_score(y, baseline, average='macro'):.3f}")
    model_only = np.zeros(len(y), dtype=int)
    with_rules = np.zeros(len(y), dtype=int)
    for train, test in GroupKFold(n_splits=5).split(rows, y, groups):
        vectorizer, model = fit([rows[i] for i in train], y[train], args.C)
        probs = model.predict_proba(vectorizer.transform([rows[i] for i in test]))
        model_only[test] = probs.argmax(axis=1)
        with_rules[test] = [LABELS.index(decide(list(p), rows[i])[0]) for p, i in zip(probs, test)]
    for name, predicted in (("model alone", model_only), ("model + modifier rule", with_rules)):
        print(f"cross-validated macro-F1, {name}: {f1_score(y, predicted, average='macro'):.3f} "
              f"(per class {np.round(f1_score(y, predicted, average=None), 3).tolist()})")
    if args.write:
        vectorizer, model = fit(rows, y, args.C)
        names = vectorizer.get_feature_names_out()
        weights = {}
        for index, label in enumerate(LABELS):
            weights[label] = {name: round(float(w), 4) for name, w in zip(names, model.coef_[index])
                              if abs(w) >= 1e-4}
            weights[label]["bias"] = round(weights[label].get("bias", 0.0) + float(model.intercept_[index]), 4)
        MODEL_PATH.write_text(json.dumps({
            "about": "Target sentiment, multinomial logistic regression over "
                     "scorers.sentiment.target_features, trained on NewsMTSC by "
                     "training/train_sentiment.py",
            "labels": list(LABELS),
            "weights": weights,
        }, separators=(",", ":")) + "\n")
        print(f"wrote {MODEL_PATH.name} ({MODEL_PATH.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
