"""Plain helpers and the seed pages' paths, which tests import (`from helpers import ...`);
fixtures are conftest.py's, which pytest loads itself and no test imports."""

import asyncio
import json
import shutil
import sqlite3
from pathlib import Path

import sqlite_utils
from datasette.app import Datasette

from datasette_attribution import store
from datasette_attribution.ingest.formats import to_article
from datasette_attribution.records import RawDocument

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NEWS24_SEED = SEEDS / "000_85e21476b82cfa0b.txt"
INDEPENDENT_SEED = SEEDS / "003_f0de7d366924c62c.txt"


def page_article(path: Path):
    text = path.read_text("utf-8")
    kind = "html" if path.suffix == ".html" else "text"
    return to_article(RawDocument(str(path), str(path), kind, text))


def parsed(text: str):
    """A sentence as the scorers receive it: its spaCy Span."""
    from datasette_attribution.nlp import parse

    return parse([text])[0][:]


def fetch(path, *urls):
    """The responses of an in-process Datasette serving `path` read-only."""
    async def run():
        datasette = Datasette(immutables=[str(path)])
        await datasette.invoke_startup()
        return [await datasette.client.get(url) for url in urls]

    return asyncio.run(run())


def facet_results(response):
    # 1.0 returns facets in JSON only when asked for (_extra=facet_results or _facet=...)
    results = response.json()["facet_results"]
    return results.get("results", results)  # 1.0 nests them one level deeper


def edited_copy(path, folder, sql):
    """A copy of the database with `sql` (statements separated by ;) applied and folded into the file (an
    immutable Datasette reads the file alone, not the write-ahead log)."""
    folder.mkdir()
    copy = folder / path.name
    shutil.copy(path, copy)
    db = sqlite_utils.Database(copy)
    with db.conn:
        for statement in sql.split(";"):
            db.conn.execute(statement)
    store.checkpoint(db)
    db.conn.close()
    return copy


def chart_specs(html: str) -> list[dict]:
    """The Vega-Lite specifications a page embeds (web/charts.py), in page order."""
    import json
    import re

    return [json.loads(found) for found in re.findall(
        r'<script type="application/json" class="attr-vl-spec">(.*?)</script>', html, re.S)]


def chart_points(spec: dict) -> list[dict]:
    """A chart's data rows."""
    return spec["data"]["values"]


def write_seed_corpus(path: Path, numbers) -> Path:
    """A JSONL file of short articles made of the seeds' real sentences, one per
    number, each distinct, over four outlets: many articles to load in a few seconds."""
    lines = [line.strip() for seed in (NEWS24_SEED, INDEPENDENT_SEED)
             for line in seed.read_text("utf-8").splitlines() if len(line.strip()) > 100]
    with path.open("w", encoding="utf-8") as out:
        for i in numbers:
            body = "\n".join(lines[(i + k) % len(lines)] for k in range(3))
            out.write(json.dumps({"id": f"story-{i}", "outlet": f"Outlet {i % 4}",
                                  "title": f"Report {i}", "text": body}) + "\n")
    return path


def table_rows(db_path, tables) -> dict:
    """Every row of each table in a stable order, and the search index's text: what
    a load left, to compare with another load of the same articles."""
    with sqlite3.connect(db_path) as conn:
        rows = {t: conn.execute(f"select * from [{t}] order by 1, 2").fetchall() for t in tables}
        rows["search"] = conn.execute("select rowid, text from sentences_fts order by rowid").fetchall()
        return rows
