"""How well and how fast articles are grouped into stories.

    python benchmarks/stories.py PATH_TO_POLNEAR_FOLDER [--threshold T] [--window DAYS]

Reads the hand-made groups of benchmarks/data/stories_polnear.tsv (article ids;
the text comes from the corpus' train.jsonl and dev.jsonl), writes the articles
of each labelled window into a fresh database in publication order through the
store's StoryGrouper (what a load does after scoring), and prints B-cubed and
pairwise precision, recall and F1 for each window, beside the figure of putting
every article alone (B-cubed rewards that when most articles are alone, so the
pairwise figures say more). The July window was used to choose the defaults;
the September window was not looked at while choosing them.

Then the seeds: their similarity to each other, and the closest any corpus
article comes to either (dates aside). Last, the time to group 10,000 articles
(the corpus written eleven times over, each copy four years later).
"""

import argparse
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from datasette_attribution.pipeline import open_database  # noqa: E402
from datasette_attribution.store.stories import StoryGrouper  # noqa: E402
from datasette_attribution.stories import (  # noqa: E402
    DEFAULT_THRESHOLD,
    DEFAULT_WINDOW_DAYS,
    cosine,
    term_vector,
)

LABELS = Path(__file__).parent / "data" / "stories_polnear.tsv"
WINDOWS = {"July 2016 (development)": ("2016-07-18", "2016-08-05"),
           "September 2016 (not tuned on)": ("2016-09-12", "2016-10-05")}
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def read_labels():
    rows = [line.rstrip("\n").split("\t") for line in LABELS.read_text("utf-8").splitlines()
            if line and not line.startswith(("#", "article_id"))]
    return {article_id: (story if story != "-" else f"alone:{article_id}") for article_id, story in rows}


def read_corpus(folder: Path) -> dict:
    return {record["id"]: record for name in ("train.jsonl", "dev.jsonl")
            for record in map(json.loads, (folder / name).read_text("utf-8").splitlines())}


def group(records, window, threshold):
    """article id -> story id (or its own id when alone), written in publication order."""
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "stories.db")
        grouper = StoryGrouper(db, window, threshold)
        ids = {}
        started = time.perf_counter()
        for record in sorted(records, key=lambda r: (r["published"], r["id"])):
            row_id = db.execute(
                "insert into articles (title, body, published, outlet) values (?, ?, ?, ?)",
                [record["title"], record["text"], record["published"], record["outlet"]]).lastrowid
            grouper.place(row_id, record["published"], term_vector(record["title"], record["text"]))
            ids[row_id] = record["id"]
        db.conn.commit()
        elapsed = time.perf_counter() - started
        story = dict(db.execute("select id, story_id from articles").fetchall())
        db.conn.close()
    return {ids[row]: (f"story:{story[row]}" if story[row] else f"alone:{ids[row]}") for row in ids}, elapsed


def bcubed(predicted, gold):
    precision = recall = 0.0
    for item in gold:
        same_predicted = {other for other in gold if predicted[other] == predicted[item]}
        same_gold = {other for other in gold if gold[other] == gold[item]}
        both = len(same_predicted & same_gold)
        precision += both / len(same_predicted)
        recall += both / len(same_gold)
    return _prf(precision / len(gold), recall / len(gold))


def pairwise(predicted, gold):
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        together, belong = predicted[a] == predicted[b], gold[a] == gold[b]
        tp += together and belong
        fp += together and not belong
        fn += belong and not together
    return _prf(tp / max(1, tp + fp), tp / max(1, tp + fn))


def _prf(p, r):
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def show(name, figures):
    p, r, f = figures
    return f"{name} P {p:.3f} R {r:.3f} F1 {f:.3f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("polnear", type=Path)
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--window", type=int, default=DEFAULT_WINDOW_DAYS)
    args = parser.parse_args()
    corpus, labels = read_corpus(args.polnear), read_labels()
    print(f"threshold {args.threshold}, window {args.window} days")
    for name, (first, last) in WINDOWS.items():
        gold = {i: s for i, s in labels.items() if first <= corpus[i]["published"] <= last}
        predicted, _ = group([corpus[i] for i in gold], args.window, args.threshold)
        alone = {i: f"alone:{i}" for i in gold}
        stories = len({s for s in gold.values() if not s.startswith("alone:")})
        print(f"{name}: {len(gold)} articles, {stories} stories by hand; grouped into "
              f"{len({s for s in predicted.values() if s.startswith('story:')})}")
        print("   " + show("B-cubed", bcubed(predicted, gold)) + "   | every article alone: "
              + show("B-cubed", bcubed(alone, gold)))
        print("   " + show("pairs  ", pairwise(predicted, gold)))
    seeds = [path.read_text("utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    seed_vectors = [term_vector(text.split("\n", 1)[0], text) for text in seeds]
    closest = max(cosine(seed, term_vector(r["title"], r["text"]))
                  for seed in seed_vectors for r in corpus.values())
    print(f"seeds: similarity to each other {cosine(*seed_vectors):.3f}; closest corpus article "
          f"{closest:.3f} (threshold {args.threshold})")
    copies = []
    for copy in range(11):
        for record in corpus.values():
            year = int(record["published"][:4]) + 4 * copy  # leap days stay leap days
            copies.append({**record, "id": f"{copy}:{record['id']}",
                           "published": f"{year}{record['published'][4:]}"})
    _, elapsed = group(copies, args.window, args.threshold)
    print(f"grouping {len(copies):,} articles: {elapsed:.1f} s "
          f"({elapsed / len(copies) * 10_000:.1f} s per 10,000)")


if __name__ == "__main__":
    main()
