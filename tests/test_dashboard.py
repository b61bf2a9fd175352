"""The dashboard: outlets under the reader's filters, every number a link to
exactly its rows (the articles with no outlet included), as HTML, JSON and CSV."""

import csv
import html
import io
import json
import re
import sqlite3

import pytest
from helpers import SEEDS, chart_specs, edited_copy, fetch

from datasette_attribution import pipeline, store

RECORDS = [
    {"id": "w1", "published": "2016-10-03", "title": "Talks stall",
     "text": "Officials said the talks had stalled. The minister may resign, sources said. "
             "Barack Obama said the United States would wait."},
    {"id": "w2", "published": "2016-11-07", "title": "Vote nears",
     "text": "Barack Obama told reporters that the vote was close. Analysts believe turnout could fall."},
    {"id": "w3", "published": "2016-11-21", "title": "Rally",
     "text": "Donald Trump said the crowd was the largest ever. The rally ran late. "
             "Trump told supporters that the wall would be built."},
]


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    """The seeds and three records without an outlet, as `load` writes them."""
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
    assert wire["articles"] == 3 and wire["links"]["articles"] == "/news/articles?outlet__isnull=1"
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
    # The sentiment cells are the rows shown: none for an outlet the minimum hides.
    assert {c["outlet"] for c in ranked.json()["sentiment"]} == {None}
    assert {c["outlet"] for c in everything.json()["sentiment"]} == {o["outlet"] for o in everything.json()["outlets"]}


def test_a_day_reads_as_its_month_and_a_control_that_cannot_be_read_is_named_not_silently_dropped(news):
    (by_day, by_month) = fetch(news, "/-/attribution/news.json?min_articles=1&since=2016-10-15&until=2016-10-02",
                               "/-/attribution/news.json?min_articles=1&since=2016-10&until=2016-10")
    assert by_day.json()["scope"]["since"] == by_day.json()["scope"]["until"] == "2016-10"
    assert by_day.json()["outlets"] == by_month.json()["outlets"] and by_day.json()["scope"]["ignored"] == []
    (bad, page) = fetch(news, "/-/attribution/news.json?since=garbage&until=2016-13&min_articles=-5",
                        "/-/attribution/news?since=garbage&until=2016-13&min_articles=abc")
    scope = bad.json()["scope"]
    # No outlet of these has three articles: the default fewest gives way to 1, and says so.
    assert (scope["since"], scope["until"], scope["min_articles"], scope["fewest_lowered_from"]) == (None, None, 1, 3)
    assert scope["ignored"] == ["since=garbage", "until=2016-13", "min_articles=-5"]
    assert "Not read, so left out: since=garbage, until=2016-13, min_articles=abc" in page.text
    (none_then, everything) = fetch(news, "/-/attribution/news?since=2030-01", "/-/attribution/news")
    assert "No story has an article in this choice." in none_then.text
    assert "No actor is mentioned in the articles of this choice." in none_then.text
    assert "No story" not in everything.text and "No actor" not in everything.text


def test_a_database_whose_every_outlet_is_under_the_default_fewest_shows_them_all_and_says_why(seeds_path):
    """The demo's two articles: its dashboard, the first page a new user opens, shows
    both outlets rather than nothing; a fewest the reader chose still holds."""
    page, as_csv, chosen = fetch(seeds_path, "/-/attribution/news", "/-/attribution/news.csv",
                                 "/-/attribution/news.json?min_articles=3")
    assert "Every outlet has fewer than 3 articles here, so all are shown" in page.text
    assert [line.split(",")[0] for line in as_csv.text.splitlines()[1:]] == ["News24", "The Independent"]
    assert chosen.json()["outlets"] == [] and chosen.json()["hidden_outlets"] == 2
    assert chosen.json()["scope"]["fewest_lowered_from"] is None


def test_an_actor_that_is_no_id_is_named_as_left_out_and_an_outlet_no_article_has_is_said(news):
    (as_json, page) = fetch(news, "/-/attribution/news.json?actor=abc&outlet=NoSuchOutlet",
                            "/-/attribution/news?actor=abc&outlet=NoSuchOutlet")
    assert as_json.json()["scope"]["ignored"] == ["actor=abc"]
    assert as_json.json()["unknown_outlet"] == "NoSuchOutlet" and as_json.json()["outlets"] == []
    assert "Not read, so left out: actor=abc" in page.text
    assert "No article has the outlet “NoSuchOutlet”, so every figure below is empty" in page.text
    assert "no article loaded names one" not in page.text
    (known,) = fetch(news, "/-/attribution/news.json?outlet=News24&min_articles=1")
    assert known.json()["unknown_outlet"] is None


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
    assert [r["outlet"] for r in table] == ["(no outlet)", "News24", "The Independent"]
    assert all(r["articles_link"].startswith("http://localhost/news/articles?") for r in table)


def test_every_number_of_the_csv_has_its_link_the_row_without_an_outlet_included(news):
    (data,) = fetch(news, "/-/attribution/news.json?min_articles=1")
    (response,) = fetch(news, "/-/attribution/news.csv?min_articles=1")
    table = list(csv.DictReader(io.StringIO(response.text)))
    wire = table[0]
    assert wire["outlet"] == "(no outlet)"
    for number in ("articles", "sentences", "attributed", "anonymous", "hedged", "quotes"):
        link = wire[f"{number}_link"]
        assert link.startswith("http://localhost/news/")
        assert len(rows_behind(news, link.removeprefix("http://localhost"))) == int(wire[number] or 0), number
    assert wire["anonymous_link"] == "http://localhost/news/sentences?_no_outlet=1&attribution=anonymous"
    # Each actor's sentiment cell and each named source, with the link to its rows.
    obama = next(a for a in data.json()["actors"] if a["name"] == "Barack Obama")
    # as the outlet comparison's CSV writes it: one column a figure
    assert [wire[f"Barack Obama: {field}"] for field in ("negative share", "positive share", "labelled mentions")] == [
        "", "", "2"]
    assert wire["Barack Obama: mentions link"] == (
        f"http://localhost/news/mentions?_no_outlet=1&actor_id={obama['id']}")
    assert [wire["source_1"], wire["source_1_attributions"], wire["source_2"], wire["source_2_attributions"],
            wire["source_3"]] == ["Barack Obama", "2", "Donald Trump", "2", ""]
    assert len(rows_behind(news, wire["source_2_link"].removeprefix("http://localhost"))) == 2


def test_a_database_the_plugin_did_not_load_has_no_dashboard(tmp_path):
    other = tmp_path / "other.db"
    import sqlite3

    sqlite3.connect(other).execute("create table t (x)")
    (response,) = fetch(other, "/-/attribution/other")
    assert response.status_code == 404


def test_an_empty_database_says_it_has_no_actor_rather_than_that_a_search_found_none(tmp_path):
    empty = tmp_path / "empty.db"
    records = tmp_path / "none.jsonl"
    records.write_text('{"title": "a record without text"}\n', "utf-8")
    database = store.open_database(empty)
    assert pipeline.load(database, [str(records)]).failed == 1
    database.conn.close()
    (page, search) = fetch(empty, "/-/attribution/empty", "/-/attribution/empty?q=Obama")
    assert "No actor: no article loaded names one." in page.text and "holds “”" not in page.text
    assert "No actor's name holds “Obama”." in search.text
    (comparison,) = fetch(empty, "/-/attribution/empty/outlets")
    assert comparison.status_code == 200
    assert "No article loaded yet" in comparison.text and "<table" not in comparison.text


def test_the_actors_table_reads_most_mentioned_first(news):
    page, rows = fetch(news, "/news/actors", "/news/actors.json?_shape=array")
    counts = [r["mention_count"] for r in rows.json()]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    assert "sorted by mention_count descending" in page.text


def sources_of(response) -> dict:
    return {o["outlet"]: [(s["name"], s["attributions"]) for s in o["sources"]] for o in response.json()["outlets"]}


def test_each_outlet_lists_the_sources_it_cites_most_as_actors_each_count_a_link_to_its_rows(news):
    (response,) = fetch(news, "/-/attribution/news.json?min_articles=1")
    sources = sources_of(response)
    # "Donald Trump" and "Trump" are one source; "Officials", "sources", "Analysts" are no actor.
    assert sources[None] == [("Barack Obama", 2), ("Donald Trump", 2)]
    # "Mr Obama" in The Independent, "Obama" in News24: the same actor.
    assert ("Barack Obama", 1) in sources["The Independent"] and ("Barack Obama", 1) in sources["News24"]
    # McCain's "called it" and the two senators' joint statement; the "they" of "US officials
    # have not ruled out ..., but they have sought" is the officials', not his.
    assert sources["News24"][0] == ("John McCain", 2) and len(sources["News24"]) == 5
    for outlet in response.json()["outlets"]:
        for source in outlet["sources"]:
            rows = rows_behind(news, source["link"])
            assert len(rows) == source["attributions"]
            assert {row["actor_id"] for row in rows} == {source["actor_id"]}
    (page,) = fetch(news, "/-/attribution/news?min_articles=1")
    trump = next(s for s in response.json()["outlets"][0]["sources"] if s["name"] == "Donald Trump")
    assert "Who each outlet quotes" in page.text
    assert (f'<a href="{trump["link"].replace("&", "&amp;")}" class="attr-source-count" '
            'title="2 claims attributed to Donald Trump">2</a>') in page.text


def test_the_sources_honour_every_control(news):
    (autumn,) = fetch(news, "/-/attribution/news.json?min_articles=1&since=2016-11&until=2016-11")
    assert sources_of(autumn) == {None: [("Donald Trump", 2), ("Barack Obama", 1)]}
    link = autumn.json()["outlets"][0]["sources"][1]["link"]
    assert "_since=2016-11" in link and len(rows_behind(news, link)) == 1
    (one,) = fetch(news, "/-/attribution/news.json?min_articles=1&outlet=The+Independent")
    assert list(sources_of(one)) == ["The Independent"]
    (few,) = fetch(news, "/-/attribution/news.json?min_articles=2")
    assert list(sources_of(few)) == [None]
    trump = next(a for a in autumn.json()["actor_list"] if a["name"] == "Donald Trump")
    (mentioning,) = fetch(news, f"/-/attribution/news.json?min_articles=1&actor={trump['id']}")
    assert sources_of(mentioning) == {None: [("Donald Trump", 2)]}
    link = mentioning.json()["outlets"][0]["sources"][0]["link"]
    assert f"_actor_articles={trump['id']}" in link and len(rows_behind(news, link)) == 2


def test_a_range_that_leaves_every_outlet_under_the_minimum_says_so_and_links_to_them(news):
    # The seeds' month: News24 and The Independent have one article each, under the three
    # asked for (the default gives way in a database where every outlet has fewer).
    (page, data) = fetch(news, "/-/attribution/news?since=2014-11&until=2014-11&min_articles=3",
                         "/-/attribution/news.json?since=2014-11&until=2014-11&min_articles=3")
    assert data.json()["outlets"] == [] and data.json()["hidden_outlets"] == 2
    assert "No articles match." not in page.text
    assert "No outlet has 3 or more articles here: 2 outlets have fewer" in page.text
    show = "/-/attribution/news?since=2014-11&amp;until=2014-11&amp;min_articles=1"
    assert f'<a href="{show}">show them</a>' in page.text
    assert chart_specs(page.text) == []  # no chart of outlets the table leaves out
    (shown,) = fetch(news, show.replace("&amp;", "&").replace("/news?", "/news.json?"))
    assert [o["outlet"] for o in shown.json()["outlets"]] == ["News24", "The Independent"]
    (empty,) = fetch(news, "/-/attribution/news?since=2030-01")
    assert "No articles match." in empty.text


def test_the_actors_table_counts_in_the_date_range_and_the_outlet(news):
    (everything, autumn, independent) = fetch(
        news, "/-/attribution/news.json?q=obama", "/-/attribution/news.json?q=obama&since=2016-10&until=2016-11",
        "/-/attribution/news.json?q=obama&outlet=The+Independent")

    def obama(response):
        return next(a for a in response.json()["actor_list"] if a["name"] == "Barack Obama")

    assert obama(everything)["articles"] == 4
    # The two dated records that name him, and their two mentions.
    assert (obama(autumn)["articles"], obama(autumn)["mentions"]) == (2, 2)
    assert obama(independent)["articles"] == 1
    for response in (autumn, independent):
        actor = obama(response)
        assert len(rows_behind(news, actor["articles_link"])) == actor["articles"]
        assert len(rows_behind(news, actor["mentions_link"])) == actor["mentions"]
    assert "_since=2016-10" in obama(autumn)["mentions_link"]
    assert "outlet=The+Independent" in obama(independent)["articles_link"]


TWO_STORIES = [
    ("Gazette", "2016-10-03", "Talks on the trade pact stall in Geneva",
     "Talks on the trade pact stalled in Geneva on Monday, officials said. Barack Obama said the United States "
     "would wait for a better offer. Obama told reporters the pact was not dead. Negotiators from both sides "
     "left Geneva without a date for the next round."),
    ("Herald", "2016-10-03", "Trade pact talks stall as negotiators leave Geneva",
     "Talks on the trade pact stalled in Geneva on Monday, according to officials. Barack Obama said the "
     "United States would wait. Negotiators left Geneva without a date for the next round of talks."),
    ("Gazette", "2016-10-20", "Obama signs the school lunch bill",
     "Barack Obama signed the school lunch bill on Thursday. Obama said children would eat better. "
     "The bill passed the Senate in September after a long fight over its cost."),
]


@pytest.fixture(scope="module")
def two_stories(tmp_path_factory):
    """An outlet that mentions one actor in a story told by two outlets and in an
    article of its own."""
    folder = tmp_path_factory.mktemp("two_stories")
    records = folder / "r.jsonl"
    records.write_text("".join(json.dumps({"outlet": o, "published": d, "title": t, "text": x}) + "\n"
                               for o, d, t, x in TWO_STORIES), "utf-8")
    path = folder / "news.db"
    pipeline.load(pipeline.open_database(path), [str(records)])
    return path


def test_the_story_view_and_the_actor_page_link_each_number_to_exactly_its_rows(two_stories):
    (stories,) = fetch(two_stories, "/news/stories.json?_shape=array")
    (story,) = stories.json()
    assert story["article_count"] == 2
    (response,) = fetch(two_stories, f"/-/attribution/news/stories/{story['id']}.json")
    gazette = next(o for o in response.json()["outlets"] if o["outlet"] == "Gazette")
    obama = next(a for a in gazette["actors"] if a["name"] == "Barack Obama")
    # The story's two mentions, not the four of every Gazette article.
    assert obama["mentions"] == 2 and len(rows_behind(two_stories, obama["mentions_link"])) == 2
    (response,) = fetch(two_stories, f"/-/attribution/news/actors/{obama['id']}.json")
    by_outlet = {o["outlet"]: o for o in response.json()["outlets"]}
    assert (by_outlet["Gazette"]["articles"], by_outlet["Gazette"]["mentions"]) == (2, 4)
    for outlet in by_outlet.values():
        links = outlet["links"]
        assert len(rows_behind(two_stories, links["articles"])) == outlet["articles"]
        assert len(rows_behind(two_stories, links["mentions"])) == outlet["mentions"]
        assert len(rows_behind(two_stories, links["sentences"])) == outlet["sentences"]
    (page,) = fetch(two_stories, f"/-/attribution/news/actors/{obama['id']}")
    assert f'href="{by_outlet["Gazette"]["links"]["articles"]}">2</a>'.replace("&", "&amp;") in page.text
    # The sentiment shares link to the mentions they are shares of.
    mentions_link = by_outlet["Gazette"]["links"]["mentions"].replace("&", "&amp;")
    assert page.text.count(f'href="{mentions_link}">') == 2


EDGES = [("2016-09-30T23:59:00-04:00", "Late September"), ("2016-10-01", "First of October"),
         ("2016-10-31T23:59:59+02:00", "Last minute of October"), ("2016-10", "October, no day"),
         ("2016-11-01T00:00:00", "First of November"), (None, "Undated")]


def test_a_month_range_holds_every_article_of_its_months_and_no_other(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text("".join(json.dumps({"outlet": "Gazette", "published": day, "title": title,
                                           "text": f"{title}: officials said the council would meet again."})
                               + "\n" for day, title in EDGES), "utf-8")
    path = tmp_path / "news.db"
    pipeline.load(pipeline.open_database(path), [str(records)])
    (response,) = fetch(path, "/-/attribution/news.json?min_articles=1&since=2016-10&until=2016-10")
    (gazette,) = response.json()["outlets"]
    assert gazette["articles"] == 3
    titles = {row["title"] for row in rows_behind(path, gazette["links"]["articles"])}
    assert titles == {"First of October", "Last minute of October", "October, no day"}
    (response,) = fetch(path, "/news/articles.json?_since=2016-10&_shape=array&_size=max")
    assert {row["title"] for row in response.json()} == titles | {"First of November"}


# What the dashboard reads from the summaries under a date range and under an
# actor: dropped, the page counts the rows of a database that predates them.
DASHBOARD_SUMMARIES = ("drop table outlet_month_stats; drop table actor_outlet_period_stats; "
                       "drop table actor_source_stats; alter table outlet_actor_period_stats drop column articles; "
                       "alter table facet_actor_article_pairs drop column mentions")


def dashboard_scopes(path) -> list[str]:
    obama = store.open_database(path).execute("select id from actors where name = 'Barack Obama'").fetchone()[0]
    return ["", "since=2016-10&until=2016-11", "since=2014-11&until=2014-11", "outlet=News24", "outlet=(none)",
            "outlet=(none)&since=2016-11&until=2016-11", f"actor={obama}", f"actor={obama}&outlet=(none)",
            f"actor={obama}&outlet=The+Independent", f"actor={obama}&since=2016-11&until=2016-11",
            "q=obama&since=2016-10&until=2016-11", f"q=a&actor={obama}", "q=o&outlet=News24"]


def test_every_scope_reads_from_the_summaries_what_counting_the_rows_gives(news, tmp_path):
    counted = edited_copy(news, tmp_path / "counted", DASHBOARD_SUMMARIES)
    for scope in dashboard_scopes(news):
        url = f"/-/attribution/news.json?min_articles=1&{scope}"
        (summarised,), (from_rows,) = fetch(news, url), fetch(counted, url)
        assert summarised.status_code == from_rows.status_code == 200, scope
        assert summarised.json() == from_rows.json(), scope
        assert summarised.json()["outlets"] and summarised.json()["actor_list"], scope
        # The charts too, over time included (the records span 2014 to 2016: by month).
        page = url.replace("news.json", "news")
        (summarised,), (from_rows,) = fetch(news, page), fetch(counted, page)
        assert chart_specs(summarised.text) == chart_specs(from_rows.text), scope
        assert any("by month" in spec["title"] for spec in chart_specs(summarised.text)), scope


def test_under_a_date_range_and_an_actor_the_counts_come_from_the_summaries(news, tmp_path):
    # Every count of the summaries the two scopes read, ten times over.
    scaled = edited_copy(news, tmp_path / "scaled", (
        "update outlet_month_stats set articles = 10 * articles; "
        "update actor_outlet_period_stats set articles = 10 * articles; "
        "update actor_source_stats set attributions = 10 * attributions; "
        "update outlet_source_stats set attributions = 10 * attributions; "
        "update outlet_actor_period_stats set articles = 10 * articles, mentions = 10 * mentions; "
        "update facet_actor_article_pairs set articles = 10 * articles, mentions = 10 * mentions"))
    obama = store.open_database(news).execute("select id from actors where name = 'Barack Obama'").fetchone()[0]
    for scope in ("since=2014-11&until=2016-11", f"actor={obama}", f"actor={obama}&since=2014-11&until=2016-11"):
        url = f"/-/attribution/news.json?min_articles=1&{scope}"
        (real,), (tenfold,) = fetch(news, url), fetch(scaled, url)
        real, tenfold = real.json(), tenfold.json()
        assert [10 * o["articles"] for o in real["outlets"]] == [o["articles"] for o in tenfold["outlets"]]
        assert [(10 * a["mentions"], 10 * a["articles"]) for a in real["actor_list"]] == [
            (a["mentions"], a["articles"]) for a in tenfold["actor_list"]]
        assert [10 * c["mentions"] for c in real["sentiment"]] == [c["mentions"] for c in tenfold["sentiment"]]
        sources = [10 * s["attributions"] for o in real["outlets"] for s in o["sources"]]
        assert sources and sources == [s["attributions"] for o in tenfold["outlets"] for s in o["sources"]]


def test_the_largest_stories_walked_largest_first_are_those_listed_from_the_articles_in_scope(
        two_stories, monkeypatch):
    from datasette_attribution.web.pages import dashboard

    obama = store.open_database(two_stories).execute(
        "select id from actors where name = 'Barack Obama'").fetchone()[0]
    scopes = ["", "since=2016-10&until=2016-10", "outlet=Herald", f"actor={obama}", f"actor={obama}&outlet=Herald",
              "since=2016-11&until=2016-12"]

    def stories(scope):
        (response,) = fetch(two_stories, f"/-/attribution/news.json?min_articles=1&{scope}")
        return [story["id"] for story in response.json()["stories"]]

    listed = [stories(scope) for scope in scopes]
    monkeypatch.setattr(dashboard, "WALK_STORIES_FROM", 0)
    assert [stories(scope) for scope in scopes] == listed
    assert listed[0] and listed[2] and listed[-1] == []


def test_an_outlet_whose_articles_were_not_scored_says_so_in_its_row(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in [
        {"outlet": "Gazzetta", "title": "Il consiglio", "text": "Il consiglio comunale si riunirà di nuovo lunedì "
         "per discutere il bilancio della città e le nuove regole sul traffico nel centro storico."},
        {"outlet": "Gazette", "title": "The council", "text": "Officials said the council would meet again."}]),
        "utf-8")
    path = tmp_path / "news.db"
    pipeline.load(pipeline.open_database(path), [str(records)])
    (page,) = fetch(path, "/-/attribution/news?min_articles=1")
    outlets_table = page.text.split('id="attr-outlets"')[1].split("</table>")[0]
    rows = {re.sub(r"<[^>]+>|\s+", " ", row).split()[0]: row
            for row in re.findall(r"<tr><td>(.*?)</tr>", outlets_table, re.S)}
    assert sorted(rows) == ["Gazette", "Gazzetta"]
    assert "not scored: no article in English" in rows["Gazzetta"]
    assert "not scored" not in rows["Gazette"]


PRAISE_AND_BLAME = [
    "Critics blamed Mayor Jane Roe for the flooding.", "Residents praised Mayor Jane Roe for the new park.",
    "Jane Roe opened the bridge on Monday.", "An audit accused Jane Roe of wasting money.",
    "Voters thanked Jane Roe for fixing the roads.", "Jane Roe visited the school.",
    "Jane Roe was cleared of all wrongdoing by the court.", "Jane Roe faces a corruption inquiry.",
    "Jane Roe spoke at the fair.", "The council hailed Jane Roe as a champion of the poor.",
    "Jane Roe was mocked for her speech.", "Jane Roe met the governor.",
]


@pytest.fixture(scope="module")
def one_actor_many_mentions(tmp_path_factory):
    """One outlet's twelve articles, each naming the mayor once, so that her cell
    holds enough labelled mentions to show its shares."""
    folder = tmp_path_factory.mktemp("shares")
    records = folder / "daily.jsonl"
    records.write_text("".join(json.dumps({"id": f"d{i}", "outlet": "Daily", "published": "2016-05-01",
                                           "text": text}) + "\n" for i, text in enumerate(PRAISE_AND_BLAME)))
    path = folder / "news.db"
    pipeline.load(pipeline.open_database(path), [str(records)])
    return path


SHARES_LINKED = re.compile(r'<a href="([^"]+)">(\d+)%(?: neg)?</a> · <a href="([^"]+)">(\d+)%(?: pos)?</a>'
                           r'\s*<small[^>]*><a href="([^"]+)">of (\d+)</a></small>')


def test_each_share_links_to_the_mentions_of_its_label_and_the_count_to_them_all(one_actor_many_mentions):
    path = one_actor_many_mentions
    with sqlite3.connect(path) as db:
        (actor_id,) = db.execute("select id from actors where name = 'Jane Roe'").fetchone()
        labels = dict(db.execute("select sentiment_label, count(*) from mentions where actor_id = ? group by 1",
                                 [actor_id]).fetchall())
    assert sum(labels.values()) == 12 and labels.get("negative") and labels.get("positive")
    pages = fetch(path, "/-/attribution/news?min_articles=1", "/-/attribution/news/outlets",
                  f"/-/attribution/news/actors/{actor_id}")
    for page in pages:
        assert page.status_code == 200
        (cell,) = SHARES_LINKED.findall(page.text)
        negative, negative_share, positive, positive_share, everything, count = (
            html.unescape(part) for part in cell)
        assert "sentiment_label=negative" in negative and "sentiment_label=positive" in positive
        assert int(count) == 12 and len(rows_behind(path, everything)) == 12
        behind = [row["sentiment_label"] for row in rows_behind(path, negative)]
        assert behind == ["negative"] * labels["negative"]
        assert int(negative_share) == round(100 * labels["negative"] / 12)
        behind = [row["sentiment_label"] for row in rows_behind(path, positive)]
        assert behind == ["positive"] * labels["positive"]
        assert int(positive_share) == round(100 * labels["positive"] / 12)


def test_where_one_outlet_alone_has_the_default_fewest_the_page_lists_the_two_with_most(tmp_path):
    """A folder of pages, two a site and one site with four: the first page compares
    outlets rather than showing the one; a fewest the reader chose still holds."""
    day = "2016-05-0{}"
    records = [{"id": f"d{i}", "outlet": "Daily", "published": day.format(i + 1),
                "text": f"Officials said the bridge would close on day {i}."} for i in range(4)]
    records += [{"id": f"{outlet}{i}", "outlet": outlet, "published": day.format(i + 1),
                 "text": f"The {outlet} mayor said the park would open in week {i}."}
                for outlet in ("Herald", "Courier") for i in range(2)]
    records.append({"id": "s1", "outlet": "Sentinel", "published": "2016-05-01", "text": "Rain fell on Monday."})
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    pipeline.load(pipeline.open_database(tmp_path / "news.db"), [str(path)])
    page, data, chosen = fetch(tmp_path / "news.db", "/-/attribution/news", "/-/attribution/news.json",
                               "/-/attribution/news.json?min_articles=3")
    scope = data.json()["scope"]
    assert (scope["min_articles"], scope["fewest_lowered_from"], scope["every_outlet_under"]) == (2, 3, False)
    assert [o["outlet"] for o in data.json()["outlets"]] == ["Daily", "Courier", "Herald"]
    assert data.json()["hidden_outlets"] == 1
    assert "Fewer than two outlets have 3 articles here, so those with 2 or more are shown" in page.text
    assert [o["outlet"] for o in chosen.json()["outlets"]] == ["Daily"]
    # The fewest is lowered by what is in scope: one outlet of one article chosen is
    # shown, and the page does not say both that some and that none are shown.
    sentinel, daily = fetch(tmp_path / "news.db", "/-/attribution/news?outlet=Sentinel",
                            "/-/attribution/news.json?outlet=Daily")
    assert "Every outlet has fewer than 3 articles here, so all are shown" in sentinel.text
    assert "No outlet has" not in sentinel.text and "Fewer than two outlets" not in sentinel.text
    assert '<a href="/news/articles?outlet=Sentinel">1</a>' in sentinel.text
    scope = daily.json()["scope"]
    assert (scope["min_articles"], scope["fewest_lowered_from"]) == (3, None)
    assert [o["outlet"] for o in daily.json()["outlets"]] == ["Daily"]


def test_a_database_with_no_dated_article_offers_no_date_range(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text("".join(json.dumps({"outlet": outlet, "text": text}) + "\n" for outlet, text in (
        ("Gazette", "The council voted on Monday to close the pier, officials said."),
        ("Courier", "The mayor said the pier would reopen in the spring."))), "utf-8")
    pipeline.load(pipeline.open_database(tmp_path / "news.db"), [str(records)])
    page, ranged = fetch(tmp_path / "news.db", "/-/attribution/news", "/-/attribution/news?since=2013-01")
    assert 'name="since"' not in page.text and "All outlets</a>" in page.text
    assert "No article here is dated, so a date range leaves every article out." in ranged.text
