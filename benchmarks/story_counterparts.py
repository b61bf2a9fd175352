"""How well the story view finds what one outlet reports that the others do not.

Reads the hand labels of benchmarks/data/story_counterparts.tsv (ECB+ sentences:
1 when another article of the event reports the same thing), encodes each event's
sentences as the story view does (web/pages/counterparts.py), and prints, for a range of
thresholds, how the "reported here, not by the others" call agrees with the labels
on the dev part, then the chosen threshold's figures on the held-out part.

    python benchmarks/story_counterparts.py PATH/TO/stories/ecbplus.jsonl
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
    COUNTERPART_SIMILARITY,
    MIN_WORDS,
    compare,
    nearest_elsewhere,
)

LABELS = Path(__file__).parent / "data" / "story_counterparts.tsv"
# As labelled: the event's first three articles, their first eight sentences.
ARTICLES, SENTENCES = 3, 8


def by_words(sentences: list[dict], group_of: dict):
    """The method the story view used before: the cosine of rarity-weighted words."""
    from datasette_attribution.grouping import counterpart_score, sentence_vector

    found = []
    for sentence in sentences:
        if len(sentence["text"].split()) < MIN_WORDS:
            continue
        others = [sentence_vector(o["text"]) for o in sentences
                  if group_of[o["article_id"]] != group_of[sentence["article_id"]]]
        found.append((sentence, counterpart_score(sentence_vector(sentence["text"]), others), None))
    return found


def scored(documents: dict, labels: list[dict], method=nearest_elsewhere) -> list[tuple[float, int, str]]:
    """(closest cosine elsewhere, label, part) for each labelled sentence."""
    events = {}
    for row in labels:
        events.setdefault(row["event"], set()).add(row["doc_id"])
    by_event = {}
    for doc in documents.values():
        by_event.setdefault(doc["event"], []).append(doc)
    wanted = {(r["doc_id"], int(r["start"])): r for r in labels}
    results = []
    for event in events:
        sentences, group_of = [], {}
        for doc in by_event[event][:ARTICLES]:
            group_of[doc["id"]] = doc["id"]  # each article its own outlet
            for start, end in sentence_spans(doc["text"])[:SENTENCES]:
                sentences.append({"article_id": doc["id"], "text": doc["text"][start:end], "start": start})
        for sentence, score, _ in method(sentences, group_of):
            row = wanted.get((sentence["article_id"], sentence["start"]))
            if row is not None:
                results.append((score, int(row["has_counterpart"]), row["part"]))
    return results


def figures(results, threshold: float) -> dict:
    """"Reported only here" is the positive call: score under the threshold."""
    tp = sum(1 for s, label, _ in results if s < threshold and label == 0)
    fp = sum(1 for s, label, _ in results if s < threshold and label == 1)
    fn = sum(1 for s, label, _ in results if s >= threshold and label == 0)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "called": tp + fp, "only_here": tp + fn,
            "n": len(results)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ecbplus", help="stories/ecbplus.jsonl")
    args = parser.parse_args()
    documents = {d["id"]: d for d in map(json.loads, open(args.ecbplus, encoding="utf-8"))}
    with open(LABELS, encoding="utf-8") as handle:
        labels = list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))
    results = scored(documents, labels)
    dev = [r for r in results if r[2] == "dev"]
    held = [r for r in results if r[2] == "held_out"]
    print(f"sentences of {MIN_WORDS}+ words labelled: dev {len(dev)}, held out {len(held)}")
    print("threshold  dev: precision recall F1 (called / only here)")
    thresholds = [round(0.5 + 0.05 * i, 2) for i in range(10)]
    for threshold in thresholds:
        f = figures(dev, threshold)
        print(f"  {threshold:.2f}  {f['precision']:.2f} {f['recall']:.2f} {f['f1']:.2f} "
              f"({f['called']} / {f['only_here']})")
    best = max(thresholds, key=lambda t: (figures(dev, t)["f1"], -t))
    print(f"best on dev: {best} (shipped: {COUNTERPART_SIMILARITY})")
    f = figures(held, COUNTERPART_SIMILARITY)
    print(f"meaning alone at {COUNTERPART_SIMILARITY}: held out precision {f['precision']:.2f} "
          f"recall {f['recall']:.2f} F1 {f['f1']:.2f} ({f['called']} called, {f['only_here']} only here, "
          f"of {f['n']})")
    words = scored(documents, labels, by_words)
    for part in ("dev", "held_out"):
        w = figures([r for r in words if r[2] == part], 0.35)
        print(f"before, by words (cosine 0.35), {part}: precision {w['precision']:.2f} recall {w['recall']:.2f} "
              f"F1 {w['f1']:.2f} ({w['called']} called)")
    def shipped(sentences, group_of):  # the story view's rule: neither meaning nor words close
        return [(c["sentence"], 0.0 if c["only_here"] else 1.0, None) for c in compare(sentences, group_of)]

    rule = scored(documents, labels, shipped)
    for part in ("dev", "held_out"):
        r = figures([x for x in rule if x[2] == part], 0.5)
        print(f"shipped rule (meaning under {COUNTERPART_SIMILARITY} and words under 0.35), {part}: precision "
              f"{r['precision']:.2f} recall {r['recall']:.2f} F1 {r['f1']:.2f} ({r['called']} called)")
    every = figures(held, 2.0)
    print(f"calling every sentence 'only here', held out: precision {every['precision']:.2f} F1 {every['f1']:.2f}")


if __name__ == "__main__":
    main()
