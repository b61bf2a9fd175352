"""The real-news targets labelled by hand for this project (training/data/README.md).

The label file holds no text: each line names a document of the shared data
(`polnear-train`, `polnear-dev`, `pages_news` or `pages`, and its id), the sentence's
character span in that document, the target's span in the sentence, the label and
the part (`train`, `calibration`, `test`). The sentences are read back from the
shared data, so the corpora's text never enters the repository.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

LABELS = ("negative", "neutral", "positive")


def documents(shared: Path) -> dict[tuple[str, str], str]:
    texts = {}
    for split in ("train", "dev"):
        for line in (shared / "polnear" / f"{split}.jsonl").read_text("utf-8").splitlines():
            record = json.loads(line)
            texts[("polnear-" + split, record["id"])] = record["text"]
    truth = json.loads((shared / "pages_news" / "truth.json").read_text("utf-8"))
    for name, page in truth.items():
        texts[("pages_news", name)] = page.get("body") or ""
    # The extraction benchmark's pages: their truth.json maps a page to its body alone.
    pages = shared / "pages" / "truth.json"
    if pages.is_file():
        for name, body in json.loads(pages.read_text("utf-8")).items():
            texts[("pages", name)] = body or ""
    return texts


def documents_by_id(shared: Path) -> dict[str, str]:
    """The same texts by document id alone (PolNeAR ids and the two page sets' names never collide)."""
    return {doc: text for (_, doc), text in documents(shared).items()}


def load_real_news(path: Path, shared: Path) -> dict[str, list[dict]]:
    """{part: [{text, group, targets: [(start, end, label index)]}]}, one example a
    sentence, its targets together (the encoder reads a sentence once)."""
    texts = documents(shared)
    sentences: dict[tuple, dict] = {}
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        row = json.loads(line)
        document = texts.get((row["corpus"], row["doc"]))
        if document is None:
            raise SystemExit(f"{path}:{number}: document {row['corpus']}/{row['doc']} is not in {shared}")
        key = (row["part"], row["corpus"], row["doc"], row["sentence_start"])
        example = sentences.setdefault(key, {
            "text": document[row["sentence_start"]:row["sentence_end"]],
            "group": f"{row['corpus']}/{row['doc']}", "targets": [], "ids": []})
        example["targets"].append((row["start"], row["end"], LABELS.index(row["label"])))
        example["ids"].append(row["id"])
    parts = defaultdict(list)
    for (part, *_), example in sorted(sentences.items(), key=lambda item: item[0]):
        parts[part].append(example)
    return dict(parts)
