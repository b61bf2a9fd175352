"""Train the plain-text boilerplate classifier and report its cross-validated F1.

    python training/train_boilerplate.py PAGES_DIR [PAGES_DIR ...] [--write] [--meaning-probe]

Each PAGES_DIR holds NAME.txt page dumps and truth.json ({NAME: article body},
or {NAME: {body, site, ...}}), like the extraction benchmark's pages. A line is
labelled content when most of its word 4-grams occur in the true body. Folds
are by site (the truth's site, else the page's canonical link): a page is never
scored by a model that saw a page of its site, as pages of sites never seen are
at load time. `--write` refits on every page and writes the weights to
datasette_attribution/models/boilerplate.json. `--meaning-probe` also measures a
candidate feature that is not shipped: the sentence encoder's pooled vector of each
line, read by a logistic probe (fitted out of fold within each training fold) whose
score the trees take beside the line's shape, against the shipped features on the same
folds (line F1, and line F1 weighted by the line's length, which the body's shingles
follow). Needs scikit-learn (training only).
"""

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.extraction import site_of  # noqa: E402
from benchmarks.shingles import f1_over_pages, page_counts  # noqa: E402
from datasette_attribution.extract.articles import article_from_text  # noqa: E402
from datasette_attribution.records import LoadError, RawDocument  # noqa: E402
from datasette_attribution.resources import record_model_files  # noqa: E402
from datasette_attribution.extract import boilerplate  # noqa: E402
from datasette_attribution.extract.boilerplate import (  # noqa: E402
    _raw_score,
    block_features,
    blocks_of,
)

TOKEN = re.compile(r"\w+")
MODEL_PATH = Path(__file__).resolve().parents[1] / "datasette_attribution" / "models" / "boilerplate.json"


def shingle_set(text, n=4):
    tokens = [t.lower() for t in TOKEN.findall(text)]
    return {tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))}


def label_blocks(blocks, body):
    body_shingles = shingle_set(body)
    body_lower = " ".join(TOKEN.findall(body.lower()))
    labels = []
    for block in blocks:
        tokens = TOKEN.findall(block.text.lower())
        if len(tokens) < 4:
            labels.append(int(bool(tokens) and " ".join(tokens) in body_lower and len(tokens) > 1))
            continue
        mine = shingle_set(block.text)
        labels.append(int(len(mine & body_shingles) / len(mine) >= 0.5))
    return labels


def load(pages_dirs):
    """Every page of every folder: feature rows, labels, each line's site (the
    fold group) and page, and each page's name, true body and dump."""
    X, y, sites, pages, names, bodies, page_texts = [], [], [], [], [], [], []
    for pages_dir in pages_dirs:
        truth = json.loads((pages_dir / "truth.json").read_text("utf-8"))
        for name in sorted(truth):
            body = truth[name]["body"] if isinstance(truth[name], dict) else truth[name]
            page_text = (pages_dir / f"{name}.txt").read_text("utf-8")
            blocks = blocks_of(page_text)
            X.extend(block_features(blocks))
            y.extend(label_blocks(blocks, body))
            sites.extend([site_of(name, truth, pages_dir)] * len(blocks))
            pages.extend([len(names)] * len(blocks))
            names.append(name)
            bodies.append(body)
            page_texts.append(page_text)
    site_ids = {site: number for number, site in enumerate(sorted(set(sites)))}
    return (np.array(X), np.array(y), np.array([site_ids[s] for s in sites]), np.array(pages),
            names, bodies, page_texts)


def fit(X, y):
    # Histogram-based boosting: as accurate as exact trees here, and fast enough to
    # cross-validate by site over every page on a shared machine.
    return HistGradientBoostingClassifier(
        max_iter=100, max_depth=3, learning_rate=0.1, early_stopping=False, random_state=0
    ).fit(X, y)


def fit_two_passes(X, y, pages, sites):
    """The first pass on the lines' own features; the second on those and the
    first pass's probabilities of each line and its neighbours, taken out of fold
    (by site), as the first pass will see pages at load time: unseen."""
    first = fit(X, y)
    out_of_fold = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5).split(X, y, sites):
        out_of_fold[test] = fit(X[train], y[train]).predict_proba(X[test])[:, 1]
    X_second = with_neighbours(X, out_of_fold, pages)
    second = fit(X_second, y)
    # Each pass names its features, which loading checks against the code's (boilerplate.line_model).
    return {"first": {**export_trees(first, X), "feature_names": list(boilerplate.BLOCK_FEATURES)},
            "second": {**export_trees(second, X_second),
                       "feature_names": list(boilerplate.BLOCK_FEATURES + boilerplate.NEIGHBOUR_FEATURES)},
            "threshold": 0.5,
            "about": "Gradient-boosted trees over extract.boilerplate.block_features, then over those "
                     "and boilerplate.neighbour_features; rebuild with training/train_boilerplate.py",
            "command": "python training/train_boilerplate.py PAGES_DIR PAGES_NEWS_DIR --write"}


def with_neighbours(X, probabilities, pages):
    """X with each line's neighbour features, the neighbours read within its page
    (a page's lines are in page order in X)."""
    context = np.zeros((len(X), len(boilerplate.neighbour_features([0.0])[0])))
    for page in np.unique(pages):
        at = np.flatnonzero(pages == page)
        context[at] = boilerplate.neighbour_features(probabilities[at].tolist())
    return np.hstack([X, context])


def probabilities(exported, X, pages):
    """Each line's probability of content as the load computes it, page by page."""
    result = np.zeros(len(X))
    for page in np.unique(pages):
        at = np.flatnonzero(pages == page)
        result[at] = boilerplate.two_pass_probabilities(exported, X[at].tolist())
    return result


def export_trees(model, X):
    """The boosted trees as plain lists, for the pure-Python scorer at load time
    (checked against scikit-learn's own scores on the first lines of X). The
    leaves' values already carry the learning rate."""
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        trees.append({
            "feature": np.where(leaf, -2, nodes["feature_idx"].astype(np.int64)).tolist(),
            "threshold": np.where(leaf, -2.0, nodes["num_threshold"]).tolist(),  # exact: a value may equal it
            "left": np.where(leaf, -1, nodes["left"].astype(np.int64)).tolist(),
            "right": np.where(leaf, -1, nodes["right"].astype(np.int64)).tolist(),
            "value": nodes["value"].round(6).tolist(),
        })
    exported = {
        "bias": round(float(np.ravel(model._baseline_prediction)[0]), 6),
        "learning_rate": 1.0,
        "trees": trees,
    }
    sample = X[:200]
    ours = [_raw_score(exported, row) for row in sample.tolist()]
    assert np.allclose(ours, model.decision_function(sample), atol=1e-3), "export mismatch"
    return exported


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages_dirs", type=Path, nargs="+")
    parser.add_argument("--write", action="store_true", help="write the model file")
    parser.add_argument("--no-cv", action="store_true", help="only refit and write, without cross-validating")
    parser.add_argument("--meaning-probe", action="store_true",
                        help="also measure the encoder's line vectors as a feature (not shipped)")
    args = parser.parse_args()
    X, y, sites, pages, names, bodies, page_texts = load(args.pages_dirs)
    print(f"{len(y)} lines, {y.sum()} content, {len(names)} pages of {len(set(sites))} sites")
    if args.meaning_probe:
        compare_meaning_probe(X, y, sites, pages, page_texts)
    if not args.no_cv:
        cross_validate(X, y, sites, pages, names, bodies, page_texts)
    if args.write:
        exported = fit_two_passes(X, y, pages, sites)
        MODEL_PATH.parent.mkdir(exist_ok=True)
        MODEL_PATH.write_text(json.dumps(exported, separators=(",", ":")) + "\n")
        print(f"wrote {MODEL_PATH.name} and {record_model_files().name}")


def cross_validate(X, y, sites, pages, names, bodies, page_texts):
    tp = fp = fn = 0
    page_rows = []
    lost = 0
    shipped_model_file = boilerplate.model_file
    for train, test in GroupKFold(n_splits=5).split(X, y, sites):
        exported = fit_two_passes(X[train], y[train], pages[train], sites[train])
        predicted = probabilities(exported, X[test], pages[test]) >= 0.5
        tp += int((predicted & (y[test] == 1)).sum())
        fp += int((predicted & (y[test] == 0)).sum())
        fn += int((~predicted & (y[test] == 1)).sum())
        # The whole page extraction (classifier, headings, self-promotion rules)
        # with this fold's model, on pages of sites the model did not see.
        boilerplate.model_file = (lambda name, exported=exported:
                                  exported if name == "boilerplate" else shipped_model_file(name))
        for page in sorted(set(pages[test])):
            raw = RawDocument(names[page], names[page], "text", page_texts[page])
            try:
                extracted = article_from_text(raw).body
            except LoadError:
                extracted, lost = "", lost + 1
            page_rows.append(page_counts(bodies[page], extracted))
    boilerplate.model_file = shipped_model_file
    print(f"cross-validated (by site) line F1 (content class): {2 * tp / (2 * tp + fp + fn):.3f}")
    print("cross-validated (by site) article body F1 %.3f (precision %.3f, recall %.3f)" % f1_over_pages(page_rows)
          + f", {lost} pages lost")


def compare_meaning_probe(X, y, sites, pages, page_texts):
    """Line F1 out of fold (by site) of the two passes on the shipped features, and
    with a logistic probe's score of each line's encoder vector added to them."""
    from datasette_attribution import encoder

    lines = [block.text for text in page_texts for block in blocks_of(text)]
    vectors = np.vstack([encoding["pooled"] for at in range(0, len(lines), 500)
                         for encoding in encoder.encode(lines[at:at + 500])])
    weights = np.expm1(X[:, boilerplate.BLOCK_FEATURES.index("log_chars")])  # the line's characters

    def probe(train, scored, C=1.0):
        return LogisticRegression(C=C, max_iter=2000).fit(vectors[train], y[train]).decision_function(vectors[scored])

    for name in ("shipped features", "with the meaning probe"):
        counts = np.zeros((2, 3))  # (lines, characters) x (tp, fp, fn)
        for train, test in GroupKFold(n_splits=5).split(X, y, sites):
            X_train, X_test = X[train], X[test]
            if name != "shipped features":
                inner = np.zeros(len(train))  # the probe's scores the trees learn from: out of fold too
                for a, b in GroupKFold(n_splits=5).split(X_train, y[train], sites[train]):
                    inner[b] = probe(train[a], train[b])
                X_train = np.hstack([X_train, inner[:, None]])
                X_test = np.hstack([X_test, probe(train, test)[:, None]])
            exported = fit_two_passes(X_train, y[train], pages[train], sites[train])
            predicted = probabilities(exported, X_test, pages[test]) >= 0.5
            gold = y[test] == 1
            for row, weight in enumerate((np.ones(len(test)), weights[test])):
                counts[row] += [(weight * (predicted & gold)).sum(), (weight * (predicted & ~gold)).sum(),
                                (weight * (~predicted & gold)).sum()]
        f1 = [2 * tp / (2 * tp + fp + fn) for tp, fp, fn in counts]
        print(f"{name}: line F1 {f1[0]:.3f}, weighted by characters {f1[1]:.3f} (out of fold, by site)")


if __name__ == "__main__":
    main()
