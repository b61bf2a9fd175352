"""Outlets and actors over time, and an actor's own page, on articles that span months."""

import csv
import io
import json

import pytest
import sqlite_utils
from helpers import chart_points, chart_specs, fetch

from datasette_attribution import pipeline

# Each story names Barack Obama in full: across articles, actors join by full
# name, never by surname alone.
STORIES = [
    ("Gazette", "2016-09-05", "Officials said President Barack Obama may visit Iran next month. "
                              "Obama praised the negotiators."),
    ("Gazette", "2016-10-11", "Senator John McCain said the deal was a mistake. Barack Obama defended it on Monday."),
    ("Gazette", "2016-11-14", "People familiar with the talks said Barack Obama had failed to win support."),
    ("Gazette", "2016-12-12", "Barack Obama said the agreement would hold, according to a White House statement."),
    ("Courier", "2016-09-19", "Sources said Barack Obama was expected to announce new sanctions."),
    ("Courier", "2016-10-24", "Barack Obama said the talks were going well. John McCain attacked the plan."),
    ("Courier", "2016-11-28", "Anonymous officials said Barack Obama might delay the decision."),
    ("Courier", "2016-12-19", "Barack Obama told reporters that the sanctions would stay."),
]


@pytest.fixture(scope="module")
def months_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("months")
    records = folder / "stories.jsonl"
    records.write_text("".join(json.dumps({"id": f"s{i}", "outlet": outlet, "published": day, "text": text}) + "\n"
                               for i, (outlet, day, text) in enumerate(STORIES)), "utf-8")
    path = folder / "news.db"
    pipeline.load(pipeline.open_database(path), [str(records)])
    return path


def test_the_comparison_shows_each_outlet_by_month_with_every_point_linked_to_its_rows(months_db):
    page, data = fetch(months_db, "/-/attribution/news/outlets", "/-/attribution/news/outlets.json")
    over_time = data.json()["over_time"]
    assert over_time["period"] == "month"
    assert sorted({(r["outlet"], r["period"]) for r in over_time["outlets"]}) == sorted(
        (outlet, day[:7]) for outlet, day, _ in STORIES)
    assert "<h2>Over time</h2>" in page.text
    # The two shares; no chart of sentiment toward Obama: no outlet mentions him ten
    # times in a month, too few for a share of negative or positive mentions.
    lines = [spec for spec in chart_specs(page.text) if "by month" in spec["title"]]
    assert len(lines) == 2
    assert "Mentions of Barack Obama that are" not in page.text
    # A true time axis: each month its date, and the months between with no point.
    points = chart_points(lines[0])
    assert lines[0]["layer"][0]["encoding"]["x"]["type"] == "temporal"
    assert {p["date"] for p in points} == {f"{p}-01" for p in sorted({day[:7] for _, day, _ in STORIES})}
    anonymous = [p["link"] for p in points if p["link"]]
    assert len(anonymous) == 8
    october = next(link for link in anonymous if "_outlet=Gazette" in link and "_period=2016-10" in link)
    rows = fetch(months_db, october.replace("/news/sentences?", "/news/sentences.json?") + "&_shape=array")[0].json()
    assert rows == []  # McCain and Obama are named in October's Gazette story
    november = october.replace("2016-10", "2016-11")
    rows = fetch(months_db, november.replace("/news/sentences?", "/news/sentences.json?") + "&_shape=array")[0].json()
    assert [r["text"] for r in rows] == ["People familiar with the talks said Barack Obama had failed to win support."]


def test_the_over_time_csv_has_a_row_per_outlet_and_month(months_db):
    response = fetch(months_db, "/-/attribution/news/over-time.csv")[0]
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert len(table) == 8
    assert {"outlet", "period", "anonymous_share", "hedged_share", "Barack Obama: negative share",
            "Barack Obama: positive share", "Barack Obama: labelled mentions"} <= set(table[0])
    november = next(r for r in table if r["outlet"] == "Gazette" and r["period"] == "2016-11")
    assert november["anonymous_share"] == "1.0"
    # One mention that month: counted, and too few for a share.
    assert (november["Barack Obama: labelled mentions"], november["Barack Obama: negative share"]) == ("1", "")


def test_an_actor_page_shows_how_each_outlet_covers_them(months_db):
    obama = sqlite_utils.Database(months_db).execute(
        "select id from actors where name = 'Barack Obama'").fetchone()[0]
    page, data = fetch(months_db, f"/-/attribution/news/actors/{obama}", f"/-/attribution/news/actors/{obama}.json")
    assert page.status_code == 200 and "<h1>Barack Obama</h1>" in page.text
    outlets = {o["outlet"]: o for o in data.json()["outlets"]}
    assert {o: outlets[o]["articles"] for o in outlets} == {"Gazette": 4, "Courier": 4}
    assert outlets["Gazette"]["anonymous_sentences"] == 2
    assert outlets["Courier"]["anonymous_sentences"] == 2
    assert [(o["labelled_mentions"], o["negative_share"]) for o in data.json()["outlets"]] == [(5, None), (4, None)]
    assert page.text.count('title="fewer than 10 labelled mentions: no share shown">') == 2
    table = list(csv.DictReader(io.StringIO(fetch(months_db, f"/-/attribution/news/actors/{obama}.csv")[0].text)))
    assert [(r["outlet"], r["mentions"], r["articles"]) for r in table if r["period"] == "all"] == [
        ("Gazette", "5", "4"), ("Courier", "4", "4")]
    assert len([r for r in table if r["period"] != "all"]) == 8
    assert fetch(months_db, "/-/attribution/news/actors/999999")[0].status_code == 404


def test_a_few_days_of_articles_draw_no_trend(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"outlet": "Gazette", "published": "2016-09-05",
                                   "text": "Officials said Obama may visit Iran."}) + "\n", "utf-8")
    pipeline.load(pipeline.open_database(tmp_path / "news.db"), [str(records)])
    page, data = fetch(tmp_path / "news.db", "/-/attribution/news/outlets", "/-/attribution/news/outlets.json")
    assert data.json()["over_time"] == {"period": None, "outlets": [], "actors": []}
    assert "Over time" not in page.text
