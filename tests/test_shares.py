"""Shares of negative and positive mentions, shown only with enough mentions behind them."""

import json
import re

import pytest
import sqlite_utils
from helpers import fetch

from datasette_attribution import pipeline
from datasette_attribution.web.shares import MIN_MENTIONS, describe, label_shares, wilson_interval


def shown(page) -> str:
    """The page as read, its links' tags left out (each share links to its own mentions)."""
    return re.sub(r"</?a\b[^>]*>", "", page.text)


def test_a_share_carries_its_95_percent_wilson_interval():
    assert wilson_interval(10, 40) == (0.1419, 0.4019)
    assert wilson_interval(0, 12) == (0.0, 0.2425)
    assert wilson_interval(0, 0) is None


def test_below_the_minimum_count_no_share_is_given():
    few = label_shares({"negative_mentions": 3, "positive_mentions": 0, "labelled_mentions": MIN_MENTIONS - 1})
    assert few == {"labelled_mentions": 9, "negative_share": None, "positive_share": None,
                   "negative_interval": None, "positive_interval": None}
    enough = label_shares({"negative_mentions": 3, "positive_mentions": 1, "labelled_mentions": 12})
    assert (enough["negative_share"], enough["positive_share"]) == (0.25, 0.0833)
    assert describe({"negative_mentions": 3, "positive_mentions": 1, "labelled_mentions": 12}) == \
        "25% negative, 8% positive of 12 mentions"
    assert describe({"negative_mentions": 1, "positive_mentions": 0, "labelled_mentions": 2}) == \
        "2 labelled mentions, too few for shares (fewer than 10)"


@pytest.fixture(scope="module")
def many_mentions_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shares")
    sentences = " ".join(f"Senator Maria Alvarez visited the factory in town number {n} on Tuesday."
                         for n in range(12))
    (folder / "a.jsonl").write_text(json.dumps({"id": "a1", "outlet": "Gazette", "text": sentences}) + "\n")
    path = folder / "news.db"
    pipeline.load(pipeline.open_database(path), [str(folder / "a.jsonl")])
    return path


def test_the_comparison_shows_the_shares_of_an_outlets_mentions_with_their_count(many_mentions_db):
    db = sqlite_utils.Database(many_mentions_db)
    actor = db.execute("select id from actors where name = 'Maria Alvarez'").fetchone()[0]
    labels = [r[0] for r in db.execute("select sentiment_label from mentions where actor_id = ?", [actor])]
    negative, positive = labels.count("negative"), labels.count("positive")
    page, data = fetch(many_mentions_db, "/-/attribution/news/outlets", "/-/attribution/news/outlets.json")
    cell = next(c for c in data.json()["sentiment"] if c["actor_id"] == actor)
    assert (cell["labelled_mentions"], cell["negative_mentions"], cell["positive_mentions"]) == (
        12, negative, positive)
    assert cell["negative_share"] == round(negative / 12, 4)
    assert f'{round(100 * negative / 12)}% neg · {round(100 * positive / 12)}% pos <small>of 12</small>' in shown(page)


@pytest.fixture(scope="module")
def two_outlets_db(tmp_path_factory):
    """One event told by two outlets: the Gazette names Maria Alvarez in twelve
    sentences, the Herald in three."""
    folder = tmp_path_factory.mktemp("two-outlets")
    def visits(count):
        return " ".join(f"Senator Maria Alvarez visited the factory in town number {n} on Tuesday."
                        for n in range(count))
    records = [{"id": "g1", "outlet": "Gazette", "date": "2024-03-05", "title": "Alvarez tours the factories",
                "text": visits(12)},
               {"id": "h1", "outlet": "Herald", "date": "2024-03-05", "title": "Alvarez tours the factories",
                "text": visits(3)}]
    (folder / "a.jsonl").write_text("".join(json.dumps(record) + "\n" for record in records))
    path = folder / "news.db"
    pipeline.load(pipeline.open_database(path), [str(folder / "a.jsonl")])
    return path


def _labels_by_outlet(path):
    db = sqlite_utils.Database(path)
    actor = db.execute("select id from actors where name = 'Maria Alvarez'").fetchone()[0]
    counts = {}
    for outlet, label in db.execute(
            "select articles.outlet, mentions.sentiment_label from mentions "
            "join sentences on sentences.id = mentions.sentence_id join articles on articles.id = sentences.article_id "
            "where mentions.actor_id = ?", [actor]):
        counts.setdefault(outlet, []).append(label)
    return actor, counts


def test_the_actor_page_shows_each_outlets_shares_and_below_the_minimum_the_count_alone(two_outlets_db):
    actor, labels = _labels_by_outlet(two_outlets_db)
    assert {outlet: len(found) for outlet, found in labels.items()} == {"Gazette": 12, "Herald": 3}
    negative, positive = labels["Gazette"].count("negative"), labels["Gazette"].count("positive")
    page, data = fetch(two_outlets_db, f"/-/attribution/news/actors/{actor}",
                       f"/-/attribution/news/actors/{actor}.json")
    outlets = {o["outlet"]: o for o in data.json()["outlets"]}
    assert (outlets["Gazette"]["labelled_mentions"], outlets["Gazette"]["negative_share"],
            outlets["Gazette"]["positive_share"]) == (12, round(negative / 12, 4), round(positive / 12, 4))
    assert outlets["Gazette"]["negative_interval"] == list(wilson_interval(negative, 12))
    assert (outlets["Herald"]["labelled_mentions"], outlets["Herald"]["negative_share"],
            outlets["Herald"]["negative_interval"]) == (3, None, None)
    assert f'{round(100 * negative / 12)}% neg · {round(100 * positive / 12)}% pos <small>of 12</small>' in shown(page)
    assert 'no share shown">3 mentions</span>' in page.text


def test_the_story_page_shows_each_outlets_shares_of_an_actor_with_their_count(two_outlets_db):
    actor, labels = _labels_by_outlet(two_outlets_db)
    db = sqlite_utils.Database(two_outlets_db)
    (story,) = {row[0] for row in db.execute("select story_id from articles")}
    negative, positive = labels["Gazette"].count("negative"), labels["Gazette"].count("positive")
    page, data = fetch(two_outlets_db, f"/-/attribution/news/stories/{story}",
                       f"/-/attribution/news/stories/{story}.json")
    cells = {o["outlet"]: next(a for a in o["actors"] if a["id"] == actor) for o in data.json()["outlets"]}
    assert (cells["Gazette"]["labelled_mentions"], cells["Gazette"]["negative_share"],
            cells["Gazette"]["positive_share"]) == (12, round(negative / 12, 4), round(positive / 12, 4))
    assert (cells["Herald"]["labelled_mentions"], cells["Herald"]["positive_share"]) == (3, None)
    assert f'{round(100 * negative / 12)}% neg · {round(100 * positive / 12)}% pos <small>of 12</small>' in shown(page)
    assert 'no share shown">3 mentions</span>' in page.text
