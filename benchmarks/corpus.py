"""Article-shaped benchmark corpora built from real news sentences.

    python benchmarks/corpus.py ARTICLES OUT.jsonl [--newsmtsc FILE] [--seed 0]

Each article is ~30 sentences drawn at random from a pool of real sentences (the
bundled seeds, plus NewsMTSC sentences when given), grouped into paragraphs of
one to three sentences, with an outlet (one of twelve), a title and a date. No
two articles share their text, so reloads are not skipped as duplicates.
"""

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from datasette_attribution.ingest.formats import to_article  # noqa: E402
from datasette_attribution.records import RawDocument  # noqa: E402
from datasette_attribution.text.segment import segment_article  # noqa: E402

OUTLETS = [f"Outlet {letter}" for letter in "ABCDEFGHIJKL"]
SENTENCES_PER_ARTICLE = 30


def sentence_pool(newsmtsc: Path | None) -> list[str]:
    pool = []
    for page in sorted((ROOT / "seeds").glob("*.txt")):
        article = to_article(RawDocument(str(page), str(page), "text", page.read_text("utf-8")))
        pool.extend(s["text"] for s in segment_article(article))
    if newsmtsc:
        for line in newsmtsc.read_text("utf-8").splitlines():
            pool.append(json.loads(line)["sentence_normalized"])
    return pool


def articles(count: int, pool: list[str], seed: int = 0, length: int = SENTENCES_PER_ARTICLE):
    rng = random.Random(seed)
    spread = min(8, length // 2)
    for number in range(count):
        size = rng.randint(length - spread, length + spread)
        sentences = rng.sample(pool, min(size, len(pool)))
        paragraphs, at = [], 0
        while at < len(sentences):
            step = rng.randint(1, 3)
            paragraphs.append(" ".join(sentences[at:at + step]))
            at += step
        yield {
            "id": f"bench-{seed}-{number}",
            "outlet": rng.choice(OUTLETS),
            "title": sentences[0][:80],
            "published": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "text": "\n".join(paragraphs),
        }


def write(count: int, out: Path, newsmtsc: Path | None = None, seed: int = 0,
          length: int = SENTENCES_PER_ARTICLE) -> int:
    """Write `count` articles of about `length` sentences as JSON Lines."""
    pool = sentence_pool(newsmtsc)
    with out.open("w", encoding="utf-8") as handle:
        for record in articles(count, pool, seed, length):
            handle.write(json.dumps(record) + "\n")
    return count


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--newsmtsc", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    write(args.articles, args.out, args.newsmtsc, args.seed)
    print(f"wrote {args.articles} articles to {args.out}")
