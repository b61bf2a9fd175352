"""End-to-end load throughput against the floor no scorer design avoids.

    python benchmarks/load_throughput.py [--articles 1000] [--newsmtsc FILE] [--workers 1 2] [--repeat 1]

Writes a corpus (benchmarks/corpus.py), then for each worker count loads it into
a fresh database with `python -m datasette_attribution load` (read, segment,
parse, score, store, summary tables) and prints sentences a second and the peak
memory of the loading processes. In the same run it measures two floors of the
NLP the load stands on, on the same sentences and one core: spaCy's (the pipeline's
`nlp.pipe` with all its components, the one the load uses, in batches of the same
size, plus TextBlob's PatternAnalyzer sentence sentiment), and spaCy's plus the
sentence encoder's (every sentence encoded once, as the load does). The load's
target is measured against the second. With --repeat N the
loads take turns N times and the floor is measured N times; each figure is the
median, with the range beside it (a shared virtual machine varies by several
per cent from run to run).
"""

import argparse
import json
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
from datasette_attribution.ingest.structured import article_from_record  # noqa: E402
from datasette_attribution.records import RawDocument  # noqa: E402
from datasette_attribution.text.segment import segment_article  # noqa: E402


def corpus_sentences(path: Path) -> list[str]:
    sentences = []
    for line in path.read_text("utf-8").splitlines():
        record = json.loads(line)
        raw = RawDocument(record["id"], record["id"], "record", record["text"])
        sentences.extend(s["text"] for s in segment_article(article_from_record(raw)))
    return sentences


def floor_rates(sentences: list[str]) -> tuple[float, float]:
    """(spaCy and TextBlob, the same plus the encoder), sentences a second."""
    import spacy
    from textblob.en.sentiments import PatternAnalyzer

    from datasette_attribution.nlp import BATCH_SIZE, DEFAULT_PIPELINES

    for name in DEFAULT_PIPELINES:
        try:
            nlp = spacy.load(name)  # every component, none disabled
            break
        except OSError:
            continue
    analyzer = PatternAnalyzer()
    analyzer.analyze(sentences[0])
    list(nlp.pipe(sentences[:BATCH_SIZE], batch_size=BATCH_SIZE))
    started = time.perf_counter()
    for _ in nlp.pipe(sentences, batch_size=BATCH_SIZE):
        pass
    for sentence in sentences:
        analyzer.analyze(sentence)
    spacy_time = time.perf_counter() - started
    from datasette_attribution import encoder

    encoder.encode(sentences[:32])
    started = time.perf_counter()
    for begin in range(0, len(sentences), 40):  # an article's sentences at a time, as the load
        encoder.encode(sentences[begin:begin + 40])
    encoder_time = time.perf_counter() - started
    return len(sentences) / spacy_time, len(sentences) / (spacy_time + encoder_time)


def children_peak_mb() -> float:
    """Largest resident size among finished child processes (the load and its workers)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--newsmtsc", type=Path)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        write(args.articles, corpus, args.newsmtsc)
        # The loads run first, as a user runs them, each in its own process: a
        # forked child's peak memory counts what the parent held before exec, so
        # this script holds nothing large until they are done.
        elapsed = {workers: [] for workers in args.workers}
        for turn in range(args.repeat):
            for workers in args.workers:
                database = Path(folder) / f"load-{workers}-{turn}.db"
                started = time.perf_counter()
                result = subprocess.run(
                    [sys.executable, "-m", "datasette_attribution", "load",
                     str(database), str(corpus), "--workers", str(workers)],
                    capture_output=True, text=True, check=True)
                elapsed[workers].append(time.perf_counter() - started)
                summary, peak = result.stdout.strip(), children_peak_mb()
                database.unlink()
        sentences = corpus_sentences(corpus)
        measured = [floor_rates(sentences) for _ in range(args.repeat)]
    spacy_floors = [m[0] for m in measured]
    floors = [m[1] for m in measured]
    floor = statistics.median(floors)
    print(f"{args.articles} articles, {len(sentences)} sentences; "
          f"median of {args.repeat} run(s), range in brackets")
    print(f"spaCy floor (nlp.pipe, all components, + TextBlob PatternAnalyzer, one core): "
          f"{statistics.median(spacy_floors):,.0f} sentences/s [{min(spacy_floors):,.0f}-{max(spacy_floors):,.0f}]")
    print(f"floor (the same + the sentence encoder, one core): {floor:,.0f} sentences/s "
          f"[{min(floors):,.0f}-{max(floors):,.0f}]")
    print(f"each load: {summary}; peak memory of the largest load process {peak:.0f} MB")
    rates = {}
    for workers, times in elapsed.items():
        each = sorted(len(sentences) / t for t in times)
        rates[workers] = statistics.median(each)
        print(f"load with {workers} worker(s): {rates[workers]:,.0f} sentences/s "
              f"[{each[0]:,.0f}-{each[-1]:,.0f}]; {floor / rates[workers]:.2f} x the floor's time, "
              f"{floor * workers / rates[workers]:.2f} x per core")
    if 1 in rates and len(rates) > 1:
        best = max(w for w in rates if w > 1)
        ratios = sorted(one / many for one, many in zip(elapsed[1], elapsed[best], strict=True))
        print(f"speed-up with {best} workers: {rates[best] / rates[1]:.2f} x "
              f"(turn by turn {', '.join(f'{r:.2f}' for r in ratios)})")


if __name__ == "__main__":
    main()
