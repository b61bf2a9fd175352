"""The cost of adding articles to a large database: a load and its summary update.

    python benchmarks/summary_updates.py --db serving-benchmark.db [--articles 20]

Copies a database built by `benchmarks/serving.py` (left as it is), loads
`--articles` new articles into the copy (the seeds' texts, each made new by a
numbered closing sentence, so each is parsed, scored and stored as any other),
and prints the load's time and the part of it spent updating the summary
tables, in all and per article. Run it on databases of several sizes: the cost
of an article should not grow with the database.
"""

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from datasette_attribution import pipeline  # noqa: E402
from datasette_attribution.store import open_database  # noqa: E402

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def new_articles(folder: Path, count: int) -> Path:
    path = folder / "new.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            seed = SEEDS[n % len(SEEDS)]
            text = seed.read_text("utf-8") + f"\n\nThis is update number {n + 1} to the story, officials said."
            out.write(json.dumps({"id": f"update-{n + 1}", "title": f"Update {n + 1}", "outlet": f"Outlet {n % 12}",
                                  "published": "2014-11-08", "text": text}) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="A database built by benchmarks/serving.py.")
    parser.add_argument("--articles", type=int, default=20)
    args = parser.parse_args()
    spent = {"summaries": 0.0}
    update = pipeline.update_summaries

    def timed_update(db):
        started = time.perf_counter()
        update(db)
        spent["summaries"] += time.perf_counter() - started

    pipeline.update_summaries = timed_update
    with tempfile.TemporaryDirectory(dir=args.db.parent) as folder:
        copy = Path(folder) / args.db.name
        shutil.copy(args.db, copy)
        db = open_database(copy)
        sentences = db["sentences"].count
        started = time.perf_counter()
        report = pipeline.load(db, [str(new_articles(Path(folder), args.articles))])
        elapsed = time.perf_counter() - started
    print(f"{sentences:,} sentences: {report.added} articles added in {elapsed:.1f} s "
          f"({1000 * elapsed / args.articles:.0f} ms an article), summaries updated in "
          f"{spent['summaries']:.1f} s ({1000 * spent['summaries'] / args.articles:.0f} ms an article)")


if __name__ == "__main__":
    main()
