"""Scoring on a Dask cluster against worker processes, and the one writer's ceiling.

    python benchmarks/cluster.py [--articles 300] [--workers 2] [--repeat 3] [--newsmtsc FILE]

Writes a corpus (benchmarks/corpus.py), then loads it, each in its own process
as a user runs it, with `--workers N` and with `--cluster local --workers N`,
taking turns `--repeat` times. Prints each one's median time and sentences a
second, the cluster's time as a share of the workers', whether the databases
are identical, and the peak memory of the largest process. Then:

- the scheduler's overhead per batch: empty batches through the same
  client and code path, so what is left is Dask's own round trip;
- the writer alone: the corpus scored in this process first, then written by
  `pipeline.load` (stories and search index included) with the scoring taken
  out, in rows and sentences a second, and apart from it the summary tables'
  rebuild that ends each load. Past that rate more workers add nothing.
"""

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import write  # noqa: E402
from datasette_attribution.execute.cluster import BATCH  # noqa: E402  (Dask is imported only when used)

TABLES = ("articles", "paragraphs", "sentences", "mentions", "actors", "quotes", "attributions",
          "stories", "actor_stats", "facet_sentences")
ROW_TABLES = ("articles", "paragraphs", "sentences", "mentions", "quotes", "attributions")


def load(database: Path, corpus: Path, options: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "datasette_attribution", "load", str(database),
                             str(corpus), "--no-progress", *options],
                            capture_output=True, text=True, check=True)
    return time.perf_counter() - started, result.stdout.strip()


def contents(database: Path) -> list:
    import sqlite3

    with sqlite3.connect(database) as conn:
        return [conn.execute(f"select * from [{table}] order by rowid").fetchall() for table in TABLES]


def _empty(item, context):
    return item


def scheduler_overhead(workers: int, batches: int = 400) -> float:
    """Milliseconds a batch costs beyond its work: empty batches through mapped_in_order."""
    from datasette_attribution.execute import cluster

    client, local = cluster.connect(cluster.LOCAL, workers)
    try:
        list(cluster.mapped_in_order(client, _empty, range(cluster.BATCH * 20), None, failed=None))
        started = time.perf_counter()
        list(cluster.mapped_in_order(client, _empty, range(cluster.BATCH * batches), None, failed=None))
        return (time.perf_counter() - started) * 1000 / batches
    finally:
        client.close()
        local.close()


def writer_alone(corpus: Path, folder: Path) -> tuple[float, float, int, int]:
    """(seconds writing, seconds rebuilding the summary tables once, rows,
    sentences) for writing the corpus already scored."""
    import sqlite_utils

    from datasette_attribution import pipeline
    from datasette_attribution.ingest.sources import read_documents
    from datasette_attribution.store import refresh_summaries

    job = pipeline.Job({})
    scored = [pipeline.prepare(document, job) for document in read_documents([str(corpus)])]
    replaced = {name: getattr(pipeline, name) for name in ("prepared", "update_summaries", "refresh_summaries")}
    pipeline.prepared = lambda *args, **kwargs: iter(scored)
    pipeline.update_summaries = pipeline.refresh_summaries = lambda db: None  # timed apart below
    try:
        database = folder / "writer.db"
        started = time.perf_counter()
        report = pipeline.load(pipeline.open_database(database), [str(corpus)])
        elapsed = time.perf_counter() - started
    finally:
        for name, original in replaced.items():
            setattr(pipeline, name, original)
    db = sqlite_utils.Database(database)
    started = time.perf_counter()
    refresh_summaries(db)  # what ends a first load
    return elapsed, time.perf_counter() - started, sum(db[table].count for table in ROW_TABLES), report.sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--newsmtsc", type=Path)
    args = parser.parse_args()
    runs = {"workers": ["--workers", str(args.workers)],
            "cluster": ["--cluster", "local", "--workers", str(args.workers)]}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        corpus = folder / "corpus.jsonl"
        write(args.articles, corpus, args.newsmtsc)
        elapsed = {name: [] for name in runs}
        identical = True
        for turn in range(args.repeat):
            dumps = {}
            for name, options in runs.items():
                database = folder / f"{name}-{turn}.db"
                seconds, summary = load(database, corpus, options)
                elapsed[name].append(seconds)
                dumps[name] = contents(database)
                database.unlink()
            identical = identical and dumps["workers"] == dumps["cluster"]
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        sentences = int(summary.rsplit(";", 1)[-1].split()[0]) if "sentences" in summary else 0
        print(f"{args.articles} articles; each load: {summary}")
        medians = {}
        for name, times in elapsed.items():
            medians[name] = statistics.median(times)
            print(f"{' '.join(runs[name]):>28}: median {medians[name]:6.1f} s "
                  f"[{min(times):.1f}-{max(times):.1f}], {sentences / medians[name]:,.0f} sentences/s")
        ratios = [c / w for c, w in zip(elapsed["cluster"], elapsed["workers"], strict=True)]
        print(f"cluster time / workers time: {medians['cluster'] / medians['workers']:.3f} "
              f"(turn by turn {', '.join(f'{r:.3f}' for r in ratios)})")
        print(f"databases identical: {'yes' if identical else 'NO'}")
        print(f"peak memory of the largest process (loader, worker, scheduler): {peak:.0f} MB")
        print(f"scheduler overhead per batch of {BATCH} documents: "
              f"{scheduler_overhead(args.workers):.1f} ms")
        seconds, summaries, rows, written = writer_alone(corpus, folder)
        print(f"writer alone: {written} sentences, {rows} rows in {seconds:.1f} s: "
              f"{written / seconds:,.0f} sentences/s, {rows / seconds:,.0f} rows/s; "
              f"then the summary tables once, {summaries:.1f} s")


if __name__ == "__main__":
    main()
