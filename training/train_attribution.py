"""Train the attribution cue model on PolNeAR and report sentence-level detection.

    python training/train_attribution.py PATH/polnear/train.jsonl [--dev PATH/dev.jsonl] [--encoder] [--write]

Every candidate token of every sentence (scorers.cues.is_candidate) is one example,
labelled a cue when it overlaps a cue PolNeAR marks; features come from
scorers.cues.token_features over the sentence's spaCy parse. Five folds grouped by
article give the held-out figures: a sentence is detected when one of its tokens
reaches the threshold, and it is right when a gold cue starts inside it (as the
corpus's scoring tool counts). The threshold that gives the best cross-validated
F1 is kept. `--dev` also prints the figure on the dev split with the model fitted
on all of train; `--encoder` adds the shared encoder's reading of each token
(scorers.cues.token_vectors) as dense features beside the sparse ones; with it the
threshold is picked on a fifth of train's articles held out (one fold, not five: the
dense features make each fit slow). `--write` writes
datasette_attribution/models/attribution_cues.json (weights only: no text of the
corpus). Needs scikit-learn (training only).
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
from scipy.sparse import csr_matrix, hstack

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from datasette_attribution.resources import record_model_files  # noqa: E402
from datasette_attribution.ingest.structured import article_from_record  # noqa: E402
from datasette_attribution.records import RawDocument  # noqa: E402
from datasette_attribution import encoder  # noqa: E402
from datasette_attribution.nlp import parse  # noqa: E402
from datasette_attribution.scorers.sourcing.cues import (  # noqa: E402
    FEATURE_NAMES,
    dense_feature_names,
    is_candidate,
    is_quote_mark,
    token_vectors,
    quotation_depths,
    token_features,
)
from datasette_attribution.text.segment import segment_article  # noqa: E402

MODEL_PATH = Path(__file__).resolve().parents[1] / "datasette_attribution" / "models" / "attribution_cues.json"
# Features seen in fewer training rows, and weights smaller than this, are left out:
# a model of 15,000 weights instead of 355,000 that detects as well within 0.005 F1.
MIN_COUNT = 25
MIN_WEIGHT = 0.05


def examples(path: Path, dense: bool = False):
    """Token rows, token labels, the sentence of each row, sentence labels, article
    groups, and (with `dense`) each row's encoder reading."""
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
    texts = [text for *_, text in located]
    docs = parse(texts)
    encodings = (encoding for batch in range(0, len(texts), 256)
                 for encoding in encoder.encode(texts[batch:batch + 256])) if dense else None
    rows, labels, row_sentence, sentence_labels, groups, vectors = [], [], [], [], [], []
    for index, ((number, gold, start, end, _), doc) in enumerate(zip(located, docs, strict=True)):
        span = doc[:]
        token_rows = token_vectors(span, next(encodings)) if dense else None
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
            if dense:
                vectors.append(token_rows[offset])
    return (rows, np.array(labels), np.array(row_sentence), np.array(sentence_labels), np.array(groups),
            np.array(vectors, dtype=np.float32) if dense else None)


def frequent(rows, min_count=MIN_COUNT):
    counts = Counter(name for row in rows for name in row)
    kept = {name for name, count in counts.items() if count >= min_count}
    return [{name: value for name, value in row.items() if name in kept} for row in rows]


def matrix(vectorizer, rows, vectors, fitting=False):
    sparse = vectorizer.fit_transform(rows) if fitting else vectorizer.transform(rows)
    return sparse if vectors is None else hstack([sparse, csr_matrix(vectors)]).tocsr()


def fit(rows, y, C, vectors=None):
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=C, max_iter=2000).fit(matrix(vectorizer, rows, vectors, True), y)
    return vectorizer, model


def predict(vectorizer, model, rows, vectors=None):
    """Probabilities as the shipped model gives them: small sparse weights left out."""
    width = len(vectorizer.get_feature_names_out())
    coef = model.coef_[0]
    weights = np.concatenate([np.where(np.abs(coef[:width]) >= MIN_WEIGHT, coef[:width], 0.0), coef[width:]])
    z = matrix(vectorizer, rows, vectors) @ weights + model.intercept_[0]
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
    parser.add_argument("--encoder", action="store_true", help="add the encoder's reading of each token")
    args = parser.parse_args()
    rows, y, row_sentence, sentence_labels, groups, vectors = examples(args.train_jsonl, args.encoder)
    rows = frequent(rows)
    count = len(sentence_labels)
    print(f"{len(y)} candidate tokens ({int(y.sum())} in cues) in {count} sentences "
          f"({int(sentence_labels.sum())} attributed)")
    row_groups = groups[row_sentence]
    probabilities = np.full(len(y), np.nan)
    folds = list(GroupKFold(n_splits=5).split(rows, y, row_groups))
    for train, test in folds[:1] if args.encoder else folds:
        vectorizer, model = fit([rows[i] for i in train], y[train], args.C,
                                vectors[train] if args.encoder else None)
        probabilities[test] = predict(vectorizer, model, [rows[i] for i in test],
                                      vectors[test] if args.encoder else None)
    scored = ~np.isnan(probabilities)
    best = sentence_scores(np.nan_to_num(probabilities), row_sentence, count)
    held = np.zeros(count, dtype=bool)
    held[row_sentence[scored]] = True
    results = [(detection(best[held], sentence_labels[held], t), t) for t in np.arange(0.2, 0.71, 0.025)]
    (f1, precision, recall), threshold = max(results)
    print(f"{'held-out fifth' if args.encoder else 'cross-validated'} sentence detection at threshold "
          f"{threshold:.3f}: F1 {f1:.3f} (precision {precision:.3f}, recall {recall:.3f})")
    vectorizer, model = fit(rows, y, args.C, vectors)
    if args.dev:
        dev_rows, _, dev_row_sentence, dev_labels, _, dev_vectors = examples(args.dev, args.encoder)
        dev_best = sentence_scores(predict(vectorizer, model, dev_rows, dev_vectors), dev_row_sentence,
                                   len(dev_labels))
        f1, precision, recall = detection(dev_best, dev_labels, threshold)
        print(f"{args.dev.name}: sentence detection F1 {f1:.3f} (precision {precision:.3f}, "
              f"recall {recall:.3f})")
    if args.write:
        names = vectorizer.get_feature_names_out()
        weights = {name: round(float(w), 4) for name, w in
                   zip(names, model.coef_[0][:len(names)], strict=True) if abs(w) >= MIN_WEIGHT}
        about = ("Attribution cues: logistic regression over scorers.cues.token_features"
                 + (" and the encoder's reading of each token (dense)" if args.encoder else "")
                 + ", trained on the PolNeAR train split (Newell, Margolin and Ruths, LREC 2018) "
                   "by training/train_attribution.py; weights only")
        content = {"about": about, "intercept": round(float(model.intercept_[0]), 4),
                   "threshold": round(float(threshold), 3), "weights": dict(sorted(weights.items())),
                   "feature_names": list(FEATURE_NAMES),
                   "command": "python training/train_attribution.py POLNEAR/train.jsonl --dev POLNEAR/dev.jsonl"
                              + (" --encoder" if args.encoder else "") + " --write"}
        if args.encoder:
            content["dense"] = [round(float(w), 5) for w in model.coef_[0][len(names):]]
            content["dense_names"] = dense_feature_names()
        MODEL_PATH.write_text(json.dumps(content, separators=(",", ":")) + "\n")
        print(f"wrote {MODEL_PATH.name} ({MODEL_PATH.stat().st_size // 1024} KiB, {len(weights)} weights)")
        print(f"recorded its checksum in {record_model_files()}")


if __name__ == "__main__":
    main()
