"""Real sources labelled by hand: is each found, is it called named or anonymous
rightly, and whom does a pronoun source go to.

    python benchmarks/sources_real.py --shared PATH/shared/data [--part train|test] [--misses N] [--batch N]

The labels are training/data/polnear_sources.jsonl (named or anonymous and the kind,
for PolNeAR sources) and training/data/polnear_pronouns.jsonl (the person a pronoun
source refers to, as offsets of the name in the article); see the README beside them.
Each article goes through the scorers as a load would. A gold source is found when
an attribution of the sentence holding it has a source overlapping it; its
anonymity is then the attribution's. A pronoun is resolved rightly when the actor
the scorer gives it shares a word (not a title) with the labelled name, or, for a
referent labelled unnamed, when the attribution is anonymous. The resolved speaker is
the name the scorer gives the attribution (`speaker`, an actor's name where the
article's mentions know it). The `train` part is
where errors were read; the `test` part is only ever scored. `--batch N` scores one
batch of the sources alone (1, the first 898; 2, the 400 drawn later from the sources
not labelled before), as a fresh batch was scored before any of its errors was read.
"""

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.polnear import located_sentences  # noqa: E402
from datasette_attribution.scorers.common.names import strip_titles  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "training" / "data"


def articles(shared: Path) -> dict[tuple[str, str], dict]:
    found = {}
    for split in ("train", "dev"):
        for line in (shared / "polnear" / f"{split}.jsonl").read_text("utf-8").splitlines():
            record = json.loads(line)
            found[("polnear-" + split, record["id"])] = record
    return found


def attribution_at(scored, start: int, end: int):
    """The attribution whose source overlaps text[start:end], and its sentence."""
    for sentence, a, b in scored:
        if a <= start < b:
            for row in sentence.get("attributions", []):
                if row["source_start"] is not None and a + row["source_start"] < end \
                        and start < a + row["source_end"]:
                    return row, sentence
            return None, sentence
    return None, None


def name_words(name: str) -> set[str]:
    """The words of a name, titles left out, and its initials ("International
    Monetary Fund" -> also "imf"), so that an acronym meets the name it stands for."""
    tokens, _ = strip_titles(name.replace(".", ". ").split())
    found = {re.sub(r"\W", "", t).lower() for t in tokens if len(re.sub(r"\W", "", t)) > 1}
    capitalised = [t for t in tokens if t[:1].isupper()]
    if len(capitalised) > 2:
        found.add("".join(t[0] for t in capitalised).lower())
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, required=True)
    parser.add_argument("--part", default="train", choices=("train", "test"))
    parser.add_argument("--misses", type=int, default=0)
    parser.add_argument("--only", choices=("sources", "pronouns"), help="score one of the two label sets")
    parser.add_argument("--limit", type=int, help="only the first N articles (in the labels' order)")
    parser.add_argument("--batch", type=int, help="only the sources of this labelling batch")
    args = parser.parse_args()
    records = articles(args.shared)
    sources = [json.loads(x) for x in (DATA / "polnear_sources.jsonl").read_text().splitlines()]
    pronouns_path = DATA / "polnear_pronouns.jsonl"
    pronouns = [json.loads(x) for x in pronouns_path.read_text().splitlines()] if pronouns_path.exists() else []
    sources = [r for r in sources if r["part"] == args.part and args.only != "pronouns"
               and args.batch in (None, r.get("batch", 1))]
    pronouns = [r for r in pronouns if r["part"] == args.part and args.only != "sources" and args.batch is None]
    by_doc = defaultdict(lambda: ([], []))
    for row in sources:
        by_doc[(row["corpus"], row["doc"])][0].append(row)
    for row in pronouns:
        by_doc[(row["corpus"], row["doc"])][1].append(row)
    counts, errors, misses = Counter(), Counter(), defaultdict(list)
    for key, (doc_sources, doc_pronouns) in list(by_doc.items())[: args.limit]:
        record = records[key]
        text = record["text"]
        scored = list(located_sentences(record))
        for row in doc_sources:
            start = row["sentence_start"] + row["start"]
            end = row["sentence_start"] + row["end"]
            found, sentence = attribution_at(scored, start, end)
            gold = row["anonymous"] == 1
            counts["gold anonymous"] += gold
            counts["sources"] += 1
            if found is None:
                counts["not found"] += 1
                counts["anonymous not found"] += gold
                if gold:
                    misses["anonymous not found"].append(
                        f"{row['kind']}: [{text[start:end]}] got {(sentence or {}).get('attribution')}"
                        f" {[(a['cue'], a['source']) for a in (sentence or {}).get('attributions', [])]}"
                        f" | {(sentence or {}).get('text', '')}")
                continue
            predicted = found["anonymous"] == 1
            counts["tp"] += gold and predicted
            counts["fp"] += predicted and not gold
            counts["fn"] += gold and not predicted
            counts["kind right"] += found["source_kind"] == row["kind"]
            counts["found"] += 1
            if gold != predicted:
                errors[(row["kind"], found["source_kind"])] += 1
                misses["anonymity"].append(f"gold {row['kind']}, got {found['source_kind']}: "
                                           f"[{text[start:end]}] ({found['source']})")
        for row in doc_pronouns:
            found, sentence = attribution_at(scored, row["start"], row["end"])
            counts["pronouns"] += 1
            if found is None:
                counts["pronoun not found"] += 1
                continue
            actor = found.get("speaker") or (found.get("actor") or ("",))[0]
            if row["referent"] == "UNNAMED":
                right = found["anonymous"] == 1
            elif row["referent"] == "UNKNOWN":
                counts["pronoun unknown"] += 1
                continue
            else:
                referent = text[row["referent_start"]:row["referent_end"]]
                right = bool(name_words(actor) & name_words(referent))
            counts["pronoun right"] += right
            if not right:
                labelled = row["referent"] if "referent_start" not in row \
                    else text[row["referent_start"]:row["referent_end"]]
                misses["pronoun"].append(f"{found['source']!r} -> {actor!r}, labelled {labelled!r}")
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    missing = counts["anonymous not found"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn + missing) if tp + fn + missing else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"{args.part} part: {counts['sources']} labelled sources ({counts['gold anonymous']} anonymous)"
          f" in {len(by_doc) if args.limit is None else min(args.limit, len(by_doc))} articles")
    print(f"found as an attribution: {counts['found']} of {counts['sources']}; "
          f"anonymous ones not found: {missing}")
    print(f"anonymous F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f}: {tp} of {counts['gold anonymous']}),"
          f" a source not found counting as missed")
    print(f"kind right, of those found: {counts['kind right'] / max(counts['found'], 1):.3f}")
    for (gold, got), n in errors.most_common(8):
        print(f"  gold {gold:<16} got {got:<16} {n}")
    if counts["pronouns"]:
        judged = counts["pronouns"] - counts["pronoun not found"] - counts["pronoun unknown"]
        print(f"pronoun sources: {counts['pronouns']}, found {counts['pronouns'] - counts['pronoun not found']},"
              f" resolved rightly {counts['pronoun right']} of {judged} "
              f"({counts['pronoun right'] / max(judged, 1):.3f})")
    for kind, found in misses.items():
        for line in found[: args.misses]:
            print(f"[{kind}] {line}")


if __name__ == "__main__":
    main()
