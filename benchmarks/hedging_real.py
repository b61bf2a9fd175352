"""Hedging on real news: sentences labelled by hand, scored by part as the load scores them.

    python benchmarks/hedging_real.py SHARED_DATA [--misses]

SHARED_DATA holds `polnear/{train,dev}.jsonl`, `pages_news/truth.json` and
`pages/truth.json`. The labels hold no text, only where each sentence lies
(`benchmarks/data/hedging_polnear.tsv`: PolNeAR, parts `development` and `heldout`;
`benchmarks/data/hedging_real_news.tsv`: PolNeAR, 2023 web news and the extraction
benchmark's pages, parts `train` and `test`). Prints hedged-class precision,
recall and F1 for each file and part, and how many sentences called hedged show no cue
(the evidence a reader is given). `--misses` lists the errors of the parts learned from
only (`development`, `train`); the others are scored, never read.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.hedging import hedged_class_figures  # noqa: E402
from datasette_attribution.analyze import score_sentence  # noqa: E402
from training.real_news import documents_by_id  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
LABELS = ("hedging_polnear.tsv", "hedging_real_news.tsv")
READ_PARTS = {"development", "train"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shared", type=Path, help="the folder holding polnear/, pages_news/ and pages/")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    texts = documents_by_id(args.shared)
    for name in LABELS:
        parts: dict[str, list] = {}
        for number, line in enumerate((DATA / name).read_text("utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            article, start, end, label, part = line.split("\t")[-5:]
            if article not in texts:
                sys.exit(f"{DATA / name}:{number}: article {article} is in none of the documents of {args.shared}")
            sentence = texts[article][int(start):int(end)]
            scored = score_sentence(sentence)
            parts.setdefault(part, []).append((label == "hedged", bool(scored["hedged"]), sentence, scored))
        for part, rows in parts.items():
            f1, precision, recall = hedged_class_figures([(gold, guess) for gold, guess, _, _ in rows])
            called = [scored for _, guess, _, scored in rows if guess]
            bare = sum(not any(cue["counts"] for cue in scored["hedge_cues"]) for scored in called)
            print(f"{name} {part}: {len(rows)} sentences, {sum(r[0] for r in rows)} hedged; hedged-class F1 "
                  f"{f1:.3f} (precision {precision:.3f}, recall {recall:.3f}); called hedged with no cue "
                  f"shown: {bare} of {len(called)}")
            if args.misses and part in READ_PARTS:
                for gold, guess, sentence, scored in rows:
                    if gold != guess:
                        cues = ", ".join(c["text"] for c in scored["hedge_cues"]) or "no cue"
                        print(f"  {'missed' if gold else 'false'} {scored['hedging_score']:.3f} [{cues}] {sentence}")


if __name__ == "__main__":
    main()
