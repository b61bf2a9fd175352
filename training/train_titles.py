"""Train the headline chooser (datasette_attribution/extract/titles.py) and report it
against the rules, cross-validated by site.

    python training/train_titles.py PAGES_NEWS_DIR [--write] [--held]

PAGES_NEWS_DIR holds NAME.html, NAME.txt and truth.json ({NAME: {title, site,
url, ...}}). Each page's candidates are those the loader builds; a candidate is
right when, cleaned as the loader cleans it, it is the true title up to case and
punctuation. Only the `dev` sites of benchmarks/extraction.py's split are used:
five folds grouped by site choose the regularisation and the threshold (a page is
never scored by a model that saw a page of its site) and report titles right,
wrong and missing for the model and for the rules on the same pages. `--write`
refits on every dev page and writes models/title_html.npz and title_text.npz.
`--held` scores the shipped models on the `held` sites, never read: run it once,
at the end. Needs scikit-learn (training only).
"""

import argparse
import json
import pickle
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.extraction import judge, part_of, site_of
from datasette_attribution.extract import bylines, titles
from datasette_attribution.extract.articles import article_from_html, article_from_text
from datasette_attribution.records import LoadError, RawDocument
from datasette_attribution.resources import record_model_files
from datasette_attribution.text.characters import storable

MODELS = Path(__file__).resolve().parents[1] / "datasette_attribution" / "models"
BUILDERS = {"html": (article_from_html, ".html"), "text": (article_from_text, ".txt")}
GRID_C = (0.03, 0.1, 0.3, 1.0)
GRID_THRESHOLD = tuple(round(0.05 * i, 2) for i in range(19))
WRONG_COST = 2  # a wrong title is worse than none: right - 2 x wrong is what the choice maximises
# Of choices this close to the best gain (a share of the pages: within the folds'
# noise), the one that leaves the fewest pages without a title: a threshold fitted
# to sites seen withholds titles on pages unlike them. Not for bylines: most of a
# page's name-like lines are sections and buttons, and the lowest threshold in the
# noise lets them sign ("User Galleries", "World"); the best gain is taken.
TOLERANCE = {"title": 0.02, "byline": 0.0}


def page_candidates(path: Path, kind: str, field: str) -> list:
    """The candidates the loader builds for one page's `field` ("title" or
    "byline"); the page's other choices are the loader's own."""
    recorded = []
    module = titles if field == "title" else bylines

    def record(candidates, kind):
        recorded.extend(candidates)
        return module.choose_by_rules(candidates, kind)

    builder, _ = BUILDERS[kind]
    raw = RawDocument(str(path), str(path), kind, storable(path.read_text("utf-8", errors="replace")))
    choosers = ({"choose_title": record} if field == "title" else {"choose_byline": record})
    if kind == "text" and field == "title":
        choosers["choose_byline"] = bylines.choose_by_rules
    try:
        builder(raw, **choosers)
    except LoadError:
        return []
    return recorded


def is_right(field: str, candidate, truth: dict) -> int:
    if field == "title":
        return int(titles.title_key(candidate.text) == titles.title_key(truth["title"]))
    return int(judge("byline", candidate.text, truth) == "right")


def load(pages_dir: Path, kind: str, part: str, field: str, cache: Path | None = None):
    """The part's pages with their candidates and labels (kept in `cache`, a pickle,
    when given, for trying models without extracting again)."""
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    pages = _extract(pages_dir, kind, part, field)
    if cache:
        cache.write_bytes(pickle.dumps(pages))
    return pages


def _extract(pages_dir: Path, kind: str, part: str, field: str):
    truth = json.loads((pages_dir / "truth.json").read_text("utf-8"))
    pages = []
    for name in sorted(truth):
        site = site_of(name, truth, pages_dir)
        if part_of(site) != part or (field == "title" and not truth[name].get("title")):
            continue
        candidates = page_candidates(pages_dir / f"{name}{BUILDERS[kind][1]}", kind, field)
        labels = [is_right(field, c, truth[name]) for c in candidates]
        pages.append({"name": name, "site": site, "candidates": candidates, "labels": labels})
    return pages


def matrix(pages, names):
    rows = [[c.features[n] for n in names] for page in pages for c in page["candidates"]]
    return np.asarray(rows, dtype=np.float64).reshape(-1, len(names))


def fit(pages, names, c_value):
    """A logistic model of "this candidate is the page's title" (L2, strength C)."""
    x = matrix(pages, names)
    y = np.asarray([label for page in pages for label in page["labels"]])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c_value, max_iter=3000)
    model.fit((x - mean) / scale, y)
    return {"feature_names": np.asarray(names), "mean": mean, "scale": scale,
            "weight": model.coef_[0], "bias": np.float64(model.intercept_[0])}


def best_scores(pages, model):
    """Each page's best candidate's probability and whether it is right."""
    out = []
    for page in pages:
        if not page["candidates"]:
            out.append((0.0, None, None))
            continue
        scores = titles.probabilities(page["candidates"], model)
        best = int(np.argmax(scores))
        out.append((scores[best], page["labels"][best], page["candidates"][best].text))
    return out


def tally(choices, threshold):
    right = sum(1 for score, label, _ in choices if label is not None and score >= threshold and label)
    wrong = sum(1 for score, label, _ in choices if label is not None and score >= threshold and not label)
    return right, wrong, len(choices) - right - wrong


def rules_tally(pages):
    right = wrong = 0
    for page in pages:
        picked = [label for c, label in zip(page["candidates"], page["labels"], strict=True)
                  if c.features.get("rule_pick")]
        if picked:
            right += picked[0]
            wrong += 1 - picked[0]
    return right, wrong, len(pages) - right - wrong


def cross_validate(pages, names):
    """Out-of-fold best-candidate scores for each C (folds grouped by site)."""
    groups = [page["site"] for page in pages]
    folds = list(GroupKFold(n_splits=5).split(pages, groups=groups))
    result = {}
    for c_value in GRID_C:
        choices = [None] * len(pages)
        for train, test in folds:
            model = fit([pages[i] for i in train], names, c_value)
            for i, choice in zip(test, best_scores([pages[i] for i in test], model), strict=True):
                choices[i] = choice
        result[c_value] = choices
    return result


def _show(pages, choices, threshold):
    """The dev pages whose out-of-fold choice is wrong or missing, beside the rules'."""
    for page, (score, label, picked) in zip(pages, choices, strict=True):
        if label == 1 and score >= threshold:
            continue
        rule = next((c.text for c in page["candidates"] if c.features.get("rule_pick")), None)
        true = next((c.text for c, lab in zip(page["candidates"], page["labels"], strict=True) if lab), None)
        chosen = picked if score >= threshold else None
        print(f"    {page['name']} {score:.2f} chose {chosen!r}  rules: {rule!r}  true among: {true!r}")


FIELD_KINDS = {"title": ("html", "text"), "byline": ("text",)}


def feature_names(field: str, kind: str) -> list[str]:
    return list(titles.feature_names(kind) if field == "title" else bylines.FEATURES)


def shipped_model(field: str, kind: str) -> dict:
    return titles.load_model(kind) if field == "title" else bylines.load_model()


def model_file(field: str, kind: str) -> str:
    return f"{titles.MODEL_FILES[kind] if field == 'title' else bylines.MODEL_FILE}.npz"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages_dir", type=Path)
    parser.add_argument("--field", choices=tuple(FIELD_KINDS), default="title")
    parser.add_argument("--kind", choices=("html", "text", "both"), default="both")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--cache", type=Path, help="keep the dev pages' candidates here (a pickle per kind)")
    parser.add_argument("--show", action="store_true", help="print the dev pages the model gets wrong")
    parser.add_argument("--held", action="store_true", help="score the shipped models on the held sites (once)")
    args = parser.parse_args()
    field = args.field
    for kind in FIELD_KINDS[field]:
        if args.kind not in ("both", kind):
            continue
        if args.held:
            pages = load(args.pages_dir, kind, "held", field)
            model = shipped_model(field, kind)
            print(f"{field}, {kind}: held sites, {len(pages)} pages of {len({p['site'] for p in pages})} sites")
            print(f"  rules  right/wrong/missing {rules_tally(pages)}")
            print(f"  model  right/wrong/missing {tally(best_scores(pages, model), float(model['threshold']))}")
            continue
        pages = load(args.pages_dir, kind, "dev", field,
                     args.cache and args.cache.with_suffix(f".{field}.{kind}.pickle"))
        names = feature_names(field, kind)
        reachable = sum(any(page["labels"]) for page in pages)
        print(f"{field}, {kind}: {len(pages)} dev pages of {len({p['site'] for p in pages})} sites,"
              f" {sum(len(p['candidates']) for p in pages)} candidates; the true {field} among them: {reachable}")
        print(f"  rules                 right/wrong/missing {rules_tally(pages)}")
        results = cross_validate(pages, names)
        gains = []
        for c_value, choices in results.items():
            for threshold in GRID_THRESHOLD:
                right, wrong, missing = tally(choices, threshold)
                gains.append((right - WRONG_COST * wrong, missing, c_value, threshold, (right, wrong, missing)))
        top = max(gain for gain, *_ in gains)
        near = [choice for choice in gains if choice[0] >= top - TOLERANCE[field] * len(pages)]
        _, _, c_value, threshold, figures = min(near, key=lambda choice: (choice[1], -choice[0]))
        print(f"  model, site-grouped CV (C {c_value}, threshold {threshold})  right/wrong/missing {figures}")
        for other in (0.3, 0.5, 0.7):
            print(f"    at threshold {other}: {tally(results[c_value], other)}")
        if args.show:
            _show(pages, results[c_value], threshold)
        if args.write:
            model = fit(pages, names, c_value)
            model["threshold"] = np.float64(threshold)
            model["command"] = np.asarray(
                f"python training/train_titles.py PAGES_NEWS_DIR --field {field} --write  # C {c_value}")
            path = MODELS / model_file(field, kind)
            np.savez(path, **model)
            heaviest = sorted(zip(names, model["weight"], strict=True), key=lambda p: -abs(p[1]))[:8]
            print(f"  wrote {path.name}; weights: " + ", ".join(f"{n} {w:+.2f}" for n, w in heaviest))
    if args.write:
        record_model_files(MODELS)


if __name__ == "__main__":
    main()
