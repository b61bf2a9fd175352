"""One actor per real entity across the whole database (resolution.py), and names that
are no actor's."""

import json

import pytest

from helpers import parsed

from datasette_attribution.pipeline import LoadOptions, load, open_database
from datasette_attribution.resolution import Resolver, name_key
from datasette_attribution.scorers.actors import find_actors
from datasette_attribution.store import ArticleRows


def load_records(db, path, records):
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    report = load(db, [str(path)], options=LoadOptions(workers=1))
    assert report.failed == 0


def actors(db):
    return [(r["name"], r["kind"], r["mention_count"], json.loads(r["aliases"]))
            for r in db.query("select name, kind, mention_count, aliases from actors order by name")]


def test_names_are_compared_without_case_dots_titles_initials_or_possessives():
    # A generational suffix stays: "Donald Trump Jr." is not his father.
    assert [name_key(n) for n in ("F.B.I.", "The F.B.I.’s", "U.S. Senate", "Donald J. Trump",
                                  "African-Americans", "CLINTON", "Joseph R. Biden Jr.", "Donald Trump Jr.")] == [
        "fbi", "fbi", "us senate", "donald trump", "african americans", "clinton", "joseph biden jr",
        "donald trump jr"]


def test_articles_loaded_together_name_each_entity_once(tmp_path):
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "articles.jsonl", [
        {"id": "a", "text": "Mr. Trump said on Monday that he would win Ohio. The F.B.I. declined to comment."},
        {"id": "b", "text": "Donald J. Trump spoke in Ohio on Tuesday. The Federal Bureau of Investigation "
                            "said it had closed the case."},
        {"id": "c", "text": "WASHINGTON - Hillary Clinton and Donald Trump met voters. "
                            "CLINTON said the FBI had cleared her."},
    ])
    assert actors(db) == [
        ("Donald Trump", "person", 3, ["Trump", "Donald J. Trump", "Donald Trump"]),
        ("FBI", "organization", 3, ["F.B.I.", "Federal Bureau of Investigation", "FBI"]),
        ("Hillary Clinton", "person", 2, ["Hillary Clinton", "CLINTON"]),
        ("Ohio", "place", 2, ["Ohio"]),
        ("Washington", "place", 1, ["WASHINGTON"]),
    ]


def test_a_surname_two_people_share_is_decided_article_by_article(tmp_path):
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "articles.jsonl", [
        {"id": "a", "text": "Hillary Clinton campaigned in Ohio. Clinton said she would win."},
        {"id": "b", "text": "Hillary Clinton spoke in Iowa. Clinton promised to return."},
        {"id": "e", "text": "Hillary Clinton rested in New York. Clinton resumes her campaign next week, and "
                            "Clinton will travel to Florida."},
        {"id": "c", "text": "Bill Clinton spoke in Ohio on Friday. Clinton said his wife, Hillary Clinton, "
                            "would win. Bill Clinton later left."},
        {"id": "d", "text": "Clinton told reporters in Iowa that she would win."},
    ])
    people = dict(db.execute(
        "select articles.source || ':' || mentions.text, actors.name from mentions "
        "join actors on actors.id = mentions.actor_id join sentences on sentences.id = mentions.sentence_id "
        "join articles on articles.id = sentences.article_id where mentions.text = 'Clinton'").fetchall())
    # In c, Bill is the Clinton the article writes most; d names no one in full: the
    # corpus' Clinton is Hillary, who holds most of the Clintons' mentions.
    assert people == {"a:Clinton": "Hillary Clinton", "b:Clinton": "Hillary Clinton",
                      "c:Clinton": "Bill Clinton", "d:Clinton": "Hillary Clinton",
                      "e:Clinton": "Hillary Clinton"}


# Two stories of the same days, one about Hillary Clinton's emails, one about Bill
# Clinton's charity in Haiti; the later article of each writes only "Clinton".
HAITI_TOUR = {
    "id": "haiti-0", "outlet": "Gulf Herald", "published": "2016-10-27",
    "title": "Bill Clinton to tour foundation's rebuilding work in Haiti",
    "text": "Former President Bill Clinton will tour his foundation's rebuilding work in Haiti this week, visiting "
            "schools and clinics rebuilt after the 2010 earthquake. Clinton said the charity had built hospitals in "
            "Port-au-Prince."}
EMAILS = {
    "id": "emails-1", "outlet": "Capitol Ledger", "published": "2016-10-28",
    "title": "FBI reviews new emails tied to Clinton's private server",
    "text": "Hillary Clinton's campaign was stunned on Friday after FBI Director James Comey told Congress that "
            "the bureau was reviewing new emails linked to her private server. Hillary Clinton called on the FBI "
            "to release all the facts about the emails. Clinton said she was confident the review of the emails "
            "would not change the conclusion the bureau reached in July."}
HAITI = {
    "id": "haiti-1", "outlet": "Gulf Herald", "published": "2016-10-28",
    "title": "Bill Clinton defends foundation's rebuilding work in Haiti",
    "text": "Former President Bill Clinton defended his foundation's rebuilding work in Haiti on Friday, telling "
            "a crowd in Miami that the charity had rebuilt schools and clinics after the 2010 earthquake. "
            "Bill Clinton said critics had ignored the hospitals the charity built in Port-au-Prince. "
            "Clinton said the Haitian government had asked for the help."}
EMAILS_LATER = {
    "id": "emails-2", "outlet": "Daily Courier", "published": "2016-10-29",
    "title": "Clinton demands FBI release facts on new emails",
    "text": "Clinton demanded on Saturday that FBI Director James Comey release the facts about the new emails "
            "linked to her private server. Clinton told supporters in Daytona Beach that the review of the emails "
            "would not change the conclusion the bureau reached in July."}
HAITI_LATER = {
    "id": "haiti-2", "outlet": "Sunshine Post", "published": "2016-10-29",
    "title": "Clinton again defends charity's rebuilding in Haiti",
    "text": "Clinton defended the charity's rebuilding work in Haiti again on Saturday, telling a crowd in Orlando "
            "that it had rebuilt schools and clinics after the 2010 earthquake. Clinton said critics had ignored "
            "the hospitals built in Port-au-Prince."}
HAITI_HILLARY = {
    "id": "haiti-3", "outlet": "Bay Times", "published": "2016-10-30",
    "title": "Hillary Clinton praises charity's rebuilding in Haiti",
    "text": "Hillary Clinton praised the charity's rebuilding work in Haiti on Sunday, telling a crowd in Tampa "
            "that it had rebuilt schools and clinics after the 2010 earthquake. Clinton said critics had ignored "
            "the hospitals built in Port-au-Prince."}


def clintons(db):
    """Each article's mentions written "Clinton" alone, with their actor."""
    return db.execute(
        "select articles.source, actors.name, count(*) from mentions join actors on actors.id = mentions.actor_id "
        "join sentences on sentences.id = mentions.sentence_id join articles on articles.id = sentences.article_id "
        "where mentions.text = 'Clinton' group by articles.id, actors.id order by articles.id").fetchall()


@pytest.mark.parametrize("first", [[], [HAITI_TOUR]])
def test_a_name_two_people_share_is_the_one_its_story_writes(tmp_path, first):
    """Without the tour, the corpus wrote "Clinton" alone for Hillary more by the time
    Haiti's later article comes; with it, for Bill before the emails' later article.
    Each later article's "Clinton" is its story's; an article of Bill's story that
    writes Hillary Clinton in full is hers."""
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "articles.jsonl",
                 [*first, EMAILS, HAITI, EMAILS_LATER, HAITI_LATER, HAITI_HILLARY])
    stories = db.execute("select source, story_id from articles order by id").fetchall()
    emails, haiti = stories[len(first)][1], stories[len(first) + 1][1]
    assert emails is not None and haiti is not None and emails != haiti
    assert [story for _, story in stories] == [haiti] * len(first) + [emails, haiti, emails, haiti, haiti]
    decided = [*([("haiti-0", "Bill Clinton", 1)] if first else []),
               ("emails-1", "Hillary Clinton", 1), ("haiti-1", "Bill Clinton", 1),
               ("emails-2", "Hillary Clinton", 2), ("haiti-2", "Bill Clinton", 2),
               ("haiti-3", "Hillary Clinton", 1)]
    assert clintons(db) == decided


def test_an_article_replaced_is_no_evidence_for_itself(tmp_path):
    """Haiti's later article, loaded first beside the emails, takes the corpus' Clinton
    (Hillary); once its story's earlier articles are loaded, replacing it makes it
    Bill's: its own old "Clinton"s do not vote."""
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "first.jsonl", [EMAILS, HAITI_LATER])
    assert clintons(db) == [("emails-1", "Hillary Clinton", 1), ("haiti-2", "Hillary Clinton", 2)]
    load_records(db, tmp_path / "second.jsonl", [HAITI_TOUR, HAITI])
    path = tmp_path / "again.jsonl"
    path.write_text(json.dumps(HAITI_LATER) + "\n")
    assert load(db, [str(path)], options=LoadOptions(workers=1, replace=True)).replaced == 1
    assert clintons(db) == [("emails-1", "Hillary Clinton", 1), ("haiti-0", "Bill Clinton", 1),
                            ("haiti-1", "Bill Clinton", 1), ("haiti-2", "Bill Clinton", 2)]


def test_a_name_two_people_share_without_a_story_is_the_one_written_nearest_in_time(tmp_path):
    """No story links the budget and the rally to anything: "Clinton" is the Clinton the
    articles of their week wrote it alone for (Bill in 1998, Hillary in 2016); the
    corpus alone cannot tell (one each, as often)."""
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "articles.jsonl", [
        {"id": "testimony", "outlet": "Capitol Ledger", "published": "1998-08-17",
         "title": "Bill Clinton admits relationship in grand jury testimony",
         "text": "President Bill Clinton admitted on Monday that he had an inappropriate relationship with a former "
                 "White House intern, after four hours of testimony to the grand jury from the Map Room. Bill "
                 "Clinton said in a televised address that he regretted misleading the public. Clinton returned "
                 "to Martha's Vineyard on Tuesday."},
        {"id": "debate", "outlet": "Gulf Herald", "published": "2016-10-19",
         "title": "Hillary Clinton and Donald Trump clash in final debate",
         "text": "Hillary Clinton and Donald Trump clashed over immigration and the economy in their final debate "
                 "in Las Vegas on Wednesday. Hillary Clinton said Trump would not commit to accepting the result. "
                 "Clinton flew to Ohio after the debate."},
        {"id": "surplus", "outlet": "Daily Courier", "published": "1998-08-20",
         "title": "Budget surplus larger than forecast",
         "text": "The federal budget surplus will reach $80 billion this year, the Congressional Budget Office said "
                 "on Thursday, well above the forecast made in the spring. Clinton wants the money set aside for "
                 "Social Security before any tax cut."},
        {"id": "rally", "outlet": "Sunshine Post", "published": "2016-10-21",
         "title": "Campaign rally draws thousands in Cleveland",
         "text": "Thousands of supporters filled a park in Cleveland on Friday for an evening rally with music and "
                 "speeches about jobs and the minimum wage. Clinton promised to raise the minimum wage in her "
                 "first year."},
    ])
    assert db.execute("select count(*) from articles where story_id is not null").fetchone()[0] == 0
    assert clintons(db) == [("testimony", "Bill Clinton", 1), ("debate", "Hillary Clinton", 1),
                            ("surplus", "Bill Clinton", 1), ("rally", "Hillary Clinton", 1)]


def test_a_later_load_joins_new_names_and_a_surname_met_first_joins_the_full_name(tmp_path):
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "first.jsonl", [
        {"id": "a", "text": "Trump said on Monday that he would win Ohio."}])
    assert [name for name, *_ in actors(db)] == ["Ohio", "Trump"]
    # The full name arrives: the actor of the surname alone joins it, and the
    # summary tables count its mentions under the one actor.
    load_records(db, tmp_path / "second.jsonl", [
        {"id": "b", "text": "Donald Trump spoke in Ohio on Tuesday, and Trump said he would win."}])
    load_records(db, tmp_path / "third.jsonl", [
        {"id": "c", "text": "Mr. Trump told supporters in Ohio that he would win."}])
    assert actors(db) == [("Donald Trump", "person", 4, ["Trump", "Donald Trump"]),
                          ("Ohio", "place", 3, ["Ohio"])]
    assert [(r["name"], r["mentions"]) for r in db.query("select name, mentions from actor_stats order by name")] == [
        ("Donald Trump", 4), ("Ohio", 3)]


def test_an_actor_whose_name_a_later_alias_file_makes_an_alias_joins_and_stays_joined(tmp_path):
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "first.jsonl", [
        {"id": "a", "text": "Jane Doe said the council would meet on Monday."},
        {"id": "b", "text": "Janet Roe, a lawyer, said the plan would fail."}])
    assert [name for name, *_ in actors(db)] == ["Jane Doe", "Janet Roe"]
    aliases = tmp_path / "aliases.txt"
    aliases.write_text("Jane Doe | person | Janet Roe\n", "utf-8")
    (tmp_path / "second.jsonl").write_text(json.dumps(
        {"id": "c", "text": "Janet Roe told reporters the vote was close."}) + "\n")
    report = load(db, [str(tmp_path / "second.jsonl")], options=LoadOptions(workers=1, alias_files=(str(aliases),)))
    assert report.failed == 0
    assert actors(db) == [("Jane Doe", "person", 3, ["Janet Roe", "Jane Doe"])]
    # A later load without the file still knows the name the stored actor was written as.
    load_records(db, tmp_path / "third.jsonl", [{"id": "d", "text": "Janet Roe said the budget would pass."}])
    assert actors(db) == [("Jane Doe", "person", 4, ["Janet Roe", "Jane Doe"])]
    assert db.execute("select count(distinct actor_id) from mentions").fetchone() == (1,)


FULL_AND_SHORT = {"id": "full", "text": "“It is fiscally responsible,” said Leonard E. Burman, director of the "
                                        "centrist Urban-Brookings Tax Policy Center. The Tax Policy Center estimates "
                                        "that revenue would fall by $9.5 trillion over a decade."}
SHORT_ALONE = {"id": "short", "text": "Economists at the Tax Policy Center said the cuts would mostly help "
                                      "the top one percent."}


@pytest.mark.parametrize("loads", [[[SHORT_ALONE, FULL_AND_SHORT]], [[FULL_AND_SHORT, SHORT_ALONE]],
                                   [[SHORT_ALONE], [FULL_AND_SHORT]], [[FULL_AND_SHORT], [SHORT_ALONE]]],
                         ids=["together, short first", "together, full first", "short loaded first",
                              "full loaded first"])
def test_a_short_name_an_article_wrote_for_an_organisation_is_it_in_any_order_and_any_load(tmp_path, loads):
    db = open_database(tmp_path / "corpus.db")
    for number, records in enumerate(loads):
        load_records(db, tmp_path / f"load{number}.jsonl", records)
    assert [(name, kind, count, sorted(written)) for name, kind, count, written in actors(db)] == [
        ("Leonard Burman", "person", 1, ["Leonard E. Burman"]),
        ("Urban-Brookings Tax Policy Center", "organization", 3,
         ["Tax Policy Center", "Urban-Brookings Tax Policy Center"])]


def test_a_relative_written_in_full_more_often_does_not_take_the_surname_alone(tmp_path):
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "articles.jsonl", [
        {"id": "a", "text": "Donald Trump spoke in Ohio on Monday. Trump said he would win the state."},
        {"id": "b", "text": "Donald Trump flew to Iowa on Tuesday. Trump told farmers he would win."},
        {"id": "c", "text": "Donald Trump praised his wife on Monday. Melania Trump spoke to the convention in "
                            "Cleveland. Melania Trump said she loved the country. Trump told reporters on Tuesday "
                            "that the speech was great. Melania Trump left the hall with her son."},
    ])
    assert db.execute(
        "select actors.name, count(*) from mentions join actors on actors.id = mentions.actor_id "
        "join sentences on sentences.id = mentions.sentence_id join articles on articles.id = sentences.article_id "
        "where mentions.text = 'Trump' and articles.source = 'c' group by 1").fetchall() == [("Donald Trump", 1)]


def test_a_generational_suffix_is_another_person_unless_no_article_tells_them_apart(tmp_path):
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "first.jsonl", [
        {"id": "a", "text": "Donald J. Trump accepted the nomination in Cleveland. His son Donald Trump Jr. "
                            "spoke before him, and Trump Jr. praised his father."},
        {"id": "b", "text": "Donald Trump Jr. met donors in Ohio on Monday. Trump told supporters in Iowa "
                            "on Tuesday that he would win."},
        # The New York Times writes the suffix of Joe Biden's name: one person.
        {"id": "c", "text": "Joseph R. Biden Jr. spoke in Scranton on Friday. Mr. Biden praised the steelworkers."},
        {"id": "d", "text": "Joe Biden campaigned in Ohio on Saturday."},
    ])
    # "Trump" alone is the father, "Trump Jr." the son.
    expected = [("Cleveland", "place", 1, ["Cleveland"]),
                ("Donald Trump", "person", 2, ["Donald J. Trump", "Trump"]),
                ("Donald Trump Jr.", "person", 3, ["Donald Trump Jr.", "Trump Jr."]),
                ("Iowa", "place", 1, ["Iowa"]),
                ("Joe Biden", "person", 3, ["Joseph R. Biden Jr.", "Biden", "Joe Biden"]),
                ("Ohio", "place", 2, ["Ohio"]), ("Scranton", "place", 1, ["Scranton"])]
    assert actors(db) == expected
    # A later article that names only the son: the stored actors stay two.
    load_records(db, tmp_path / "second.jsonl", [
        {"id": "e", "text": "Donald Trump Jr. spoke to reporters in Ohio on Sunday."}])
    assert [(name, count) for name, _, count, _ in actors(db) if "Trump" in name or name == "Ohio"] == [
        ("Donald Trump", 2), ("Donald Trump Jr.", 4), ("Ohio", 3)]


def test_a_surname_alone_is_the_suffixed_person_the_article_leads_with_not_his_wife_named_once(tmp_path):
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "articles.jsonl", [
        {"id": "a", "text": "Police said Anthony Marchetti III, 38, shot two managers at the firm on Monday. "
                            "Marchetti had been fired last week. Anthony Marchetti III was arrested after a chase. "
                            "Marchetti is married, but his wife, Joanne Marchetti, said they had separated. "
                            "Marchetti is charged with murder."}])
    people = {name: (count, aliases) for name, kind, count, aliases in actors(db) if kind == "person"}
    assert people["Anthony Marchetti III"] == (5, ["Marchetti", "Anthony Marchetti III"])
    assert people["Joanne Marchetti"] == (1, ["Joanne Marchetti"])


def test_a_given_name_and_its_nickname_are_one_person_and_two_nicknames_are_not(tmp_path):
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "articles.jsonl", [
        {"id": "a", "text": "Bernie Sanders spoke in Vermont on Monday. Bill Clinton spoke in Ohio."},
        {"id": "b", "text": "Bernard Sanders said on Tuesday that the race was close. William Clinton agreed, "
                            "and Hillary Clinton thanked them both."},
        # Bill and Bob are both Robert's nicknames, not each other's: two people.
        {"id": "c", "text": "Bill Smith and Bob Smith ran the diner in Iowa for forty years."},
    ])
    assert actors(db) == [
        ("Bernie Sanders", "person", 2, ["Bernie Sanders", "Bernard Sanders"]),
        ("Bill Clinton", "person", 2, ["Bill Clinton", "William Clinton"]),
        ("Bill Smith", "person", 1, ["Bill Smith"]), ("Bob Smith", "person", 1, ["Bob Smith"]),
        ("Hillary Clinton", "person", 1, ["Hillary Clinton"]),
        ("Iowa", "place", 1, ["Iowa"]), ("Ohio", "place", 1, ["Ohio"]), ("Vermont", "place", 1, ["Vermont"])]


def test_a_speaker_is_the_article_s_entity_and_one_never_mentioned_gets_no_actor():
    rows = ArticleRows(
        content_hash="x", sentence_count=2, language="en", article_columns=(), sentence_columns=(),
        article=(), paragraphs=[], sentences=[],
        mentions=[(0, "Mitch McConnell", "person", None, "Mitch McConnell", 0, 15, 0.0, "neutral", "[]")],
        quotes=[(1, "We will vote.", "Senate Majority Leader Mitch McConnell",
                 "Senate Majority Leader Mitch McConnell", 0),
                (1, "No comment.", "Yahoo News", "Yahoo News", 0)],
        attributions=[(1, ("McConnell", "person"), "said"), (1, ("Yahoo News", "organization"), "reported")])
    resolved = Resolver().resolve(rows)
    assert [q[3] for q in resolved.quotes] == ["Mitch McConnell", None]
    assert [a[1] for a in resolved.attributions] == [("Mitch McConnell", "person"), None]


def mentions(*sentences):
    return [[(m["text"], m["actor"]) for m in found] for found in find_actors([parsed(s) for s in sentences])]


def test_a_common_word_or_a_title_run_into_a_name_is_not_part_of_it():
    assert mentions("Beyond Trump's personal finances lies a bigger question.",
                    "Donald Trump declined to release his returns.") == [
        [("Trump", "Donald Trump")], [("Donald Trump", "Donald Trump")]]
    assert mentions("Charlotte Mayor Jennifer Roberts asked for calm.",
                    "Protesters marched through Charlotte on Thursday.",
                    "Roberts said the video would be released.") == [
        [("Jennifer Roberts", "Jennifer Roberts")], [("Charlotte", "Charlotte")],
        [("Roberts", "Jennifer Roberts")]]


def test_a_plural_name_or_a_known_body_run_into_a_name_is_not_part_of_it():
    assert mentions("Ohio's John Kasich and Floridians Jeb Bush and Marco Rubio are racing to bank early ballots.",
                    "Even on Friday morning, the Obama White House was refusing to call the attack terrorism.",
                    "Barack Obama said so.") == [
        [("Ohio", "Ohio"), ("John Kasich", "John Kasich"), ("Jeb Bush", "Jeb Bush"), ("Marco Rubio", "Marco Rubio")],
        [("Obama", "Barack Obama"), ("White House", "White House")], [("Barack Obama", "Barack Obama")]]


def test_a_first_name_the_parse_took_for_a_place_is_the_person_unless_the_article_writes_in_or_at_before_it():
    assert mentions("Charlotte Brown marched in Charlotte on Friday.", "Charlotte police said the video would be out.",
                    "Melania Trump spoke first.",
                    "Several weeks ago, Donald Trump stated that Melania would discuss her immigration history.") == [
        [("Charlotte Brown", "Charlotte Brown"), ("Charlotte", "Charlotte")], [("Charlotte", "Charlotte")],
        [("Melania Trump", "Melania Trump")], [("Donald Trump", "Donald Trump"), ("Melania", "Melania Trump")]]


def test_middle_initials_tell_apart_people_of_one_first_name_and_surname_only_where_they_differ():
    assert mentions("Jeb Bush invoked his father, former President George H.W. Bush, on Tuesday.",
                    "George W. Bush campaigned for his brother in South Carolina.",
                    "Donald J. Trump mocked them both, and Donald Trump later apologized.") == [
        [("Jeb Bush", "Jeb Bush"), ("George H.W. Bush", "George H.W. Bush")],
        [("George W. Bush", "George W. Bush"), ("South Carolina", "South Carolina")],
        [("Donald J. Trump", "Donald Trump"), ("Donald Trump", "Donald Trump")]]


def test_a_party_s_and_a_channel_s_other_names_are_theirs():
    assert mentions("The Dems are worried about turnout.", "He told the Fox News Channel on Monday that he would win.",
                    "Fox News said so.") == [
        [("Dems", "Democratic Party")], [("Fox News Channel", "Fox News")], [("Fox News", "Fox News")]]


def test_a_surname_is_the_person_the_article_writes_most_not_the_last_named():
    assert mentions("Michelle Obama spoke first.", "President Barack Obama spoke after her.",
                    "Mr. Obama said the museum was a triumph.", "Barack Obama left.") == [
        [("Michelle Obama", "Michelle Obama")], [("Barack Obama", "Barack Obama")],
        [("Obama", "Barack Obama")], [("Barack Obama", "Barack Obama")]]


def test_an_honorific_says_which_of_two_people_of_a_surname_is_meant():
    # Hillary is written in full most; "Mr." says the man, "Mrs." the woman, a
    # surname alone the one written most.
    assert mentions("Hillary Clinton campaigned on Monday.", "Bill Clinton joined her on Friday.",
                    "Hillary Clinton thanked him.", "Mr. Clinton said she would win.",
                    "Mrs. Clinton laughed.", "Clinton left.") == [
        [("Hillary Clinton", "Hillary Clinton")], [("Bill Clinton", "Bill Clinton")],
        [("Hillary Clinton", "Hillary Clinton")], [("Clinton", "Bill Clinton")],
        [("Clinton", "Hillary Clinton")], [("Clinton", "Hillary Clinton")]]


def test_the_lede_s_person_does_not_take_a_surname_an_honorific_gives_to_another(tmp_path):
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "articles.jsonl", [
        {"id": "c", "text": "Bill Clinton spoke in Ohio on Friday. Clinton said his wife, Hillary Clinton, "
                            "would win. Bill Clinton later left. Mrs. Clinton spoke in Iowa. Mr. Clinton flew home."}])
    said = [(text[:start][-5:] + "Clinton", name) for text, start, name in db.execute(
        "select sentences.text, mentions.start, actors.name from mentions "
        "join actors on actors.id = mentions.actor_id join sentences on sentences.id = mentions.sentence_id "
        "where mentions.text = 'Clinton' order by mentions.id")]
    # The lede's Bill takes "Clinton" alone; "Mrs." is Hillary.
    assert said == [("Clinton", "Bill Clinton"), ("Mrs. Clinton", "Hillary Clinton"), ("Mr. Clinton", "Bill Clinton")]


def test_an_honorific_of_no_person_the_article_writes_in_full_is_the_corpus_person_of_that_name(tmp_path):
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "articles.jsonl", [
        {"id": "a", "text": "Barack Obama spoke in Ohio. Obama said the economy had grown."},
        {"id": "b", "text": "Michelle Obama opened the garden on Monday. Mr. Obama joined her later. "
                            "Mrs. Obama thanked the volunteers."}])
    said = [(text[:start][-5:] + "Obama", name) for text, start, name in db.execute(
        "select sentences.text, mentions.start, actors.name from mentions "
        "join actors on actors.id = mentions.actor_id join sentences on sentences.id = mentions.sentence_id "
        "join articles on articles.id = sentences.article_id "
        "where mentions.text = 'Obama' and articles.source = 'b' order by mentions.id")]
    assert said == [("Mr. Obama", "Barack Obama"), ("Mrs. Obama", "Michelle Obama")]


def test_nicknames_and_initials_are_the_person_and_a_city_is_not_its_state():
    assert mentions("Crowds packed New York City on Friday.", "HRC told donors she would win.",
                    "Clinton laughed.") == [
        [("New York City", "New York City")], [("HRC", "Hillary Clinton")], [("Clinton", "Hillary Clinton")]]


def test_a_state_s_dotted_abbreviation_is_not_a_word_or_acronym_of_its_letters(tmp_path):
    # "La." is Louisiana and "Pa." Pennsylvania only with their dots: "LA" is Los
    # Angeles and "the VA" (Veterans Affairs) stays itself, never Virginia ("Va."), nor,
    # as the parse took it for a place, the organisation of its initials.
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "articles.jsonl", [
        {"id": "a", "text": "The VA said the backlog of veterans' claims had fallen. Denis McDonough, "
                            "who leads the VA, spoke on Monday."},
        {"id": "b", "text": "Rents in LA rose again this year, and the mayor of LA said the city would build."},
        {"id": "c", "text": "The company moved from Baton Rouge, La., to Houston. Its plant in Erie, Pa., "
                            "closed."},
        {"id": "d", "text": "Voice of America reported the talks on Tuesday."},
    ])
    places = [(name, aliases) for name, kind, count, aliases in actors(db) if kind == "place"]
    assert places == [("Baton Rouge", ["Baton Rouge"]), ("Erie", ["Erie"]), ("Houston", ["Houston"]),
                      ("Los Angeles", ["LA"]), ("Louisiana", ["La."]), ("Pennsylvania", ["Pa."]),
                      ("VA", ["VA"])]


def test_two_people_of_one_surname_written_in_full_as_often_are_decided_by_the_corpus(tmp_path):
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "articles.jsonl", [
        {"id": "a", "text": "Barack Obama spoke in Ohio. Obama said the economy had recovered."},
        {"id": "b", "text": "Barack Obama flew to Iowa. Obama met farmers there."},
        {"id": "c", "text": "Michelle Obama introduced the speakers. Barack Obama spoke last. "
                            "Mr. Obama said the museum told the nation's story."},
    ])
    assert dict(db.execute(
        "select articles.source, actors.name from mentions join actors on actors.id = mentions.actor_id "
        "join sentences on sentences.id = mentions.sentence_id join articles on articles.id = sentences.article_id "
        "where mentions.text = 'Obama' and articles.source = 'c'").fetchall()) == {"c": "Barack Obama"}


@pytest.mark.parametrize("written_by", ["this release", "an earlier release"])
def test_a_name_alone_in_a_later_load_is_the_stored_actor_the_corpus_wrote_it_for(tmp_path, written_by):
    """Michelle Obama holds most of the Obamas' mentions, but the corpus wrote "Obama"
    alone only for Barack Obama: a later load's "Obama" is his, also in a database an
    earlier release wrote (whose actors have no aliases and no mention count)."""
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "first.jsonl", [
        {"id": "a", "text": "Barack Obama spoke in Ohio. Obama said the economy had recovered. "
                            "Obama left on Friday."},
        {"id": "b", "text": " ".join(f"Michelle Obama visited school number {n} on Monday." for n in range(1, 11))},
    ])
    assert actors(db) == [("Barack Obama", "person", 3, ["Obama", "Barack Obama"]),
                          ("Michelle Obama", "person", 10, ["Michelle Obama"]), ("Ohio", "place", 1, ["Ohio"])]
    if written_by == "an earlier release":
        db.execute("update actors set aliases = null, mention_count = null")
        db.conn.commit()
    load_records(db, tmp_path / "second.jsonl", [{"id": "c", "text": "Obama signed the bill in Iowa on Monday."}])
    assert dict(db.execute(
        "select articles.source, actors.name from mentions join actors on actors.id = mentions.actor_id "
        "join sentences on sentences.id = mentions.sentence_id join articles on articles.id = sentences.article_id "
        "where mentions.text = 'Obama'").fetchall()) == {"a": "Barack Obama", "c": "Barack Obama"}
    assert actors(db) == [("Barack Obama", "person", 4, ["Obama", "Barack Obama"]), ("Iowa", "place", 1, ["Iowa"]),
                          ("Michelle Obama", "person", 10, ["Michelle Obama"]), ("Ohio", "place", 1, ["Ohio"])]


def killed_then_rerun(tmp_path, monkeypatch, records):
    """The records loaded whole (`clean`), and loaded by a load stopped at its end, then
    again (`killed`): (clean, killed, articles the stopped load kept, the rerun's report)."""
    from datasette_attribution import pipeline

    clean = open_database(tmp_path / "clean.db")
    load_records(clean, tmp_path / "all.jsonl", records)
    # The same load stopped at its end: each article committed on its own, the
    # settlement never written, and the last article, whose transaction the
    # settlement shares, rolled back with it (as a kill there leaves it).
    killed = open_database(tmp_path / "killed.db")
    monkeypatch.setattr(pipeline, "ARTICLES_PER_COMMIT", 1)
    settle = pipeline.apply_settlement

    def killed_at_the_end(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "apply_settlement", killed_at_the_end)
    with pytest.raises(KeyboardInterrupt):
        load(killed, [str(tmp_path / "all.jsonl")], options=LoadOptions(workers=1))
    kept = killed.execute("select count(*) from articles").fetchone()[0]
    larry = killed.execute("select count(*) from actors where name = 'Larry'").fetchone()[0]
    monkeypatch.setattr(pipeline, "apply_settlement", settle)
    report = load(killed, [str(tmp_path / "all.jsonl")], options=LoadOptions(workers=1))
    return clean, killed, (kept, larry), report


def test_a_rerun_after_a_killed_load_settles_its_actors_as_one_whole_load(tmp_path, monkeypatch):
    clean, killed, kept, report = killed_then_rerun(tmp_path, monkeypatch, [
        {"id": "a", "text": "Larry said on Monday that the show would go on without him."},
        {"id": "b", "text": "Larry King said on Tuesday that the show would go on in Los Angeles. Larry thanked "
                            "the crew."},
        {"id": "c", "text": "Walter Mondale spoke in Minnesota on Wednesday."},
    ])
    assert kept == (2, 1)  # two articles, and "Larry" an actor not yet joined
    assert (report.added, report.skipped) == (1, 2)
    assert actors(killed) == actors(clean)
    assert ("Larry King", "person", 3, ["Larry", "Larry King"]) in actors(killed)


def test_two_writings_of_one_person_a_killed_load_never_settled_are_joined_by_the_rerun(tmp_path, monkeypatch):
    """A load killed before it settled kept "Joe Biden" and "Joseph R. Biden Jr." apart
    only because it never got to join them: the rerun joins them as one load does."""
    clean, killed, _, _ = killed_then_rerun(tmp_path, monkeypatch, [
        {"id": "a", "text": "Joe Biden spoke in Scranton on Monday about the economy."},
        {"id": "b", "text": "Vice President Joseph R. Biden Jr. spoke in Ohio on Tuesday about trade."},
        {"id": "c", "text": "Walter Mondale spoke in Minnesota on Wednesday."},
    ])
    assert [name for name, kind, _, _ in actors(clean) if "Biden" in name] == ["Joe Biden"]
    assert actors(killed) == actors(clean)


def people_loaded(tmp_path, loads) -> dict:
    """The people of a corpus of `loads` (lists of records) loaded in turn: name ->
    (mentions, names written)."""
    db = open_database(tmp_path / "corpus.db")
    for number, records in enumerate(loads):
        load_records(db, tmp_path / f"load{number}.jsonl", records)
    return {name: (count, set(aliases)) for name, kind, count, aliases in actors(db) if kind == "person"}


HUSTED = {"id": "purge", "outlet": "Capitol Ledger", "published": "2016-09-25",
          "title": "Court rules against Ohio voter purge",
          "text": "A federal appeals court ruled Friday against Ohio's procedure for removing voters from the rolls, "
                  "dealing a blow to Secretary of State Jon Husted. In a statement, Husted said the decision would "
                  "force the state to restore voters who had moved away."}
PROBATE = {"id": "probate", "published": "2023-12-22T15:30:00+01:00",
           "title": "My brother controls our late mother's money. What can we do?",
           "text": "I have had little contact with my brother Jon, who managed my mother's finances for the last few "
                   "years of her life. Jon is reluctant to apply for probate, insisting that the house be sold "
                   "first. Ignore what Jon says."}
SANDERS = {"id": "primary", "outlet": "Gulf Herald", "published": "2016-04-19",
           "title": "Bernie Sanders loses New York primary",
           "text": "Bernie Sanders lost the New York primary to Hillary Clinton on Tuesday. Sanders said he would "
                   "stay in the race until the convention. \u201cBernie is not done,\u201d a supporter said."}
BERNIE = {"id": "rally", "outlet": "Sunshine Post", "published": "2016-04-27",
          "title": "Supporters cheer in Philadelphia",
          "text": "Thousands of supporters cheered in Philadelphia on Wednesday as Bernie promised to fight on."}


@pytest.mark.parametrize("loads", [[[HUSTED, PROBATE, SANDERS, BERNIE]], [[PROBATE, BERNIE], [HUSTED, SANDERS]],
                                   [[HUSTED, SANDERS], [PROBATE, BERNIE]]],
                         ids=["one load", "first name first", "full name first"])
def test_a_first_name_alone_is_a_person_of_the_corpus_only_near_in_time(tmp_path, loads):
    """"Jon" in a 2023 advice column is not the Jon Husted of a 2016 court ruling;
    "Bernie" at a rally eight days after "Bernie Sanders" lost a primary is him."""
    people = people_loaded(tmp_path, loads)
    assert people["Jon Husted"] == (2, {"Husted", "Jon Husted"})
    assert people["Jon"] == (3, {"Jon"})
    assert people["Bernie Sanders"] == (4, {"Bernie", "Bernie Sanders", "Sanders"})
    assert "Bernie" not in people


def test_a_first_name_alone_is_never_a_person_the_corpus_only_writes_in_full(tmp_path):
    """Nobody calls Joseph R. Biden Jr. "Joseph": a parent of that name quoted a week
    later is not him; "Joe", the name the corpus writes alone for him, is."""
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "articles.jsonl", [
        {"id": "debate", "published": "2016-09-30", "text": "Vice President Joseph R. Biden Jr. spoke in "
         "Philadelphia on Thursday. Mr. Biden said the tax returns mattered. Joe, as the crowd called him, smiled."},
        {"id": "rally", "published": "2016-10-07", "text": "Amelize Joseph loves the school her daughter attends. "
         "\u201cWe need the money,\u201d said Joseph, who has four children."},
        {"id": "visit", "published": "2016-10-08", "text": "Joe spoke in Scranton on Saturday."}])
    said = db.execute("select articles.source, mentions.text, actors.name from mentions "
                      "join actors on actors.id = mentions.actor_id "
                      "join sentences on sentences.id = mentions.sentence_id "
                      "join articles on articles.id = sentences.article_id "
                      "where mentions.text in ('Joseph', 'Joe') order by mentions.id").fetchall()
    assert [(source, text) for source, text, name in said if name == "Joseph Biden Jr."] == [
        ("debate", "Joe"), ("visit", "Joe")]
    assert all(name != "Joseph Biden Jr." for source, text, name in said if source == "rally")


def test_an_office_before_a_surname_is_the_person_who_holds_it(tmp_path):
    # "Secretary Clinton": the article writes Hillary in full after that title, though
    # its lede is Bill's; "President Obama": the article writes only Michelle Obama in
    # full, the corpus writes Barack Obama after that title.
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "articles.jsonl", [
        {"id": "a", "text": "President Barack Obama spoke in Ohio on Monday. Obama said the economy had grown."},
        {"id": "b", "text": "Michelle Obama opened the garden on Tuesday. As President Obama watched, "
                            "Michelle Obama thanked the volunteers. Obama left early."},
        {"id": "c", "text": "Bill Clinton spoke in Ohio on Friday. Clinton said his wife, former Secretary of State "
                            "Hillary Clinton, would win. Bill Clinton later left. Secretary Clinton spoke in Iowa."}])
    said = [(" ".join([*text[:start].split()[-1:], text[start:end]]), source, name)
            for text, start, end, source, name in db.execute(
        "select sentences.text, mentions.start, mentions.end, articles.source, actors.name from mentions "
        "join actors on actors.id = mentions.actor_id join sentences on sentences.id = mentions.sentence_id "
        "join articles on articles.id = sentences.article_id "
        "where mentions.text in ('Obama', 'Clinton') and articles.source != 'a' order by mentions.id")]
    assert said == [("President Obama", "b", "Barack Obama"), ("Obama", "b", "Michelle Obama"),
                    ("Clinton", "c", "Bill Clinton"), ("Secretary Clinton", "c", "Hillary Clinton")]


# Two real-looking articles of one week: the first writes the President in full after
# his title; the second writes Michelle Obama in full and the President only as
# "President Obama".
PRESS_CONFERENCE = {
    "id": "obama-1", "outlet": "Capital Wire", "published": "2016-09-12",
    "title": "Obama says the economy is on the mend",
    "text": "WASHINGTON - President Barack Obama told reporters on Monday that wages had grown for the first "
            "time in a decade. \"We are not done yet,\" President Obama said at the White House, adding that "
            "Congress should raise the minimum wage.",
}
GARDEN_VISIT = {
    "id": "obama-2", "outlet": "Valley Post", "published": "2016-09-15",
    "title": "First lady opens the school garden",
    "text": "Michelle Obama opened the school garden in Arlington on Thursday. As President Obama watched from "
            "the back of the crowd, Michelle Obama thanked the volunteers. The children planted tomatoes.",
}


def president_obama(db):
    """The actor of the second article's "President Obama"."""
    return db.execute(
        "select actors.name from mentions join actors on actors.id = mentions.actor_id "
        "join sentences on sentences.id = mentions.sentence_id join articles on articles.id = sentences.article_id "
        "where articles.source = 'obama-2' and mentions.text = 'Obama' "
        "and substr(sentences.text, 1, mentions.start) like '%President '").fetchall()


def test_a_later_load_knows_whom_the_earlier_ones_wrote_after_a_title(tmp_path):
    together = open_database(tmp_path / "together.db")
    load_records(together, tmp_path / "both.jsonl", [PRESS_CONFERENCE, GARDEN_VISIT])
    apart = open_database(tmp_path / "apart.db")
    load_records(apart, tmp_path / "first.jsonl", [PRESS_CONFERENCE])
    load_records(apart, tmp_path / "second.jsonl", [GARDEN_VISIT])
    assert president_obama(apart) == president_obama(together) == [("Barack Obama",)]
    assert actors(apart) == actors(together)


def test_a_database_that_kept_no_titles_has_them_read_from_its_mentions(tmp_path):
    # An earlier release's database, or one whose load was killed before it settled.
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "first.jsonl", [PRESS_CONFERENCE])
    db.execute("delete from summary_state where name = 'actor_offices'")
    db.conn.commit()
    load_records(db, tmp_path / "second.jsonl", [GARDEN_VISIT])
    assert president_obama(db) == [("Barack Obama",)]
    kept = json.loads(db.execute("select value from summary_state where name = 'actor_offices'").fetchone()[0])
    assert kept["holders"]["Barack Obama"] == {"president obama": 1}


def rows_of(*mentions):
    """An article's rows holding only mentions: (scorer's name, kind, text as written)."""
    return ArticleRows(
        content_hash="x", sentence_count=1, language="en", article_columns=(), sentence_columns=(),
        article=(), paragraphs=[], sentences=[], quotes=[], attributions=[],
        mentions=[(0, actor, kind, None, text, 0, len(text), 0.0, "neutral", "[]") for actor, kind, text in mentions])


def test_a_one_word_name_of_another_kind_is_a_person_only_where_the_corpus_writes_them_so():
    resolver = Resolver()
    resolver.resolve(rows_of(("Donald Trump", "person", "Donald Trump"), ("Donald Trump", "person", "Trump")))
    trump = resolver.resolve(rows_of(("Trump", "organization", "Trump")))  # the parse took him for a firm
    resolver.resolve(rows_of(("Marjorie Merriweather Post", "person", "Marjorie Merriweather Post")))
    post = resolver.resolve(rows_of(("Post", "organization", "Post")))  # a paper: no article calls her "Post"
    assert [m[1] for m in trump.mentions + post.mentions] == ["Donald Trump", "Post"]
    assert resolver.settle().merges == {}


def test_a_name_ending_in_an_institution_s_word_is_no_person_s(tmp_path):
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "articles.jsonl", [
        {"id": "a", "text": "Hillary Clinton spoke in Ohio on Monday. Hillary, as her supporters call her, smiled."},
        {"id": "b", "text": "Cosby has been a big donor to the Bill and Hillary Clinton Foundation, and others "
                            "wonder how it could affect Hillary\u2019s run."}])
    assert [(name, kind) for name, kind, *_ in actors(db)] == [
        ("Bill", "person"), ("Hillary Clinton", "person"), ("Hillary Clinton Foundation", "organization"),
        ("Ohio", "place")]


def test_a_surname_the_parse_took_for_a_first_name_is_the_corpus_person_of_that_surname(tmp_path):
    # "Trump Turnberry", a golf resort the parse took for a person: "Trump" alone is
    # no first name, and the corpus' Trump is Donald Trump; "Melania" alone stays hers.
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "articles.jsonl", [
        {"id": "a", "text": "Donald Trump spoke in Ohio on Monday. Trump said he would win the state."},
        {"id": "b", "text": "Trump was in Scotland for the ceremonial re-opening of his refurbished Trump Turnberry "
                            "golf course. Trump has hailed Britain's vote to leave the European Union."},
        {"id": "c", "text": "Melania Trump spoke first. Several weeks ago, Donald Trump stated that Melania "
                            "would discuss her immigration history."},
    ])
    assert db.execute(
        "select articles.source, mentions.text, actors.name from mentions join actors on actors.id = mentions.actor_id "
        "join sentences on sentences.id = mentions.sentence_id join articles on articles.id = sentences.article_id "
        "where actors.kind = 'person' and articles.source in ('b', 'c') order by mentions.id").fetchall() == [
        ("b", "Trump", "Donald Trump"), ("b", "Trump Turnberry", "Trump Turnberry"), ("b", "Trump", "Donald Trump"),
        ("c", "Melania Trump", "Melania Trump"), ("c", "Donald Trump", "Donald Trump"),
        ("c", "Melania", "Melania Trump")]


def test_a_pronoun_after_a_surname_two_relatives_share_says_which_one_is_meant(tmp_path):
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "articles.jsonl", [
        {"id": "c", "text": "Hillary Clinton spoke in Iowa on Monday. Hillary Clinton won the caucus. "
                            "Her husband, Bill Clinton, stayed in New York. "
                            "Clinton told reporters that he had voted early. "
                            "Barack Obama said Clinton had earned his support. "
                            "Clinton's daughter said she was proud. Clinton left for Nevada."}])
    said = [(text, name) for text, name in db.execute(
        "select sentences.text, actors.name from mentions "
        "join actors on actors.id = mentions.actor_id join sentences on sentences.id = mentions.sentence_id "
        "where mentions.text in ('Clinton', 'Clinton''s') order by mentions.id")]
    # The lede's Hillary takes "Clinton" alone, but for the "he" that follows it; a
    # pronoun after another name ("his": Obama's) or after a noun for one person
    # ("daughter") says nothing of it.
    assert said == [
        ("Clinton told reporters that he had voted early.", "Bill Clinton"),
        ("Barack Obama said Clinton had earned his support.", "Hillary Clinton"),
        ("Clinton's daughter said she was proud.", "Hillary Clinton"),
        ("Clinton left for Nevada.", "Hillary Clinton")]



@pytest.mark.parametrize("times, fox", [(5, "Fox News"), (1, "Vicente Fox")])
def test_a_word_alone_is_the_organisation_it_opens_where_the_corpus_writes_that_more_than_the_person(
        tmp_path, times, fox):
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "articles.jsonl", [
        {"id": "a", "published": "2016-07-18", "text": "Former Mexican president Vicente Fox fired back at the "
                                                       "proposal. Vicente Fox said the wall would never be built."},
        {"id": "b", "published": "2016-07-20",
         "text": "Megyn Kelly spoke on Fox News on Monday. " + "Fox News denied the report. " * (times - 1)},
        {"id": "c", "published": "2016-07-31", "text": "Clinton told Fox in the interview, taped Saturday, that "
                                                       "Russia hacked the committee."}])
    said = [name for (name,) in db.execute(
        "select actors.name from mentions join actors on actors.id = mentions.actor_id "
        "join sentences on sentences.id = mentions.sentence_id join articles on articles.id = sentences.article_id "
        "where articles.source = 'c' and mentions.text = 'Fox'")]
    # The parse takes "Fox" for a person; the corpus writes Fox News five times
    # against Vicente Fox's two (the network), or once (the president).
    assert said == [fox]


def test_a_headline_s_surname_before_the_only_full_name_with_a_suffix_is_that_person(tmp_path):
    # "Trump" beside "Donald Trump Jr." stays apart only where another Trump is written in full.
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "articles.jsonl", [
        {"id": "a", "text": "Biden calls Trump a risk to U.S. safety\n\nVice President Joseph R. Biden Jr. said on "
                            "Monday that the remarks were dangerous. Mr. Biden said twice that he was worried."},
    ])
    people = [(name, count, sorted(aliases)) for name, kind, count, aliases in actors(db) if kind == "person"]
    assert people == [("Joseph Biden Jr.", 3, ["Biden", "Joseph R. Biden Jr."]), ("Trump", 1, ["Trump"])]


KERRY = {"id": "talks", "outlet": "Capitol Ledger", "published": "2016-03-14",
         "title": "Kerry meets Lavrov in Geneva",
         "text": "Secretary of State John Kerry met his Russian counterpart in Geneva on Monday. Kerry said the "
                 "talks on Syria had made progress."}
IRON_CLAW = {"id": "review", "outlet": "Film Weekly", "published": "2023-12-21",
             "title": "The Iron Claw is a wrestling tragedy",
             "text": "The film follows a family of wrestlers in Texas. Kerry, the second son, dreams of the "
                     "Olympics, and Kerry trains every day."}
KERRY_LATER = {"id": "envoy", "outlet": "Capitol Ledger", "published": "2016-11-02",
               "title": "Climate talks open in Marrakech",
               "text": "Delegates gathered in Marrakech on Wednesday. Kerry said the agreement would hold."}


@pytest.mark.parametrize("loads", [[[KERRY, IRON_CLAW, KERRY_LATER]], [[IRON_CLAW], [KERRY, KERRY_LATER]],
                                   [[KERRY], [IRON_CLAW, KERRY_LATER]]],
                         ids=["one load", "surname first", "full name first"])
def test_a_surname_alone_is_a_person_of_the_corpus_only_near_in_time(tmp_path, loads):
    """The "Kerry" of a 2023 film review is not the John Kerry of 2016 coverage; the
    "Kerry" of an article eight months after "John Kerry" was written in full is him."""
    people = people_loaded(tmp_path, loads)
    assert people["John Kerry"] == (3, {"John Kerry", "Kerry"})
    assert people["Kerry"] == (2, {"Kerry"})


def test_a_short_name_written_before_the_full_name_is_not_that_full_name():
    """A name is written in full before it is shortened: "Google" written before the
    lab "Google AI Quantum" is the firm; "Goldman" after "Goldman Sachs" is that bank."""
    assert mentions("The chip was shown on Monday.", "Inside the building, engineers at Google built the chip.",
                    "The lab is branded Google AI Quantum.", "Google said the chip works.") == [
        [], [("Google", "Google")], [("Google AI Quantum", "Google AI Quantum")], [("Google", "Google")]]
    assert mentions("The deal closed on Monday.", "The deal was advised by Goldman Sachs.",
                    "Goldman said the deal was fair.") == [
        [], [("Goldman Sachs", "Goldman Sachs")], [("Goldman", "Goldman Sachs")]]


def test_a_wire_storys_lede_names_its_actors_but_not_the_agency_in_its_dateline():
    # "(AP)" read as a photo credit left the lede with no actor at all.
    assert mentions("WASHINGTON (Reuters) - Hillary Clinton won the primary on Tuesday.",
                    "Clinton thanked her supporters.") == [
        [("WASHINGTON", "WASHINGTON"), ("Hillary Clinton", "Hillary Clinton")], [("Clinton", "Hillary Clinton")]]
    assert mentions("Hillary Clinton told The Associated Press (AP) that she had won.") == [
        [("Hillary Clinton", "Hillary Clinton"), ("The Associated Press", "Associated Press"),
         ("AP", "Associated Press")]]


def test_a_title_case_headline_keeps_a_given_name_before_a_surname_the_article_writes():
    assert mentions("Hillary Clinton Receives First National Security Briefing",
                    "Clinton, a former secretary of state, attended the meeting alone.") == [
        [("Hillary Clinton", "Hillary Clinton")], [("Clinton", "Hillary Clinton")]]


def test_a_word_in_a_line_of_capitals_or_a_possessive_mark_is_no_part_of_a_name():
    assert mentions("FIX IS IN: PBS Moderators Ignore The Scandals.") == [[]]
    assert mentions("The IS fighters held the town.") == [[("IS", "Islamic State")]]
    assert mentions("The PM has made his views on Donald Trump\u2018s comments very clear.") == [
        [("Donald Trump", "Donald Trump")]]


def test_an_alias_written_with_the_is_that_actor_only_so(tmp_path):
    """"the States" is the United States; "the ten swing States" is no country."""
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "r.jsonl", [
        {"id": "s1", "published": "2016-08-17",
         "text": "Clinton aims to register a million new voters in the ten swing States."},
        {"id": "s2", "published": "2016-08-18", "text": "He returned to the States in May after a year in Spain."}])
    said = dict(db.execute("select mentions.text, actors.name from mentions join actors "
                           "on actors.id = mentions.actor_id where mentions.text like '%States'").fetchall())
    assert said == {"States": "States", "the States": "United States"}


def test_an_acronym_joins_the_organisation_of_its_letters_unless_it_is_a_name_of_its_own(tmp_path):
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "r.jsonl", [
        {"id": "a", "text": "The Bardstown Bourbon Company opened a new distillery in Kentucky on Monday."},
        {"id": "b", "text": "The BBC reported on Tuesday that the talks had failed."},
        {"id": "c", "text": "NBC Philadelphia showed the crowd outside the school on Friday."},
        {"id": "d", "text": "Workers from NP said on Friday that the school had been shelled."},
        {"id": "e", "text": "The US Geological Survey measured the earthquake at magnitude 6.1."},
        {"id": "f", "text": "The USGS said the quake struck at a depth of 10 kilometres."},
    ])
    organisations = {name: aliases for name, kind, _, aliases in actors(db) if kind == "organization"}
    # "BBC" is a name the alias table knows as itself; "NBC Philadelphia" would be "NBCP".
    assert organisations["BBC"] == ["BBC"] and organisations["NBC Philadelphia"] == ["NBC Philadelphia"]
    assert organisations["Bardstown Bourbon Company"] == ["Bardstown Bourbon Company"]
    assert sorted(organisations["US Geological Survey"]) == ["US Geological Survey", "USGS"]


def test_a_countrys_organisation_is_not_another_countrys_written_the_same_way_alone(tmp_path):
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "r.jsonl", [
        {"id": "a", "text": "The Navy said on Wednesday that the pirates had fled toward the coast."},
        {"id": "b", "text": "The commander of the U.S. Navy said on Friday that attacking the ports would "
                            "not work."},
        {"id": "c", "text": "The Indian Navy sank a pirate vessel on Tuesday. The Navy said its ship fired in "
                            "self-defence."},
    ])
    organisations = {name: sorted(aliases) for name, kind, _, aliases in actors(db) if kind == "organization"}
    assert organisations["Indian Navy"] == ["Indian Navy", "Navy"]
    assert organisations["U.S. Navy"] == ["U.S. Navy"]


def test_an_alias_of_capital_initials_is_that_actor_only_so_written(tmp_path):
    db = open_database(tmp_path / "corpus.db")
    load_records(db, tmp_path / "r.jsonl", [
        {"id": "f1", "published": "2016-08-17",
         "text": "The rally in Ft. Worth drew thousands on Monday.\nThe FT reported that the bank would close."}])
    said = db.execute("select mentions.text, actors.name from mentions join actors "
                      "on actors.id = mentions.actor_id order by mentions.id").fetchall()
    assert ("FT", "Financial Times") in said and not [text for text, name in said
                                                      if name == "Financial Times" and text != "FT"]


def test_an_epithet_or_a_plural_title_before_a_surname_is_no_part_of_the_name():
    assert mentions("Donald Trump spoke in Ohio on Monday.", "Critics called him Fascist Trump after the rally.") == [
        [("Donald Trump", "Donald Trump"), ("Ohio", "Ohio")], [("Trump", "Donald Trump")]]
    assert mentions("Presidents Obama and Bush met in Dallas on Monday.") == [
        [("Obama", "Obama"), ("Bush", "Bush"), ("Dallas", "Dallas")]]
    assert mentions("He spoke to pro-life members of the Democrat Party on Friday.") == [
        [("Democrat Party", "Democratic Party")]]
