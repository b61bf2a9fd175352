"""A database written by the previous release (tests/data/previous-release.db: the
two seeds loaded by the release before the sentence encoder, whose mentions have
no sentiment label): served as it is, loaded into, then rescored."""

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from helpers import fetch
from markupsafe import escape

from datasette_attribution import pipeline, store
from datasette_attribution.analyze import analyze_article
from datasette_attribution.cli import cli
from datasette_attribution.records import Article, Paragraph

PREVIOUS = Path(__file__).resolve().parent / "data" / "previous-release.db"
RECORD = {"id": "wire-1", "outlet": "Wire", "title": "Talks to resume", "published": "2014-11-08",
          "text": "Officials said the talks may resume on Monday. Critics attacked Obama over the plan."}


@pytest.fixture
def previous(tmp_path):
    copy = tmp_path / "previous.db"
    shutil.copy(PREVIOUS, copy)
    return copy


def plugin_pages(path):
    """Every table's page, the plugin's facets and filters, and each of its own pages
    for the first article, actor and story of the database."""
    name = path.stem
    with sqlite3.connect(path) as conn:
        tables = [t for (t,) in conn.execute(
            "select name from sqlite_master where type in ('table', 'view') and name not like '%_fts_%' "
            "and name not like 'sqlite_%' order by name")]
        article, actor, story = (conn.execute(f"select min(id) from {t}").fetchone()[0]
                                 for t in ("articles", "actors", "stories"))
    assert article and actor and story
    plugin = f"/-/attribution/{name}"
    return ([f"/{name}", *(f"/{name}/{table}" for table in tables)] + [
        f"/{name}/sentences?_facet_actor=actor", f"/{name}/articles?_facet_actor=actor",
        f"/{name}/sentences?_facet_score_band=hedging_score", f"/{name}/mentions?_facet_score_band=sentiment",
        f"/{name}/articles?_facet_score_band=anonymous_share", f"/{name}/sentences?_actor={actor}",
        f"/{name}/mentions?_actor={actor}", f"/{name}/sentences?_story={story}",
        f"/{name}/sentences?_outlet=News24", f"/{name}/sentences?_period=2014-11",
        f"/{name}/articles?_period=2014-W45", f"/{name}/sentences?_search=Iran", f"/{name}/sentences.csv",
        plugin, f"{plugin}.json", f"{plugin}/outlets", f"{plugin}/outlets.json", f"{plugin}/outlets.csv",
        f"{plugin}/over-time.csv", f"{plugin}/articles/{article}", f"{plugin}/articles/{article}.json",
        f"{plugin}/actors/{actor}",
        f"{plugin}/actors/{actor}.json", f"{plugin}/actors/{actor}.csv", f"{plugin}/stories/{story}",
        f"{plugin}/stories/{story}.json", f"{plugin}/stories/{story}.csv"])


def answers(path):
    pages = plugin_pages(path)
    return dict(zip(pages, fetch(path, *pages), strict=True))


def failing(path):
    return [(page, response.status_code) for page, response in answers(path).items()
            if response.status_code != 200]


def lacking(path) -> str:
    """What this release stores that the fixture lacks, as the messages list it."""
    missing = store.missing_columns(sqlite_utils.Database(path), pipeline.layout())
    return ", ".join(f"{table}.{column}" for table, column in missing)


def test_the_fixture_is_what_the_previous_release_wrote(previous):
    db = sqlite_utils.Database(previous)
    assert db["articles"].count == 2 and db["sentences"].count == 43
    # What this round added (later rounds add more: the tests read the list).
    assert {("mentions", "sentiment_label"), ("mentions", "sentiment_cues")} <= set(
        store.missing_columns(db, pipeline.layout()))
    assert store.recorded_scoring(db) is None


def notice(path) -> str:
    return (f"{path.stem} was written by an earlier release of datasette-attribution: it lacks "
            f"{lacking(path)}. This page shows what the file's columns allow; what needs the missing ones "
            "(the shares of negative and positive mentions) is left out. To see all of it, bring the file up "
            f"to date with this release: datasette-attribution rescore {path.name}")


def by_outlet(path, actor_id: int) -> list[tuple]:
    """An actor's mentions and mean sentiment per outlet, counted from the file's own rows."""
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "select articles.outlet, count(*), round(avg(mentions.sentiment), 4) from mentions "
            "join sentences on sentences.id = mentions.sentence_id join articles on articles.id = sentences.article_id "
            "where mentions.actor_id = ? group by 1 order by 2 desc, 1", [actor_id]).fetchall()


def test_a_database_of_the_previous_release_is_served_as_it_is(previous):
    """Its tables, facets and filters as they are; each page of the plugin shows
    what the file's columns allow under a notice naming what it lacks and the
    command that adds it: never a 409, a 500 or an SQL error."""
    told = notice(previous)
    assert "actors.aliases, actors.mention_count, mentions.sentiment_label, mentions.sentiment_cues" in told
    obama_pages = [f"/-/attribution/previous/actors/4{extension}" for extension in ("", ".json", ".csv")]
    pages = {**answers(previous), **dict(zip(obama_pages, fetch(previous, *obama_pages), strict=True))}
    assert [(page, response.status_code) for page, response in pages.items() if response.status_code != 200] == []
    for page, response in pages.items():
        if not page.startswith("/-/attribution/") or page.endswith(".csv"):
            continue
        if page.endswith(".json"):
            assert response.json()["earlier_release"] == {"lacks": lacking(previous).split(", "),
                                                          "scored_earlier": True, "notice": told}
        else:
            assert response.text.count(str(escape(told))) == 1, page
    assert "Obama writes rare letter" in pages["/-/attribution/previous/articles/1"].text
    # What the columns allow: mentions and mean sentiment by outlet, no label shares.
    obama = pages["/-/attribution/previous/actors/4.json"].json()
    assert obama["actor"]["name"] == "Barack Obama"
    assert [(o["outlet"], o["mentions"], o["mean_sentiment"]) for o in obama["outlets"]] == by_outlet(previous, 4)
    assert [(o["negative_mentions"], o["labelled_mentions"], o["negative_share"]) for o in obama["outlets"]] == [
        (None, 0, None)] * 2
    page = pages["/-/attribution/previous/actors/4"].text
    assert [f"{mentions} mentions, not labelled" in page for _, mentions, _ in by_outlet(previous, 4)] == [True, True]
    assert pages["/-/attribution/previous/actors/4.csv"].text.splitlines()[1:3] == [
        f"{outlet},all,{mentions},,,0,{mean},{articles},{quotes},{named},{anonymous}"
        for (outlet, mentions, mean), articles, quotes, named, anonymous in zip(
            by_outlet(previous, 4), *zip(*[(o["articles"], o["quotes"], o["named_source"], o["anonymous_sentences"])
                                           for o in obama["outlets"]], strict=True), strict=True)]
    dashboard = pages["/-/attribution/previous.json"].json()
    assert [(a["name"], a["mentions"]) for a in dashboard["actors"]] == [
        ("Iran", 29), ("United States", 18), ("Barack Obama", 13), ("Islamic State", 11), ("Ali Khamenei", 5)]
    assert {(c["outlet"], c["actor_id"], c["mentions"], c["labelled_mentions"]) for c in dashboard["sentiment"]
            if c["actor_id"] == 4} == {(outlet, 4, mentions, 0) for outlet, mentions, _ in by_outlet(previous, 4)}
    story = pages["/-/attribution/previous/stories/1.json"].json()
    assert sorted((o["outlet"], a["name"], a["mentions"], a["labelled_mentions"]) for o in story["outlets"]
                  for a in o["actors"] if a["name"] == "Barack Obama") == sorted(
        (outlet, "Barack Obama", mentions, 0) for outlet, mentions, _ in by_outlet(previous, 4))


def test_served_writable_as_well_as_immutable(previous):
    """`datasette previous.db` (not -i) serves the same reduced pages, and writes nothing."""
    before = previous.read_bytes()

    async def run():
        from datasette.app import Datasette

        datasette = Datasette([str(previous)])
        return [await datasette.client.get(page) for page in (
            "/-/attribution/previous", "/-/attribution/previous/outlets", "/-/attribution/previous/actors/4",
            "/-/attribution/previous/stories/1", "/-/attribution/previous/articles/1")]

    import asyncio

    for response in asyncio.run(run()):
        assert response.status_code == 200 and str(escape(notice(previous))) in response.text
    assert previous.read_bytes() == before


def test_loading_into_it_adds_what_it_lacks_and_scores_new_articles_with_this_release(previous, tmp_path):
    records = tmp_path / "new.jsonl"
    records.write_text(json.dumps(RECORD) + "\n")
    lacks = lacking(previous)
    result = CliRunner().invoke(cli, ["load", str(previous), str(records), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "1 article added, 0 replaced, 0 skipped (already loaded), 0 failed; 2 sentences\n"
    assert result.stderr == (
        f"{previous} holds articles scored by an earlier release (the file lacks {lacks}: added now); "
        "articles loaded now get this release's scores, the earlier ones keep theirs until you run: "
        f"datasette-attribution rescore {previous} (which scores again all 2 and those this load adds)\n")
    db = sqlite_utils.Database(previous)
    assert store.missing_columns(db, pipeline.layout()) == []
    labels = db.execute("select articles.source, count(mentions.sentiment_label), count(*) from mentions "
                        "join sentences on sentences.id = mentions.sentence_id "
                        "join articles on articles.id = sentences.article_id group by 1 order by 1").fetchall()
    # The earlier articles keep their scores (no labels); the new one has every score.
    assert [(source, labelled, labelled == count) for source, labelled, count in labels] == [
        ("000_85e21476b82cfa0b.txt", 0, False), ("003_f0de7d366924c62c.txt", 0, False), ("wire-1", 1, True)]
    assert db.execute("select mentions.text, sentiment_label from mentions join sentences "
                      "on sentences.id = mentions.sentence_id where sentences.text like 'Critics%'"
                      ).fetchall() == [("Obama", "negative")]
    # The summaries are counted again as this release defines them.
    assert {"negative_mentions", "positive_mentions", "labelled_mentions"} <= set(db["actor_stats"].columns_dict)
    assert db.execute("select sum(mentions) from actor_stats").fetchone()[0] == db["mentions"].count
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    db.conn.close()
    assert failing(previous) == []

    # Until they are rescored, the pages say that two releases scored the
    # articles, and the earlier articles' mentions read as not labelled.
    mixed = ("Some articles of previous were scored by an earlier release of datasette-attribution, the others "
             "by this one: their scores differ, and the mentions the earlier release scored count as not "
             "labelled. To score them all alike: datasette-attribution rescore previous.db")
    dashboard, iran = fetch(previous, "/-/attribution/previous.json", "/-/attribution/previous/actors/2")
    assert dashboard.json()["earlier_release"] == {"lacks": [], "scored_earlier": True, "notice": mixed}
    assert iran.text.count(str(escape(mixed))) == 1
    assert "22 mentions, not labelled" in iran.text

    again = CliRunner().invoke(cli, ["load", str(previous), str(records), "--workers", "1"])
    assert "rescore" in again.stderr  # said until the earlier articles are rescored


def stored(path):
    """The articles as the previous release stored them, read without the package."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute("select id, source, url, outlet, title, byline, published, standfirst, language "
                            "from articles order by id").fetchall()
        return [Article(source=source, url=url, outlet=outlet, title=title, byline=byline, published=published,
                        standfirst=standfirst, language=language, paragraphs=[
                            Paragraph(text, kind) for kind, text in conn.execute(
                                "select kind, text from paragraphs where article_id = ? order by position",
                                [article_id])])
                for article_id, source, url, outlet, title, byline, published, standfirst, language in rows]


SCORED = ("select articles.content_hash, sentences.position, sentences.text, sentences.attribution, "
          "sentences.source, sentences.hedged, sentences.hedging_score, sentences.polarity, "
          "mentions.text, mentions.start, mentions.sentiment, mentions.sentiment_label, mentions.sentiment_cues "
          "from sentences join articles on articles.id = sentences.article_id "
          "left join mentions on mentions.sentence_id = sentences.id order by 1, 2, mentions.start")


def test_rescore_brings_the_earlier_articles_to_this_release(previous, tmp_path):
    articles = stored(previous)
    result = CliRunner().invoke(cli, ["rescore", str(previous), "--workers", "1", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "0 articles added, 2 replaced, 0 skipped (already loaded), 0 failed; 43 sentences\n"
    # What this release writes for the same articles in a new database.
    fresh = store.open_database(tmp_path / "fresh.db", pipeline.layout())
    with fresh.atomic():
        for article in articles:
            store.write_article(fresh, store.article_rows(article, analyze_article(article), pipeline.layout()))
    with sqlite3.connect(previous) as rescored, sqlite3.connect(tmp_path / "fresh.db") as clean:
        assert rescored.execute(SCORED).fetchall() == clean.execute(SCORED).fetchall()
        assert rescored.execute("select count(*) from mentions where sentiment_label is null").fetchone()[0] == 0
        assert [row[0] for row in rescored.execute("select source from articles order by source")] == \
            ["000_85e21476b82cfa0b.txt", "003_f0de7d366924c62c.txt"]
        assert rescored.execute("select article_count from stories").fetchall() == [(2,)]
    assert failing(previous) == []
    records = tmp_path / "new.jsonl"
    records.write_text(json.dumps(RECORD) + "\n")
    after = CliRunner().invoke(cli, ["load", str(previous), str(records), "--workers", "1"])
    assert after.exit_code == 0 and after.stderr == ""  # nothing left to rescore
    assert "earlier_release" not in fetch(previous, "/-/attribution/previous.json")[0].json()
