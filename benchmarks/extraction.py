"""Article-body F1 of the loader's page extraction on benchmark pages.

    python benchmarks/extraction.py PAGES_DIR

PAGES_DIR holds NAME.html, NAME.txt (the same page as a plain-text dump) and
truth.json ({NAME: true article body}). Prints shingle F1, precision and recall
for HTML pages (trafilatura) and for the text dumps (the trained line
classifier); baselines for the dumps are printed alongside. Note that the text
model ships trained on the development pages: for a held-out figure on them use
`training/train_boilerplate.py PAGES_DIR`, which cross-validates by page.
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.shingles import f1_over_pages, page_counts  # noqa: E402
from datasette_attribution.ingest.formats import to_article  # noqa: E402
from datasette_attribution.model import LoadError, RawDocument  # noqa: E402


def extracted_body(path: Path, kind: str) -> str:
    raw = RawDocument(str(path), str(path), kind, path.read_text("utf-8", errors="replace"))
    try:
        return to_article(raw).body
    except LoadError:
        return ""


def main(pages_dir: Path) -> None:
    truth = json.loads((pages_dir / "truth.json").read_text("utf-8"))
    print(f"{len(truth)} pages in {pages_dir.name}")
    for label, suffix, kind in (("HTML", ".html", "html"), ("text dump", ".txt", "text")):
        started = time.perf_counter()
        counts = [page_counts(body, extracted_body(pages_dir / f"{name}{suffix}", kind))
                  for name, body in truth.items()]
        elapsed = time.perf_counter() - started
        print("%-28s F1 %.3f  precision %.3f  recall %.3f" % ((label,) + f1_over_pages(counts))
              + f"  ({1000 * elapsed / len(truth):.0f} ms a page)")
    dumps = {name: (pages_dir / f"{name}.txt").read_text("utf-8") for name in truth}
    every_line = [page_counts(body, dumps[name]) for name, body in truth.items()]
    long_lines = [page_counts(body, "\n".join(line for line in dumps[name].splitlines()
                                             if len(line.split()) >= 12))
                  for name, body in truth.items()]
    print("%-28s F1 %.3f  precision %.3f  recall %.3f" % (("baseline: every line",) + f1_over_pages(every_line)))
    print("%-28s F1 %.3f  precision %.3f  recall %.3f" % (("baseline: lines of 12+ words",) + f1_over_pages(long_lines)))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
