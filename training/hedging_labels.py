"""The hedging labels (benchmarks/data/hedging_*.tsv), read back into sentences.

The label files hold no corpus text: a line names an article of the shared data
(PolNeAR's `text`, the `body` of `pages_news/truth.json`, or a body of `pages/truth.json`),
the sentence's character span in it, the label and the part. The hand-written sets hold
their sentences. Read by the hedging classifier's training and by the encoder's
multi-task fine-tune (training/train_sentiment.py --hedging), which needs no spaCy.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from training.real_news import documents_by_id

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
LEARNED_PARTS = {"development", "train"}


def rows(path: Path):
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield number, line.split("\t")


def labelled(shared: Path) -> list[dict]:
    """Every labelled sentence: text, gold (bool), set, part, group (its article)."""
    texts = documents_by_id(shared)
    examples = []
    for name in ("hedging_polnear.tsv", "hedging_real_news.tsv"):
        for number, fields in rows(DATA / name):
            doc, start, end, label, part = fields[-5:]
            if doc not in texts:
                raise SystemExit(f"{DATA / name}:{number}: article {doc} is not in {shared}")
            examples.append({"text": texts[doc][int(start):int(end)], "gold": label == "hedged",
                             "set": name, "part": part, "group": doc})
    for name, part in (("hedging_news_heldout.tsv", "development"), ("hedging_news_heldout_2.tsv", "development"),
                       ("hedging_news_heldout_3.tsv", "heldout")):
        for number, (label, text) in rows(DATA / name):
            examples.append({"text": text, "gold": label == "hedged", "set": name, "part": part,
                             "group": f"{name}:{number}"})
    return examples


def kept_from_encoder(group: str) -> bool:
    """A fixed fifth of the learned articles (by a hash of the id) that the encoder's
    multi-task fine-tune never learns hedging from, so that the classifier trained on
    top of it can still be compared with the earlier encoder's on sentences neither saw."""
    return int(hashlib.sha256(group.encode("utf-8")).hexdigest(), 16) % 5 == 0
