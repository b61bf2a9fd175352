"""Serving at scale: plugin pages and facets under a researcher's filters.

    python benchmarks/serving.py [--sentences 3000000] [--db PATH] [--repeat 5]

Loads the seeds, then replicates their articles (sentences, mentions, quotes,
paragraphs, stories; outlets spread over twelve names, each copy of the seeds'
story a story of its own) until the database holds the requested number of
sentences, rebuilds the summary tables as a load does, and serves it immutable
in-process with the table counts of `datasette inspect`. It prints the build's
time, peak memory and the database's size. Every table page is
requested with its default facets and the actor facet, unfiltered and under
each filter a click adds (one outlet, one actor, one attribution kind, one
story, and pairs of them); the plugin's own pages follow. For each it prints the
time of its first request, then the median and 95th percentile of the next
`--repeat`, the 95th percentile of the processor time it took (all of the
process's threads: on a machine shared with other work, what a quiet one would
take) and any facet that timed out, then the load average, first
with `suggest_facets` off (what the README recommends for a published
instance), then with Datasette's default (its facet suggestions probe every
column; `--suggest` only).
"""

import argparse
import asyncio
import json
import math
import os
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlite_utils  # noqa: E402
from datasette.app import Datasette  # noqa: E402

from datasette_attribution.pipeline import load  # noqa: E402
from datasette_attribution.store import open_database, refresh_summaries  # noqa: E402

# The actor mentioned most (in every copy of the seeds), an outlet, a story.
ACTOR, OUTLET, STORY = 3, "Outlet+3", 5
FILTERS = {  # table: the filters a click on a facet or a link adds, as query strings
    "sentences": {
        "outlet": f"_outlet={OUTLET}", "actor": f"_actor={ACTOR}", "kind": "attribution=anonymous",
        "story": f"_story={STORY}",
        # The dashboard's links under a date range: the seeds' month, every sentence.
        "months": "_since=2014-11&_until=2014-11",
    },
    "articles": {
        "outlet": f"outlet={OUTLET}", "actor": f"_actor={ACTOR}", "story": f"story_id={STORY}",
    },
    "mentions": {
        "outlet": f"_outlet={OUTLET}", "actor": f"actor_id={ACTOR}",
    },
}
FACETS = {
    "sentences": ["", "_facet_actor=actor", "_facet_score_band=hedging_score"],
    "articles": ["", "_facet_actor=actor"],
    "mentions": [""],
}
PLUGIN_PAGES = [
    "/-/attribution/{db}/articles/1",
    "/-/attribution/{db}/outlets",
    f"/-/attribution/{{db}}/actors/{ACTOR}",
    f"/-/attribution/{{db}}/stories/{STORY}",
    # The dashboard: every outlet, and under each of its controls.
    "/-/attribution/{db}",
    "/-/attribution/{db}?since=2014-11&until=2014-11",  # the seeds' month: every article
    f"/-/attribution/{{db}}?outlet={OUTLET}",
    f"/-/attribution/{{db}}?actor={ACTOR}",
    # and under each pair of them
    f"/-/attribution/{{db}}?outlet={OUTLET}&since=2014-11&until=2014-11",
    f"/-/attribution/{{db}}?actor={ACTOR}&since=2014-11&until=2014-11",
    f"/-/attribution/{{db}}?outlet={OUTLET}&actor={ACTOR}",
]


def pages() -> list[str]:
    """Each table page with each facet, unfiltered, under each filter and each pair."""
    found = []
    for table, filters in FILTERS.items():
        names = list(filters)
        chosen = [[]] + [[name] for name in names] + [
            [a, b] for i, a in enumerate(names) for b in names[i + 1:]]
        for combination in chosen:
            for facet in FACETS[table]:
                query = "&".join([filters[name] for name in combination] + ([facet] if facet else []))
                found.append(f"/{{db}}/{table}" + (f"?{query}" if query else ""))
    return found + PLUGIN_PAGES
REPLICATED = {  # table: columns shifted by the size of the table they point to
    "stories": {"id": "stories"},
    "articles": {"id": "articles"},
    "paragraphs": {"id": "paragraphs", "article_id": "articles"},
    "sentences": {"id": "sentences", "article_id": "articles"},
    "mentions": {"id": "mentions", "sentence_id": "sentences"},
    "quotes": {"id": "quotes", "sentence_id": "sentences"},
    "attributions": {"id": "attributions", "sentence_id": "sentences"},
}


CACHE_KIB = 1024 * 1024  # SQLite's page cache while building: 1 GiB
COPIES_PER_COMMIT = 1000  # copies of the seeds (43 sentences in two articles each)


def build(path: Path, target: int) -> None:
    load(open_database(path), [str(ROOT / "seeds")])
    # The load's planner statistics say each table holds the seeds' few rows:
    # with them the planner reads every article (bodies and all) to copy two,
    # so each batch took longer than the last (seconds a batch by a million
    # sentences). The summaries' rebuild at the end counts them again.
    with sqlite3.connect(path) as stale:
        stale.execute("delete from sqlite_stat1")
    conn = sqlite3.connect(path)
    # A fixed page cache, large enough that the indexes' pages written by each
    # batch stay in memory; a crash during a build leaves a database to delete.
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    conn.execute("PRAGMA synchronous = OFF")
    for (trigger,) in conn.execute("select name from sqlite_master where type = 'trigger'").fetchall():
        conn.execute(f"drop trigger [{trigger}]")  # full-text search is not measured here
    # The copies go in without the secondary indexes, which are built once
    # after, in order: inserting into a dozen indexes of millions of rows at
    # random places is what made a build of ten million sentences take hours.
    indexes = conn.execute(
        f"select name, sql from sqlite_master where type = 'index' and sql is not null "
        f"and tbl_name in ({', '.join(repr(t) for t in REPLICATED)})").fetchall()
    for name, _ in indexes:
        conn.execute(f"drop index [{name}]")
    sizes = {t: conn.execute(f"select max(id) from {t}").fetchone()[0] for t in REPLICATED}
    copies = math.ceil(target / sizes["sentences"]) - 1
    statements = {}
    for table, shifts in REPLICATED.items():
        columns = [row[1] for row in conn.execute(f"pragma table_info({table})")]
        select = []
        for column in columns:
            if column in shifts:
                select.append(f"t.[{column}] + {sizes[shifts[column]]} * n.i")
            elif table == "articles" and column == "content_hash":
                select.append("t.content_hash || n.i")
            elif table == "articles" and column == "outlet":
                select.append("'Outlet ' || ((2 * n.i + t.id) % 12)")
            elif table == "articles" and column == "story_id":
                select.append(f"t.story_id + {sizes['stories']} * n.i")
            else:
                select.append(f"t.[{column}]")
        statements[table] = (
            "with recursive n(i) as (select :first union all select i + 1 from n where i < :last) "
            f"insert into {table} ({', '.join(f'[{c}]' for c in columns)}) "
            f"select {', '.join(select)} from n, {table} t where t.id <= {sizes[table]}")
    # A transaction per batch of copies: the write-ahead log is checkpointed
    # and reused after each, so the disk holds the database once, not twice,
    # and memory stays SQLite's page cache at any size.
    for first in range(1, copies + 1, COPIES_PER_COMMIT):
        conn.execute("begin")
        for statement in statements.values():
            conn.execute(statement, {"first": first, "last": min(copies, first + COPIES_PER_COMMIT - 1)})
        conn.execute("commit")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    started = time.perf_counter()
    for _, sql in indexes:
        conn.execute(sql)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"{len(indexes)} indexes built after the copies in {time.perf_counter() - started:.0f} s", flush=True)
    conn.close()
    db = sqlite_utils.Database(path)
    db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    started = time.perf_counter()
    refresh_summaries(db)
    print(f"summary tables rebuilt (as at the end of a load) in {time.perf_counter() - started:.0f} s")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def inspect(path: Path) -> dict:
    """What `datasette inspect` writes to its --inspect-file."""
    with tempfile.TemporaryDirectory() as folder:
        counts = Path(folder) / "counts.json"
        subprocess.run([sys.executable, "-m", "datasette", "inspect", str(path),
                        "--inspect-file", str(counts)], check=True)
        return json.loads(counts.read_text())


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


async def measure(path: Path, repeat: int, suggest_facets: bool, inspected: dict) -> list[float]:
    """Each page's median and 95th percentile; returns the 95th percentiles."""
    datasette = Datasette(immutables=[str(path)], inspect_data=inspected,
                          settings={"suggest_facets": suggest_facets})
    await datasette.invoke_startup()
    for thread in threading.enumerate():  # the plugin's warm-up, which loads the models beside
        if thread.name == "attribution-warm-up":  # a starting server: not a page's processor time
            thread.join()
    name = path.stem
    await datasette.client.get(f"/{name}")
    print(f"\nsuggest_facets {'on (default)' if suggest_facets else 'off'}")
    percentiles = []
    for page in pages():
        url = page.format(db=name)
        # The first request of a page may load what its later ones reuse (the
        # scorers' settings, a model): shown apart, not in the percentiles.
        started = time.perf_counter()
        await datasette.client.get(url)
        first = (time.perf_counter() - started) * 1000
        times, cpu, timed_out = [], [], ""
        for _ in range(repeat):
            started, used = time.perf_counter(), time.process_time()
            response = await datasette.client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - used) * 1000)
            found = re.findall(r"These facets timed out: ([^<]*)", response.text)
            timed_out = found[0] if found else ""
        p95, cpu_p95 = percentile(times, 0.95), percentile(cpu, 0.95)
        percentiles.append(p95)
        print(f"{response.status_code} first {first:7.0f} ms  median {statistics.median(times):7.0f} ms  "
              f"p95 {p95:7.0f} ms  cpu p95 {cpu_p95:6.0f} ms  "
              f"{url}{'  timed out: ' + timed_out if timed_out else ''}")
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    slow = sum(p95 >= 500 for p95 in percentiles)
    print(f"{len(percentiles)} pages: {slow} with p95 >= 500 ms, slowest p95 {max(percentiles):.0f} ms")
    return percentiles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=3_000_000)
    parser.add_argument("--db", type=Path, default=Path("serving-benchmark.db"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--suggest", action="store_true",
                        help="Also measure with Datasette's facet suggestions on (its default).")
    args = parser.parse_args()
    if not args.db.exists():
        started = time.perf_counter()
        build(args.db, args.sentences)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        print(f"built {args.db} in {time.perf_counter() - started:.0f} s, peak memory {peak:.0f} MiB")
    print(f"database size {args.db.stat().st_size / 2**30:.1f} GiB")
    counts = sqlite_utils.Database(args.db)
    print(f"{counts['sentences'].count} sentences, {counts['mentions'].count} mentions, "
          f"{counts['articles'].count} articles")
    inspected = inspect(args.db)
    for suggest in (False, True) if args.suggest else (False,):
        asyncio.run(measure(args.db, args.repeat, suggest, inspected))


if __name__ == "__main__":
    main()
