"""sentiment_toward() on a served instance: the first call and a page of rows.

    python benchmarks/sql_sentiment.py [--rows 50] [--target Clinton] [--newsmtsc FILE]

Loads a small corpus (benchmarks/corpus.py) into a database, opens it read-only
in Datasette (in-process, as `datasette serve -i`), and times the query
`select sentiment_toward(text, TARGET) from sentences limit N` through Datasette's
own JSON API: once in a fresh server (the encoder loads on the first call), then
again with other rows, and with the rows that name the target (`where text like`),
each of which is parsed and encoded. Prints milliseconds and the time limit it
must stay under.
"""

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import write  # noqa: E402


async def timed(datasette, database: str, sql: str) -> tuple[float, int | None]:
    """Milliseconds and rows; None rows when Datasette stopped the query at its time limit."""
    started = time.perf_counter()
    response = await datasette.client.get(f"/{database}.json", params={"sql": sql, "_shape": "array"})
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code == 400 and "took too long" in response.text:
        return elapsed, None
    if response.status_code != 200:
        raise SystemExit(f"{response.status_code}: {response.text[:300]}")
    return elapsed, len(response.json())


def described(figures: tuple[float, int | None]) -> str:
    elapsed, rows = figures
    if rows is None:
        return f"TIMED OUT after {elapsed:.0f} ms"
    return f"{elapsed:.0f} ms for {rows} rows ({elapsed / max(rows, 1):.1f} ms a row)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50)
    parser.add_argument("--target", default="Clinton")
    parser.add_argument("--newsmtsc", type=Path)
    parser.add_argument("--wait", type=float, default=0.0,
                        help="seconds between the server's start and the first query")
    args = parser.parse_args()
    from datasette.app import Datasette

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        write(200, corpus, args.newsmtsc)
        path = Path(folder) / "news.db"
        # Loaded by another process: this one starts as a server does, nothing loaded.
        subprocess.run([sys.executable, "-m", "datasette_attribution", "load", str(path), str(corpus),
                        "--workers", "2"], check=True, capture_output=True)
        datasette = Datasette(immutables=[str(path)])
        asyncio.run(datasette.invoke_startup())  # as `datasette serve` does: the plugin starts its warm-up
        time.sleep(args.wait)
        limit = datasette.setting("sql_time_limit_ms")
        name = path.stem
        first = asyncio.run(timed(datasette, name, f"select sentiment_toward(text, '{args.target}') "
                                                   f"from sentences limit {args.rows}"))
        again = asyncio.run(timed(datasette, name, f"select sentiment_toward(text, '{args.target}') "
                                                   f"from sentences limit {args.rows} offset {args.rows}"))
        naming = asyncio.run(timed(datasette, name, f"select sentiment_toward(text, '{args.target}') "
                                                    f"from sentences where text like '%{args.target}%' "
                                                    f"limit {args.rows}"))
    print(f"select sentiment_toward(text, '{args.target}') from sentences limit {args.rows}, "
          f"Datasette's time limit {limit} ms (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: "
          "other processes slow every figure):")
    print(f"  first call, {args.wait:g} s after the server started: {described(first)}")
    print(f"  the next {args.rows} rows: {described(again)}")
    print(f"  the first {args.rows} rows that name {args.target}, each scored: {described(naming)}")


if __name__ == "__main__":
    main()
