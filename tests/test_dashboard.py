"""The dashboard: outlets under the reader's filters, every number a link to
exactly its rows (the articles with no outlet included), as HTML, JSON and CSV."""

import csv
import io
import json

import pytest
from helpers import SEEDS, chart_specs, fetch

from datasette_attribution import pipeline

RECORDS = [
    {"id": "w1", "published": "2016-10-03", "title": "Talks stall",
     "text": "Officials said the talks had stalled. The minister may resign, sources said. "
             "Barack Obama said the United States would wait."},
    {"id": "w2", "published": "2016-11-07", "title": "Vote nears",
     "text": "Barack Obama told reporters that the vote was close. Analysts believe turnout could fall."},
]


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    """The seeds and two records without an outlet, as `load` writes them."""
    folder = tmp_path_factory.mktemp("dashboard")
    records = folder / "wire.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), "utf-8")
    path = folder / "news.db"
    pipeline.load(pipeline.open_database(path), [str(SEEDS), str(records)])
    return path


def rows_behind(path, link: str) -> list[dict]:
    table, _, query = link.partition("?")
    (response,) = fetch(path, f"{table}.json?{query}&_shape=array&_size=max")
    assert response.status_code == 200, response.text[:300]
    return response.json()


def test_every_number_links_to_exactly_its_rows_the_rows_without_an_outlet_included(news):
    (response,) = fetch(news, "/-/attribution/news.json?min_articles=1")
    outlets = {o["outlet"]: o for o in response.json()["outlets"]}
    assert set(outlets) == {None, "News24", "The Independent"}
    for outlet in outlets.values():
        links = outlet["links"]
        assert len(rows_behind(news, links["articles"])) == outlet["articles"]
        assert len(rows_behind(news, links["sentences"])) == outlet["sentences"]
        assert len(rows_behind(news, links["anonymous"])) == outlet["anonymous"]
        assert len(rows_behind(news, links["attributed"])) == outlet["attributed"]
        assert len(rows_behind(news, links["hedged"])) == outlet["hedged"]
    wire = outlets[None]
    assert wire["articles"] == 2 and wire["links"]["articles"] == "/news/articles?outlet__isnull=1"
    assert wire["links"]["anonymous"] == "/news/sentences?_no_outlet=1&attribution=anonymous"
    assert wire["anonymous"] >= 1 and wire["anonymous_share"]["interval"][0] < wire["anonymous_share"]["share"]


def test_the_filters_narrow_every_figure_and_every_link(news):
    (everything,) = fetch(news, "/-/attribution/news.json?min_articles=1")
    (autumn,) = fetch(news, "/-/attribution/news.json?min_articles=1&since=2016-10&until=2016-10")
    (wire,) = fetch(news, "/-/attribution/news.json?min_articles=1&outlet=(none)")
    months = {o["outlet"]: o for o in autumn.json()["outlets"]}
    # Only the October record (the seeds are from 2014-11).
    assert list(months) == [None] and months[None]["articles"] == 1
    assert "_since=2016-10" in months[None]["links"]["articles"]
    assert len(rows_behind(news, months[None]["links"]["sentences"])) == months[None]["sentences"]
    assert [o["outlet"] for o in wire.json()["outlets"]] == [None]
    # Fewest articles: one-article outlets are left out of the ranking, and counted.
    (ranked,) = fetch(news, "/-/attribution/news.json?min_articles=2")
    assert [o["outlet"] for o in ranked.json()["outlets"]] == [None]
    assert ranked.json()["hidden_outlets"] == 2 and len(everything.json()["outlets"]) == 3


def test_an_actor_filter_counts_the_articles_that_mention_them_and_search_finds_actors(news):
    (found,) = fetch(news, "/-/attribution/news.json?q=obama&min_articles=1")
    obama = next(a for a in found.json()["actor_list"] if a["name"] == "Barack Obama")
    assert all("obama" in a["name"].lower() for a in found.json()["actor_list"])
    (mentioning,) = fetch(news, f"/-/attribution/news.json?actor={obama['id']}&min_articles=1")
    outlets = mentioning.json()["outlets"]
    assert sum(o["articles"] for o in outlets) == obama["articles"]
    for outlet in outlets:
        assert len(rows_behind(news, outlet["links"]["articles"])) == outlet["articles"]


def test_the_page_has_controls_sortable_tables_charts_and_links_from_the_database(news):
    page, database, index = fetch(news, "/-/attribution/news?min_articles=1", "/news", "/")
    assert page.status_code == 200
    for control in ('name="outlet"', 'name="actor"', 'name="since"', 'name="until"', 'name="min_articles"',
                    'name="q"', 'class="attr-comparison attr-sortable"', "Largest stories"):
        assert control in page.text
    titles = [spec["title"] for spec in chart_specs(page.text)]
    assert titles[:2] == ["Anonymous share of attributed sentences (line: 95% interval)",
                          "Hedged share of sentences (line: 95% interval)"]
    assert "/-/attribution/news" in database.text and "/-/attribution/news" in index.text


def test_the_csv_has_absolute_links_and_no_formula(news, tmp_path):
    (response,) = fetch(news, "/-/attribution/news.csv?min_articles=1")
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["outlet"] for r in table] == ["", "News24", "The Independent"]
    assert all(r["articles_link"].startswith("http://localhost/news/articles?") for r in table)


def test_a_database_the_plugin_did_not_load_has_no_dashboard(tmp_path):
    other = tmp_path / "other.db"
    import sqlite3

    sqlite3.connect(other).execute("create table t (x)")
    (response,) = fetch(other, "/-/attribution/other")
    assert response.status_code == 404


def test_the_actors_table_reads_most_mentioned_first(news):
    page, rows = fetch(news, "/news/actors", "/news/actors.json?_shape=array")
    counts = [r["mention_count"] for r in rows.json()]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    assert "sorted by mention_count descending" in page.text
