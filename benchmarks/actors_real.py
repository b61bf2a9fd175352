"""Actors on real news: every actor of some PolNeAR articles listed by hand.

    python benchmarks/actors_real.py PATH/TO/polnear/dev.jsonl [PATH/TO/polnear/train.jsonl] [--misses]
    python benchmarks/actors_real.py PATH/TO/polnear/dev.jsonl --part development   # the held-out part unread

`benchmarks/data/actors_polnear.tsv` lists, for each article, every person,
organisation, place and group it names, with its kind, the names that refer to
it, whether finding it is required or merely allowed (a programme's title, a
nationality adjective), and the part (`development` or `heldout`). The corpus
stays outside the repository, so the paths of its splits are given.

Scored per article, on the actors the scorers find (canonical name and kind, as
rows of `actors`):
precision is the share of found actors that are listed (those matching only an
allowed entry are left out), recall the share of required actors found, a split
is a listed actor found as two actors or more, and kind agreement is over the
matched ones. `--misses` prints the development part's errors only.
"""

import argparse
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


def key(name: str) -> str:
    """A name as compared: case, dots, "the" and curly apostrophes aside."""
    name = name.lower().replace("\u2019", "'").replace(".", "")
    return re.sub(r"^the\s+", "", " ".join(name.split()))


def listed_actors():
    by_article = defaultdict(list)
    for line in LABELS.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        article, name, kind, aliases, need, part = line.split("\t")
        by_article[article].append({"name": name, "kind": kind, "need": need, "part": part,
                                    "keys": {key(name), *(key(a) for a in aliases.split("|"))}})
    return by_article


def found_actors(record) -> set[tuple[str, str]]:
    """The (canonical name, kind) of every actor found: one row of `actors` each, as
    the article loaded alone would store them (scored, then resolved)."""
    raw = RawDocument(source=record["id"], location=record["id"], kind="record", content=record["text"])
    article = article_from_record(raw)
    rows = Resolver().resolve(article_rows(article, analyze_article(article), layout()))
    return {(name, kind) for _, name, kind, *_ in rows.mentions}


def score(listed, found):
    """(matched required, false, missed required, splits, kind agreements, matched) for one article."""
    matches = defaultdict(set)
    false = []
    for name, kind in found:
        hits = [actor for actor in listed if key(name) in actor["keys"]]
        if not hits:
            false.append(f"{name} ({kind})")
        for actor in hits:
            matches[actor["name"]].add((name, kind))
    required = [a for a in listed if a["need"] == "required"]
    missed = [a["name"] for a in required if not matches[a["name"]]]
    found_required = [name for name, _ in found if any(key(name) in a["keys"] for a in required)]
    splits = [(a["name"], sorted(matches[a["name"]])) for a in listed if len(matches[a["name"]]) > 1]
    kinds = [(a["kind"], kind) for a in listed for _, kind in matches[a["name"]]]
    return found_required, false, missed, splits, kinds, len(required)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("polnear", type=Path, nargs="+", help="PolNeAR JSONL splits (dev, train)")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--part", choices=("development", "heldout"),
                        help="score only that part's articles (the others are not read)")
    args = parser.parse_args()
    records = records_by_id(args.polnear)
    totals = defaultdict(lambda: defaultdict(int))
    for article, listed in listed_actors().items():
        if article not in records:
            sys.exit(f"{LABELS.name}: article {article} is in none of the splits given")
        part = listed[0]["part"]
        if args.part and part != args.part:
            continue
        found_required, false, missed, splits, kinds, required = score(listed, found_actors(records[article]))
        total = totals[part]
        total["articles"] += 1
        total["true"] += len(found_required)
        total["false"] += len(false)
        total["required"] += required
        total["found"] += required - len(missed)
        total["splits"] += len(splits)
        total["kinds"] += len(kinds)
        total["kinds agree"] += sum(listed_kind == found_kind for listed_kind, found_kind in kinds)
        if args.misses and part == "development":
            print(f"{article}:")
            for name in false:
                print(f"  false: {name}")
            for name in missed:
                print(f"  missed: {name}")
            for name, names in splits:
                print(f"  split: {name} -> {names}")
            for listed_kind, found_kind in kinds:
                if listed_kind != found_kind:
                    print(f"  kind: {listed_kind} found as {found_kind}")
    for part, total in totals.items():
        precision = total["true"] / max(1, total["true"] + total["false"])
        recall = total["found"] / max(1, total["required"])
        print(f"{part}: {total['articles']} articles, {total['required']} required actors; "
              f"precision {precision:.3f}, recall {recall:.3f}, {total['splits']} split; "
              f"kinds agree {total['kinds agree']}/{total['kinds']}")


if __name__ == "__main__":
    main()
