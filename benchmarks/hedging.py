"""Hedging accuracy on labelled news sentences.

    python benchmarks/hedging.py [LABELLED.tsv] [--misses]

Each line of the file is `label<TAB>sentence` (label hedged or plain; `#` lines
are comments). Prints precision, recall and F1 of the hedged class, and with
--misses the sentences the scorer got wrong. Three sets of hand-written news
sentences live in benchmarks/data/; each file's header says what it was used
for. The default, hedging_news_heldout_3.tsv, is the one no rule has been
developed on.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from datasette_attribution.analyze import score_sentence  # noqa: E402
from datasette_attribution.scorers.hedging import is_hedged  # noqa: E402

DEFAULT = Path(__file__).resolve().parent / "data" / "hedging_news_heldout_3.tsv"


def hedged_class_figures(pairs) -> tuple[float, float, float]:
    """F1, precision and recall of the hedged class from (gold, guess) pairs."""
    tp = sum(gold and guess for gold, guess in pairs)
    fp = sum(guess and not gold for gold, guess in pairs)
    fn = sum(gold and not guess for gold, guess in pairs)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return f1, precision, recall


def main(path: Path, show_misses: bool) -> None:
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, sentence = line.split("\t", 1)
            score = score_sentence(sentence)["hedging_score"]
            rows.append((label == "hedged", is_hedged(score), score, sentence))
    f1, precision, recall = hedged_class_figures([(gold, guess) for gold, guess, _, _ in rows])
    print(f"{len(rows)} sentences from {path.name}, {sum(r[0] for r in rows)} hedged")
    print(f"hedged-class F1 {f1:.3f} (precision {precision:.3f}, recall {recall:.3f})")
    if show_misses:
        for gold, guess, score, sentence in rows:
            if gold != guess:
                cues = ", ".join(c["text"] for c in score_sentence(sentence)["hedge_cues"]) or "no cue"
                print(f"  {'missed' if gold else 'false'} {score:.3f} [{cues}] {sentence}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("labelled", type=Path, nargs="?", default=DEFAULT,
                        help="a file of label<TAB>sentence lines (default: the third hand-written news set)")
    parser.add_argument("--misses", action="store_true", help="print the sentences the scorer got wrong")
    arguments = parser.parse_args()
    main(arguments.labelled, arguments.misses)
