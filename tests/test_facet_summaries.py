"""Facets under the filters a researcher clicks (an outlet, an actor, an
attribution kind, a story, and pairs of them): counted from the summary tables
the loader keeps, and equal to counting the rows."""

import asyncio
import json

import pytest
import sqlite_utils
from helpers import INDEPENDENT_SEED, NEWS24_SEED, edited_copy, facet_results, fetch
from datasette.app import Datasette

from datasette_attribution import store
from datasette_attribution.pipeline import load
from datasette_attribution.store import summaries
from datasette_attribution.store.summaries import SUMMARY_TABLES, refresh_summaries

COUNTING_SENTENCES = ("facet_sentences", "facet_story_sentences", "facet_actor_sentences",
                      "facet_actor_story_sentences", "facet_actor_pairs", "facet_sentence_bands",
                      "facet_actor_sentence_bands")
SUMMARIES = (*COUNTING_SENTENCES, "actor_articles", "facet_actor_article_pairs")
COUNCIL = {"id": "council", "title": "Council approves road budget", "outlet": "Local Courier",
           "published": "2014-11-07",
           "text": ("The city council approved a $4.2 million budget for road repairs on Tuesday, "
                    "officials said. Councillor Maria Lopez said the money would cover 40 streets. "
                    "Residents are expected to see work begin in the spring.")}


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    """The seeds (one story) and an unrelated article, with the summaries, and a
    copy without them, where every facet counts the rows."""
    folder = tmp_path_factory.mktemp("facets")
    council = folder / "council.jsonl"
    council.write_text(json.dumps(COUNCIL) + "\n", "utf-8")
    path = folder / "news.db"
    load(store.open_database(path), [str(NEWS24_SEED), str(council), str(INDEPENDENT_SEED)])
    live = edited_copy(path, folder / "live", ";".join(f"drop table {name}" for name in SUMMARIES))
    return path, live


def actor_id(path, name):
    return store.open_database(path).execute("select id from actors where name = ?", [name]).fetchone()[0]


def facets(path, url):
    (response,) = fetch(path, url)
    assert response.status_code == 200, url
    return {name: [(v["value"], v["label"], v["count"], v["selected"], v["toggle_url"])
                   for v in facet["results"]]
            for name, facet in facet_results(response).items()}


def with_pairs(filters: list[str]) -> list[str]:
    return ["", *filters, *(f"{a}&{b}" for i, a in enumerate(filters) for b in filters[i + 1:])]


def test_sentence_facets_under_each_filter_and_pair_equal_the_counted_rows(databases):
    path, live = databases
    obama = actor_id(path, "Barack Obama")
    for query in with_pairs(["_outlet=News24", f"_actor={obama}", "attribution=anonymous", "_story=1"]):
        url = (f"/news/sentences.json?_facet_actor=actor&_facet_score_band=hedging_score"
               f"&_facet_score_band=polarity&_extra=facet_results&{query}")
        assert facets(path, url) == facets(live, url), query


def test_article_facets_under_each_filter_and_pair_equal_the_counted_rows(databases, tmp_path):
    path, live = databases
    iran = actor_id(path, "Iran")
    for query in with_pairs(["outlet=News24", f"_actor={iran}", "story_id=1"]):
        url = f"/news/articles.json?_facet_actor=actor&_extra=facet_results&{query}"
        assert facets(path, url) == facets(live, url), query
    # The actors sharing an article with Iran: read from the summary, not counted.
    scaled = edited_copy(path, tmp_path / "scaled", "update facet_actor_article_pairs set articles = articles * 10")
    url = f"/news/articles.json?_facet_actor=actor&_extra=facet_results&_actor={iran}"
    assert [v[2] * 10 for v in facets(path, url)["actor"]] == [v[2] for v in facets(scaled, url)["actor"]]


def test_a_story_filter_leaves_out_the_articles_of_no_story(databases):
    path, _ = databases
    counted = facets(path, "/news/sentences.json?_extra=facet_results&_story=1")
    everything = facets(path, "/news/sentences.json?_extra=facet_results")
    assert sum(v[2] for v in counted["hedged"]) == 43
    assert sum(v[2] for v in everything["hedged"]) == 46
    (rows,) = fetch(path, "/news/sentences.json?_story=1&_size=max")
    assert len(rows.json()["rows"]) == 43
    assert "in story 1" in fetch(path, "/news/sentences?_story=1")[0].text


def test_the_counts_come_from_the_summaries(databases, tmp_path):
    path, _ = databases
    obama = actor_id(path, "Barack Obama")
    scaled = edited_copy(path, tmp_path / "scaled", ";".join(
        f"update {name} set sentences = sentences * 10" for name in COUNTING_SENTENCES))
    url = (f"/news/sentences.json?_extra=facet_results&_facet_actor=actor&_facet_score_band=hedging_score"
           f"&_outlet=News24&_actor={obama}")
    for facet in ("attribution", "actor", "hedging_score"):
        counted = {v[0]: v[2] for v in facets(path, url)[facet]}
        assert {value: count * 10 for value, count in counted.items()} == {
            v[0]: v[2] for v in facets(scaled, url)[facet]}


def test_a_filter_no_summary_holds_is_counted_on_the_rows(databases):
    path, _ = databases
    url = ("/news/sentences.json?_extra=facet_results&_shape=objects&_outlet=News24"
           "&hedging_score__gte=0.5&_size=max")
    (response,) = fetch(path, url)
    hedged = {v["value"]: v["count"] for v in facet_results(response)["hedged"]["results"]}
    rows = response.json()["rows"]
    assert sum(hedged.values()) == len(rows) > 0
    assert hedged[1] == sum(1 for row in rows if row["hedged"] == 1)


def test_a_malformed_story_id_matches_nothing_and_says_why(databases):
    path, _ = databases
    (response,) = fetch(path, "/news/sentences?_story=12x")
    assert response.status_code == 200
    assert "_story=&#39;12x&#39; is not a story id" in response.text


def test_the_actor_page_reads_the_summaries_and_agrees_with_counting_mentions(databases):
    path, live = databases
    for name in ("Iran", "Barack Obama", "Josh Earnest"):
        url = f"/-/attribution/news/actors/{actor_id(path, name)}.json"
        (summarised,), (counted,) = fetch(path, url), fetch(live, url)
        assert summarised.json() == counted.json()
    iran = fetch(path, f"/-/attribution/news/actors/{actor_id(path, 'Iran')}.json")[0].json()
    assert [(o["outlet"], o["mentions"], o["articles"]) for o in iran["outlets"]] == [
        ("News24", 22, 1), ("The Independent", 7, 1)]


def summary_rows(path) -> dict:
    db = sqlite_utils.Database(path)
    def rounded(row):
        return tuple(round(v, 9) if isinstance(v, float) else v for v in row)
    return {name: sorted((rounded(r) for r in db.execute(f"select * from [{name}]").fetchall()),
                         key=repr)
            for name in SUMMARY_TABLES}


def test_loads_that_add_articles_update_the_summaries_to_what_counting_everything_gives(
        tmp_path, monkeypatch):
    from datasette_attribution import pipeline

    council = tmp_path / "council.jsonl"
    council.write_text(json.dumps(COUNCIL) + "\n", "utf-8")
    path = tmp_path / "news.db"
    load(store.open_database(path), [str(NEWS24_SEED)])  # the first load creates them
    counted_again = []
    monkeypatch.setattr(pipeline, "refresh_summaries", lambda db: counted_again.append(db))
    # A load killed after its commits, before the summaries: the next load counts its articles.
    monkeypatch.setattr(pipeline, "update_summaries", lambda db: None)
    load(store.open_database(path), [str(council)])
    monkeypatch.undo()
    monkeypatch.setattr(pipeline, "refresh_summaries", lambda db: counted_again.append(db))
    # The Independent joins News24's article, loaded two loads before, in a new story.
    load(store.open_database(path), [str(INDEPENDENT_SEED)])
    assert counted_again == []
    assert store.open_database(path).execute("select outlet, story_id from articles order by id").fetchall() == [
        ("News24", 1), ("Local Courier", None), ("The Independent", 1)]
    updated = summary_rows(path)
    db = store.open_database(path)
    refresh_summaries(db)
    assert updated == summary_rows(path)
    assert len(updated["facet_story_sentences"]) > 0 and len(updated["actor_articles"]) > 0


def traced(path, url):
    """The response with the SQL run for it (?_trace=1; 1.0 needs trace_debug)."""
    async def run():
        datasette = Datasette(immutables=[str(path)], settings={"trace_debug": True})
        await datasette.invoke_startup()
        return await datasette.client.get(url)

    return [asyncio.run(run())]


def test_an_actor_beside_a_smaller_outlet_is_looked_up_per_sentence_with_the_same_rows(databases):
    path, live = databases
    iran = actor_id(path, "Iran")
    # The Independent has 12 sentences, Iran is in 23: each of the 12 is looked up.
    url = (f"/news/sentences.json?_shape=objects&_size=max&_extra=facet_results&_facet_actor=actor"
           f"&_outlet=The+Independent&_actor={iran}&_trace=1")
    (looked_up,), (listed,) = traced(path, url), traced(live, url)
    assert "exists (select 1 from mentions" in looked_up.text
    assert "exists (select 1 from mentions" not in listed.text
    rows = [row["id"] for row in looked_up.json()["rows"]]
    assert rows == [row["id"] for row in listed.json()["rows"]] and len(rows) == 5
    assert facets(path, url) == facets(live, url)


def row_count(path, url):
    (response,) = fetch(path, url)
    assert response.status_code == 200, url
    found = response.json()
    return found["filtered_table_rows_count"] if "filtered_table_rows_count" in found else found["count"]


def test_row_counts_under_each_filter_and_pair_equal_the_counted_rows(databases):
    path, live = databases
    obama = actor_id(path, "Barack Obama")
    pages = {
        "sentences": ["_outlet=News24", f"_actor={obama}", "attribution=anonymous", "_story=1"],
        "articles": ["outlet=News24", f"_actor={obama}", "story_id=1"],
        "mentions": ["_outlet=News24", f"actor_id={obama}"],
    }
    per_row = set()
    for table, filters in pages.items():
        for query in with_pairs(filters):
            url = f"/news/{table}.json?_extra=count&_extra=query&_size=max&{query}"
            (summarised,), (counted,) = fetch(path, url), fetch(live, url)
            rows = [row[0] if isinstance(row, list) else row["id"] for row in counted.json()["rows"]]
            assert row_count(path, url) == row_count(live, url) == len(rows), url
            # A filter keeping most rows is looked up from each row: the same rows.
            assert [row[0] if isinstance(row, list) else row["id"]
                    for row in summarised.json()["rows"]] == rows, url
            if ") = :attr_outlet" in summarised.json()["query"]["sql"]:
                per_row.add(f"{table}?{query}")
    assert {"sentences?_outlet=News24", "mentions?_outlet=News24", f"mentions?_outlet=News24&actor_id={obama}",
            "sentences?_outlet=News24&attribution=anonymous"} <= per_row


def test_row_counts_come_from_the_summaries(databases, tmp_path):
    path, _ = databases
    obama = actor_id(path, "Barack Obama")
    counted = {
        f"sentences.json?_extra=count&_outlet=News24&_actor={obama}": 10,
        "sentences.json?_extra=count&_story=1&attribution=anonymous": 9,
        f"articles.json?_extra=count&_actor={obama}": 2,
        "mentions.json?_extra=count&_outlet=News24": 89,
    }
    assert {url: row_count(path, f"/news/{url}") for url in counted} == counted
    scaled = edited_copy(path, tmp_path / "scaled", ";".join(
        [f"update {name} set sentences = sentences * 10" for name in COUNTING_SENTENCES]
        + ["insert into actor_articles select * from actor_articles",
           "update outlet_actor_stats set mentions = mentions * 10"]))
    assert {url: row_count(scaled, f"/news/{url}") for url in counted} == {
        f"sentences.json?_extra=count&_outlet=News24&_actor={obama}": 100,
        "sentences.json?_extra=count&_story=1&attribution=anonymous": 90,
        f"articles.json?_extra=count&_actor={obama}": 4,
        "mentions.json?_extra=count&_outlet=News24": 890,
    }
    # A filter no summary is grouped by: Datasette counts the rows.
    assert row_count(scaled, "/news/sentences.json?_extra=count&_outlet=News24&hedging_score__gte=0.5") == (
        row_count(path, "/news/sentences.json?_extra=count&_outlet=News24&hedging_score__gte=0.5"))


def test_the_planner_statistics_are_read_again_once_the_articles_grew_by_a_tenth(tmp_path):
    db = sqlite_utils.Database(tmp_path / "grown.db")
    db["articles"].insert_all([{"id": i, "outlet": "A"} for i in range(1, 21)], pk="id")
    db["articles"].create_index(["outlet"])
    db.execute(f"create table [{summaries.STATE_TABLE}] (name text primary key, value text)")
    db.execute(f"insert into [{summaries.STATE_TABLE}] values ('analyzed_at_articles', '20')")

    def analyzed():
        stats = db["sqlite_stat1"].exists() and db.execute(
            "select stat from sqlite_stat1 where idx = 'idx_articles_outlet'").fetchone()[0]
        return stats, summaries._state(db)["analyzed_at_articles"]

    db["articles"].insert_all([{"id": i, "outlet": "B"} for i in (21, 22)])
    summaries._analyze_when_grown(db)
    assert analyzed() == (False, "20")  # 22 articles: a tenth more than 20, not more
    db["articles"].insert({"id": 23, "outlet": "B"})
    summaries._analyze_when_grown(db)
    assert analyzed() == ("23 12", "23")  # 23 rows, 12 a outlet on average


def test_score_bands_of_a_few_rows_are_counted_in_one_pass_and_equal_the_range_counts(databases):
    path, live = databases
    # Under a story and an outlet the band summaries do not answer: counted on the rows, in one
    # pass when the summaries say they are few, a range count per band otherwise (live).
    url = "/news/sentences.json?_extra=facet_results&_facet_score_band=hedging_score&_story=1&_outlet=News24"
    assert facets(path, url)["hedging_score"] == facets(live, url)["hedging_score"]
    assert [v[2] for v in facets(path, url)["hedging_score"]] == [27, 0, 1, 0, 3]


COURIER = [("2016-10-04", "Council delays the bridge vote",
            "The city council delayed its vote on the river bridge on Tuesday, officials said. Councillor Maria "
            "Lopez said the design may change. Residents are expected to comment in November."),
           ("2016-11-02", "Council approves the bridge",
            "The city council approved the river bridge on Wednesday. Councillor Maria Lopez said work would begin "
            "in the spring, according to sources close to the council.")]


@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    """The seeds (2014-11) and two months of another outlet, with the summaries
    and without them."""
    folder = tmp_path_factory.mktemp("dated")
    courier = folder / "courier.jsonl"
    courier.write_text("".join(json.dumps({"outlet": "Local Courier", "published": day, "title": title,
                                           "text": text}) + "\n" for day, title, text in COURIER), "utf-8")
    path = folder / "news.db"
    load(store.open_database(path), [str(NEWS24_SEED), str(courier), str(INDEPENDENT_SEED)])
    live = edited_copy(path, folder / "live", ";".join(f"drop table {name}" for name in SUMMARIES))
    return path, live


def test_a_month_range_s_counts_and_facets_come_from_the_summaries_and_equal_the_counted_rows(dated, tmp_path):
    path, live = dated
    lopez = actor_id(path, "Maria Lopez")
    queries = with_pairs(["_since=2016-10", "_until=2016-10", "_outlet=Local+Courier", "attribution=anonymous",
                          f"_actor={lopez}", "_story=1"])
    per_row = set()
    for query in [*queries, "_since=2014-11&_until=2016-11", "_since=2016-12", f"_since=2016-11&_actor={lopez}"]:
        url = (f"/news/sentences.json?_extra=facet_results&_extra=count&_extra=query&_size=max&_facet_actor=actor"
               f"&_facet_score_band=hedging_score&{query}")
        assert facets(path, url) == facets(live, url), query
        (summarised,), (counted,) = fetch(path, url), fetch(live, url)
        rows = [row[0] if isinstance(row, list) else row["id"] for row in counted.json()["rows"]]
        assert row_count(path, url) == row_count(live, url) == len(rows), query
        assert [row[0] if isinstance(row, list) else row["id"] for row in summarised.json()["rows"]] == rows, query
        if "(select articles.published from articles where" in summarised.json()["query"]["sql"]:
            per_row.add(query)
    # Every sentence is from 2014-11 on: looked up from each row.
    assert {"_since=2014-11&_until=2016-11", "_until=2016-10"} <= per_row
    scaled = edited_copy(path, tmp_path / "scaled", ";".join(
        f"update {name} set sentences = sentences * 10" for name in COUNTING_SENTENCES))
    for query, sentences in (("_since=2016-10&_until=2016-11", 5), (f"_since=2016-11&_actor={lopez}", 1)):
        url = (f"/news/sentences.json?_extra=facet_results&_extra=count&_facet_actor=actor"
               f"&_facet_score_band=hedging_score&{query}")
        assert row_count(scaled, url) == 10 * row_count(path, url) == 10 * sentences
        for facet in ("hedged", "actor", "hedging_score"):
            assert {v[0]: 10 * v[2] for v in facets(path, url)[facet]} == {
                v[0]: v[2] for v in facets(scaled, url)[facet]}, (query, facet)
