import json

import pytest
from click.testing import CliRunner
from helpers import INDEPENDENT_SEED, NEWS24_SEED

from datasette_attribution import store
from datasette_attribution.cli import cli
from datasette_attribution.pipeline import LoadOptions, load
from datasette_attribution.grouping import MEANING_BASELINE, MEANING_WEIGHT, cosine, term_vector

COUNCIL = ("The city council approved a $4.2 million budget for road repairs on Tuesday, "
           "after a two-hour debate over pothole complaints in the northern districts. "
           "Councillor Maria Lopez said the money would cover resurfacing on 40 streets.")


def stories_and_articles(db):
    stories = db.execute("select id, title, first_published, last_published, article_count, "
                         "outlet_count from stories order by id").fetchall()
    articles = db.execute("select outlet, story_id from articles order by id").fetchall()
    return stories, articles


def write_records(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return str(path)


def seed_records(published=("2014-11-07", "2014-11-07")):
    """The seeds as records (their bodies as a load extracts them), with dates to vary."""
    from helpers import page_article

    records = []
    for seed, date in zip((NEWS24_SEED, INDEPENDENT_SEED), published, strict=True):
        article = page_article(seed)
        records.append({"id": seed.stem, "title": article.title, "outlet": article.outlet,
                        "published": date, "text": article.body})
    return records


def test_the_seeds_are_one_story_and_an_unrelated_article_joins_none(tmp_path):
    db = store.open_database(tmp_path / "news.db")
    council = write_records(tmp_path / "council.jsonl", [
        {"id": "council", "title": "Council approves road budget", "outlet": "Local Courier",
         "published": "2014-11-07", "text": COUNCIL}])
    load(db, [str(NEWS24_SEED), council, str(INDEPENDENT_SEED)])
    stories, articles = stories_and_articles(db)
    # News24's 09:24 is before The Independent's 08:13 in New York (13:13 UTC): the story's
    # first article, and its title, are News24's (compared as moments, not as strings).
    assert stories == [(1, "Obama writes rare letter to Iran's supreme leader", "2014-11-07T09:24:00",
                        "2014-11-07T08:13:00-05:00", 2, 2)]
    assert articles == [("News24", 1), ("Local Courier", None), ("The Independent", 1)]


def test_a_later_load_joins_new_articles_to_the_stories_already_there(tmp_path):
    one_load = store.open_database(tmp_path / "one.db")
    load(one_load, [str(NEWS24_SEED), str(INDEPENDENT_SEED)])
    two_loads = store.open_database(tmp_path / "two.db")
    load(two_loads, [str(NEWS24_SEED)])
    assert stories_and_articles(two_loads) == ([], [("News24", None)])
    load(two_loads, [str(INDEPENDENT_SEED)])
    assert stories_and_articles(two_loads) == stories_and_articles(one_load)


def test_articles_further_apart_than_the_window_are_not_grouped(tmp_path):
    records = write_records(tmp_path / "seeds.jsonl", seed_records(("2014-11-07", "2014-11-10")))
    apart = store.open_database(tmp_path / "apart.db")
    load(apart, [records], options=LoadOptions(story_window=2))
    assert stories_and_articles(apart)[0] == []
    within = store.open_database(tmp_path / "within.db")
    load(within, [records], options=LoadOptions(story_window=3))
    assert [row[2:] for row in stories_and_articles(within)[0]] == [("2014-11-07", "2014-11-10", 2, 2)]


def test_a_higher_threshold_groups_less(tmp_path):
    records = write_records(tmp_path / "seeds.jsonl", seed_records())
    strict = store.open_database(tmp_path / "strict.db")
    load(strict, [records], options=LoadOptions(story_threshold=0.9))
    assert stories_and_articles(strict) == ([], [("News24", None), ("The Independent", None)])


def test_replacing_an_article_keeps_its_story_whole(tmp_path):
    db = store.open_database(tmp_path / "news.db")
    load(db, [str(NEWS24_SEED), str(INDEPENDENT_SEED)])
    before = db.execute("select title, article_count, outlet_count from stories").fetchall()
    report = load(db, [str(INDEPENDENT_SEED)], options=LoadOptions(replace=True))
    assert report.replaced == 1
    assert db.execute("select title, article_count, outlet_count from stories").fetchall() == before
    assert db.execute("select count(*) from story_terms").fetchone()[0] == 2
    assert db.execute("select outlet from articles where story_id is not null order by outlet").fetchall() == [
        ("News24",), ("The Independent",)]


def test_rescore_groups_the_stories_as_a_load_of_the_same_articles_does_and_gives_them_new_ids(tmp_path):
    """The third article is close to the first and the second, which are not close to
    each other: a load joins it to the first. Each article rescored is compared only
    with those rescored before it, as in that load, and not with the ones still to come
    (the first rescored would otherwise join the story of the two after it)."""
    from datasette_attribution.pipeline import rescore

    texts = {
        "a": ("Harborview council approves library budget",
              "The Harborview city council approved a new budget for the public library and the parks "
              "department on Tuesday, after months of debate over branch hours."),
        "b": ("Riverside ferry to resume after stadium repairs",
              "The Riverside ferry will run again once the stadium repairs near the ferry dock are finished, "
              "the transit authority said on Tuesday."),
        "c": ("Harborview budget funds library, Riverside ferry and stadium repairs",
              "The Harborview budget approved by the council also pays for the Riverside ferry dock and the "
              "stadium repairs, alongside the public library."),
    }
    db = store.open_database(tmp_path / "news.db")
    load(db, [write_records(tmp_path / "r.jsonl", [
        {"id": key, "title": title, "text": body, "outlet": f"Gazette {key}", "published": "2024-03-05"}
        for key, (title, body) in texts.items()])], options=LoadOptions(workers=1))

    def grouped():
        return db.execute("select group_concat(source) from (select story_id, source from articles "
                          "where story_id is not null order by source) group by story_id").fetchall()

    assert grouped() == [("a,c",)]
    ids_before = {story_id for (story_id,) in db.execute("select id from stories")}
    for _ in range(2):
        rescore(db, options=LoadOptions(workers=1))
        assert grouped() == [("a,c",)]
        ids_now = {story_id for (story_id,) in db.execute("select id from stories")}
        assert not ids_now & ids_before  # a link to an old story finds none, never another
        ids_before |= ids_now


def test_rare_words_weigh_most_and_the_vector_has_unit_length():
    vector = term_vector("Clinton picks Kaine as her running mate", "Hillary Clinton said on Friday.")
    assert list(vector)[0] == "kaine"
    assert vector["kaine"] > vector["clinton"] > vector["running"]
    assert "said" not in vector and "her" not in vector
    assert abs(sum(w * w for w in vector.values()) - 1.0) < 1e-4
    assert cosine(vector, vector) > 0.9999
    assert cosine(vector, term_vector("Council approves road budget", COUNCIL)) == 0.0


def test_the_story_options_are_checked_and_described(tmp_path):
    runner = CliRunner()
    help_text = runner.invoke(cli, ["load", "--help"]).output
    assert "--story-window DAYS" in help_text and "--story-threshold" in help_text
    result = runner.invoke(cli, ["load", str(tmp_path / "x.db"), str(NEWS24_SEED), "--story-threshold", "0"])
    assert result.exit_code == 2
    assert "0<x<=1" in result.output or "0<x" in result.output


def test_articles_stored_before_stories_existed_are_grouped_with_new_ones(tmp_path):
    db = store.open_database(tmp_path / "news.db")
    load(db, [str(NEWS24_SEED)])
    with db.conn:
        db.execute("delete from story_terms")  # as a database made before stories has it
    load(db, [str(INDEPENDENT_SEED)])
    assert db.execute("select count(*) from story_terms").fetchone()[0] == 2
    assert stories_and_articles(db)[1] == [("News24", 1), ("The Independent", 1)]


def test_a_database_made_before_stories_serves_its_articles_without_the_story_facet(tmp_path):
    from helpers import fetch

    path = tmp_path / "old.db"
    db = store.open_database(path)
    load(db, [str(NEWS24_SEED)])
    # As the previous release wrote it: no story column, no story tables.
    db.execute("drop index idx_articles_story_id")
    db.execute("drop index if exists idx_articles_outlet_story_id")  # this release's, on the column it lacks
    db["articles"].transform(drop={"story_id"}, drop_foreign_keys=["story_id"])
    for table in ("stories", "story_terms"):
        db[table].drop()
    db.conn.close()
    articles, data = fetch(path, "/old/articles", "/old/articles.json?_extra=facet_results")
    assert articles.status_code == 200 and data.status_code == 200
    facets = data.json()["facet_results"]
    assert set(facets.get("results", facets)) == {"outlet"}


def test_days_forgotten_to_bound_memory_are_read_again_when_an_article_comes_near(tmp_path, monkeypatch):
    from datasette_attribution.store import stories as stored_stories

    news24, independent = seed_records(("2014-11-07", "2014-11-08"))
    council = {"id": "council", "title": "Council approves road budget", "outlet": "Local Courier",
               "published": "2014-12-20", "text": COUNCIL}
    inputs = write_records(tmp_path / "in.jsonl", [news24, council, independent])
    unbounded = store.open_database(tmp_path / "unbounded.db")
    load(unbounded, [inputs])
    # Holding one article at a time, the seeds' day is forgotten when the council's comes.
    monkeypatch.setattr(stored_stories, "MAX_HELD_ARTICLES", 1)
    bounded = store.open_database(tmp_path / "bounded.db")
    load(bounded, [inputs])
    assert stories_and_articles(bounded) == stories_and_articles(unbounded)
    assert stories_and_articles(bounded)[1] == [("News24", 1), ("Local Courier", None), ("The Independent", 1)]


QUAKE = ("Rescuers searched collapsed buildings after a magnitude 6.1 earthquake struck the city of "
         "Sarpol-e Zahab on Sunday night.")
QUAKE_RETOLD = ("A strong quake hit western Iran late on Sunday, flattening homes in Sarpol-e Zahab as "
                "emergency crews dug through the rubble.")
RATES = "The central bank raised interest rates by a quarter point on Wednesday, citing stubborn inflation."


def test_the_meaning_moves_the_similarity_the_words_give():
    from datasette_attribution.grouping import MEANING_BASELINE, MEANING_WEIGHT, similarity

    assert similarity(0.2, None) == 0.2
    assert similarity(0.2, MEANING_BASELINE) == 0.2
    assert similarity(0.2, 0.9) == pytest.approx(0.2 + MEANING_WEIGHT * (0.9 - MEANING_BASELINE))
    assert similarity(0.2, 0.4) < 0.2 < similarity(0.2, 0.9)


def test_of_two_articles_the_words_find_equally_close_the_one_telling_the_same_event_is_nearest():
    from datasette_attribution import encoder
    from datasette_attribution.grouping import Candidate, StoryIndex

    meaning = {text: encoder.lead_vector(encoder.encode([text])) for text in (QUAKE, QUAKE_RETOLD, RATES)}
    headline_only = term_vector("Earthquake in Iran", "")  # both earlier articles' words, the same
    index = StoryIndex()
    index.add(Candidate(1, None, headline_only, meaning[RATES]))  # loaded first: wins a tie
    index.add(Candidate(2, None, headline_only, meaning[QUAKE_RETOLD]))
    words = term_vector("Earthquake in Iran", QUAKE)
    assert index.nearest(words, None)[0] == 1  # words alone: a tie, the earliest
    nearest, score = index.nearest(words, None, meaning[QUAKE])
    assert nearest == 2
    assert score == pytest.approx(cosine(words, headline_only) + MEANING_WEIGHT * (
        float(meaning[QUAKE] @ meaning[QUAKE_RETOLD]) - MEANING_BASELINE), abs=1e-6)


def test_each_article_keeps_the_meaning_of_its_lead_as_the_encoder_gives_it(tmp_path):
    from datasette_attribution import encoder
    from datasette_attribution.grouping import meaning_bytes

    db = store.open_database(tmp_path / "news.db")
    load(db, [str(NEWS24_SEED)])
    (stored,) = db.execute("select meaning from story_terms").fetchone()
    lead = [text for (text,) in db.execute("select text from sentences order by position limit 3")]
    assert len(stored) == 384 * 2  # float16
    assert stored == meaning_bytes(encoder.lead_vector(encoder.encode(lead)))


def test_articles_stored_without_a_meaning_are_compared_by_their_words(tmp_path):
    db = store.open_database(tmp_path / "news.db")
    load(db, [str(NEWS24_SEED)])
    with db.conn:  # as the release that grouped by words alone left it
        db.execute("alter table story_terms drop column meaning")
    load(db, [str(INDEPENDENT_SEED)])
    assert [row[0] is None for row in db.execute("select meaning from story_terms order by article_id")] == [
        True, False]
    assert stories_and_articles(db)[1] == [("News24", 1), ("The Independent", 1)]


def test_names_are_read_from_the_entities_of_the_title_and_the_lead():
    from datasette_attribution.grouping import names_of

    entities = [("CARDINAL", "Five"), ("LOC", "Southern Iran"), ("CARDINAL", "5.6"), ("GPE", "Iran"),
                ("DATE", "Sunday"), ("PERSON", "Mehdi Irannejad"), ("PERSON", "Irannejad's"),
                ("LOC", "the Persian Gulf"), ("CARDINAL", "1,200"), ("DATE", "November 27, 2005"),
                ("ORG", "the Geophysics Institute")]
    assert names_of(entities) == {"people": {"irannejad"}, "places": {"southern iran", "iran", "persian gulf"},
                                  "numbers": {"5", "5.6", "1200"}}
    assert names_of([("ORG", "Reuters"), ("DATE", "Monday")]) == {}


def test_two_articles_lose_a_conflict_weight_for_each_kind_of_names_they_disagree_on():
    from datasette_attribution.grouping import CONFLICT_WEIGHT, Candidate, StoryIndex, conflicts

    first = {"people": {"reid"}, "places": {"malibu"}, "numbers": {"33"}}
    same_event = {"people": {"reid"}, "numbers": {"34"}}  # her age told otherwise: one kind
    other_event = {"people": {"lohan"}, "places": {"palm desert"}}
    assert conflicts(first, same_event) == 1
    assert conflicts(first, other_event) == 2  # numbers: the other names none
    assert conflicts(first, None) == conflicts(first, {}) == 0
    words = term_vector("Actress checks into rehab", "The star entered a treatment centre on Friday, her rep said.")
    index = StoryIndex(threshold=0.9)
    index.add(Candidate(1, None, words, None, first))
    assert index.nearest(words, None, None, same_event) == (1, pytest.approx(1.0 - CONFLICT_WEIGHT, abs=1e-4))
    assert index.closest(words, None, None, same_event).article_id == 1
    assert index.nearest(words, None, None, other_event) == (1, pytest.approx(1.0 - 2 * CONFLICT_WEIGHT, abs=1e-4))
    assert index.closest(words, None, None, other_event) is None


# Two earthquakes in one province: three reports of the Qeshm island quake, and a
# later, smaller one at Bandar Abbas that the second report's rescuers came from.
QESHM = [("Earthquake kills 10 on Qeshm island",
          "A magnitude 6.1 earthquake struck Qeshm island in the Persian Gulf on Sunday, killing ten people "
          "and flattening villages, Iranian state television said."),
         ("Qeshm quake survivors sleep outdoors",
          "Survivors of the earthquake that struck Qeshm island slept outdoors on Monday as aftershocks shook "
          "Hormozgan province, where rescuers from Bandar Abbas searched the rubble."),
         ("Rouhani visits quake-hit Qeshm",
          "President Hassan Rouhani flew to Qeshm island on Tuesday to visit the villages the earthquake "
          "flattened and promised aid to rebuild them.")]
BANDAR_ABBAS = ("Earthquake shakes Bandar Abbas",
                "A moderate earthquake shook the port of Bandar Abbas on Thursday, cracking walls but causing no "
                "deaths, officials in the port city said.")


def test_an_article_close_to_one_article_of_a_story_joins_it_only_if_close_to_the_story_as_a_whole():
    from datasette_attribution.grouping import STORY_MARGIN, Candidate, StoryIndex

    index = StoryIndex(threshold=0.19, margin=STORY_MARGIN)
    for article_id, (title, body) in enumerate(QESHM, start=1):
        index.add(Candidate(article_id, None, term_vector(title, body)))
    qeshm_story = {1: [1, 2, 3], 2: [1, 2, 3], 3: [1, 2, 3]}
    words = term_vector(*BANDAR_ABBAS)
    scores = index.scores(words, None)
    assert scores[2] == pytest.approx(0.2551, abs=1e-4)  # the rescuers' report: over the threshold
    assert scores[1] < 0.19 and scores[3] < 0.19
    assert index.closest(words, None).article_id == 2  # single links: chained in
    assert index.story_score(words, None, None, None, [1, 2, 3]) == pytest.approx(0.1425, abs=1e-4)
    assert index.closest(words, None, stories_of=lambda ids: {i: qeshm_story[i] for i in ids}) is None
    aid = term_vector("Aid reaches Qeshm", "Aid reached the villages of Qeshm island that the earthquake "
                                           "flattened on Sunday, killing ten people.")
    assert index.closest(aid, None, stories_of=lambda ids: {i: qeshm_story[i] for i in ids}) is not None


def test_a_story_that_has_drifted_past_the_window_is_joined_on_the_strength_of_its_recent_articles():
    import datetime

    from datasette_attribution.grouping import STORY_MARGIN, Candidate, StoryIndex

    index = StoryIndex(window_days=7, threshold=0.19, margin=STORY_MARGIN)
    index.add(Candidate(1, datetime.date(2005, 11, 20), term_vector(*QESHM[0])))  # 12 days before: past the window
    index.add(Candidate(2, datetime.date(2005, 11, 28), term_vector(*QESHM[1])))
    words, day = term_vector(*BANDAR_ABBAS), datetime.date(2005, 12, 2)
    assert index.scores(words, day) == {2: pytest.approx(0.2551, abs=1e-4)}  # only the recent one is compared
    assert index.story_score(words, day, None, None, [1, 2]) == pytest.approx(0.2551 / 2, abs=1e-4)
    assert index.closest(words, day, stories_of=lambda ids: {i: [1, 2] for i in ids}) is None
    assert index.closest(words, day, stories_of=lambda ids: {i: [i] for i in ids}).article_id == 2  # were it alone


def test_a_load_keeps_another_event_of_the_same_kind_out_of_a_story_it_is_close_to_in_one_article(tmp_path):
    records = [{"id": f"qeshm-{day}", "title": title, "text": body, "published": f"2005-11-{day}",
                "outlet": "Wire"} for day, (title, body) in zip((27, 28, 29), QESHM, strict=True)]
    records.append({"id": "bandar-abbas", "title": BANDAR_ABBAS[0], "text": BANDAR_ABBAS[1],
                    "published": "2005-12-01", "outlet": "Wire"})
    db = store.open_database(tmp_path / "news.db")
    load(db, [write_records(tmp_path / "quakes.jsonl", records)])
    assert stories_and_articles(db) == (
        [(1, "Earthquake kills 10 on Qeshm island", "2005-11-27", "2005-11-29", 3, 1)],
        [("Wire", 1), ("Wire", 1), ("Wire", 1), ("Wire", None)])


def test_a_title_names_the_entities_of_its_article_that_it_names():
    from datasette_attribution.grouping import named_in_title

    body = [("PERSON", "Tara Reid"), ("PERSON", "Jack Ketsoyan"), ("LOC", "the Persian Gulf"),
            ("GPE", "Iran's"), ("CARDINAL", "5.6"), ("CARDINAL", "6.1"), ("ORG", "Promises"),
            ("PERSON", "Reid"), ("GPE", "Ira")]
    title = "Reid checks into Promises as a 5.6 quake shakes Iran near Persian Gulf"
    assert named_in_title(title, body) == [("PERSON", "Tara Reid"), ("LOC", "the Persian Gulf"), ("GPE", "Iran's"),
                                           ("CARDINAL", "5.6"), ("ORG", "Promises"), ("PERSON", "Reid")]
    assert named_in_title(None, body) == named_in_title("", body) == []


def test_each_article_keeps_what_its_title_and_lead_name(tmp_path):
    from datasette_attribution import nlp
    from datasette_attribution.grouping import named_in_title, names_from_json, names_of

    db = store.open_database(tmp_path / "news.db")
    load(db, [str(NEWS24_SEED)])
    (stored,) = db.execute("select names from story_terms").fetchone()
    (title,) = db.execute("select title from articles").fetchone()
    found = [[(e.label_, e.text) for e in doc.ents]
             for doc in nlp.parse([text for (text,) in db.execute("select text from sentences order by position")])]
    entities = named_in_title(title, [e for f in found for e in f]) + [e for f in found[:3] for e in f]
    assert names_from_json(stored) == names_of(entities)
    assert "khamenei" in names_from_json(stored)["people"]


def test_articles_stored_without_names_are_compared_without_them(tmp_path):
    db = store.open_database(tmp_path / "news.db")
    load(db, [str(NEWS24_SEED)])
    with db.conn:  # as the release that grouped by words and meaning left it
        db.execute("alter table story_terms drop column names")
    load(db, [str(INDEPENDENT_SEED)])
    assert [row[0] is None for row in db.execute("select names from story_terms order by article_id")] == [
        True, False]
    assert stories_and_articles(db)[1] == [("News24", 1), ("The Independent", 1)]
