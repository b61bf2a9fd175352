"""Scoring throughput on one core: sentences a second through every scorer.

    python benchmarks/scoring_speed.py [NEWSMTSC_JSONL]

Scores the bundled seed articles, and (if given) NewsMTSC sentences grouped
into 30-sentence articles, through analyze_article (segmentation plus all
registered scorers, no database), and prints sentences and mentions a second.
"""

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from datasette_attribution.analyze import analyze_article  # noqa: E402
from datasette_attribution.ingest.formats import to_article  # noqa: E402
from datasette_attribution.records import Article, Paragraph, RawDocument  # noqa: E402

SENTENCES_PER_ARTICLE = 30


def seed_articles():
    return [to_article(RawDocument(str(p), str(p), "text", p.read_text("utf-8")))
            for p in sorted((ROOT / "seeds").glob("*.txt"))]


def newsmtsc_articles(path: Path, limit: int = 3000):
    sentences = [json.loads(line)["sentence_normalized"]
                 for line in path.read_text("utf-8").splitlines()[:limit]]
    return [Article(source=f"newsmtsc-{i}",
                    paragraphs=[Paragraph(s) for s in sentences[i:i + SENTENCES_PER_ARTICLE]])
            for i in range(0, len(sentences), SENTENCES_PER_ARTICLE)]


def measure(name, articles, repeat):
    analyze_article(articles[0])  # load lexicons and models outside the timing
    sentences = mentions = 0
    started = time.perf_counter()
    for _ in range(repeat):
        for article in articles:
            analysis = analyze_article(article)
            sentences += len(analysis.sentences)
            mentions += sum(len(s["mentions"]) for s in analysis.sentences)
    elapsed = time.perf_counter() - started
    print(f"{name:<10} {sentences:>6} sentences  {sentences / elapsed:8.0f} sentences/s  "
          f"{mentions / elapsed:8.0f} mentions/s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("newsmtsc", type=Path, nargs="?", help="a NewsMTSC JSONL file, scored as 30-sentence articles")
    arguments = parser.parse_args()
    measure("seeds", seed_articles(), repeat=50)
    if arguments.newsmtsc:
        measure("newsmtsc", newsmtsc_articles(arguments.newsmtsc), repeat=1)
