"""Hedging on real news: sentences of PolNeAR labelled by hand, scored by part.

    python benchmarks/hedging_real.py PATH/TO/polnear/train.jsonl PATH/TO/polnear/dev.jsonl [--misses]

`benchmarks/data/hedging_polnear.tsv` holds, for each labelled sentence, the article
id, the sentence's offsets in the article's text, the label and the part
(`development` or `heldout`); the corpus itself stays outside the repository, so
the paths of its splits are given. Prints hedged-class precision, recall and F1 for each part;
`--misses` lists the development part's errors only (the held-out part is scored,
not read).
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.hedging import hedged_class_figures  # noqa: E402
from benchmarks.polnear import records_by_id  # noqa: E402
from datasette_attribution.analyze import score_sentence  # noqa: E402

LABELS = Path(__file__).resolve().parent / "data" / "hedging_polnear.tsv"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("polnear", type=Path, nargs="+", help="PolNeAR JSONL splits (train, dev)")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    texts = {id_: record["text"] for id_, record in records_by_id(args.polnear).items()}
    parts: dict[str, list] = {}
    for line in LABELS.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        article, start, end, label, part = line.split("\t")
        if article not in texts:
            sys.exit(f"{LABELS.name}: article {article} is in none of the splits given")
        sentence = texts[article][int(start):int(end)]
        scored = score_sentence(sentence)
        parts.setdefault(part, []).append((label == "hedged", bool(scored["hedged"]), sentence, scored))
    for part, rows in parts.items():
        f1, precision, recall = hedged_class_figures([(gold, guess) for gold, guess, _, _ in rows])
        print(f"{part}: {len(rows)} sentences, {sum(r[0] for r in rows)} hedged; hedged-class F1 {f1:.3f} "
              f"(precision {precision:.3f}, recall {recall:.3f})")
        if args.misses and part == "development":
            for gold, guess, sentence, scored in rows:
                if gold != guess:
                    cues = ", ".join(c["text"] for c in scored["hedge_cues"]) or "no cue"
                    print(f"  {'missed' if gold else 'false'} {scored['hedging_score']:.3f} [{cues}] {sentence}")


if __name__ == "__main__":
    main()
