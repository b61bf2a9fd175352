"""Train the hedging classifier (scorers/hedging/classifier.py) on news sentences
labelled by hand, and report it by part.

    python training/train_hedging_classifier.py SHARED_DATA [--write] [--c C] [--learning-curve]

SHARED_DATA holds `polnear/{train,dev}.jsonl` and `pages_news/truth.json`. The labels
(no text; the sentences are read back from SHARED_DATA):

- `benchmarks/data/hedging_polnear.tsv`: 1,892 PolNeAR sentences; `development` (the
  cue rules were developed on these) is learned from, `heldout` is only scored;
- `benchmarks/data/hedging_real_news.tsv`: PolNeAR and 2023 web news sentences labelled
  for this model by two annotators; `train` is learned from, `test` is only scored;
- the hand-written sets `benchmarks/data/hedging_news_heldout{,_2}.tsv` are learned from,
  `hedging_news_heldout_3.tsv` is only scored.

The regularisation and the threshold are chosen on out-of-fold probabilities (five
folds grouped by article) of the real-news sentences learned from; then the model is
refitted on all of them. `--learning-curve` also prints the out-of-fold F1 when each
fold learns from half, three quarters and all of its learned articles (five draws
each): whether more labels of the same kind would help. The held-out parts are scored only with `--held-out`, once,
at the end, and never read. `--write` writes `datasette_attribution/models/hedging_classifier.npz` with the
names of its features and this command, and records its SHA-256 in `models/SHA256SUMS`.
Needs scikit-learn (training only).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from datasette_attribution import analyze, encoder, nlp  # noqa: E402
from datasette_attribution.resources import record_model_files  # noqa: E402
from datasette_attribution.scorers.hedging import classifier, cues, weights  # noqa: E402
from training.hedging_labels import LEARNED_PARTS, kept_from_encoder, labelled  # noqa: E402

MODEL = ROOT / "datasette_attribution" / "models" / classifier.MODEL_FILE


def featurised(examples: list[dict]) -> np.ndarray:
    """Each sentence's features as the load computes them: parsed, encoded and scored
    by the scorers that run before hedging (the sourcing scorer's `attribution` is one),
    each sentence on its own."""
    before = []
    for scorer in analyze.scorers():
        if scorer.name == "hedging":
            break
        before.append(scorer)
    vectors = []
    texts = [example["text"] for example in examples]
    for at in range(0, len(texts), 64):
        batch = texts[at:at + 64]
        with nlp.memory_zone():
            for text, doc, encoding in zip(batch, nlp.parse(batch), encoder.encode(batch), strict=True):
                sentence = {"position": 0, "paragraph": 0, "start": 0, "end": len(text), "text": text,
                            "mentions": [], "span": doc[:], "encoding": encoding}
                analysis = analyze.Analysis(sentences=[sentence], body=text, summary={},
                                            settings=analyze.DEFAULT_SETTINGS)
                for scorer in before:
                    scorer.score(analysis.sentences, analysis)
                found = cues.hedge_cues(sentence["span"])
                vectors.append(classifier.features(encoding, found, weights.score_cues(found, text),
                                                   sentence.get("attribution")))
        print(f"  features: {min(at + 64, len(texts))} of {len(texts)}", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    return np.vstack(vectors)


def figures(gold, guess) -> str:
    gold, guess = np.asarray(gold, bool), np.asarray(guess, bool)
    tp, fp, fn = (gold & guess).sum(), (~gold & guess).sum(), (gold & ~guess).sum()
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return f"n {len(gold)}, {int(gold.sum())} hedged: F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f})"


def f1_of(gold, guess) -> float:
    gold, guess = np.asarray(gold, bool), np.asarray(guess, bool)
    tp = (gold & guess).sum()
    return 2 * tp / (2 * tp + (~gold & guess).sum() + (gold & ~guess).sum()) if tp else 0.0


def fit(x, y, c):
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    model = LogisticRegression(C=c, max_iter=5000).fit((x - mean) / scale, y)
    return {"mean": mean, "scale": scale, "weight": model.coef_[0], "bias": model.intercept_[0]}


def predict(model, x):
    return 1 / (1 + np.exp(-(((x - model["mean"]) / model["scale"]) @ model["weight"] + model["bias"])))


def learning_curve(x, y, learned, real, groups, sets, c, fractions=(0.5, 0.75, 1.0), draws=5):
    """Out-of-fold F1 when each fold learns from a fraction of its learned articles
    (drawn at random, the same folds and C), the threshold chosen as in the training."""
    index = np.flatnonzero(learned)
    scored, news = learned & real, learned & (sets == "hedging_real_news.tsv")
    for fraction in fractions:
        found = []
        for draw in range(draws if fraction < 1 else 1):
            rng = np.random.default_rng(draw)
            out_of_fold = np.zeros(len(y))
            for train, test in GroupKFold(5).split(index, groups=groups[index]):
                train = index[train]
                articles = np.unique(groups[train])
                kept = rng.choice(articles, int(round(fraction * len(articles))), replace=False)
                train = train[np.isin(groups[train], kept)]
                out_of_fold[index[test]] = predict(fit(x[train], y[train], c), x[index[test]])
            threshold, f1 = max(((t, f1_of(y[scored], out_of_fold[scored] >= t))
                                 for t in np.arange(0.2, 0.8, 0.025)), key=lambda pair: pair[1])
            found.append((f1, f1_of(y[news], out_of_fold[news] >= threshold)))
        found = np.array(found)
        print(f"learning from {fraction:.0%} of the learned articles: out-of-fold real news F1 "
              f"{found[:, 0].mean():.3f} (sd {found[:, 0].std():.3f}), the real-news `train` part "
              f"{found[:, 1].mean():.3f} (sd {found[:, 1].std():.3f}), {len(found)} draw(s)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shared", type=Path, help="the folder holding polnear/ and pages_news/")
    parser.add_argument("--c", type=float, nargs="+", default=[0.005, 0.01, 0.02, 0.05, 0.1])
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--learning-curve", action="store_true",
                        help="also print the out-of-fold F1 learning from 50%%, 75%% and 100%% of the learned articles")
    parser.add_argument("--held-out", action="store_true",
                        help="also score the held-out parts (only for the figure reported, never to choose)")
    args = parser.parse_args()
    examples = labelled(args.shared)
    x = featurised(examples)
    y = np.array([example["gold"] for example in examples])
    learned = np.array([example["part"] in LEARNED_PARTS for example in examples])
    real = np.array([not example["set"].startswith("hedging_news_heldout") for example in examples])
    groups = np.array([example["group"] for example in examples])
    index = np.flatnonzero(learned)
    best = None
    for c in args.c:
        out_of_fold = np.zeros(len(examples))
        for train, test in GroupKFold(5).split(index, groups=groups[index]):
            model = fit(x[index[train]], y[index[train]], c)
            out_of_fold[index[test]] = predict(model, x[index[test]])
        scored = learned & real
        threshold, f1 = max(((t, f1_of(y[scored], out_of_fold[scored] >= t)) for t in np.arange(0.2, 0.8, 0.025)),
                            key=lambda pair: pair[1])
        print(f"C {c}: out-of-fold real news F1 {f1:.3f} at threshold {threshold:.3f}")
        if best is None or f1 > best[0]:
            best = (f1, c, threshold, out_of_fold.copy())
    f1, c, threshold, out_of_fold = best
    print(f"chosen: C {c}, threshold {threshold:.3f}")
    if args.learning_curve:
        learning_curve(x, y, learned, real, groups, np.array([example["set"] for example in examples]), c)
    for name in sorted({example["set"] for example in examples}):
        mask = learned & np.array([example["set"] == name for example in examples])
        if mask.any():
            print(f"  out of fold, {name} (learned from): {figures(y[mask], out_of_fold[mask] >= threshold)}")
    kept = learned & real & np.array([kept_from_encoder(example["group"]) for example in examples])
    print(f"  out of fold, the fifth of articles the encoder's multi-task fine-tune never learned hedging from: "
          f"{figures(y[kept], out_of_fold[kept] >= threshold)}")
    model = fit(x[learned], y[learned], c)
    for name in sorted({example["set"] for example in examples}):
        mask = ~learned & np.array([example["set"] == name for example in examples])
        if mask.any() and args.held_out:
            print(f"  held out, {name} (never read): {figures(y[mask], predict(model, x[mask]) >= threshold)}")
    if args.write:
        np.savez(MODEL, feature_names=np.array(classifier.feature_names()), threshold=np.float64(threshold),
                 command=np.array("python training/train_hedging_classifier.py SHARED_DATA --write"
                                  f" --c {c}"), **model)
        print(f"wrote {MODEL.relative_to(ROOT)} and {record_model_files().relative_to(ROOT)}")


if __name__ == "__main__":
    main()
