"""Sentiment toward a target as the package computes it, on labelled sentences, with its speed.

    python benchmarks/sentiment_real.py --real-news training/data/real_news_targets.jsonl \
        [--part calibration|test] [--newsmtsc NEWSMTSC_TRAIN_JSONL] [--encoder FILE.onnx] [--max-pieces 128]

Scores every target through the package's own code (encoder.Encoder, then
scorers.sentiment.target_probabilities), so the figures are those of what ships:
the real-news targets labelled for this project (`--part`: `calibration`, which
the calibration was fitted on and errors were read from, or `test`, never read),
and, with --newsmtsc, the fifth of NewsMTSC train that training/train_sentiment.py
holds out. Prints macro-F1, accuracy against always-neutral, the mean stored score
against the mean gold sign, neutral targets given a sign, and sentences a second
on one thread. --encoder and --max-pieces compare an fp32 export or another length
limit with the shipped int8 model.
"""

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from datasette_attribution.encoder import ENCODER_FILE, MAX_PIECES, TOKENIZER_FILE, Encoder  # noqa: E402
from datasette_attribution.resources import model_path  # noqa: E402
from datasette_attribution.nlp import parse  # noqa: E402
from datasette_attribution.scorers.sentiment import LABELS, target_probabilities, role_evidence  # noqa: E402
from training.real_news import load_real_news  # noqa: E402

NEWSMTSC_LABELS = {2.0: 0, 4.0: 1, 6.0: 2}


def newsmtsc_held_out(path: Path) -> list[dict]:
    """The fifth of NewsMTSC train that training/train_sentiment.py never learns from."""
    examples = []
    for line in path.read_text("utf-8").splitlines():
        record = json.loads(line)
        examples.append({"text": record["sentence_normalized"],
                         "targets": [(t["from"], t["to"], NEWSMTSC_LABELS[t["polarity"]]) for t in record["targets"]]})
    random.Random(5).shuffle(examples)
    return examples[: len(examples) // 5]


def macro_f1(gold, predicted) -> tuple[float, list[float]]:
    scores = []
    for label in range(3):
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == label and g != label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / 3, scores


def scored(examples: list[dict], encoder: Encoder) -> dict:
    """Every target's probabilities as the package computes them: `alone` (the
    encoder's model) and `stored` (with the roles' evidence, as the scorer stores
    them), with `gold`, each target's `group` (its example's, where it has one),
    the targets the evidence `touched` and the encoder's `seconds`."""
    started = time.perf_counter()
    encodings = encoder.encode([e["text"] for e in examples])
    seconds = time.perf_counter() - started
    docs = parse([e["text"] for e in examples])
    gold, groups, alone, with_evidence, touched = [], [], [], [], 0
    for example, encoding, doc in zip(examples, encodings, docs, strict=True):
        targets = [(start, end) for start, end, _ in example["targets"]]
        evidence = [role_evidence(doc[:], start, end) for start, end in targets]
        touched += sum(e is not None for e in evidence)
        alone.extend(target_probabilities(encoding, targets))
        with_evidence.extend(target_probabilities(encoding, targets, evidence))
        gold.extend(label for _, _, label in example["targets"])
        groups.extend(example.get("group") for _ in targets)
    return {"alone": numpy.array(alone), "stored": numpy.array(with_evidence), "gold": gold, "groups": groups,
            "touched": touched, "seconds": seconds}


def measure(name: str, examples: list[dict], encoder: Encoder) -> None:
    found = scored(examples, encoder)
    print(f"{name}: {len(found['gold'])} targets in {len(examples)} sentences; encoder: "
          f"{len(examples) / found['seconds']:,.0f} sentences/s on one thread")
    report("the encoder's model alone", found["gold"], found["alone"])
    report(f"with the roles' evidence (the scorer: evaluative verbs, recipients; {found['touched']} targets "
           "touched)", found["gold"], found["stored"])


def report(name: str, gold: list[int], probabilities) -> None:
    predicted = probabilities.argmax(1).tolist()
    f1, per_class = macro_f1(gold, predicted)
    gold_array = numpy.array(gold)
    accuracy = float(numpy.mean(gold_array == numpy.array(predicted)))
    score = probabilities[:, 2] - probabilities[:, 0]
    neutral = gold_array == 1
    print(f" {name}:")
    print(f"  macro-F1 {f1:.3f} (per class {', '.join(f'{LABELS[i]} {v:.3f}' for i, v in enumerate(per_class))})")
    print(f"  accuracy {accuracy:.3f}, always neutral {neutral.mean():.3f}")
    print(f"  mean stored score {score.mean():+.3f}, mean gold sign {(gold_array - 1).mean():+.3f}")
    signed = int((numpy.array(predicted)[neutral] != 1).sum())
    print(f"  neutral targets given a sign: {signed} of {int(neutral.sum())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real-news", type=Path, required=True)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--part", choices=("calibration", "test"), default="calibration")
    parser.add_argument("--newsmtsc", type=Path)
    parser.add_argument("--encoder", type=Path, default=model_path(ENCODER_FILE))
    parser.add_argument("--max-pieces", type=int, default=MAX_PIECES)
    args = parser.parse_args()
    encoder = Encoder(args.encoder, model_path(TOKENIZER_FILE), args.max_pieces)
    print(f"encoder {args.encoder.name}, at most {args.max_pieces} word pieces a sentence")
    measure(f"real news, {args.part} part", load_real_news(args.real_news, args.shared)[args.part], encoder)
    if args.newsmtsc:
        measure("NewsMTSC train, the held-out fifth", newsmtsc_held_out(args.newsmtsc), encoder)


if __name__ == "__main__":
    main()
