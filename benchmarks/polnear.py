"""Attribution on a PolNeAR split, scored as the held-out split is scored, in process.

    python benchmarks/polnear.py PATH/TO/polnear/dev.jsonl [--limit N] [--misses N]

PolNeAR (Newell, Margolin and Ruths, LREC 2018) marks every attribution's cue, source
and content in real 2016 election coverage. Like the corpus's own scoring tool, a
sentence counts as attributed when its `attribution` is not none, and is right when a
gold cue starts inside it; a sentence holding a gold source span gets the right
source when its `source` shares a content word with that span (or equals it, for a
pronoun). A bare quotation continuing the speaker of the sentence before is
attributed to that speaker, which the corpus counts as a false alarm (its cue
stands in the sentence before); the figure without them is printed beside. Here
the articles go through the scorers directly, not through a load, so `--misses`
can print the sentences that went wrong. The corpus stays outside the
repository: pass its path.
"""

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from datasette_attribution.analyze import analyze_article  # noqa: E402
from datasette_attribution.ingest.structured import article_from_record  # noqa: E402
from datasette_attribution.records import RawDocument  # noqa: E402
from datasette_attribution.scorers.sourcing import QUOTE_OPENING  # noqa: E402

STOP = set("the a an of in on at to for and or his her its their this that these those who which "
           "mr mrs ms dr".split())


def records_by_id(splits) -> dict[str, dict]:
    """Every article of the PolNeAR JSONL splits given, by its id."""
    records = {}
    for split in splits:
        for line in Path(split).open(encoding="utf-8"):
            record = json.loads(line)
            records[record["id"]] = record
    return records


def words(text):
    return set(re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'")))


def located_sentences(gold):
    """Each scored sentence with its (start, end) in the gold text."""
    raw = RawDocument(source=gold["id"], location=gold["id"], kind="record", content=gold["text"])
    text, cursor = gold["text"], 0
    for sentence in analyze_article(article_from_record(raw)).sentences:
        tokens = sentence["text"].split()
        pattern = re.compile(r"\s+".join(map(re.escape, tokens)))
        match = pattern.search(text, cursor) or pattern.search(text)
        if match:
            cursor = match.end()
            yield sentence, match.start(), match.end()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("split", type=Path)
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--misses", type=int, default=0, help="print up to N misses of each kind")
    args = parser.parse_args()
    articles = [json.loads(line) for line in args.split.open()][: args.limit]
    tp = fp = fn = holding = right = continued = 0
    misses = {"false alarm": [], "missed": [], "wrong source": []}
    for gold in articles:
        text = gold["text"]
        for sentence, start, end in located_sentences(gold):
            is_gold = any(start <= cue[0] < end for cue in gold["cues"])
            predicted = (sentence.get("attribution") or "none") != "none"
            tp += is_gold and predicted
            fp += predicted and not is_gold
            fn += is_gold and not predicted
            if predicted and not is_gold and not sentence.get("attributions") and sentence["text"].startswith(
                    QUOTE_OPENING):
                continued += 1  # a bare quotation given to the speaker before it
            if predicted and not is_gold:
                misses["false alarm"].append((sentence["text"], sentence.get("cue"), sentence.get("source"), ""))
            if is_gold and not predicted:
                cues = [text[a:b] for a, b in gold["cues"] if start <= a < end]
                misses["missed"].append((sentence["text"], None, None, f"gold cues {cues}"))
            spans = [x for x in gold["sources"] if start <= x[0] and x[1] <= end]
            if spans:
                holding += 1
                source = (sentence.get("source") or "").strip()
                good = False
                if predicted and source:
                    found = words(source)
                    good = any((found - STOP) & words(text[a:b]) or found == words(text[a:b])
                               for a, b in spans)
                right += good
                if predicted and not good:
                    misses["wrong source"].append((sentence["text"], sentence.get("cue"), source,
                                                   f"gold {[text[a:b] for a, b in spans]}"))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"{len(articles)} articles of {args.split.name}")
    print(f"detection: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    # PolNeAR puts a continued quotation's cue in the sentence before it, so giving the
    # quotation to that speaker, as a reader does, counts here as a false alarm.
    kept = tp / (tp + fp - continued) if tp + fp - continued else 0.0
    print(f"  of the {fp} false alarms, {continued} are bare quotations continuing the speaker before; "
          f"not counting them: P {kept:.3f} F1 {2 * kept * recall / (kept + recall) if kept + recall else 0.0:.3f}")
    print(f"sources: {right}/{holding} sentences holding a gold source got one of them "
          f"({right / max(holding, 1):.3f})")
    for kind, found in misses.items():
        for text, cue, source, note in found[: args.misses]:
            print(f"[{kind}] cue={cue!r} source={source!r} {note}\n    {text}")


if __name__ == "__main__":
    main()
