"""Article body and metadata of the loader's page extraction on real pages.

    python benchmarks/extraction.py PAGES_DIR [--part all|dev|held] [--show FIELD] [--chosen-by model|rules]

PAGES_DIR holds NAME.html, NAME.txt (the same page as a plain-text dump) and
truth.json: {NAME: true article body}, or {NAME: {body, title, authors, date,
site, url}} for pages with true metadata. Prints, for HTML pages and for text
dumps, body shingle F1, precision and recall and the pages lost (no article
found), and, where the truth has metadata, how many titles, bylines, dates and
outlets are right, wrong or missing.

`--chosen-by rules` chooses each title, and each text dump's byline, as the
hand-written rules did before the learned choosers (extract/titles.py,
extract/bylines.py), for before and after on the same pages.

`--part` splits the pages by site (a hash of the site's domain): `dev` is the
part to develop on, `held` the part never read while developing, so that rules
are measured on sites they were not written for. `--show title` prints each page
whose title is not right (for development on the `dev` part).

Note that the text model ships trained on every page: for held-out body figures
use `training/train_boilerplate.py`, which cross-validates by site.
"""

import argparse
import hashlib
import json
import re
import sys
import time
import unicodedata
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.shingles import f1_over_pages, page_counts  # noqa: E402
from datasette_attribution.extract import bylines, titles  # noqa: E402
from datasette_attribution.extract.articles import article_from_html, article_from_text  # noqa: E402
from datasette_attribution.ingest.formats import to_article  # noqa: E402
from datasette_attribution.records import LoadError, RawDocument  # noqa: E402
from datasette_attribution.text.characters import storable  # noqa: E402

HELD_OUT_SHARE = 4  # one site in four is held out


def site_of(name: str, truth: dict, pages_dir: Path) -> str:
    """The page's site: its truth's site or url, else its canonical link, else itself."""
    record = truth[name]
    if isinstance(record, dict):
        url = record.get("site") or record.get("url") or ""
    else:
        head = (pages_dir / f"{name}.html").read_text("utf-8", errors="replace")[:300_000]
        found = re.search(r"""<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)""", head) or re.search(
            r"""<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)""", head)
        url = found.group(1) if found else name
    host = urlparse(url if "//" in url else f"//{url}").hostname or url
    return host.removeprefix("www.")


def part_of(site: str) -> str:
    return "held" if int(hashlib.sha1(site.encode()).hexdigest(), 16) % HELD_OUT_SHARE == 0 else "dev"


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return re.sub(r"[^\w]", "", text)


def _names(byline: str) -> set[str]:
    return {_key(part) for part in re.split(r"[;,]|\s+and\s+|\s*&\s*", byline or "") if _key(part)}


def judge(field: str, found, truth: dict) -> str:
    """'right', 'wrong' or 'missing' ('none' when the truth has no value)."""
    if field == "outlet":
        true_value = site_of_record(truth)
    else:
        true_value = truth.get({"byline": "authors", "published": "date"}.get(field, field))
        if true_value == "NaT":  # how the truth writes a page with no date
            true_value = None
    if not true_value:
        return "none" if not found else "wrong"
    if not found:
        return "missing"
    if field == "title":
        return "right" if _key(found) == _key(true_value) else "wrong"
    if field == "byline":
        return "right" if _names(found) == _names(true_value) else "wrong"
    if field == "published":
        return "right" if found[:10] == true_value[:10] else "wrong"
    # The outlet names the site: the letters of a label of its domain, in order
    # ("The Hill", thehill.com; "Los Angeles Times", latimes.com); a bare domain
    # or a name with a web suffix ("ESPN.com") is wrong.
    if re.search(r"\.(?:com|net|org|co|uk|au)\b", found, re.IGNORECASE):
        return "wrong"
    key = _key(found)
    labels = {label for label in true_value.split(".") if len(label) > 1} - {"com", "org", "net", "www", "co"}
    return "right" if any(_in_order(label, key) or (len(key) > 2 and key in label) for label in labels) else "wrong"


def _in_order(letters: str, text: str) -> bool:
    remaining = iter(text)
    return all(letter in remaining for letter in letters)


def site_of_record(truth: dict) -> str:
    host = urlparse(truth.get("url") or truth.get("site") or "").hostname or ""
    return host.removeprefix("www.")


def extracted(path: Path, kind: str, chosen_by: str = "model"):
    """The loader's article of a page (None when it finds none); `chosen_by` "rules"
    picks the title (and a text dump's byline) as the hand-written rules did
    before the learned choosers."""
    raw = RawDocument(str(path), str(path), kind, path.read_text("utf-8", errors="replace"))
    try:
        if chosen_by == "rules":
            clean = replace(raw, content=storable(raw.content))
            if kind == "html":
                return article_from_html(clean, choose_title=titles.choose_by_rules)
            return article_from_text(clean, choose_title=titles.choose_by_rules,
                                     choose_byline=bylines.choose_by_rules)
        return to_article(raw)
    except LoadError:
        return None


FIELDS = ("title", "byline", "published", "outlet")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages_dir", type=Path)
    parser.add_argument("--part", choices=("all", "dev", "held"), default="all")
    parser.add_argument("--show", choices=FIELDS + ("body", "lost"), help="print the pages this field gets wrong")
    parser.add_argument("--kind", choices=("html", "text", "both"), default="both")
    parser.add_argument("--chosen-by", choices=("model", "rules"), default="model",
                        help="titles and text bylines chosen by the learned models (as loaded) or by the rules alone")
    args = parser.parse_args()
    pages_dir = args.pages_dir
    truth = json.loads((pages_dir / "truth.json").read_text("utf-8"))
    names = [name for name in sorted(truth)
             if args.part == "all" or part_of(site_of(name, truth, pages_dir)) == args.part]
    print(f"{len(names)} pages of {len({site_of(n, truth, pages_dir) for n in names})} sites"
          f" in {pages_dir.name} (part: {args.part})")
    kinds = (("HTML", ".html", "html"), ("text dump", ".txt", "text"))
    for label, suffix, kind in kinds:
        if args.kind not in ("both", kind):
            continue
        started = time.perf_counter()
        counts, lost = [], []
        tallies = {field: {} for field in FIELDS}
        for name in names:
            record = truth[name] if isinstance(truth[name], dict) else {"body": truth[name]}
            article = extracted(pages_dir / f"{name}{suffix}", kind, args.chosen_by)
            body = article.body if article else ""
            if article is None:
                lost.append(name)
            counts.append(page_counts(record["body"], body))
            if args.show == "body" and counts[-1][0] < 0.8:
                print(f"  body {counts[-1][0]:.2f} {name}{suffix}")
            if len(record) == 1:
                continue
            for field in FIELDS:
                found = getattr(article, field) if article else None
                verdict = judge(field, found, record)
                tallies[field][verdict] = tallies[field].get(verdict, 0) + 1
                if args.show == field and verdict in ("wrong", "missing"):
                    true_value = site_of_record(record) if field == "outlet" else record.get(
                        {"byline": "authors", "published": "date"}.get(field, field))
                    print(f"  {verdict:7} {name}{suffix}: {found!r}  (true: {true_value!r})")
        elapsed = time.perf_counter() - started
        if args.show == "lost":
            for name in lost:
                print(f"  lost {name}{suffix}")
        print("%-10s body F1 %.3f  precision %.3f  recall %.3f" % ((label,) + f1_over_pages(counts))
              + f"  lost {len(lost)}  ({1000 * elapsed / len(names):.0f} ms a page)")
        for field, tally in tallies.items():
            if tally:
                print(f"{'':10} {field:9} " + "  ".join(
                    f"{verdict} {tally.get(verdict, 0)}" for verdict in ("right", "wrong", "missing", "none")))


if __name__ == "__main__":
    main()
