"""Serving at scale: plugin pages and facets on a database of a million sentences.

    python benchmarks/serving.py [--sentences 1000000] [--db PATH] [--repeat 5]

Loads the seeds, then replicates their articles (sentences, mentions, quotes,
paragraphs; outlets spread over twelve names) until the database holds the
requested number of sentences, rebuilds the summary tables as a load does, and
serves it immutable in-process with the table counts of `datasette inspect`. For each page it prints the median and 95th
percentile response time and any facet that timed out, first with Datasette's
default settings, then with `suggest_facets` off (Datasette's own facet
suggestions probe every column and dominate on wide tables).
"""

import argparse
import asyncio
import json
import math
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlite_utils  # noqa: E402
from datasette.app import Datasette  # noqa: E402

from datasette_attribution.pipeline import load  # noqa: E402
from datasette_attribution.store import open_database, refresh_summaries  # noqa: E402

PAGES = [
    "/{db}/sentences",
    "/{db}/sentences?_facet_score_band=hedging_score",
    "/{db}/sentences?_facet_actor=actor",
    "/{db}/sentences?attribution=anonymous&_facet_actor=actor",
    "/{db}/sentences?_actor=3",
    "/{db}/articles?_facet_actor=actor&_facet_score_band=anonymous_share",
    "/-/attribution/{db}/articles/1",
    "/-/attribution/{db}/outlets",
]
REPLICATED = {  # table: columns shifted by the size of the table they point to
    "articles": {"id": "articles"},
    "paragraphs": {"id": "paragraphs", "article_id": "articles"},
    "sentences": {"id": "sentences", "article_id": "articles"},
    "mentions": {"id": "mentions", "sentence_id": "sentences"},
    "quotes": {"id": "quotes", "sentence_id": "sentences"},
    "attributions": {"id": "attributions", "sentence_id": "sentences"},
}


def build(path: Path, target: int) -> None:
    load(open_database(path), [str(ROOT / "seeds")])
    conn = sqlite3.connect(path)
    for (trigger,) in conn.execute("select name from sqlite_master where type = 'trigger'").fetchall():
        conn.execute(f"drop trigger [{trigger}]")  # full-text search is not measured here
    sizes = {t: conn.execute(f"select max(id) from {t}").fetchone()[0] for t in REPLICATED}
    copies = math.ceil(target / sizes["sentences"]) - 1
    conn.execute("begin")
    for table, shifts in REPLICATED.items():
        columns = [row[1] for row in conn.execute(f"pragma table_info({table})")]
        select = []
        for column in columns:
            if column in shifts:
                select.append(f"t.[{column}] + {sizes[shifts[column]]} * n.i")
            elif table == "articles" and column == "content_hash":
                select.append("t.content_hash || n.i")
            elif table == "articles" and column == "outlet":
                select.append("'Outlet ' || (n.i % 12)")
            else:
                select.append(f"t.[{column}]")
        conn.execute(
            f"with recursive n(i) as (select 1 union all select i + 1 from n where i < {copies}) "
            f"insert into {table} ({', '.join(f'[{c}]' for c in columns)}) "
            f"select {', '.join(select)} from n, {table} t where t.id <= {sizes[table]}")
    conn.execute("commit")
    conn.close()
    db = sqlite_utils.Database(path)
    refresh_summaries(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def inspect(path: Path) -> dict:
    """What `datasette inspect` writes to its --inspect-file."""
    with tempfile.TemporaryDirectory() as folder:
        counts = Path(folder) / "counts.json"
        subprocess.run([sys.executable, "-m", "datasette", "inspect", str(path),
                        "--inspect-file", str(counts)], check=True)
        return json.loads(counts.read_text())


async def measure(path: Path, repeat: int, suggest_facets: bool, inspected: dict) -> None:
    datasette = Datasette(immutables=[str(path)], inspect_data=inspected,
                          settings={"suggest_facets": suggest_facets})
    await datasette.invoke_startup()
    name = path.stem
    await datasette.client.get(f"/{name}")
    print(f"\nsuggest_facets {'on (default)' if suggest_facets else 'off'}")
    for page in PAGES:
        url = page.format(db=name)
        times, timed_out = [], ""
        for _ in range(repeat):
            started = time.perf_counter()
            response = await datasette.client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            found = re.findall(r"These facets timed out: ([^<]*)", response.text)
            timed_out = found[0] if found else ""
        times.sort()
        p95 = times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)]
        print(f"{response.status_code} median {statistics.median(times):7.0f} ms  p95 {p95:7.0f} ms  "
              f"{url}{'  timed out: ' + timed_out if timed_out else ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("serving-benchmark.db"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not args.db.exists():
        started = time.perf_counter()
        build(args.db, args.sentences)
        print(f"built {args.db} in {time.perf_counter() - started:.0f} s")
    counts = sqlite_utils.Database(args.db)
    print(f"{counts['sentences'].count} sentences, {counts['mentions'].count} mentions, "
          f"{counts['articles'].count} articles")
    inspected = inspect(args.db)
    for suggest in (True, False):
        asyncio.run(measure(args.db, args.repeat, suggest, inspected))


if __name__ == "__main__":
    main()
