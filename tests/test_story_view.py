"""The story view: the seeds' two outlets side by side, as HTML, JSON and CSV."""

import csv
import io

from helpers import fetch

from datasette_attribution.web.pages.common import story_extent


def test_the_story_json_puts_each_outlets_sources_hedges_actors_and_omissions_side_by_side(seeds_path):
    (response,) = fetch(seeds_path, "/-/attribution/news/stories/1.json")
    assert response.status_code == 200
    data = response.json()
    assert data["story"]["article_count"] == 2 and data["story"]["outlet_count"] == 2
    outlets = {o["outlet"]: o for o in data["outlets"]}
    assert list(outlets) == ["The Independent", "News24"]  # the earlier article first
    independent, news24 = outlets["The Independent"], outlets["News24"]
    # Who each quotes: News24 on "diplomatic sources" and named officials, The
    # Independent on "reports" and "unnamed individuals".
    # Each source once, resolved to its actor, with how often it is cited.
    cited = {s["source"].lower(): (s["anonymous"], s["times"]) for s in news24["sources"]}
    assert len(cited) == len(news24["sources"])
    assert cited["diplomatic sources"] == (1, 3)
    # "3 times" links to the three sentences the count rests on, not the first alone.
    diplomatic = next(s for s in news24["sources"] if s["source"].lower() == "diplomatic sources")
    (rows,) = fetch(seeds_path, diplomatic["times_link"].replace("/sentences?", "/sentences.json?") + "&_shape=array")
    assert [(row["source"], row["text"][:40]) for row in rows.json()] == [
        ("diplomatic sources", "Washington - In a rare outreach to Iran'"),
        ("Diplomatic sources", "Diplomatic sources separately confirmed "),
        ("Diplomatic sources", "They did so on the condition of anonymit")]
    earnest = next(s for s in news24["sources"] if s["source"] == "Josh Earnest")
    assert (earnest["said_as"], earnest["anonymous"]) == ("White House spokesperson Josh Earnest", 0)
    assert ("reports", 1) in {(s["source"], s["anonymous"]) for s in independent["sources"]}
    assert all(s["link"].startswith("/news/sentences/") for s in news24["sources"])
    hedged = {h["sentence"]: h["cues"] for h in independent["hedged"]}
    assert any("apparent desire" in sentence for sentence in hedged)
    assert [a["name"] for a in news24["actors"]][:3] == ["Iran", "United States", "Barack Obama"]
    assert all(a["link"].startswith("/-/attribution/news/actors/") for a in news24["actors"])
    omitted = [m["sentence"] for m in independent["omitted"]]
    assert ("The newspaper cited unnamed individuals “briefed on the correspondence” as its source for "
            "the story.") in omitted
    # The Independent's account of Rouhani's office has a counterpart in News24's.
    assert not any(sentence.startswith("The directly elected president") for sentence in omitted)
    # Every sentence the others lack is listed and counted: no cap.
    assert len(news24["omitted"]) > 12
    # No pair of the two is close enough to show as told alike: the closest, the
    # White House's "will not co-operate militarily" beside the letter's account of
    # cooperation against the Islamic State, are at a cosine of 0.71 (under 0.80).
    assert data["shared"] == [] and data["shared_count"] == 0


def test_the_story_page_links_every_item_and_the_stories_table_links_to_it(seeds_path):
    page, stories, facet = fetch(seeds_path, "/-/attribution/news/stories/1", "/news/stories",
                                 "/news/articles.json?_facet=story_id&_extra=facet_results")
    assert page.status_code == 200
    for text in ("The Independent", "News24", "Who it quotes", "Hedged claims", "Actors it mentions",
                 "Reported here, not by the others", 'href="/news/sentences/'):
        assert text in page.text
    assert 'href="/-/attribution/news/stories/1"' in stories.text
    results = facet.json()["facet_results"]
    values = results.get("results", results)["story_id"]["results"]
    assert [(v["value"], v["count"]) for v in values] == [(1, 2)]


def test_the_story_csv_has_one_row_per_item(seeds_path):
    (response,) = fetch(seeds_path, "/-/attribution/news/stories/1.csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["outlet", "item", "text", "detail", "link"]
    kinds = {(row[0], row[1]) for row in rows[1:]}
    assert {("News24", "article"), ("The Independent", "article"), ("News24", "anonymous source"),
            ("The Independent", "hedged"), ("News24", "actor"), ("The Independent", "only this outlet")} <= kinds
    assert not any(kind.startswith("also told by") for _, kind in kinds)  # no pair is close enough
    diplomatic = next(row for row in rows if row[3].startswith("diplomatic sources"))
    assert (diplomatic[3], diplomatic[4]) == ("diplomatic sources (unnamed official), 3 times",
                                              "http://localhost/news/sentences?id__in=1%2C10%2C11")
    assert all(row[4].startswith("http://localhost/") for row in rows[1:])  # absolute links


def test_an_unknown_story_is_a_404(seeds_path):
    missing, too_big = fetch(seeds_path, "/-/attribution/news/stories/99", "/-/attribution/news/stories/1" + "9" * 20)
    assert missing.status_code == 404 and too_big.status_code == 404


QUOTE = ("“I can say with confidence there has never been a man or a woman more qualified than Hillary "
         "Clinton to serve as president of the United States of America,” Obama said.")
CONVENTION = {
    "Gazette": ("Obama praises Clinton at the Democratic convention. " + QUOTE + " The president spoke for "
                "nearly an hour in Philadelphia on Wednesday night. Delegates waved signs and cheered."),
    "Herald": ("Obama makes the case for Clinton in Philadelphia. Speaking to the Democratic convention on "
               "Wednesday, the president was followed by Clinton's running mate, Tim Kaine. " + QUOTE
               + " Protesters outside the arena chanted against the trade deal during the speech."),
}


def load_convention(folder, published=("2016-07-27", "2016-07-27")):
    """The Gazette's and the Herald's accounts of one speech, one story."""
    import json

    from datasette_attribution import pipeline

    records = folder / "r.jsonl"
    records.write_text("".join(json.dumps({"outlet": outlet, "published": day, "title": body.split(". ")[0],
                                           "text": body}) + "\n"
                               for (outlet, body), day in zip(CONVENTION.items(), published, strict=True)), "utf-8")
    pipeline.load(pipeline.open_database(folder / "news.db"), [str(records)])
    return folder / "news.db"


def test_two_outlets_telling_the_same_thing_are_shown_side_by_side(tmp_path):
    quote = QUOTE
    load_convention(tmp_path)
    page, data, table = fetch(tmp_path / "news.db", "/-/attribution/news/stories/1",
                              "/-/attribution/news/stories/1.json", "/-/attribution/news/stories/1.csv")
    story = data.json()
    assert story["story"]["outlets_seen"] == 2
    assert [(p["outlet"], p["sentence"], p["other_outlet"], p["other_sentence"]) for p in story["shared"]] == [
        ("Gazette", quote, "Herald", quote)]
    assert story["shared_count"] == 1
    omitted = {o["outlet"]: [m["sentence"] for m in o["omitted"]] for o in story["outlets"]}
    assert omitted["Herald"] == [
        "Speaking to the Democratic convention on Wednesday, the president was followed by Clinton's running mate, "
        "Tim Kaine.", "Protesters outside the arena chanted against the trade deal during the speech."]
    assert "Told by more than one outlet <small>(1 sentence)" in page.text
    rows = list(csv.reader(io.StringIO(table.text)))
    assert [row[:4] for row in rows if row[1].startswith("also told by")] == [
        ["Gazette", "also told by Herald", quote, quote]]


def test_a_storys_dates_keep_their_time_on_its_page_and_the_dashboard(tmp_path):
    news = load_convention(tmp_path, ("2016-07-27T23:05:00-04:00", "2016-07-28T06:40:00-04:00"))
    page, dashboard = fetch(news, "/-/attribution/news/stories/1", "/-/attribution/news")
    assert ('<time datetime="2016-07-27T23:05:00-04:00" title="2016-07-27T23:05:00-04:00">2016-07-27 23:05</time> to '
            '<time datetime="2016-07-28T06:40:00-04:00" title="2016-07-28T06:40:00-04:00">2016-07-28 06:40</time>.'
            ) in page.text
    assert ('<td><time datetime="2016-07-27T23:05:00-04:00" title="2016-07-27T23:05:00-04:00">2016-07-27 23:05'
            '</time></td>') in dashboard.text


def _two_council_stories(folder, outlet: dict) -> None:
    """Two articles of one outlet (`outlet`: {"outlet": NAME}, or {} for none) about the
    council's vote, loaded into folder/news.db: one story."""
    import json

    from datasette_attribution import pipeline

    text = ("Officials said the city council would vote on the new stadium plan on Monday. "
            "The mayor may veto the plan, aides said.")
    records = folder / "r.jsonl"
    records.write_text("".join(json.dumps({**outlet, "published": day, "title": title, "text": body}) + "\n"
                               for day, title, body in (
                                   ("2016-09-05", "Council to vote on stadium plan", text),
                                   ("2016-09-06", "Council votes on stadium plan today",
                                    text + " The vote is expected to be close, analysts said."))), "utf-8")
    pipeline.load(pipeline.open_database(folder / "news.db"), [str(records)])


def test_a_story_of_one_outlet_says_so_and_compares_nothing(tmp_path):
    _two_council_stories(tmp_path, {"outlet": "Gazette"})
    page, data = fetch(tmp_path / "news.db", "/-/attribution/news/stories/1", "/-/attribution/news/stories/1.json")
    assert data.status_code == 200, "the two articles make one story"
    story = data.json()
    assert story["story"]["outlets_seen"] == 1 and story["shared"] == []
    assert all(o["omitted"] == [] for o in story["outlets"])
    assert "2 articles from 1 outlet," in page.text
    assert "Only one outlet reports this story" in page.text
    assert "Reported here, not by the others" not in page.text


def test_what_a_source_names_says_whether_the_story_lists_it():
    from datasette_attribution.analyze import what_sources_name

    cases = [
        ("Clinton campaign manager Robby Mook said the debate would focus on jobs.",
         "Clinton campaign manager Robby Mook", ("name", "Mook")),
        ("Mook told reporters the campaign was ready.", "Mook", ("name", "Mook")),
        ("The Democratic nominee said she would visit Ohio.", "The Democratic nominee", ("people", "nominee")),
        ("A 911 caller said the man had a gun.", "A 911 caller", ("people", "caller")),
        ("Campaign aides said the speech was being rewritten.", "Campaign aides", ("people", "aides")),
        ("Nearly eight of 10 voters said they expect Clinton to win.", "Nearly eight of 10 voters",
         ("people", "voters")),
        ("Poll: Clinton leads Trump by four points", "Poll", ("document", "Poll")),
        ("A new poll shows Clinton ahead.", "A new poll", ("document", "poll")),
        ("They said the talks had failed.", "They", ("pronoun", "They")),
        ("His best response, he argued, was to stay calm.", "His best response", ("thing", "response")),
        ("That freewheeling environment, critics said, suits Trump.", "That freewheeling environment",
         ("thing", "environment")),
        ("Another 19 percent said they were undecided.", "Another 19 percent", ("thing", "percent")),
    ]
    found = what_sources_name([(text, text.index(words), text.index(words) + len(words))
                               for text, words, _ in cases])
    assert found == [expected for _, _, expected in cases]


def test_a_storys_sources_are_grouped_by_actor_and_name_someone(tmp_path):
    import json

    from datasette_attribution import pipeline

    gazette = ("Clinton campaign manager Robby Mook said on Sunday that the first debate would turn on jobs and "
               "trade. Mook said the campaign had prepared for weeks in a hotel in Westchester. "
               "Senate Minority Leader Harry Reid said Donald Trump was unfit to be president. "
               "Reid said voters in Nevada would see that on Monday night. "
               "His best response, Trump argued, was to stay calm and talk about trade.")
    courier = ("Robby Mook, who manages the Clinton campaign, said the first debate would turn on jobs and trade. "
               "Mook told reporters the campaign was ready for Monday night in Hempstead. "
               "Campaign aides said the candidate had rehearsed answers on trade for a week. "
               "Nearly eight of 10 voters said they expect Clinton to win the debate, a new poll found. "
               "Another 19 percent said they were undecided. "
               "Its volunteers, who said they had knocked on 5,000 doors, were tired.")
    records = tmp_path / "r.jsonl"
    records.write_text("".join(json.dumps({"outlet": outlet, "published": "2016-09-25", "title": title,
                                           "text": text}) + "\n" for outlet, title, text in (
        ("Gazette", "Clinton campaign readies for first debate on jobs and trade", gazette),
        ("Courier", "Clinton campaign ready for first debate on jobs and trade", courier))), "utf-8")
    pipeline.load(pipeline.open_database(tmp_path / "news.db"), [str(records)])
    (response,) = fetch(tmp_path / "news.db", "/-/attribution/news/stories/1.json")
    listed = {o["outlet"]: [(s["source"], s["said_as"], s["anonymous"], s["times"]) for s in o["sources"]]
              for o in response.json()["outlets"]}
    # "Mook" is Robby Mook (not the "Clinton" the scorer found first in "Clinton
    # campaign manager Robby Mook"), "Reid" Harry Reid; "Another 19 percent" names no
    # one; "a new poll" nobody identifies is opinion at large, as the voters are; a
    # relative "who" is listed as what it stands for.
    assert listed == {
        "Gazette": [("Robby Mook", "Clinton campaign manager Robby Mook", 0, 2),
                    ("Harry Reid", "Senate Minority Leader Harry Reid", 0, 2), ("Donald Trump", "Trump", 0, 1)],
        "Courier": [("Robby Mook", "Robby Mook", 0, 2), ("Campaign aides", "Campaign aides", 1, 1),
                    ("Nearly eight of 10 voters", "Nearly eight of 10 voters", 1, 1),
                    ("a new poll", "a new poll", 1, 1), ("volunteers", "who", 1, 1)],
    }


def test_a_quotation_another_outlet_prints_inside_a_longer_sentence_is_not_reported_only_here(tmp_path):
    import json

    from datasette_attribution import pipeline

    question = "How many times do we have to see this in our country?"
    bodies = {
        "Herald": ("Tulsa mayor speaks after police shooting. The mayor spoke to reporters outside city hall on "
                   "Friday morning. \u201c" + question + "\u201d The police chief said the officer had been "
                   "placed on leave."),
        "Courier": ("Tulsa mayor speaks after the police shooting. \u201c" + question + " In Tulsa, we will hold "
                    "the officer to account for what happened on that road, and the city will not rest until it is "
                    "done,\u201d she said at a news conference at city hall. The council meets again next week "
                    "to review it."),
    }
    records = tmp_path / "r.jsonl"
    records.write_text("".join(json.dumps({"outlet": outlet, "published": "2016-09-20", "title": body.split(". ")[0],
                                           "text": body}) + "\n" for outlet, body in bodies.items()), "utf-8")
    pipeline.load(pipeline.open_database(tmp_path / "news.db"), [str(records)])
    (response,) = fetch(tmp_path / "news.db", "/-/attribution/news/stories/1.json")
    omitted = {o["outlet"]: [m["sentence"] for m in o["omitted"]] for o in response.json()["outlets"]}
    # The Herald's question is all inside the Courier's longer quotation: told by both.
    assert omitted["Herald"] == ["The mayor spoke to reporters outside city hall on Friday morning.",
                                 "The police chief said the officer had been placed on leave."]


def test_an_article_page_counts_a_storys_outlets_as_its_story_page_and_the_stories_table_do(tmp_path):
    _two_council_stories(tmp_path, {})
    story, article, rows = fetch(tmp_path / "news.db", "/-/attribution/news/stories/1",
                                 "/-/attribution/news/articles/1", "/news/stories.json?_shape=array")
    assert story.status_code == 200 and article.status_code == 200
    # Neither article names its outlet: no outlet, as stories.outlet_count says, never "1 outlet".
    assert [(r["article_count"], r["outlet_count"]) for r in rows.json()] == [(2, 0)]
    assert "2 articles, none naming its outlet," in story.text
    assert "No article of this story names its outlet" in story.text
    assert "2 articles, none naming its outlet</dd>" in article.text
    # The records give no outlet and no byline: they had no page to find them on.
    assert article.text.count("not given in the record") == 2 and "not found on the page" not in article.text


def test_a_storys_pages_count_its_articles_with_no_outlet_apart_from_its_outlets():
    assert story_extent(5, 2, 1) == "5 articles from 2 outlets and 1 with no outlet"
    assert story_extent(2, 1, 0) == "2 articles from 1 outlet"
    assert story_extent(1, 0, 1) == "1 article, naming no outlet"
