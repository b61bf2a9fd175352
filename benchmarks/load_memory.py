"""Memory of a load as the number of articles grows: flat, or not.

    python benchmarks/load_memory.py [--articles 1000 5000 20000] [--sentences 6]
        [--newsmtsc FILE] [--modes workers cluster]

For each count, writes a corpus of that many articles (benchmarks/corpus.py;
short ones, `--sentences` each, since what could grow with a load is what is
kept per article: the hashes of the articles loaded, the story index) and loads
it into a new database with `load --workers 2` and `--cluster local --workers 2`
(or the one `--modes` names), each through a wrapper process that prints the largest
resident size among the load's processes (the writer, each worker, the
scheduler). Prints the time, the summary line and that peak.
"""

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import write  # noqa: E402

# Runs the load as a child and prints the peak resident size of its processes.
WRAPPER = """
import resource, subprocess, sys
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-500:])
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--sentences", type=int, default=6)
    parser.add_argument("--newsmtsc", type=Path)
    parser.add_argument("--modes", nargs="+", choices=["workers", "cluster"], default=["workers", "cluster"])
    args = parser.parse_args()
    every = {"workers": ["--workers", "2"], "cluster": ["--cluster", "local", "--workers", "2"]}
    modes = {" ".join(every[mode]): every[mode] for mode in args.modes}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for count in args.articles:
            corpus = folder / f"corpus-{count}.jsonl"
            write(count, corpus, args.newsmtsc, length=args.sentences)
            for turn, (name, options) in enumerate(modes.items()):
                database = folder / f"memory-{count}-{turn}.db"
                started = time.perf_counter()
                output = subprocess.run(
                    [sys.executable, "-c", WRAPPER, sys.executable, "-m", "datasette_attribution", "load",
                     str(database), str(corpus), "--no-progress", *options],
                    capture_output=True, text=True, check=True).stdout.splitlines()
                elapsed = time.perf_counter() - started
                print(f"{count:>6} articles, {name}: {elapsed:6.0f} s, largest process {float(output[-1]):5.0f} MB"
                      f"  ({output[0]})", flush=True)


if __name__ == "__main__":
    main()
