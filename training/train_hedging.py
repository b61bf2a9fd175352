"""Learn the hedge-cue weights and report cross-validated F1 of the uncertain class.

    python training/train_hedging.py WIKIWEASEL_DIR [--write]

WIKIWEASEL_DIR holds train_certain.txt and train_uncertain.txt (CoNLL-2010
Wikipedia training sentences, one a line). The features are the cues that
scorers.hedging.cues finds (lexicon plus context rules): one indicator per cue, a
count per kind, and scorers.hedging.weights.context_features (the words around each cue,
numbers and length of the sentence). Five stratified folds give the held-out
figure, computed by the scorer itself with each fold's model; `--write` refits
on all sentences and writes datasette_attribution/models/hedging.json. The
training sentences stay outside the package. Needs scikit-learn (training only).
"""

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from datasette_attribution.resources import record_model_files  # noqa: E402
from datasette_attribution.nlp import parse  # noqa: E402
from datasette_attribution.scorers.hedging import context_features, hedge_cues  # noqa: E402
from datasette_attribution.scorers.hedging.weights import FEATURE_NAMES, cue_kinds  # noqa: E402

MODEL_PATH = Path(__file__).resolve().parents[1] / "datasette_attribution" / "models" / "hedging.json"


def parsed(sentences):
    """Each sentence as the scorers see it: its spaCy Span."""
    return [doc[:] for doc in parse(sentences)]


def features(span):
    found = Counter()
    cues = hedge_cues(span)
    for cue in cues:
        found[f"cue={cue['cue']}"] = 1
        found[f"kind={cue['kind']}"] += 1
    per_cue, whole = context_features(span.text, cues)
    for context in per_cue:
        found.update(context)
    found.update(whole)
    return found


def load(directory):
    sentences, labels = [], []
    for name, label in (("train_certain.txt", 0), ("train_uncertain.txt", 1)):
        for line in (directory / name).read_text("utf-8").splitlines():
            if line.strip():
                sentences.append(line.strip())
                labels.append(label)
    return sentences, np.array(labels)


def fit(rows, y, C):
    vectorizer = DictVectorizer()
    X = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(X, y)
    return vectorizer, model


# Kinds that hedge a claim on their own in news copy ("the deal may collapse",
# "reportedly", "it is believed"): one such cue is enough for `hedged`. CoNLL-2010's
# Wikipedia annotation marks weasel wording, not epistemic modality, and so learns
# "may" as certain; this floor keeps the scorer a hedge detector.
SUFFICIENT_KINDS = {"modal", "verb", "adverb", "adjective", "noun", "hearsay", "weasel",
                    "negated certainty", "limiter"}


# Kinds that never make a sentence hedged, alone or together: approximators and
# vague words say how many or how often ("several people were injured"), which in
# news is a fact. CoNLL-2010's
# Wikipedia annotation marks a lone "many" or "some" as weasel wording; learned
# without this ceiling, "Several people were injured" and "Many of the buildings
# were destroyed" came out hedged, and so did three plain sentences of the seeds.
CAPPED_KINDS = {"approximator", "vague"}


def to_model(vectorizer, model, threshold, news_rules=True):
    """Per-cue totals (cue weight + kind weight) within bounds: a hedge word never
    makes a claim more certain (>= 0); a cue of a sufficient kind alone reaches the
    threshold; approximators and vague words keep their learned weight, under a
    ceiling the scorer applies with their context."""
    weights = dict(zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True))
    bias = float(model.intercept_[0])
    sentence = {name: round(weights.get(name, 0.0), 4) for name in ("numbers", "length")}
    # Enough to reach the threshold in any sentence: the sentence features are at
    # most 1, so their negative weights are the worst case.
    needed = np.log(threshold / (1 - threshold)) - bias - sum(min(0.0, w) for w in sentence.values()) + 0.01
    # ...and for the other kinds a ceiling that stays under the threshold alone.
    ceiling = np.log(threshold / (1 - threshold)) - bias - sum(max(0.0, w) for w in sentence.values()) - 0.01
    kinds = dict(cue_kinds())
    cues = {}
    for cue, kind in kinds.items():
        total = weights.get(f"cue={cue}", 0.0) + weights.get(f"kind={kind}", 0.0)
        floor = needed if news_rules and kind in SUFFICIENT_KINDS else 0.0
        cues[cue] = round(max(total, floor), 4)
    context = {name: round(weight, 4) for name, weight in weights.items()
               if name.startswith(("cue:", "kind:")) or "<cue:" in name}
    context = {name: weight for name, weight in context.items() if abs(weight) >= 0.01}
    return {"bias": round(bias, 4), "threshold": threshold, "cues": cues,
            "sufficient_kinds": sorted(SUFFICIENT_KINDS) if news_rules else [],
            "ceiling": round(float(ceiling), 4),
            "capped_kinds": sorted(CAPPED_KINDS) if news_rules else [],
            "sentence": sentence,
            "context": dict(sorted(context.items()))}


def predict(exported, spans):
    from datasette_attribution.scorers.hedging import weights

    scores = [weights.cue_score(span, exported) for span in spans]
    return np.array([weights.over_threshold(score, exported) and score > 0 for score in scores])


def f1(y, predicted):
    tp = int((predicted & (y == 1)).sum())
    fp = int((predicted & (y == 0)).sum())
    fn = int((~predicted & (y == 1)).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0, precision, recall


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--C", type=float, default=0.3, help="inverse regularisation strength")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--without-news-rules", action="store_true",
                        help="no floors and no ceiling: the model as CoNLL-2010 alone teaches it "
                             "(for comparison; never written)")
    parser.add_argument("--news", type=Path, metavar="TSV",
                        help="also fit on all the sentences and print hedged-class F1 on these "
                             "labelled news sentences (benchmarks/data/hedging_news_heldout.tsv)")
    args = parser.parse_args()
    if args.write and args.without_news_rules:
        parser.error("--without-news-rules is for comparison and is never written")
    sentences, y = load(args.directory)
    sentences = parsed(sentences)
    rows = [features(s) for s in sentences]
    print(f"{len(y)} sentences, {int(y.sum())} uncertain")
    predicted = np.zeros(len(y), dtype=bool)
    for train, test in StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(rows, y):
        vectorizer, model = fit([rows[i] for i in train], y[train], args.C)
        predicted[test] = predict(to_model(vectorizer, model, args.threshold,
                                           news_rules=not args.without_news_rules),
                                  [sentences[i] for i in test])
    print("cross-validated uncertain-class F1 %.3f (precision %.3f, recall %.3f)" % f1(y, predicted))
    if args.news:
        labelled = [line.split("\t", 1) for line in args.news.read_text("utf-8").splitlines()
                    if line.strip() and not line.startswith("#")]
        fitted = to_model(*fit(rows, y, args.C), args.threshold, news_rules=not args.without_news_rules)
        news_y = np.array([label == "hedged" for label, _ in labelled], dtype=int)
        news_predicted = predict(fitted, parsed([sentence for _, sentence in labelled]))
        print("%s: hedged-class F1 %.3f (precision %.3f, recall %.3f)"
              % (args.news.name, *f1(news_y, news_predicted)))
    if args.write:
        exported = to_model(*fit(rows, y, args.C), args.threshold)
        exported = {"about": "Hedge-cue weights learned by training/train_hedging.py on the "
                             "CoNLL-2010 Wikipedia training sentences, with the floors and ceiling "
                             "described there; see scorers/hedging/weights.py for the formula", **exported,
                    "feature_names": list(FEATURE_NAMES),
                    "command": "python training/train_hedging.py WIKIWEASEL_DIR --write"}
        MODEL_PATH.write_text(json.dumps(exported, indent=1, ensure_ascii=False) + "\n")
        print(f"wrote {MODEL_PATH.name}")
        print(f"recorded its checksum in {record_model_files()}")


if __name__ == "__main__":
    main()
