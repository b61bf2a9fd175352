"""A published instance under load: several clients over the plugin's pages and facets.

    python benchmarks/serving_load.py [--articles 6000] [--clients 8] [--requests 480] [--db PATH]

Builds (once) a database of about `--articles` articles by replicating the scored
seeds as benchmarks/serving.py does, serves it read-only (`datasette serve -i`,
with an inspect file, as a published instance runs) in a subprocess, and sends a
fixed number of requests from `--clients` threads over loopback, cycling through
the pages below. Prints throughput, latency percentiles, errors (any 5xx, any
"database is locked"), the median per page, and the sentences page with one
client alone.
"""

import argparse
import itertools
import json
import math
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.serving import build  # noqa: E402

SEED_SENTENCES_PER_ARTICLE = 43 / 2
PAGES = [
    "/{db}/sentences",
    "/{db}/sentences?attribution=anonymous",
    "/{db}/sentences?_facet_actor=actor",
    "/{db}/sentences?_actor=3",
    "/{db}/sentences?_outlet=Outlet+3&hedged=1",
    "/{db}/sentences?_facet_score_band=hedging_score",
    "/{db}/articles",
    "/{db}/articles?_facet_actor=actor",
    "/{db}/mentions?_facet_score_band=sentiment",
    "/{db}/quotes",
    "/{db}/sentences.json?_shape=objects",
    "/-/attribution/{db}/articles/{article}",
    "/-/attribution/{db}/outlets",
    "/-/attribution/{db}/outlets.json",
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(path: Path, folder: Path):
    counts = folder / "counts.json"
    subprocess.run([sys.executable, "-m", "datasette", "inspect", str(path), "--inspect-file",
                    str(counts)], check=True)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", "-i", str(path), "--inspect-file", str(counts),
         "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(base + "/-/versions.json", timeout=1)
            return process, base
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("datasette did not start")


def run(base: str, urls: list[str], clients: int) -> tuple[list, float]:
    """(url, status, seconds, locked) for each of `urls`, sent by `clients` threads."""
    queue = iter(enumerate(urls))
    lock = threading.Lock()
    results = [None] * len(urls)

    def client():
        with httpx.Client(base_url=base, timeout=60) as http:
            while True:
                with lock:
                    item = next(queue, None)
                if item is None:
                    return
                index, url = item
                started = time.perf_counter()
                try:
                    response = http.get(url)
                    status, text = response.status_code, response.text
                except httpx.HTTPError as error:
                    status, text = 0, str(error)
                results[index] = (url, status, time.perf_counter() - started,
                                  "database is locked" in text)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=6000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=480)
    parser.add_argument("--db", type=Path, default=Path("serving-load.db"))
    args = parser.parse_args()
    if not args.db.exists():
        build(args.db, int(args.articles * SEED_SENTENCES_PER_ARTICLE))
    name = args.db.stem
    with tempfile.TemporaryDirectory() as folder:
        process, base = serve(args.db, Path(folder))
        try:
            articles = json.loads(httpx.get(f"{base}/{name}.json?sql=select+count(*)+from+articles"
                                            "&_shape=array").text)[0]["count(*)"]
            print(f"{articles} articles served read-only; {args.clients} clients, {args.requests} requests")
            pages = itertools.cycle(PAGES)
            urls = [next(pages).format(db=name, article=1 + (i * 7919) % articles)
                    for i in range(args.requests)]
            run(base, urls[: len(PAGES)], 1)  # warm the caches once
            results, elapsed = run(base, urls, args.clients)
            times = [seconds for _, _, seconds, _ in results]
            errors = sum(1 for _, status, _, _ in results if status >= 500 or status == 0)
            locked = sum(1 for *_, is_locked in results if is_locked)
            print(f"throughput {len(results) / elapsed:.1f} requests/s; p50 {percentile(times, .5) * 1000:.0f} ms, "
                  f"p95 {percentile(times, .95) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms; "
                  f"{errors} errors, {locked} 'database is locked'")
            for index, page in enumerate(PAGES):
                own = [seconds for _, _, seconds, _ in results[index::len(PAGES)]]
                print(f"  median {statistics.median(own) * 1000:6.0f} ms  {page.format(db=name, article='N')}")
            alone, _ = run(base, [f"/{name}/sentences"] * 10, 1)
            print(f"sentences page, one client: median "
                  f"{statistics.median(s for _, _, s, _ in alone) * 1000:.0f} ms")
        finally:
            process.kill()


if __name__ == "__main__":
    main()
