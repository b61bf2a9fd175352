"""Train the attribution cue model on PolNeAR and report sentence-level detection.

    python training/train_attribution.py PATH/polnear/train.jsonl [--dev PATH/dev.jsonl] [--write]

Every candidate token of every sentence (scorers.cues.is_candidate) is one example,
labelled a cue when it overlaps a cue PolNeAR marks; features come from
scorers.cues.token_features over the sentence's spaCy parse. Five folds grouped by
article give the held-out figures: a sentence is detected when one of its tokens
reaches the threshold, and it is right when a gold cue starts inside it (as the
corpus's scoring tool counts). The threshold that gives the best cross-validated
F1 is kept. `--dev` also prints the figure on the dev split with the model fitted
on all of train; `--write` writes datasette_attribution/models/attribution_cues.json
(weights only: no text of the corpus). Needs scikit-learn (training only).
"""

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from datasette_attribution.resources import record_model_files  # noqa: E402
from datasette_attribution.ingest.records import article_from_record  # noqa: E402
from datasette_attribution.model import RawDocument  # noqa: E402
from datasette_attribution.nlp import parse  # noqa: E402
from datasette_attribution.scorers.cues import (  # noqa: E402
    is_candidate,
    is_quote_mark,
    quotation_depths,
    token_features,
)
from datasette_attribution.text.segment import segment_article  # noqa: E402

MODEL_PATH = Path(__file__).resolve().parents[1] / "datasette_attribution" / "models" / "attribution_cues.json"
# Features seen in fewer training rows, and weights smaller than this, are left out:
# a model of 15,000 weights instead of 355,000 that detects as well within 0.005 F1.
MIN_COUNT = 25
MIN_WEIGHT = 0.05


def examples(path: Path):
    """Token rows, token labels, the sentence of each row, sentence labels, article groups."""
    articles = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    located = []  # (article index, gold, sentence start in gold text, sentence text)
    for number, gold in enumerate(articles):
        raw = RawDocument(gold["id"], gold["id"], "record", gold["text"])
        text, cursor = gold["text"], 0
        for sentence in segment_article(article_from_record(raw)):
            pattern = re.compile(r"\s+".join(map(re.escape, sentence["text"].split())))
            match = pattern.search(text, cursor) or pattern.search(text)
            if match:
                cursor = match.end()
                located.append((number, gold, match.start(), match.end(), sentence["text"]))
    docs = parse([text for *_, text in located])
    rows, labels, row_sentence, sentence_labels, groups = [], [], [], [], []
    for index, ((number, gold, start, end, _), doc) in enumerate(zip(located, docs)):
        span = doc[:]
        sentence_labels.append(any(start <= cue[0] < end for cue in gold["cues"]))
        groups.append(number)
        depths = quotation_depths(span)
        has_quote = any(is_quote_mark(t) for t in span)
        for offset, token in enumerate(span):
            if not is_candidate(token):
                continue
            token_start = start + token.idx
            token_end = token_start + len(token.text)
            rows.append(token_features(token, depths[offset], has_quote))
            labels.append(any(a < token_end and token_start < b for a, b in gold["cues"]))
            row_sentence.append(index)
    return rows, np.array(labels), np.array(row_sentence), np.array(sentence_labels), np.array(groups)


def frequent(rows, min_count=MIN_COUNT):
    counts = Counter(name for row in rows for name in row)
    kept = {name for name, count in counts.items() if count >= min_count}
    return [{name: value for name, value in row.items() if name in kept} for row in rows]


def fit(rows, y, C):
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=C, max_iter=2000).fit(vectorizer.fit_transform(rows), y)
    return vectorizer, model


def predict(vectorizer, model, rows):
    """Probabilities as the shipped model gives them: small weights left out."""
    weights = np.where(np.abs(model.coef_[0]) >= MIN_WEIGHT, model.coef_[0], 0.0)
    z = vectorizer.transform(rows) @ weights + model.intercept_[0]
    return 1.0 / (1.0 + np.exp(-z))


def sentence_scores(probabilities, row_sentence, count):
    best = np.zeros(count)
    np.maximum.at(best, row_sentence, probabilities)
    return best


def detection(best, sentence_labels, threshold):
    predicted = best >= threshold
    tp = int((predicted & sentence_labels).sum())
    fp = int((predicted & ~sentence_labels).sum())
    fn = int((~predicted & sentence_labels).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train_jsonl", type=Path)
    parser.add_argument("--dev", type=Path)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--C", type=float, default=0.5)
    args = parser.parse_args()
    rows, y, row_sentence, sentence_labels, groups = examples(args.train_jsonl)
    rows = frequent(rows)
    count = len(sentence_labels)
    print(f"{len(y)} candidate tokens ({int(y.sum())} in cues) in {count} sentences "
          f"({int(sentence_labels.sum())} attributed)")
    row_groups = groups[row_sentence]
    probabilities = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5).split(rows, y, row_groups):
        vectorizer, model = fit([rows[i] for i in train], y[train], args.C)
        probabilities[test] = predict(vectorizer, model, [rows[i] for i in test])
    best = sentence_scores(probabilities, row_sentence, count)
    results = [(detection(best, sentence_labels, t), t) for t in np.arange(0.2, 0.71, 0.025)]
    (f1, precision, recall), threshold = max(results)
    print(f"cross-validated sentence detection at threshold {threshold:.3f}: "
          f"F1 {f1:.3f} (precision {precision:.3f}, recall {recall:.3f})")
    vectorizer, model = fit(rows, y, args.C)
    if args.dev:
        dev_rows, _, dev_row_sentence, dev_labels, _ = examples(args.dev)
        dev_best = sentence_scores(predict(vectorizer, model, dev_rows), dev_row_sentence, len(dev_labels))
        f1, precision, recall = detection(dev_best, dev_labels, threshold)
        print(f"{args.dev.name}: sentence detection F1 {f1:.3f} (precision {precision:.3f}, "
              f"recall {recall:.3f})")
    if args.write:
        weights = {name: round(float(w), 4) for name, w in
                   zip(vectorizer.get_feature_names_out(), model.coef_[0]) if abs(w) >= MIN_WEIGHT}
        MODEL_PATH.write_text(json.dumps({
            "about": "Attribution cues: logistic regression over scorers.cues.token_features, "
                     "trained on the PolNeAR train split (Newell, Margolin and Ruths, LREC 2018) "
                     "by training/train_attribution.py; weights only",
            "intercept": round(float(model.intercept_[0]), 4),
            "threshold": round(float(threshold), 3),
            "weights": dict(sorted(weights.items())),
        }, separators=(",", ":")) + "\n")
        print(f"wrote {MODEL_PATH.name} ({MODEL_PATH.stat().st_size // 1024} KiB, {len(weights)} weights)")
        print(f"recorded its checksum in {record_model_files()}")


if __name__ == "__main__":
    main()
