"""How well the story view finds what one outlet reports that the others do not,
and whether the pairs it shows as told alike are.

Reads two sets of hand labels, each labelled before any score was seen:
- benchmarks/data/story_counterparts.tsv: ECB+ sentences (the event's first three
  articles, their first eight sentences), 1 when another article of the event
  reports the same thing;
- benchmarks/data/story_counterparts_polnear.tsv: PolNeAR election coverage (stories of
  benchmarks/data/stories_polnear.tsv told by two or three outlets, the first eight
  sentences of each article), labelled the same way by two readers, disagreements
  settled, with the sentences elsewhere that report the same thing.
Each set has a dev part (thresholds are chosen on it) and a held-out part (never
used to choose). Sentences are encoded as the story view encodes them
(web/pages/counterparts.py).

    python benchmarks/story_counterparts.py PATH/TO/stories/ecbplus.jsonl PATH/TO/polnear
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from datasette_attribution.text.segment import sentence_spans  # noqa: E402
from datasette_attribution.web.pages.counterparts import (  # noqa: E402
    COUNTERPART_CONTAINED,
    COUNTERPART_SIMILARITY,
    COUNTERPART_WORDS,
    MIN_WORDS,
    compare,
)

DATA = Path(__file__).parent / "data"
# As labelled: at most three articles of a story, their first eight sentences.
ARTICLES, SENTENCES = 3, 8
THRESHOLDS = [round(0.5 + 0.05 * i, 2) for i in range(10)]


def read_labels(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as handle:
        return list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))


def ecbplus_stories(path: str, labels: list[dict]) -> dict[str, list[dict]]:
    """Each labelled event's first three documents, as the labellers read them."""
    events = {row["event"] for row in labels}
    stories: dict[str, list[dict]] = {}
    for doc in map(json.loads, open(path, encoding="utf-8")):
        if doc["event"] in events and len(stories.setdefault(doc["event"], [])) < ARTICLES:
            stories[doc["event"]].append(doc)
    return stories


def polnear_stories(folder: str, labels: list[dict]) -> dict[str, list[dict]]:
    """Each labelled story's articles, in the order they were labelled."""
    docs = {}
    for split in ("train", "dev"):
        for doc in map(json.loads, open(Path(folder) / f"{split}.jsonl", encoding="utf-8")):
            docs[doc["id"]] = doc
    stories: dict[str, list[dict]] = {}
    for row in labels:
        story = stories.setdefault(row["story"], [])
        if docs[row["doc_id"]] not in story:
            story.append(docs[row["doc_id"]])
    return stories


def compared(stories: dict[str, list[dict]], labels: list[dict]) -> list[dict]:
    """The story view's comparison of each labelled sentence, with its label, its
    part and the sentences elsewhere labelled as reporting the same thing."""
    wanted = {(r["doc_id"], int(r["start"])): r for r in labels}
    results = []
    for documents in stories.values():
        sentences = []
        for doc in documents:
            for start, end in sentence_spans(doc["text"])[:SENTENCES]:
                sentences.append({"article_id": doc["id"], "text": doc["text"][start:end], "start": start})
        group_of = {doc["id"]: doc["id"] for doc in documents}  # each article its own outlet
        for item in compare(sentences, group_of):
            row = wanted.get((item["sentence"]["article_id"], item["sentence"]["start"]))
            if row is None:
                continue
            match = item["match"]
            results.append({**item, "label": int(row["has_counterpart"]), "part": row["part"],
                            "match_key": f"{match['article_id']}:{match['start']}" if match else None,
                            # ECB+'s labels do not name the sentences elsewhere.
                            "counterparts": set(row["counterparts"].split()) if "counterparts" in row else None})
    return results


def only_here(results: list[dict], meaning: float, words: float | None) -> dict:
    """"Reported only here" is the positive call: the closest sentence elsewhere is
    under the meaning threshold (and under the words threshold, and no sentence
    elsewhere holds its words, unless None)."""
    def called(r):
        return r["meaning"] < meaning and (words is None or r["words"] < words
                                           and r["contained"] < COUNTERPART_CONTAINED)
    tp = sum(1 for r in results if called(r) and r["label"] == 0)
    fp = sum(1 for r in results if called(r) and r["label"] == 1)
    fn = sum(1 for r in results if not called(r) and r["label"] == 0)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "called": tp + fp, "only_here": tp + fn,
            "n": len(results)}


def told_alike(results: list[dict], meaning: float) -> dict:
    """The pairs shown side by side: a sentence and its closest sentence elsewhere
    at a cosine of `meaning` or more. Right when the labellers named that sentence
    as reporting the same thing; where the labels name none (ECB+), when the
    sentence is told elsewhere at all, which counts a pair right that may not be."""
    shown = [r for r in results if r["meaning"] >= meaning and r["match_key"]]
    right = sum(1 for r in shown if (r["match_key"] in r["counterparts"] if r["counterparts"] is not None
                                     else r["label"] == 1))
    having = sum(1 for r in results if r["label"] == 1)
    return {"shown": len(shown), "right": right, "precision": right / len(shown) if shown else 0.0,
            "having": having}


def line(name: str, f: dict) -> str:
    return (f"  {name}: precision {f['precision']:.2f} recall {f['recall']:.2f} F1 {f['f1']:.2f} "
            f"({f['called']} called, {f['only_here']} only here, of {f['n']})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ecbplus", help="stories/ecbplus.jsonl")
    parser.add_argument("polnear", help="the folder of PolNeAR's train.jsonl and dev.jsonl")
    args = parser.parse_args()
    ecb_labels = read_labels("story_counterparts.tsv")
    pol_labels = read_labels("story_counterparts_polnear.tsv")
    corpora = {
        "ECB+": compared(ecbplus_stories(args.ecbplus, ecb_labels), ecb_labels),
        "PolNeAR": compared(polnear_stories(args.polnear, pol_labels), pol_labels),
    }
    part = {(name, p): [r for r in results if r["part"] == p]
            for name, results in corpora.items() for p in ("dev", "held_out")}
    dev = part["ECB+", "dev"] + part["PolNeAR", "dev"]
    print(f"sentences of {MIN_WORDS}+ words labelled: " + ", ".join(
        f"{name} {p} {len(rows)}" for (name, p), rows in part.items()))
    print("'only here' on the dev parts together, meaning under the threshold and words under "
          f"{COUNTERPART_WORDS}: threshold precision recall F1 (called / only here)")
    for threshold in THRESHOLDS:
        f = only_here(dev, threshold, COUNTERPART_WORDS)
        print(f"  {threshold:.2f}  {f['precision']:.2f} {f['recall']:.2f} {f['f1']:.2f} "
              f"({f['called']} / {f['only_here']})")
    print("pairs shown as told alike on the dev parts: threshold, ECB+ and PolNeAR shown / right")
    for threshold in THRESHOLDS:
        print(f"  {threshold:.2f}  " + "  ".join(
            "{shown} / {right}".format(**told_alike(part[name, "dev"], threshold)) for name in corpora))
    # The threshold both calls take: the best 'only here' F1, then the most pairs right.
    best = max(THRESHOLDS, key=lambda t: (round(only_here(dev, t, COUNTERPART_WORDS)["f1"], 2),
                                          told_alike(dev, t)["precision"], -t))
    print(f"best on dev: {best} (shipped: {COUNTERPART_SIMILARITY})")
    for name in corpora:
        rows = part[name, "held_out"]
        print(f"{name} held out, never used to choose:")
        print(line(f"shipped rule (meaning under {COUNTERPART_SIMILARITY}, words under {COUNTERPART_WORDS})",
                   only_here(rows, COUNTERPART_SIMILARITY, COUNTERPART_WORDS)))
        print(line(f"meaning alone under {COUNTERPART_SIMILARITY}", only_here(rows, COUNTERPART_SIMILARITY, None)))
        print(line("every sentence 'only here'", only_here(rows, 2.0, None)))
        t = told_alike(rows, COUNTERPART_SIMILARITY)
        print(f"  pairs shown as told alike (cosine {COUNTERPART_SIMILARITY} or more): {t['right']} right of "
              f"{t['shown']}; {t['having']} sentences are told elsewhere")


if __name__ == "__main__":
    main()
