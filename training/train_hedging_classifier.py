"""Train the hedging classifier (scorers/hedging/classifier.py) on news sentences
labelled by hand, and report it by part.

    python training/train_hedging_classifier.py SHARED_DATA [--write] [--c C] [--learning-curve] [--candidates]
        [--ablate] [--families]

SHARED_DATA holds `polnear/{train,dev}.jsonl`, `pages_news/truth.json` and
`pages/truth.json`. The labels (no text; the sentences are read back from SHARED_DATA):

- `benchmarks/data/hedging_polnear.tsv`: 1,892 PolNeAR sentences; `development` (the
  cue rules were developed on these) is learned from, `heldout` is only scored;
- `benchmarks/data/hedging_real_news.tsv`: PolNeAR, 2023 web news and extraction-benchmark
  page sentences labelled for this model by two annotators; `train` is learned from,
  `test` is only scored;
- the hand-written sets `benchmarks/data/hedging_news_heldout{,_2}.tsv` are learned from,
  `hedging_news_heldout_3.tsv` is only scored.

The regularisation and the threshold are chosen on out-of-fold probabilities (five
folds grouped by article) of the real-news sentences learned from; then the model is
refitted on all of them. `--learning-curve` also prints the out-of-fold F1 when each
fold learns from half, three quarters and all of its learned articles (five draws
each): whether more labels of the same kind would help. `--candidates` prints the same
out-of-fold F1 with candidate features added (token-level states, rule signals for the
kinds of misses read in the `train` part; `candidate_blocks`), each against the shipped
features on the same folds; nothing of them is shipped. `--ablate` prints it with each group
of the cue rules' vetoes switched off (the features made again); `--families` other kinds of
classifier (a kernel SVM, a small neural network, boosted trees) on the same features. The held-out parts are
scored only with `--held-out`, once, at the end, and never read. `--write` writes
`datasette_attribution/models/hedging_classifier.npz` with the names of its features and
this command, and records its SHA-256 in `models/SHA256SUMS`.
Needs scikit-learn (training only).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from functools import partial
from pathlib import Path
from unittest import mock

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


def featurised(examples: list[dict], candidates: dict | None = None) -> np.ndarray:
    """Each sentence's features as the load computes them: parsed, encoded and scored
    by the scorers that run before hedging (the sourcing scorer's `attribution` is one),
    each sentence on its own. With `candidates` (a dict), also each candidate block's
    rows, by name (`candidate_blocks`)."""
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
                if candidates is not None:
                    for name, row in candidate_blocks(encoding, found, doc).items():
                        candidates.setdefault(name, []).append(row)
        print(f"  features: {min(at + 64, len(texts))} of {len(texts)}", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    return np.vstack(vectors)


# Measured, not shipped (README's hedging rows): evidence below the sentence's mean state,
# and rule signals for the kinds of hedged sentences the classifier missed out of fold in
# the `train` part (counterfactual and conditional "would", a first-person stance "I think",
# "we expect", not knowing, an impersonal "it seems").
STANCE_LEMMAS = frozenset({"think", "believe", "guess", "suspect", "suppose", "imagine", "expect", "doubt",
                           "reckon", "assume", "bet", "hear", "gather", "understand", "presume", "figure",
                           "wonder", "hope"})
REPORTING_LEMMAS = frozenset({"say", "tell", "announce", "add", "claim", "vow", "promise", "pledge", "insist",
                              "warn", "predict", "write", "note", "state", "suggest", "argue", "declare",
                              "confirm", "explain", "expect", "hope", "assume", "understand", "hear"})
SIGNALS = ("would", "would_have", "would_conditional", "would_reported", "would_negated", "first_person_stance",
           "not_knowing", "it_seems")


def rule_signals(doc) -> list[float]:
    """Counts of the SIGNALS in a parsed sentence."""
    found = dict.fromkeys(SIGNALS, 0.0)
    conditional = any(t.lower_ in ("if", "unless") and t.dep_ == "mark" for t in doc) or any(
        t.lower_ == "were" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to" for t in doc)
    for token in doc:
        if token.tag_ == "MD" and token.lower_ in ("would", "'d", "wo"):
            verb = token.head
            found["would"] += 1
            found["would_have"] += any(t.lower_ == "have" for t in doc[token.i + 1:token.i + 4])
            found["would_conditional"] += conditional
            found["would_negated"] += any(c.dep_ == "neg" for c in verb.children)
            found["would_reported"] += verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_LEMMAS
        lemma = token.lemma_.lower()
        if lemma in STANCE_LEMMAS and token.pos_ == "VERB" and (
                any(c.dep_ == "nsubj" and c.lower_ in ("i", "we", "one") for c in token.children)
                or token.i == 0 and lemma == "expect"):
            found["first_person_stance"] += 1
        if lemma == "know" and any(c.dep_ == "neg" for c in token.children) and any(
                c.lower_ in ("i", "we") for c in token.children):
            found["not_knowing"] += 1
        if lemma in ("seem", "appear") and any(c.lower_ == "it" and c.dep_ == "nsubj" for c in token.children):
            found["it_seems"] += 1
    found["not_knowing"] += sum(doc.text.lower().count(words) for words in ("not sure", "no idea"))
    return list(found.values())


def candidate_blocks(encoding: dict, found: list[dict], doc) -> dict:
    """Candidate feature blocks of one sentence: the max-pooled states; the states over
    the cues' word pieces, max-pooled; the mean state of the word pieces within K of a cue's
    (the cue's own aside), zero with no cue; the rule signals."""
    states, offsets = encoding["states"], encoding["offsets"]
    zero = np.zeros(classifier.STATE_SIZE, np.float32)
    read = [cue for cue in found if cue["kind"] not in classifier.COUNTED_ONLY_KINDS]
    pieces = [index for index, (start, end) in enumerate(offsets)
              if any(start < cue["end"] and end > cue["start"] for cue in read)]
    blocks = {"max-pooled states": states.max(axis=0) if len(states) else zero,
              "cue pieces max-pooled": states[pieces].max(axis=0) if pieces else zero}
    for reach in (2, 4):
        window = sorted({j for i in pieces for j in range(max(0, i - reach), min(len(states), i + reach + 1))}
                        - set(pieces))
        blocks[f"mean state within {reach} pieces of a cue"] = states[window].mean(axis=0) if window else zero
    blocks["rule signals"] = np.asarray(rule_signals(doc), np.float32)
    return blocks


def _part_of_speech_and_parse_only(cue, kind, span, start, end) -> bool:
    """cues._keeps with only its part-of-speech and parse rules."""
    return cues._keeps_in_grammar(cue, kind, cues._tagged_token(cue, span, start))


# The cue rules' vetoes, switched off by group, to measure what each adds to the
# classifier (`--ablate`; nothing of it is shipped).
VETO_GROUPS = {
    "every veto of the cue rules": lambda: mock.patch.object(cues, "_keeps", lambda *_: True),
    "the parse's (scope.py)": lambda: mock.patch.object(cues, "counts_in_parse", lambda *_: True),
    "the surface rules (cues.py; part of speech and parse kept)": lambda: mock.patch.object(
        cues, "_keeps", _part_of_speech_and_parse_only),
}


def ablate(examples, y, learned, real, news, groups, cs):
    """The out-of-fold F1 with each group of vetoes switched off, features made again."""
    for name, switched_off in [("none (the shipped rules)", contextlib.nullcontext), *VETO_GROUPS.items()]:
        with switched_off():
            x = featurised(examples)
        f1, threshold, guess, c = max((chosen_f1(x, y, learned, real, groups, c) + (c,) for c in cs),
                                      key=lambda found: found[0])
        mask = learned & news
        print(f"vetoes off: {name}: out-of-fold real news F1 {f1:.3f} (C {c}, threshold {threshold:.3f}); "
              f"the `train` part {figures(y[mask], guess[mask])}", flush=True)


def model_families(x, y, learned, real, news, groups, c):
    """Other kinds of classifier on the same features and folds, against the logistic
    model at the chosen C: an RBF support-vector machine, a small neural network,
    gradient-boosted trees, and the mean of the logistic, tree and SVM probabilities;
    each at its own best threshold (`--families`; nothing of it is shipped)."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVC

    families = {
        "logistic (shipped)": lambda: make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=5000)),
        "SVM, RBF kernel, C 3": lambda: make_pipeline(
            StandardScaler(), CalibratedClassifierCV(SVC(C=3), ensemble=False)),
        "neural network, 64 hidden, alpha 1": lambda: make_pipeline(
            StandardScaler(), MLPClassifier((64,), alpha=1.0, max_iter=500, random_state=0)),
        "gradient-boosted trees": lambda: HistGradientBoostingClassifier(
            max_iter=300, learning_rate=0.05, max_leaf_nodes=15, l2_regularization=1.0, random_state=0),
    }
    scored, mask = learned & real, learned & news
    found = {name: out_of_fold(x, y, learned, groups, sklearn_model(make)) for name, make in families.items()}
    found["mean of logistic, trees and SVM"] = np.mean(
        [found["logistic (shipped)"], found["gradient-boosted trees"], found["SVM, RBF kernel, C 3"]], axis=0)
    for name, out in found.items():
        f1, threshold = best_threshold(y[scored], out[scored], np.arange(0.1, 0.9, 0.0125))
        print(f"families: {name}: out-of-fold real news F1 {f1:.3f} (threshold {threshold:.3f}); "
              f"the `train` part {figures(y[mask], out[mask] >= threshold)}", flush=True)


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


THRESHOLDS = np.arange(0.2, 0.8, 0.025)


def best_threshold(gold, scores, thresholds=THRESHOLDS) -> tuple[float, float]:
    """(F1, threshold): the threshold of the grid with the best F1, the lowest of ties."""
    return max(((f1_of(gold, scores >= t), t) for t in thresholds), key=lambda pair: pair[0])


def out_of_fold(x, y, learned, groups, fitted) -> np.ndarray:
    """Each learned sentence's probability from a model learned on the other four of five
    folds grouped by article; `fitted(x, y)` learns one and returns its predictor."""
    index = np.flatnonzero(learned)
    found = np.zeros(len(y))
    for train, test in GroupKFold(5).split(index, groups=groups[index]):
        found[index[test]] = fitted(x[index[train]], y[index[train]])(x[index[test]])
    return found


def logistic(c, emphasis=None):
    """`fitted` for out_of_fold: the shipped kind of model (fit, predict)."""
    return lambda x, y: partial(predict, fit(x, y, c, emphasis))


def sklearn_model(make):
    """`fitted` for out_of_fold: a scikit-learn classifier made by `make()`."""
    def fitted(x, y):
        model = make().fit(x, y)
        return lambda rows: model.predict_proba(rows)[:, 1]
    return fitted


def fit(x, y, c, emphasis=None):
    """A logistic model on standardised features; `emphasis` (a weight per column) divides
    a column's scale, which lightens its penalty: the stored model is read as before."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    if emphasis is not None:
        scale = scale / emphasis
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
            out = np.zeros(len(y))
            for train, test in GroupKFold(5).split(index, groups=groups[index]):
                train = index[train]
                articles = np.unique(groups[train])
                kept = rng.choice(articles, int(round(fraction * len(articles))), replace=False)
                train = train[np.isin(groups[train], kept)]
                out[index[test]] = predict(fit(x[train], y[train], c), x[index[test]])
            f1, threshold = best_threshold(y[scored], out[scored])
            found.append((f1, f1_of(y[news], out[news] >= threshold)))
        found = np.array(found)
        print(f"learning from {fraction:.0%} of the learned articles: out-of-fold real news F1 "
              f"{found[:, 0].mean():.3f} (sd {found[:, 0].std():.3f}), the real-news `train` part "
              f"{found[:, 1].mean():.3f} (sd {found[:, 1].std():.3f}), {len(found)} draw(s)")


def chosen_f1(x, y, learned, real, groups, c, emphasis=None):
    """Out-of-fold F1 on the real news learned from at the best threshold, with the
    real-news `train` part's figures at it."""
    out = out_of_fold(x, y, learned, groups, logistic(c, emphasis))
    scored = learned & real
    f1, threshold = best_threshold(y[scored], out[scored])
    return f1, threshold, out >= threshold


def compare_candidates(x, y, learned, real, news, groups, blocks, cs):
    """Each candidate block beside the shipped features, on the same folds and Cs."""
    signals = classifier.feature_names().index("cue_score")
    trials = [("shipped features", x, None)]
    trials += [(f"+ {name}", np.hstack([x, np.vstack(rows)]), None) for name, rows in blocks.items()]
    for weight in (3.0, 10.0):
        extra = np.vstack(blocks["rule signals"])
        emphasis = np.ones(x.shape[1] + extra.shape[1])
        emphasis[signals:] = weight
        trials.append((f"+ rule signals, every signal's penalty / {weight:g}", np.hstack([x, extra]), emphasis))
        emphasis = np.ones(x.shape[1])
        emphasis[signals:] = weight
        trials.append((f"shipped features, every signal's penalty / {weight:g}", x, emphasis))
    for name, features, emphasis in trials:
        best = max((chosen_f1(features, y, learned, real, groups, c, emphasis) + (c,) for c in cs),
                   key=lambda found: found[0])
        f1, threshold, guess, c = best
        mask = learned & news
        print(f"candidates: {name}: out-of-fold real news F1 {f1:.3f} (C {c}, threshold {threshold:.3f}); "
              f"the `train` part {figures(y[mask], guess[mask])}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shared", type=Path, help="the folder holding polnear/, pages_news/ and pages/")
    parser.add_argument("--c", type=float, nargs="+", default=[0.005, 0.01, 0.02, 0.05, 0.1])
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--learning-curve", action="store_true",
                        help="also print the out-of-fold F1 learning from 50%%, 75%% and 100%% of the learned articles")
    parser.add_argument("--candidates", action="store_true",
                        help="also print the out-of-fold F1 with each candidate feature block added (nothing shipped)")
    parser.add_argument("--ablate", action="store_true",
                        help="also print the out-of-fold F1 with each group of the cue rules' vetoes switched off")
    parser.add_argument("--families", action="store_true",
                        help="also print the out-of-fold F1 of other kinds of classifier on the same features")
    parser.add_argument("--held-out", action="store_true",
                        help="also score the held-out parts (only for the figure reported, never to choose)")
    args = parser.parse_args()
    examples = labelled(args.shared)
    blocks = {} if args.candidates else None
    x = featurised(examples, blocks)
    y = np.array([example["gold"] for example in examples])
    learned = np.array([example["part"] in LEARNED_PARTS for example in examples])
    real = np.array([not example["set"].startswith("hedging_news_heldout") for example in examples])
    groups = np.array([example["group"] for example in examples])
    best = None
    for c in args.c:
        out = out_of_fold(x, y, learned, groups, logistic(c))
        scored = learned & real
        f1, threshold = best_threshold(y[scored], out[scored])
        print(f"C {c}: out-of-fold real news F1 {f1:.3f} at threshold {threshold:.3f}")
        if best is None or f1 > best[0]:
            best = (f1, c, threshold, out)
    f1, c, threshold, out = best
    print(f"chosen: C {c}, threshold {threshold:.3f}")
    if args.candidates:
        news = np.array([example["set"] == "hedging_real_news.tsv" for example in examples])
        compare_candidates(x, y, learned, real, news, groups, blocks, args.c)
    if args.ablate:
        news = np.array([example["set"] == "hedging_real_news.tsv" for example in examples])
        ablate(examples, y, learned, real, news, groups, args.c)
    if args.families:
        news = np.array([example["set"] == "hedging_real_news.tsv" for example in examples])
        model_families(x, y, learned, real, news, groups, c)
    if args.learning_curve:
        learning_curve(x, y, learned, real, groups, np.array([example["set"] for example in examples]), c)
    for name in sorted({example["set"] for example in examples}):
        mask = learned & np.array([example["set"] == name for example in examples])
        if mask.any():
            print(f"  out of fold, {name} (learned from): {figures(y[mask], out[mask] >= threshold)}")
    kept = learned & real & np.array([kept_from_encoder(example["group"]) for example in examples])
    print(f"  out of fold, the fifth of articles the encoder's multi-task fine-tune never learned hedging from: "
          f"{figures(y[kept], out[kept] >= threshold)}")
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
