"""Which verbs report a claim through their object alone, as PolNeAR train marks them.

    python training/claim_object_verbs.py PATH/polnear/train.jsonl [--min-count 4] [--min-share 0.6]

A verb with a direct object and no clause ("confirmed the existence of the letter",
"Polls show a close contest") is an attribution only when its object can be the claim
itself; otherwise it is an act ("shared a picture", "added an optional rail system").
For every verb of PolNeAR train so used (spaCy's parse of the package's sentences, as a
load makes them), this counts how often the corpus marks it, or a word of its phrase,
as an attribution cue, and prints the lemmas marked in at least --min-share of at
least --min-count uses, beside lexicons/claim_object_verbs.txt, for that file.
"""

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from datasette_attribution.ingest.structured import article_from_record  # noqa: E402
from datasette_attribution.nlp import parse  # noqa: E402
from datasette_attribution.records import RawDocument  # noqa: E402
from datasette_attribution.resources import words  # noqa: E402
from datasette_attribution.scorers.sourcing.phrases import CONTENT_DEPS  # noqa: E402
from datasette_attribution.text.segment import segment_article  # noqa: E402


def object_uses(record):
    """(lemma, marked) for each verb of the article used with an object and no clause."""
    raw = RawDocument(source=record["id"], location=record["id"], kind="record", content=record["text"])
    sentences = segment_article(article_from_record(raw))
    text, cursor, located = record["text"], 0, []
    for sentence in sentences:
        pattern = re.compile(r"\s+".join(map(re.escape, sentence["text"].split())))
        match = pattern.search(text, cursor) or pattern.search(text)
        if match:
            cursor = match.end()
            located.append((sentence["text"], match.start()))
    cues = record["cues"]
    for doc, (_, start) in zip(parse([s for s, _ in located]), located, strict=True):
        for token in doc:
            deps = {child.dep_ for child in token.children}
            if token.pos_ != "VERB" or "dobj" not in deps or deps & set(CONTENT_DEPS):
                continue
            at = start + token.idx
            yield token.lemma_.lower(), any(a <= at < b for a, b in cues)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("--min-count", type=int, default=4)
    parser.add_argument("--min-share", type=float, default=0.6)
    args = parser.parse_args()
    used, marked = Counter(), Counter()
    for line in args.train.open(encoding="utf-8"):
        for lemma, is_cue in object_uses(json.loads(line)):
            used[lemma] += 1
            marked[lemma] += is_cue
    listed = words("claim_object_verbs.txt")
    chosen = sorted((lemma for lemma in used if used[lemma] >= args.min_count
                     and marked[lemma] / used[lemma] >= args.min_share), key=lambda lemma: -used[lemma])
    print(f"{sum(used.values())} uses of {len(used)} verbs with an object and no clause; "
          f"{sum(marked.values())} marked as cues")
    print(f"reporting a claim through the object (>= {args.min_share} of >= {args.min_count} uses):")
    for lemma in chosen:
        print(f"  {lemma:14s} {marked[lemma]:4d} of {used[lemma]:4d}" + ("  (listed)" if lemma in listed else ""))
    print("listed but not chosen: " + ", ".join(
        f"{lemma} {marked[lemma]}/{used[lemma]}" for lemma in sorted(listed) if lemma not in chosen))


if __name__ == "__main__":
    main()
