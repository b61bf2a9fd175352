"""Train the plain-text boilerplate classifier and report its cross-validated F1.

    python training/train_boilerplate.py PAGES_DIR [--write]

PAGES_DIR holds NAME.txt page dumps and truth.json ({NAME: article body}), like
the extraction benchmark's pages. A line is labelled content when most of its
word 4-grams occur in the true body. Folds are by page, so a page is never scored
by a model that saw it. `--write` refits on every page and writes the weights to
datasette_attribution/models/boilerplate.json. Needs scikit-learn (training only).
"""

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.shingles import f1_over_pages, page_counts  # noqa: E402
from datasette_attribution.resources import record_model_files  # noqa: E402
from datasette_attribution.ingest.pages import article_from_text  # noqa: E402
from datasette_attribution.model import LoadError, RawDocument  # noqa: E402
from datasette_attribution.text import boilerplate  # noqa: E402
from datasette_attribution.text.boilerplate import (  # noqa: E402
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


def load(pages_dir):
    truth = json.loads((pages_dir / "truth.json").read_text("utf-8"))
    X, y, groups, names, bodies, page_texts = [], [], [], [], [], []
    for page, (name, body) in enumerate(sorted(truth.items())):
        page_text = (pages_dir / f"{name}.txt").read_text("utf-8")
        blocks = blocks_of(page_text)
        X.extend(block_features(blocks))
        y.extend(label_blocks(blocks, body))
        groups.extend([page] * len(blocks))
        names.append(name)
        bodies.append(body)
        page_texts.append(page_text)
    return np.array(X), np.array(y), np.array(groups), names, bodies, page_texts


def fit(X, y):
    return GradientBoostingClassifier(
        n_estimators=100, max_depth=3, learning_rate=0.1, random_state=0
    ).fit(X, y)


def fit_two_passes(X, y, groups):
    """The first pass on the lines' own features; the second on those and the
    first pass's probabilities of each line and its neighbours, taken out of fold
    (by page), as the first pass will see pages at load time: unseen."""
    first = fit(X, y)
    out_of_fold = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5).split(X, y, groups):
        out_of_fold[test] = fit(X[train], y[train]).predict_proba(X[test])[:, 1]
    X_second = with_neighbours(X, out_of_fold, groups)
    second = fit(X_second, y)
    return {"first": export_trees(first, X), "second": export_trees(second, X_second), "threshold": 0.5,
            "about": "Gradient-boosted trees over text.boilerplate.block_features, then over those "
                     "and boilerplate.neighbour_features; rebuild with training/train_boilerplate.py"}


def with_neighbours(X, probabilities, groups):
    """X with each line's neighbour features, the neighbours read within its page
    (a page's lines are in page order in X)."""
    context = np.zeros((len(X), len(boilerplate.neighbour_features([0.0])[0])))
    for page in np.unique(groups):
        at = np.flatnonzero(groups == page)
        context[at] = boilerplate.neighbour_features(probabilities[at].tolist())
    return np.hstack([X, context])


def probabilities(exported, X, groups):
    """Each line's probability of content as the load computes it, page by page."""
    result = np.zeros(len(X))
    for page in np.unique(groups):
        at = np.flatnonzero(groups == page)
        result[at] = boilerplate.two_pass_probabilities(exported, X[at].tolist())
    return result


def export_trees(model, X):
    """The boosted trees as plain lists, for the pure-Python scorer at load time
    (checked against scikit-learn's own scores on the first lines of X)."""
    trees = []
    for (estimator,) in model.estimators_:
        tree = estimator.tree_
        trees.append({
            "feature": tree.feature.tolist(),
            "threshold": tree.threshold.round(6).tolist(),
            "left": tree.children_left.tolist(),
            "right": tree.children_right.tolist(),
            "value": tree.value[:, 0, 0].round(6).tolist(),
        })
    prior = float(model.init_.class_prior_[1])
    exported = {
        "bias": round(float(np.log(prior / (1 - prior))), 6),
        "learning_rate": model.learning_rate,
        "trees": trees,
    }
    sample = X[:200]
    ours = [_raw_score(exported, row) for row in sample.tolist()]
    assert np.allclose(ours, model.decision_function(sample), atol=1e-3), "export mismatch"
    return exported


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages_dir", type=Path)
    parser.add_argument("--write", action="store_true", help="write the model file")
    args = parser.parse_args()
    X, y, groups, names, bodies, page_texts = load(args.pages_dir)
    print(f"{len(y)} lines, {y.sum()} content, {len(set(groups))} pages")
    tp = fp = fn = 0
    page_rows = []
    shipped_model_file = boilerplate.model_file
    for train, test in GroupKFold(n_splits=5).split(X, y, groups):
        exported = fit_two_passes(X[train], y[train], groups[train])
        predicted = probabilities(exported, X[test], groups[test]) >= 0.5
        tp += int((predicted & (y[test] == 1)).sum())
        fp += int((predicted & (y[test] == 0)).sum())
        fn += int((~predicted & (y[test] == 1)).sum())
        # The whole page extraction (classifier, headings, self-promotion rules)
        # with this fold's model, on pages the model did not see.
        boilerplate.model_file = (lambda name, exported=exported:
                                  exported if name == "boilerplate" else shipped_model_file(name))
        for page in sorted(set(groups[test])):
            raw = RawDocument(names[page], names[page], "text", page_texts[page])
            try:
                extracted = article_from_text(raw).body
            except LoadError:
                extracted = ""
            page_rows.append(page_counts(bodies[page], extracted))
    print(f"cross-validated line F1 (content class): {2 * tp / (2 * tp + fp + fn):.3f}")
    print("cross-validated article body F1 %.3f (precision %.3f, recall %.3f)" % f1_over_pages(page_rows))
    if args.write:
        exported = fit_two_passes(X, y, groups)
        MODEL_PATH.parent.mkdir(exist_ok=True)
        MODEL_PATH.write_text(json.dumps(exported, separators=(",", ":")) + "\n")
        print(f"wrote {MODEL_PATH.name}")
        print(f"recorded its checksum in {record_model_files()}")


if __name__ == "__main__":
    main()
