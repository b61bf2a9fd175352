"""Write into each model file the names of its features and the command that trained
it, from the code that computes them, without touching a weight; then record the
files' checksums (training/record_models.py). Run once for files trained before they
carried their names; the training scripts write them since.

    python training/name_model_features.py [--check]

Every value already in a file is read back after writing and compared with what was
there: the script stops before recording if any differs. `--check` only reports which
files lack names.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from datasette_attribution.extract import boilerplate  # noqa: E402
from datasette_attribution.resources import record_model_files  # noqa: E402
from datasette_attribution.scorers import sentiment  # noqa: E402
from datasette_attribution.scorers.hedging import weights as hedging  # noqa: E402
from datasette_attribution.scorers.sourcing import cues, kinds  # noqa: E402

MODELS = ROOT / "datasette_attribution" / "models"
# The commands as the README reports them (the data's place is the user's).
COMMANDS = {
    "boilerplate.json": "python training/train_boilerplate.py PAGES_DIR PAGES_NEWS_DIR --write",
    "hedging.json": "python training/train_hedging.py WIKIWEASEL_DIR --write",
    "attribution_cues.json": "python training/train_attribution.py POLNEAR/train.jsonl --dev POLNEAR/dev.jsonl "
                             "--write",
    "source_kind_head.npz": "python training/train_source_kinds.py --shared SHARED_DATA --write",
    "sentiment_head.npz": "python training/train_sentiment.py --newsmtsc NEWSMTSC_TRAIN_JSONL "
                          "--real-news training/data/real_news_targets.jsonl --shared SHARED_DATA --write",
}


def named_boilerplate(model: dict) -> dict:
    model["first"]["feature_names"] = list(boilerplate.BLOCK_FEATURES)
    model["second"]["feature_names"] = list(boilerplate.BLOCK_FEATURES + boilerplate.NEIGHBOUR_FEATURES)
    model["command"] = COMMANDS["boilerplate.json"]
    return model


def named_hedging(model: dict) -> dict:
    model["feature_names"] = list(hedging.FEATURE_NAMES)
    model["command"] = COMMANDS["hedging.json"]
    return model


def named_cues(model: dict) -> dict:
    model["feature_names"] = list(cues.FEATURE_NAMES)
    model["command"] = COMMANDS["attribution_cues.json"]
    if model.get("dense"):
        model["dense_names"] = cues.dense_feature_names()
    return model


def named_kinds(arrays: dict) -> dict:
    arrays["sparse_names"] = np.array(kinds.SPARSE_FEATURE_NAMES)
    arrays["dense_names"] = np.array(kinds.dense_feature_names())
    arrays["command"] = np.array(COMMANDS["source_kind_head.npz"])
    return arrays


def named_sentiment(arrays: dict) -> dict:
    arrays["feature_names"] = np.array(sentiment.head_feature_names(
        arrays["weight"].shape[1] // sentiment.STATE_SIZE))
    arrays["command"] = np.array(COMMANDS["sentiment_head.npz"])
    return arrays


def write_json(name: str, add, indent: int | None = None) -> None:
    """`indent` as the training script writes the file (hedging.json: one space)."""
    path = MODELS / name
    before = json.loads(path.read_text("utf-8"))
    named = add(json.loads(path.read_text("utf-8")))
    text = (json.dumps(named, indent=indent, ensure_ascii=False) if indent
            else json.dumps(named, separators=(",", ":"))) + "\n"
    after = json.loads(text)
    for key, value in before.items():
        if key in ("first", "second"):
            if any(after[key][k] != v for k, v in value.items()):
                sys.exit(f"{path}: {key} would change; nothing written")
        elif after[key] != value:
            sys.exit(f"{path}: {key} would change; nothing written")
    path.write_text(text, encoding="utf-8")


def write_npz(name: str, add, compressed: bool) -> None:
    path = MODELS / name
    with np.load(path, allow_pickle=False) as stored:
        before = {key: stored[key] for key in stored.files}
    arrays = add(dict(before))
    buffer = io.BytesIO()
    (np.savez_compressed if compressed else np.savez)(buffer, **arrays)
    with np.load(io.BytesIO(buffer.getvalue()), allow_pickle=False) as written:
        for key, value in before.items():
            if written[key].dtype != value.dtype or not np.array_equal(written[key], value):
                sys.exit(f"{path}: {key} would change; nothing written")
    path.write_bytes(buffer.getvalue())


def lacking() -> list[str]:
    missing = []
    model = json.loads((MODELS / "boilerplate.json").read_text("utf-8"))
    if "feature_names" not in model["first"] or "command" not in model:
        missing.append("boilerplate.json")
    for name in ("hedging.json", "attribution_cues.json"):
        model = json.loads((MODELS / name).read_text("utf-8"))
        if "feature_names" not in model or "command" not in model:
            missing.append(name)
    for name, key in (("source_kind_head.npz", "sparse_names"), ("sentiment_head.npz", "feature_names")):
        with np.load(MODELS / name, allow_pickle=False) as stored:
            if key not in stored.files or "command" not in stored.files:
                missing.append(name)
    return missing


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only list the files that lack their names")
    args = parser.parse_args()
    missing = lacking()
    if args.check or not missing:
        print("lacking names: " + (", ".join(missing) or "none"))
        return
    writers = {"boilerplate.json": lambda: write_json("boilerplate.json", named_boilerplate),
               "hedging.json": lambda: write_json("hedging.json", named_hedging, indent=1),
               "attribution_cues.json": lambda: write_json("attribution_cues.json", named_cues),
               "source_kind_head.npz": lambda: write_npz("source_kind_head.npz", named_kinds, compressed=True),
               "sentiment_head.npz": lambda: write_npz("sentiment_head.npz", named_sentiment, compressed=False)}
    for name in missing:
        writers[name]()
        print(f"named the features of {name}")
    print(f"recorded the checksums in {record_model_files()}")


if __name__ == "__main__":
    main()
