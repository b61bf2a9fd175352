"""Attribution on real sentences of 2023 news and web pages, labelled by hand.

    python benchmarks/attribution_pages.py PATH/shared/data/pages_news [--part dev|test] [--misses N]

The labels (benchmarks/data/attribution_pages.tsv, how they were made in its header) give
each sentence's `attribution` (none, named, anonymous) and its source's words. Each page's
hand-cleaned body (`truth.json`) is scored as a load scores an article, one paragraph a
line; a labelled sentence gets the attribution of the stored sentence it starts in, and
its source is right when the stored `source` shares a content word with the labelled one
(as the PolNeAR scoring tool counts: benchmarks/polnear.py's words). The sentences were drawn per page, one holding a
reporting word (REPORTING below) and one without, so attributions are over-represented
against running text. The `dev` part is where errors are read; the `test` part (the pages
of the sites benchmarks/extraction.py holds out) is only scored, and `--misses` refuses it.
"""

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.polnear import STOP, words  # noqa: E402
from datasette_attribution.analyze import analyze_article  # noqa: E402
from datasette_attribution.records import Article, Paragraph  # noqa: E402

LABELS = Path(__file__).parent / "data" / "attribution_pages.tsv"
CLASSES = ("none", "named", "anonymous")
# The selection filter the draw used (a sentence with one of these words, and one without).
REPORTING = re.compile(r"\b(said|says|say|told|according|reported|believe[sd]?|claim(?:s|ed)?|argue[sd]?|"
                       r"warn(?:s|ed)?|announced|insist(?:s|ed)?|suggest(?:s|ed)?|think|thinks|wrote|writes|"
                       r"explained|added|noted|stated|accused|denied|confirmed|estimates?|found|"
                       r"show(?:s|ed)?)\b", re.IGNORECASE)


def read_labels(part: str) -> list[dict]:
    lines = [line for line in LABELS.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    return [row for row in rows if row["part"] == part]


def scored_page(body: str):
    """The page's sentences as a load scores them, with their offsets in `body`."""
    paragraphs, starts, offset = [], [], 0
    for line in body.split("\n"):
        if line.strip():
            paragraphs.append(Paragraph(line))
            starts.append(offset)
        offset += len(line) + 1
    article = Article(source="page", paragraphs=paragraphs)
    analysis = analyze_article(article)
    # paragraph index -> where it starts in the stored body, and in the page's body
    moved = {index: starts[index] - stored for index, _, stored in article.paragraph_offsets()}
    located = []
    for sentence in analysis.sentences:
        start = sentence["start"] + moved[sentence["paragraph"]]
        located.append((start, start + len(sentence["text"]), sentence))
    return located


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", type=Path, help="the pages_news folder (its truth.json)")
    parser.add_argument("--part", default="dev", choices=("dev", "test"))
    parser.add_argument("--misses", type=int, default=0, help="print up to N wrong sentences (dev only)")
    args = parser.parse_args()
    if args.misses and args.part == "test":
        sys.exit("the test part is only scored: --misses reads the dev part")
    truth = json.loads((args.pages / "truth.json").read_text("utf-8"))
    labels = read_labels(args.part)
    pages = {}
    confusion, counts, misses = Counter(), Counter(), []
    for row in labels:
        body = truth[row["page"]]["body"]
        if row["page"] not in pages:
            pages[row["page"]] = scored_page(body)
        start, end = int(row["sentence_start"]), int(row["sentence_end"])
        sentence = next((s for a, b, s in pages[row["page"]] if a <= start < b), None)
        got = sentence["attribution"] if sentence else "none"
        gold = row["label"]
        confusion[(gold, got)] += 1
        text = body[start:end]
        if gold != "none" and row["source_start"] != "-":
            counts["gold sources"] += 1
            source = text[int(row["source_start"]):int(row["source_end"])]
            predicted = (sentence or {}).get("source") or ""
            shared = (words(predicted) - STOP) & words(source) or (predicted and words(predicted) == words(source))
            counts["sources right"] += bool(got != "none" and shared)
        if got != gold and len(misses) < args.misses:
            misses.append(f"gold {gold}, got {got} ({(sentence or {}).get('cue')!r}, "
                          f"{(sentence or {}).get('source')!r}): {text[:200]}")
    total = sum(confusion.values())
    print(f"{args.part} part: {total} sentences of {len(pages)} pages; gold " + ", ".join(
        f"{c} {sum(v for (g, _), v in confusion.items() if g == c)}" for c in CLASSES))
    print(f"accuracy {sum(confusion[(c, c)] for c in CLASSES) / total:.3f}")
    per_class = {c: f1(confusion[(c, c)], sum(confusion[(g, c)] for g in CLASSES if g != c),
                       sum(confusion[(c, p)] for p in CLASSES if p != c)) for c in CLASSES}
    print("macro-F1 {:.3f} (".format(sum(v[2] for v in per_class.values()) / 3)
          + ", ".join(f"{c} P {p:.3f} R {r:.3f} F1 {f:.3f}" for c, (p, r, f) in per_class.items()) + ")")
    attributed = f1(sum(v for (g, p), v in confusion.items() if g != "none" and p != "none"),
                    sum(v for (g, p), v in confusion.items() if g == "none" and p != "none"),
                    sum(v for (g, p), v in confusion.items() if g != "none" and p == "none"))
    print("detection P {:.3f} R {:.3f} F1 {:.3f}".format(*attributed))
    print(f"sources right: {counts['sources right']} of {counts['gold sources']} attributed sentences "
          f"whose source's words are in them")
    print("confusion (gold -> got): " + ", ".join(f"{g}->{p} {v}" for (g, p), v in sorted(confusion.items()) if v))
    for line in misses:
        print("  " + line)


if __name__ == "__main__":
    main()
