"""Attribution accuracy on labelled sentences.

    python benchmarks/attribution.py [LABELLED.tsv]

Each line of the file is `label<TAB>sentence` (label none, named or anonymous;
`#` lines are comments). Prints attribution-detection F1 (attributed or not),
per-label F1 and the macro-F1 over none/named/anonymous, and lists the misses.
Defaults to benchmarks/data/attribution_heldout.tsv, a hand-written set the
scorer was not tuned on; attribution_development.tsv is the set whose errors
were studied while the rules were written.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from datasette_attribution.analyze import score_sentence  # noqa: E402

LABELS = ("none", "named", "anonymous")
DEFAULT = Path(__file__).resolve().parent / "data" / "attribution_heldout.tsv"


def f1(tp, fp, fn):
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main(path: Path) -> None:
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, sentence = line.split("\t", 1)
            rows.append((label, sentence, score_sentence(sentence)["attribution"]))
    truth_attr = [gold != "none" for gold, _, _ in rows]
    pred_attr = [guess != "none" for _, _, guess in rows]
    tp = sum(t and p for t, p in zip(truth_attr, pred_attr, strict=True))
    fp = sum(p and not t for t, p in zip(truth_attr, pred_attr, strict=True))
    fn = sum(t and not p for t, p in zip(truth_attr, pred_attr, strict=True))
    print(f"{len(rows)} sentences from {path.name}")
    print(f"attribution detection F1 {f1(tp, fp, fn):.3f}")
    scores = []
    for label in LABELS:
        ltp = sum(g == label and p == label for g, _, p in rows)
        lfp = sum(g != label and p == label for g, _, p in rows)
        lfn = sum(g == label and p != label for g, _, p in rows)
        scores.append(f1(ltp, lfp, lfn))
        print(f"  {label:<10} F1 {scores[-1]:.3f}")
    print(f"macro-F1 none/named/anonymous {sum(scores) / len(scores):.3f}")
    for gold, sentence, guess in rows:
        if gold != guess:
            print(f"  expected {gold:<9} got {guess:<9} {sentence}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("labelled", type=Path, nargs="?", default=DEFAULT,
                        help="a file of label<TAB>sentence lines (default: the hand-written held-out set)")
    main(parser.parse_args().labelled)
