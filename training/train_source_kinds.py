"""Train the source-kind head (named or anonymous, and of what kind) on PolNeAR
sources labelled by hand, and report it against the parse's rules alone.

    python training/train_source_kinds.py --shared PATH/shared/data [--write] [--test]

The labels (training/data/polnear_sources.jsonl, README beside it) name each source
by its PolNeAR document and character offsets; the sentence is the one the package's
own segmenter puts the source in, parsed and encoded as a load does. Features are
scorers.source_kinds.sparse_features and the encoder's mean over the phrase. Five
folds grouped by document give the `train` part's figures and pick the strength, the
encoder's weight, the blend with the rules and the threshold on P(anonymous) for the
anonymous F1 (the share of kinds right is printed beside it); `--write` fits on the whole `train` part and writes
datasette_attribution/models/source_kind_head.npz (weights and feature names only).
`--test` prints the figures on the `test` part, which nothing here is tuned on.
`--batches` names the labelling batches learned from and scored: the shipped head
learned from the first (`1`); with the second too (`1 2`) it was tried and not kept
(docs/measured.md).
training/import_source_labels.py makes the jsonl from the labellers' files.
Needs scikit-learn (the `train` extra).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from datasette_attribution import encoder, nlp  # noqa: E402
from datasette_attribution.resources import record_model_files  # noqa: E402
from datasette_attribution.scorers.sourcing.kinds import (  # noqa: E402
    ANONYMOUS_KINDS,
    SPARSE_FEATURE_NAMES,
    phrase_vector,
    rule_kind,
    sparse_features,
)
from training.real_news import documents  # noqa: E402

LABELS = ROOT / "training" / "data" / "polnear_sources.jsonl"
MODEL = ROOT / "datasette_attribution" / "models" / "source_kind_head.npz"
MIN_COUNT = 3


def examples(shared: Path, part: str, batches: tuple[int, ...] = (1,)):
    rows = [json.loads(line) for line in LABELS.read_text("utf-8").splitlines()]
    rows = [r for r in rows if r["part"] == part and r.get("batch", 1) in batches]
    texts = documents(shared)
    sentences = [texts[(r["corpus"], r["doc"])][r["sentence_start"]:r["sentence_end"]] for r in rows]
    sparse, dense, rules = [], [], []
    with nlp.memory_zone():
        for row, doc, encoding in zip(rows, nlp.parse(sentences), encoder.encode(sentences), strict=True):
            span = doc[:]
            sparse.append(sparse_features(span, row["start"], row["end"]))
            dense.append(phrase_vector(encoding, row["start"], row["end"]))
            rules.append(rule_kind(span, row["start"], row["end"]))
    return rows, sparse, np.array(dense), rules


def anonymity_figures(gold: list[bool], predicted: list[bool]) -> str:
    tp = sum(g and p for g, p in zip(gold, predicted, strict=True))
    fp = sum(p and not g for g, p in zip(gold, predicted, strict=True))
    fn = sum(g and not p for g, p in zip(gold, predicted, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / max(len(gold), 1)
    return (f"anonymous F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f}; {tp}/{tp + fn} found), "
            f"accuracy {accuracy:.3f}")


class Head:
    def __init__(self, C: float, dense_scale: float):
        self.C, self.dense_scale = C, dense_scale

    def fit(self, sparse, dense, kinds):
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        counts = Counter(name for row in sparse for name in row)
        self.vectorizer = DictVectorizer(sparse=False)
        self.vectorizer.fit([{k: v for k, v in row.items() if counts[k] >= MIN_COUNT} for row in sparse])
        self.model = LogisticRegression(C=self.C, max_iter=3000)
        self.model.fit(self._matrix(sparse, dense), kinds)
        return self

    def _matrix(self, sparse, dense):
        return np.hstack([self.vectorizer.transform(sparse), dense * self.dense_scale])

    def probabilities(self, sparse, dense):
        return self.model.predict_proba(self._matrix(sparse, dense))

    def p_anonymous(self, sparse, dense):
        anonymous = [i for i, c in enumerate(self.model.classes_) if c in ANONYMOUS_KINDS]
        return self.probabilities(sparse, dense)[:, anonymous].sum(1)

    def kinds(self, sparse, dense, threshold, blend=0.0, rules=()):
        probabilities = self.probabilities(sparse, dense)
        classes = list(self.model.classes_)
        out = []
        for row, rule in zip(probabilities, rules, strict=True):
            p = sum(p for c, p in zip(classes, row, strict=True) if c in ANONYMOUS_KINDS)
            anonymous = (1 - blend) * p + blend * (rule in ANONYMOUS_KINDS) >= threshold
            allowed = [i for i, c in enumerate(classes) if (c in ANONYMOUS_KINDS) == anonymous]
            out.append(classes[max(allowed, key=lambda i: row[i])])
        return out


def cross_validated(rows, sparse, dense, C, scale):
    from sklearn.model_selection import GroupKFold

    kinds = np.array([r["kind"] for r in rows])
    groups = [r["doc"] for r in rows]
    p, kind_of = np.zeros(len(rows)), [None] * len(rows)
    for train, test in GroupKFold(n_splits=5).split(dense, kinds, groups):
        head = Head(C, scale).fit([sparse[i] for i in train], dense[train], kinds[train])
        p[test] = head.p_anonymous([sparse[i] for i in test], dense[test])
        # each held-out source's kind, given whether it is anonymous (decided by the threshold later)
        probabilities, classes = head.probabilities([sparse[i] for i in test], dense[test]), list(head.model.classes_)
        for i, row in zip(test, probabilities, strict=True):
            kind_of[i] = {anonymous: max((c for c in classes if (c in ANONYMOUS_KINDS) == anonymous),
                                         key=lambda c: row[classes.index(c)]) for anonymous in (True, False)}
    return p, kind_of


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, required=True, help="the shared data folder")
    parser.add_argument("--grid-C", type=float, nargs="+", default=[0.1, 0.3, 1.0],
                        help="regularisation strengths tried in cross-validation")
    parser.add_argument("--grid-scale", type=float, nargs="+", default=[0.0, 1.0, 3.0],
                        help="weights of the encoder's features tried (0: the parse's features alone)")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--test", action="store_true")
    parser.add_argument("--errors", type=int, default=0, help="print up to N cross-validated errors of train")
    parser.add_argument("--batches", type=int, nargs="+", default=[1], help="the labelling batches to use")
    args = parser.parse_args()
    rows, sparse, dense, rules = examples(args.shared, "train", tuple(args.batches))
    gold = [r["anonymous"] == 1 for r in rows]
    print(f"train part: {len(rows)} sources, {sum(gold)} anonymous; kinds {Counter(r['kind'] for r in rows)}")
    print("rules alone (cross-validation needs none): " +
          anonymity_figures(gold, [k in ANONYMOUS_KINDS for k in rules]))
    print(f"  kind accuracy {np.mean([k == r['kind'] for k, r in zip(rules, rows, strict=True)]):.3f}")
    results = []
    rule_anonymous = np.array([k in ANONYMOUS_KINDS for k in rules], dtype=float)
    for C in args.grid_C:
        for scale in args.grid_scale:
            p_head, kind_of = cross_validated(rows, sparse, dense, C, scale)
            for blend in (0.0, 0.25, 0.5):
                # the head's P(anonymous) blended with the rules' yes or no
                p = (1 - blend) * p_head + blend * rule_anonymous
                for threshold in np.arange(0.2, 0.81, 0.05):
                    predicted = [x >= threshold for x in p]
                    tp = sum(g and q for g, q in zip(gold, predicted, strict=True))
                    f1 = 2 * tp / (sum(gold) + sum(predicted)) if tp else 0.0
                    kinds_right = np.mean([k[q] == r["kind"] for k, q, r in zip(kind_of, predicted, rows, strict=True)])
                    results.append((f1, C, scale, blend, round(float(threshold), 2), p, kinds_right))
    for f1, C, scale, blend, threshold, _, kinds_right in sorted(results, key=lambda r: r[0], reverse=True)[:5]:
        print(f"  five folds: C {C}, dense scale {scale}, blend {blend}, threshold {threshold}: "
              f"anonymous F1 {f1:.3f}, kind right {kinds_right:.3f}")
    f1, C, scale, blend, threshold, p, kinds_right = max(results, key=lambda r: r[0])
    print(f"head, five folds by document, best C {C}, dense scale {scale}, blend with the rules {blend}, "
          f"threshold {threshold}: " + anonymity_figures(gold, [x >= threshold for x in p])
          + f"; kind right {kinds_right:.3f}")
    if args.errors:
        texts = documents(args.shared)
        shown = 0
        for row, x, rule in zip(rows, p, rules, strict=True):
            if (x >= threshold) != (row["anonymous"] == 1) and shown < args.errors:
                sentence = texts[(row["corpus"], row["doc"])][row["sentence_start"]:row["sentence_end"]]
                print(f"  gold {row['kind']:<16} p {x:.2f} rule {rule:<16} "
                      f"[{sentence[row['start']:row['end']]}] {' '.join(sentence.split())[:160]}")
                shown += 1
    kinds = np.array([r["kind"] for r in rows])
    head = Head(C, scale).fit(sparse, dense, kinds)
    if args.test:
        test_rows, test_sparse, test_dense, test_rules = examples(args.shared, "test", tuple(args.batches))
        test_gold = [r["anonymous"] == 1 for r in test_rows]
        predicted = head.kinds(test_sparse, test_dense, threshold, blend, test_rules)
        print(f"test part (never read): {len(test_rows)} sources, {sum(test_gold)} anonymous")
        print("  rules alone: " + anonymity_figures(test_gold, [k in ANONYMOUS_KINDS for k in test_rules]))
        print("  head: " + anonymity_figures(test_gold, [k in ANONYMOUS_KINDS for k in predicted]))
        rules_right = np.mean([k == r["kind"] for k, r in zip(test_rules, test_rows, strict=True)])
        print(f"  kind accuracy: rules {rules_right:.3f}, "
              f"head {np.mean([k == r['kind'] for k, r in zip(predicted, test_rows, strict=True)]):.3f}")
        by_kind = defaultdict(Counter)
        for k, r in zip(predicted, test_rows, strict=True):
            by_kind[r["kind"]][k] += 1
        for kind, found in sorted(by_kind.items()):
            print(f"    gold {kind:<16} -> {dict(found)}")
    if args.write:
        names = list(head.vectorizer.get_feature_names_out())
        width = dense.shape[1]
        weight = head.model.coef_.astype(np.float32)
        np.savez_compressed(
            MODEL, features=np.array(names), classes=np.array(list(head.model.classes_)),
            weight=weight, bias=head.model.intercept_.astype(np.float32),
            dense_scale=np.float32(scale), threshold=np.float32(threshold), width=np.int32(width),
            rule_blend=np.float32(blend), sparse_names=np.array(SPARSE_FEATURE_NAMES),
            dense_names=np.array([f"phrase:{i}" for i in range(width)]),
            command=np.array("python training/train_source_kinds.py --shared SHARED_DATA --write"))
        print(f"wrote {MODEL.name} ({MODEL.stat().st_size // 1024} KiB, {len(names)} sparse features)")
        print(f"recorded its checksum in {record_model_files()}")


if __name__ == "__main__":
    main()
