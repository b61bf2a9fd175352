"""Actors on real news: every actor of some real articles listed by hand.

    python benchmarks/actors_real.py PATH/TO/polnear/dev.jsonl [PATH/TO/polnear/train.jsonl] [--misses]
    python benchmarks/actors_real.py PATH/TO/polnear/dev.jsonl --part development   # the held-out part unread
    python benchmarks/actors_real.py --pages PATH/TO/pages_news [--part development] [--misses] [--by-written]

`benchmarks/data/actors_polnear.tsv` lists, for each of 26 PolNeAR dev articles,
every person, organisation, place and group it names, with its kind, the names
that refer to it, whether finding it is required or merely allowed (a programme's
title, a nationality adjective), and the part (`development` or `heldout`);
`actors_polnear_train.tsv` does the same for 24 articles of train. Each file is
scored, part by part, on the splits given that hold its articles.
`benchmarks/data/actors_pages_news.tsv` does the same for 66 of the 2023 news
pages (`--pages`, the folder of their truth.json), each read as its true title
and body. The corpora stay outside the repository, so their paths are given.

Scored per article, on the actors the scorers find (canonical name and kind, as
rows of `actors`):
precision is the share of found actors that are listed (those matching only an
allowed entry are left out), recall the share of required actors found, a split
is a listed actor found as two actors or more, and kind agreement is over the
matched ones. `--misses` prints the development part's errors only.
"""

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.polnear import records_by_id  # noqa: E402
from datasette_attribution.analyze import analyze_article  # noqa: E402
from datasette_attribution.ingest.structured import article_from_record  # noqa: E402
from datasette_attribution.records import RawDocument  # noqa: E402
from datasette_attribution.pipeline import layout  # noqa: E402
from datasette_attribution.resolution import Resolver  # noqa: E402
from datasette_attribution.store import article_rows  # noqa: E402

LABELS = Path(__file__).resolve().parent / "data" / "actors_polnear.tsv"
TRAIN_LABELS = Path(__file__).resolve().parent / "data" / "actors_polnear_train.tsv"
PAGES_LABELS = Path(__file__).resolve().parent / "data" / "actors_pages_news.tsv"


def key(name: str) -> str:
    """A name as compared: case, dots, "the" and curly apostrophes aside."""
    name = name.lower().replace("\u2019", "'").replace(".", "")
    return re.sub(r"^the\s+", "", " ".join(name.split()))


def listed_actors(labels: Path = LABELS):
    by_article = defaultdict(list)
    for line in labels.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        article, name, kind, aliases, need, part = line.split("\t")
        if name == "-":  # the article names no actor: a line that nothing matches
            by_article[article].append({"name": name, "kind": kind, "need": need, "part": part, "keys": set()})
            continue
        by_article[article].append({"name": name, "kind": kind, "need": need, "part": part,
                                    "keys": {key(name), *(key(a) for a in aliases.split("|"))}})
    return by_article


def page_records(pages_dir: Path) -> dict[str, dict]:
    """The news pages as records: the true title, a blank line, the true body (as
    PolNeAR's records give an article's title above its text)."""
    truth = json.loads((pages_dir / "truth.json").read_text("utf-8"))
    return {name: {"id": name, "text": f"{page['title']}\n\n{page['body']}"} for name, page in truth.items()}


def found_actors(record) -> dict[tuple[str, str], set[str]]:
    """The (canonical name, kind) of every actor found, one row of `actors` each, as
    the article loaded alone would store them (scored, then resolved), with the
    texts of its mentions there."""
    raw = RawDocument(source=record["id"], location=record["id"], kind="record", content=record["text"])
    article = article_from_record(raw)
    resolver = Resolver()
    rows = resolver.resolve(article_rows(article, analyze_article(article), layout()))
    settlement = resolver.settle()  # what the load joins once the article is written
    found = defaultdict(set)
    for _, name, kind, _, text, *_ in rows.mentions:
        name = settlement.merges.get(name, name)
        found[(name, settlement.kinds.get(name) or kind)].add(text)
    return found


def score(listed, found, by_written=False):
    """(matched required, false, missed required, splits, kind agreements, matched) for one article.
    An actor matches the listed entities its canonical name is a name of; with
    `by_written`, one whose canonical name is none matches by the names its mentions
    were written as ("Fox News" for "Fox News Channel", "United States" for "America":
    the canonical name the corpus gives an entity the article names otherwise)."""
    matches = defaultdict(set)
    false = []

    def hits_of(actor):
        name, _ = actor
        hits = [entry for entry in listed if key(name) in entry["keys"]]
        if not hits and by_written:
            hits = [entry for entry in listed if any(key(text) in entry["keys"] for text in found[actor])]
        return hits

    hits = {actor: hits_of(actor) for actor in found}
    for (name, kind), entries in hits.items():
        if not entries:
            false.append(f"{name} ({kind}; written {'|'.join(sorted(found[(name, kind)]))})")
        for entry in entries:
            matches[entry["name"]].add((name, kind))
    required = [a for a in listed if a["need"] == "required"]
    missed = [a["name"] for a in required if not matches[a["name"]]]
    found_required = [name for (name, _), entries in hits.items() if any(e["need"] == "required" for e in entries)]
    splits = [(a["name"], sorted(matches[a["name"]])) for a in listed if len(matches[a["name"]]) > 1]
    kinds = [(a["kind"], kind, found_name) for a in listed for found_name, kind in matches[a["name"]]]
    return found_required, false, missed, splits, kinds, len(required)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("polnear", type=Path, nargs="*", help="PolNeAR JSONL splits (dev, train)")
    parser.add_argument("--pages", type=Path, help="the 2023 news pages' folder: score their labels instead")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--part", choices=("development", "heldout"),
                        help="score only that part's articles (the others are not read)")
    parser.add_argument("--by-written", action="store_true",
                        help="an actor whose canonical name is not listed matches by the names it was written as")
    args = parser.parse_args()
    if args.pages:
        label_files, records = [(PAGES_LABELS, "")], page_records(args.pages)
    elif args.polnear:
        label_files, records = [(LABELS, ""), (TRAIN_LABELS, f"{TRAIN_LABELS.stem} ")], records_by_id(args.polnear)
    else:
        parser.error("give PolNeAR splits or --pages")
    totals = defaultdict(lambda: defaultdict(int))
    for labels, prefix in label_files:
        score_file(labels, prefix, records, args, totals)
    for part, total in totals.items():
        precision = total["true"] / max(1, total["true"] + total["false"])
        recall = total["found"] / max(1, total["required"])
        print(f"{part}: {total['articles']} articles, {total['required']} required actors; "
              f"precision {precision:.3f}, recall {recall:.3f}, {total['splits']} split; "
              f"kinds agree {total['kinds agree']}/{total['kinds']}")


def score_file(labels: Path, prefix: str, records: dict, args, totals) -> None:
    """Adds one labels file's articles to `totals`, by `prefix` and part: none when
    the records given hold none of them."""
    listed_by_article = listed_actors(labels)
    absent = [article for article in listed_by_article if article not in records]
    if len(absent) == len(listed_by_article):
        return
    if absent:
        sys.exit(f"{labels.name}: article {absent[0]} is in none of the records given")
    for article, listed in listed_by_article.items():
        part = listed[0]["part"]
        if args.part and part != args.part:
            continue
        found_required, false, missed, splits, kinds, required = score(
            listed, found_actors(records[article]), args.by_written)
        total = totals[prefix + part]
        total["articles"] += 1
        total["true"] += len(found_required)
        total["false"] += len(false)
        total["required"] += required
        total["found"] += required - len(missed)
        total["splits"] += len(splits)
        total["kinds"] += len(kinds)
        total["kinds agree"] += sum(listed_kind == found_kind for listed_kind, found_kind, _ in kinds)
        if args.misses and part == "development":
            print(f"{article}:")
            for name in false:
                print(f"  false: {name}")
            for name in missed:
                print(f"  missed: {name}")
            for name, names in splits:
                print(f"  split: {name} -> {names}")
            for listed_kind, found_kind, name in kinds:
                if listed_kind != found_kind:
                    print(f"  kind: {listed_kind} found as {found_kind}: {name}")


if __name__ == "__main__":
    main()
