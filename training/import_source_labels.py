"""Turn the adjudicated hand labels of PolNeAR sources into the training data files,
as ids, offsets and labels (no text of the corpus).

    python training/import_source_labels.py --shared PATH/shared/data --pool POOL.json \
        --sources SOURCES.tsv [--pronouns PRONOUNS.tsv] [--batch N]

POOL.json is the labelling pool: each item's id (`<article id>#<index in the
article's sources>`), corpus, document, the source's character offsets and its part
(`train` or `test`, a fixed fifth of the articles by a hash of their id).
SOURCES.tsv holds `ID<TAB>named|anonymous<TAB>KIND`; PRONOUNS.tsv `ID<TAB>REFERENT`
(the name the pronoun refers to as the article writes it, or UNNAMED, or UNKNOWN).
Writes training/data/polnear_sources.jsonl (each source with the sentence the
package's segmenter puts it in) and training/data/polnear_pronouns.jsonl (the
referent as the offsets of its last writing before the pronoun). With `--batch N` the
sources are a later batch, drawn from the sources not labelled before: they are added
to the file, each marked with its batch, so that it can be scored apart before any of
its errors is read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from datasette_attribution.ingest.structured import article_from_record  # noqa: E402
from datasette_attribution.records import RawDocument  # noqa: E402
from datasette_attribution.scorers.sourcing.kinds import KINDS  # noqa: E402
from datasette_attribution.text.segment import segment_article  # noqa: E402
from training.real_news import documents  # noqa: E402

DATA = ROOT / "training" / "data"


def sentence_bounds(text: str, doc_id: str) -> list[tuple[int, int]]:
    """The segmenter's sentences of a PolNeAR text, as offsets into that text."""
    article = article_from_record(RawDocument(doc_id, doc_id, "record", text))
    bounds, cursor = [], 0
    for sentence in segment_article(article):
        # located as benchmarks/polnear.py does: the reader may have normalised white space
        pattern = re.compile(r"\s+".join(map(re.escape, sentence["text"].split())))
        match = pattern.search(text, cursor) or pattern.search(text)
        if match:
            bounds.append((match.start(), match.end()))
            cursor = match.end()
    return bounds


def import_sources(tsv: Path, pool: Path, shared: Path, batch: int | None = None) -> None:
    items = {x["id"]: x for x in json.loads(pool.read_text("utf-8"))["anon"]}
    texts = documents(shared)
    bounds: dict[str, list] = {}
    rows, skipped = [], 0
    for number, line in enumerate(tsv.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 3 or fields[0] not in items or fields[1] not in ("named", "anonymous") \
                or fields[2] not in KINDS:
            sys.exit(f"{tsv}:{number}: expected ID<TAB>named|anonymous<TAB>kind, got {line!r}")
        item = items[fields[0]]
        text = texts[(item["corpus"], item["doc"])]
        if item["doc"] not in bounds:
            bounds[item["doc"]] = sentence_bounds(text, item["doc"])
        inside = [(a, b) for a, b in bounds[item["doc"]] if a <= item["start"] and item["end"] <= b]
        if not inside:
            skipped += 1  # a source the segmenter splits across sentences
            continue
        a, b = inside[0]
        rows.append({"id": item["id"], "corpus": item["corpus"], "doc": item["doc"],
                     "sentence_start": a, "sentence_end": b,
                     "start": item["start"] - a, "end": item["end"] - a,
                     "anonymous": int(fields[1] == "anonymous"), "kind": fields[2], "part": item["part"]})
        if batch is not None:
            rows[-1]["batch"] = batch
    out = DATA / "polnear_sources.jsonl"
    if batch is not None:
        earlier = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        labelled_before = {row["id"] for row in earlier if row.get("batch") != batch}
        if labelled_before & {row["id"] for row in rows}:
            sys.exit(f"{tsv}: a batch holds only sources not labelled before")
        rows = [row for row in earlier if row.get("batch") != batch] + rows
    out.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    print(f"wrote {len(rows)} labelled sources to {out.name} ({skipped} across sentences left out)")


def referent_offsets(text: str, name: str, before: int) -> tuple[int, int] | None:
    """Where the article writes the referent's name: its last writing before the
    pronoun, else its first after, else the same for its last word (a surname)."""
    for wanted in (name, name.split()[-1]):
        pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, wanted.split())) + r"\b")
        found = [m for m in pattern.finditer(text)]
        if found:
            earlier = [m for m in found if m.start() < before]
            chosen = earlier[-1] if earlier else found[0]
            return chosen.start(), chosen.end()
    return None


def import_pronouns(tsv: Path, pool: Path, shared: Path) -> None:
    items = {x["id"]: x for x in json.loads(pool.read_text("utf-8"))["pron"]}
    texts = documents(shared)
    rows, unplaced = [], 0
    for number, line in enumerate(tsv.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 2 or fields[0] not in items or not fields[1].strip():
            sys.exit(f"{tsv}:{number}: expected ID<TAB>REFERENT, got {line!r}")
        item, referent = items[fields[0]], fields[1].strip()
        row = {"id": item["id"], "corpus": item["corpus"], "doc": item["doc"], "start": item["start"],
               "end": item["end"], "part": item["part"]}
        if referent in ("UNNAMED", "UNKNOWN"):
            row["referent"] = referent
        else:
            place = referent_offsets(texts[(item["corpus"], item["doc"])], referent, item["start"])
            if place is None:
                unplaced += 1
                continue
            row["referent"] = "NAMED"
            row["referent_start"], row["referent_end"] = place
        rows.append(row)
    out = DATA / "polnear_pronouns.jsonl"
    out.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    print(f"wrote {len(rows)} pronoun sources to {out.name} ({unplaced} names not in the article left out)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, required=True)
    parser.add_argument("--pool", type=Path, required=True)
    parser.add_argument("--sources", type=Path)
    parser.add_argument("--pronouns", type=Path)
    parser.add_argument("--batch", type=int, help="add the sources as this later batch")
    args = parser.parse_args()
    if args.sources:
        import_sources(args.sources, args.pool, args.shared, args.batch)
    if args.pronouns:
        import_pronouns(args.pronouns, args.pool, args.shared)


if __name__ == "__main__":
    main()
