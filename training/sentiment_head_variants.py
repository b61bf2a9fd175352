"""Would the sentiment head gain from reading more of the sentence's encoding than
the target's mean and the sentence's mean? Measured on the shipped encoder as it is
(frozen), with a logistic head per variant; development data only.

    python training/sentiment_head_variants.py SHARED_DATA [--c 0.03 0.3]

Each target's features, as blocks of the encoder's width: the target's word pieces'
mean and the sentence's mean (what the shipped head reads), then the mean of the
pieces within four of the target's, the sentence's maximum over its pieces, and the
means of the pieces left and right of the target. A multinomial logistic regression
learns from NewsMTSC's learned four fifths and the real-news `train` part (weighted
three times, as train_sentiment.py sees it) and is scored on the `calibration` part,
uncalibrated and with the temperature and class biases fitted there (in sample), and
on NewsMTSC's held-out fifth. The `test` part is never read. Needs the `train` extra.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from datasette_attribution.encoder import load_encoder  # noqa: E402
from datasette_attribution.scorers.sentiment import STATE_SIZE, piece_weights  # noqa: E402
from training.real_news import load_real_news  # noqa: E402
from training.train_sentiment import calibrate, newsmtsc_parts, probabilities  # noqa: E402

BLOCKS = ("target", "sentence", "window", "maximum", "left", "right")
VARIANTS = (("target", "sentence"), ("target", "sentence", "window"), ("target", "sentence", "maximum"),
            ("target", "sentence", "left", "right"))
WINDOW = 4


def target_blocks(states: np.ndarray, offsets, start: int, end: int) -> np.ndarray:
    weights = piece_weights(offsets, start, end)
    weights = weights / weights.sum()
    covered = np.flatnonzero(weights)
    first, last = covered.min(), covered.max()
    target = weights @ states
    near = [i for i in range(max(0, first - WINDOW), min(len(states), last + WINDOW + 1)) if not weights[i]]
    empty = np.zeros(STATE_SIZE, dtype=np.float32)
    return np.concatenate([target, states.mean(0), states[near].mean(0) if near else target, states.max(0),
                           states[:first].mean(0) if first else empty,
                           states[last + 1:].mean(0) if last + 1 < len(states) else empty])


def features(examples: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    encoder = load_encoder()
    rows, gold = [], []
    for example, encoding in zip(examples, encoder.encode([e["text"] for e in examples]), strict=True):
        for start, end, label in example["targets"]:
            rows.append(target_blocks(encoding["states"], encoding["offsets"], start, end))
            gold.append(label)
    return np.array(rows), np.array(gold)


def columns(matrix: np.ndarray, blocks) -> np.ndarray:
    return np.hstack([matrix[:, BLOCKS.index(b) * STATE_SIZE:(BLOCKS.index(b) + 1) * STATE_SIZE] for b in blocks])


def main() -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shared", type=Path, help="the folder holding newsmtsc/, polnear/ and pages_news/")
    parser.add_argument("--c", type=float, nargs="+", default=[0.03, 0.3], help="inverse regularisation strengths")
    args = parser.parse_args()
    parts = load_real_news(ROOT / "training" / "data" / "real_news_targets.jsonl", args.shared)
    held, learned = newsmtsc_parts(args.shared / "newsmtsc" / "train.jsonl")
    learned_x, learned_y = features(learned)
    real_x, real_y = features(parts["train"])
    x = np.vstack([learned_x, real_x])
    y = np.concatenate([learned_y, real_y])
    weight = np.concatenate([np.ones(len(learned_y)), np.full(len(real_y), 3.0)])
    calibration_x, calibration_y = features(parts["calibration"])
    held_x, held_y = features(held)
    for variant in VARIANTS:
        for c in args.c:
            model = LogisticRegression(C=c, max_iter=3000).fit(columns(x, variant), y, sample_weight=weight)
            logits = model.decision_function(columns(calibration_x, variant))
            temperature, bias = calibrate(logits, calibration_y)
            calibrated = probabilities(logits, temperature, bias).argmax(1)
            held_out = model.decision_function(columns(held_x, variant)).argmax(1)
            print(f"{' + '.join(variant)}, C {c}: calibration part macro-F1 "
                  f"{f1_score(calibration_y, logits.argmax(1), average='macro'):.3f} uncalibrated, "
                  f"{f1_score(calibration_y, calibrated, average='macro'):.3f} calibrated (in sample); "
                  f"NewsMTSC fifth {f1_score(held_y, held_out, average='macro'):.3f}", flush=True)


if __name__ == "__main__":
    main()
