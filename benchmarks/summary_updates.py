"""The cost of adding articles to a large database: a load and its summary update.

    python benchmarks/summary_updates.py --db serving-benchmark.db [--articles 20] [--copied]

Copies a database built by `benchmarks/serving.py` (left as it is), loads
`--articles` new articles into the copy (the seeds' texts, each made new by a
numbered closing sentence, so each is parsed, scored and stored as any other),
and prints the load's time and the part of it spent updating the summary
tables, in all and per article. Run it on databases of several sizes: the cost
of an article should not grow with the database.

With --copied, nothing is parsed and no file copied: the first `--articles`
articles are written again, as the serving benchmark replicates them (joining
their stories), the summaries are updated, and all is rolled back; it prints
the update's time alone.
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

import sqlite_utils  # noqa: E402

from benchmarks.serving import REPLICATED  # noqa: E402
from datasette_attribution import pipeline  # noqa: E402
from datasette_attribution.store import open_database, update_summaries  # noqa: E402

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


# Which rows of each table belong to the first {count} articles.
OF_FIRST = {
    "articles": "t.id <= {count}",
    "paragraphs": "t.article_id <= {count}",
    "sentences": "t.article_id <= {count}",
    **{table: "t.sentence_id in (select id from sentences where article_id <= {count})"
       for table in ("mentions", "quotes", "attributions")},
}


def update_after_copies(path: Path, count: int) -> float:
    """Seconds to update the summaries after the first `count` articles are
    written again; nothing is kept."""
    db = sqlite_utils.Database(path)
    conn = db.conn
    conn.execute("begin")
    try:
        sizes = {t: conn.execute(f"select max(id) from {t}").fetchone()[0] for t in REPLICATED}
        for table, shifts in REPLICATED.items():
            if table not in OF_FIRST:
                continue  # the copies join their originals' stories
            columns = [row[1] for row in conn.execute(f"pragma table_info({table})")]
            select = [f"t.[{c}] + {sizes[shifts[c]]}" if c in shifts
                      else "t.content_hash || 'again'" if (table, c) == ("articles", "content_hash")
                      else f"t.[{c}]" for c in columns]
            conn.execute(f"insert into {table} ({', '.join(f'[{c}]' for c in columns)}) "
                         f"select {', '.join(select)} from {table} t where {OF_FIRST[table].format(count=count)}")
        started = time.perf_counter()
        update_summaries(db)
        return time.perf_counter() - started
    finally:
        conn.execute("rollback")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="A database built by benchmarks/serving.py.")
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--copied", action="store_true",
                        help="Time the summary update alone, after copies of articles already stored.")
    args = parser.parse_args()
    if args.copied:
        sentences = sqlite_utils.Database(args.db)["sentences"].count
        elapsed = update_after_copies(args.db, args.articles)
        print(f"{sentences:,} sentences: summaries updated for {args.articles} articles in {elapsed:.2f} s "
              f"({1000 * elapsed / args.articles:.0f} ms an article)")
        return
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
