"""Actors under one name each, and sentiment toward each mention."""

import json

import pytest
import sqlite_utils
from helpers import INDEPENDENT_SEED, NEWS24_SEED, SEEDS, page_article, parsed

from datasette_attribution import analyze_text, sentiment_toward
from datasette_attribution.analyze import analyze_article
from datasette_attribution.pipeline import load
from datasette_attribution.scorers.actors import find_actors
from datasette_attribution.store import open_database


def actors_in(path):
    analysis = analyze_article(page_article(path))
    return {(m["actor"], m["kind"]) for s in analysis.sentences for m in s["mentions"]}


def test_news24_seed_actors():
    assert actors_in(NEWS24_SEED) == {
        ("Barack Obama", "person"), ("Ali Khamenei", "person"), ("Hassan Rouhani", "person"),
        ("Bashar Assad", "person"), ("John McCain", "person"), ("Lindsey Graham", "person"),
        ("Josh Earnest", "person"), ("Iran", "place"), ("United States", "place"),
        ("Syria", "place"), ("Iraq", "place"), ("Islamic State", "group"),
        ("Wall Street Journal", "organization"), ("Associated Press", "organization"),
        ("White House", "organization"), ("Obama administration", "organization"),
        ("United Kingdom", "place"), ("China", "place"), ("France", "place"),
        ("Germany", "place"), ("Russia", "place"), ("UN General Assembly", "organization"),
        ("Americans", "group"), ("Syrians", "group"), ("Washington", "place"), ("New York", "place"),
        ("Tehran", "place"), ("US Embassy", "organization"),
    }


def test_independent_seed_actors():
    assert actors_in(INDEPENDENT_SEED) == {
        ("Barack Obama", "person"), ("Ali Khamenei", "person"), ("Hassan Rouhani", "person"),
        ("Iran", "place"), ("Iraq", "place"), ("United States", "place"),
        ("Islamic State", "group"), ("Wall Street Journal", "organization"),
        ("Obama administration", "organization"), ("Islamic Republic", "place"), ("Tehran", "place"),
        ("Washington", "place"),
        # "the opposition Republicans, who are often seen as hawks": the party.
        ("Republican Party", "organization"),
    }


def mentions(*sentences):
    return [[(m["text"], m["actor"]) for m in found] for found in find_actors([parsed(s) for s in sentences])]


def of_kind(kind, *sentences):
    """(text, kind) of each sentence's mentions of that kind."""
    return [[(m["text"], m["kind"]) for m in found if m["kind"] == kind]
            for found in find_actors([parsed(s) for s in sentences])]


def test_aliases_resolve_to_one_actor_and_case_matters():
    assert mentions("The US, the U.S. and America are the United States.",
                    "IS, Isis and ISIL are one group; this is not it.") == [
        [("US", "United States"), ("U.S.", "United States"), ("America", "United States"),
         ("United States", "United States")],
        [("IS", "Islamic State"), ("Isis", "Islamic State"), ("ISIL", "Islamic State")],
    ]


def test_a_pronoun_capitalised_as_a_title_is_no_actor_and_never_the_initials_it_spells():
    # the recogniser takes the film "Us" for a place, which the alias table's "US" would make the United States
    assert mentions("Jordan Peele's horror film Us was a hit with critics.",
                    "The US economy grew, and It topped the box office.") == [
        [("Jordan Peele", "Jordan Peele")], [("US", "United States")]]


def test_titles_are_not_names_and_surnames_resolve():
    assert mentions("President Barack Obama wrote the letter.",
                    "Mr Obama later spoke to reporters.",
                    "Critics of the Obama administration objected.") == [
        [("Barack Obama", "Barack Obama")],
        [("Obama", "Barack Obama")],
        [("the Obama administration", "Obama administration")],
    ]


def test_a_word_before_a_name_is_not_glued_to_it():
    assert mentions("Under NASA's plan, the agency will fly in 2030.",
                    "Struggling Donald Trump said he would win.",
                    "Rep. Emanuel Cleaver II (D-Mo.) said the bill would pass.") == [
        [("NASA", "NASA")], [("Donald Trump", "Donald Trump")],
        [("Emanuel Cleaver II", "Emanuel Cleaver II")]]


def test_a_name_inside_a_longer_organisation_is_part_of_it():
    assert mentions("The U.S. Securities and Exchange Commission sued, and the U.S. agreed.") == [
        [("U.S. Securities and Exchange Commission", "U.S. Securities and Exchange Commission"),
         ("U.S.", "United States")]]


def test_administration_is_linked_to_its_leader(tmp_path):
    db = open_database(tmp_path / "a.db")
    load(db, [str(SEEDS)])
    rows = db.query("select a.name, l.name as leader from actors a join actors l on l.id = a.linked_to")
    assert list(rows) == [{"name": "Obama administration", "leader": "Barack Obama"}]


def test_every_mention_is_stored_with_a_label_and_a_score_of_the_same_probabilities(tmp_path):
    db = open_database(tmp_path / "m.db")
    load(db, [str(SEEDS)])
    assert db["mentions"].count == 115
    rows = list(db.query("select sentiment, sentiment_label from mentions"))
    assert {r["sentiment_label"] for r in rows} <= {"negative", "neutral", "positive"}
    # The label is the most probable class and the score P(positive) - P(negative):
    # a positive label has a positive score, a negative one a negative score, and a
    # neutral one at most 0.5 either way (P(neutral) is the largest of the three).
    assert [r for r in rows if r["sentiment_label"] == "positive" and r["sentiment"] <= 0] == []
    assert [r for r in rows if r["sentiment_label"] == "negative" and r["sentiment"] >= 0] == []
    assert [r for r in rows if r["sentiment_label"] == "neutral" and abs(r["sentiment"]) > 0.5] == []
    # Most mentions in news are neutral (a place as setting, a speaker, a list).
    assert sum(r["sentiment_label"] == "neutral" for r in rows) > len(rows) / 2


def at(sentence, target):
    start = sentence.index(target)
    return sentiment_toward(sentence, start, start + len(target))


def test_sentiment_toward_a_target_not_the_sentence():
    assert at("Prosecutors charged Senator Robert Menendez with bribery and fraud.", "Robert Menendez")[0] == "negative"
    assert at("Voters praised Governor Ana Ruiz for her calm handling of the floods.", "Ana Ruiz")[0] == "positive"
    # A speaker whose words are harsh is not portrayed by them.
    assert at("The minister said the storm had destroyed hundreds of homes in the valley.", "minister")[0] == "neutral"


def test_the_one_an_outlet_backs_or_supports_is_portrayed_favourably():
    assert at("Washington Post backs Hillary Clinton for president.", "Hillary Clinton")[0] == "positive"
    assert at("Washington Post backs Hillary Clinton for president.", "Washington Post")[0] == "neutral"


def test_the_one_booed_is_negative_and_the_one_praising_is_not():
    sentence = "The coach Smith praised the players, while the chairman Jones was booed."
    assert at(sentence, "Smith")[0] == "neutral"
    assert at(sentence, "Jones")[0] == "negative"


def test_sentiment_scores_are_in_range_and_spans_checked():
    label, score = at("The minister opened the new bridge on Monday.", "minister")
    assert label in ("negative", "neutral", "positive") and -1 <= score <= 1
    with pytest.raises(ValueError, match=r"^target span 3:30 is outside the sentence \(0:6\)$"):
        sentiment_toward("Short.", 3, 30)
    with pytest.raises(ValueError, match=r"^target span 22:17 is empty or reversed: the start must come before "
                                         r"the end$"):
        sentiment_toward("The minister opened the new bridge on Monday.", 22, 17)


def test_analyze_text_returns_mentions_with_sentiment():
    sentences = analyze_text("Iran welcomed the deal.")
    assert [(m["actor"], m["kind"], m["text"]) for m in sentences[0]["mentions"]] == [
        ("Iran", "place", "Iran")]
    assert isinstance(sentences[0]["mentions"][0]["sentiment"], float)


def test_users_extend_the_alias_table(tmp_path):
    from click.testing import CliRunner

    from datasette_attribution.cli import cli

    aliases = tmp_path / "aliases.txt"
    aliases.write_text("Fernando Alonso | person | Nando\n")
    article = tmp_path / "a.jsonl"
    article.write_text('{"text": "Nando said the car felt quick."}\n')
    result = CliRunner().invoke(cli, ["load", str(tmp_path / "x.db"), str(article),
                                      "--aliases", str(aliases), "--workers", "1"])
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(tmp_path / "x.db")
    assert [r["name"] for r in db.query("select name from actors")] == ["Fernando Alonso"]
    # The next load without the file knows nothing of it.
    article.write_text('{"text": "Nando said the tyres were gone."}\n')
    result = CliRunner().invoke(cli, ["load", str(tmp_path / "y.db"), str(article), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "Fernando Alonso" not in {r["name"] for r in sqlite_utils.Database(tmp_path / "y.db").query(
        "select name from actors")}


def test_a_polar_label_keeps_the_words_that_carry_it(tmp_path):
    article = tmp_path / "a.jsonl"
    article.write_text('{"text": "Prosecutors charged Senator Robert Menendez with bribery and fraud. '
                       'The senator arrived in Newark on Monday."}\n')
    db = open_database(tmp_path / "m.db")
    load(db, [str(article)])
    rows = {r["text"]: (r["sentiment_label"], json.loads(r["sentiment_cues"]))
            for r in db.query("select text, sentiment_label, sentiment_cues from mentions")}
    assert rows == {"Robert Menendez": ("negative", ["bribery", "charged", "Prosecutors"]),
                    "Newark": ("neutral", [])}
    evidence = json.loads(db.execute("select evidence from sentences where position = 0").fetchone()[0])
    assert evidence["mentions"][0]["sentiment_cues"] == ["bribery", "charged", "Prosecutors"]


def test_recipients_take_none_of_the_sentences_mood():
    sentence = "The governor sent Ortiz, Lee and Brown a cheerful note."
    labels = [sentiment_toward(sentence, sentence.index(name), sentence.index(name) + len(name))[0]
              for name in ("Ortiz", "Lee", "Brown")]
    assert labels == ["neutral", "neutral", "neutral"]


def test_two_actors_framed_in_opposite_directions_in_one_sentence():
    for sentence, praised, attacked in (
            ("The mayor praised Ortiz and attacked Brown.", "Ortiz", "Brown"),
            ("The union attacked Lee but praised Garcia.", "Garcia", "Lee")):
        toward = {name: sentiment_toward(sentence, sentence.index(name), sentence.index(name) + len(name))
                  for name in (praised, attacked)}
        assert toward[praised][0] == "positive" and toward[praised][1] > 0
        assert toward[attacked][0] == "negative" and toward[attacked][1] < 0


def test_an_article_names_each_organisation_person_and_place_once():
    found = find_actors([parsed(s) for s in (
        "Hacking of the Democratic National Committee worried the House Intelligence Committee.",
        "The DNC said the Intelligence Committee had been told.",
        "Hillary Clinton spoke in Tulsa, Okla., on Monday; Hillary later left.",
        "The Emerson College/Boston Globe tracking poll showed a tie.",
        "Donald Trump spoke first.",
        "Clinton leads Trump 47.3 percent to 44.4 percent, the poll shows.",
    )])
    assert [[(m["text"], m["actor"], m["kind"]) for m in mentions] for mentions in found] == [
        [("Democratic National Committee", "Democratic National Committee", "organization"),
         ("House Intelligence Committee", "House Intelligence Committee", "organization")],
        [("DNC", "Democratic National Committee", "organization"),
         ("Intelligence Committee", "House Intelligence Committee", "organization")],
        [("Hillary Clinton", "Hillary Clinton", "person"), ("Tulsa", "Tulsa", "place"),
         ("Okla.", "Oklahoma", "place"), ("Hillary", "Hillary Clinton", "person")],
        # Two names joined by a slash are two; a name ends before a number.
        [("Emerson College", "Emerson College", "organization"),
         ("Boston Globe", "Boston Globe", "organization")],
        [("Donald Trump", "Donald Trump", "person")],
        # The parse calls "Trump 47.3 percent" an organisation; the article's Trump is a person.
        [("Clinton", "Hillary Clinton", "person"), ("Trump", "Donald Trump", "person")],
    ]


def test_an_entity_run_over_several_names_is_cut_into_them():
    found = find_actors([parsed("A new Washington Post-ABC News national poll shows a tie."),
                         parsed("Monday at Hofstra University on Long Island, the candidates met.")])
    assert [[(m["actor"], m["kind"]) for m in mentions] for mentions in found] == [
        [("Washington Post", "organization"), ("ABC News", "organization")],
        [("Hofstra University", "organization"), ("Long Island", "place")],
    ]


def test_a_state_s_abbreviation_after_a_place_and_a_possessive_open_no_name():
    # "Staunton Va." (a letter's signature, without the comma) is two places, as
    # "Staunton, Va." is; the parse ran "POLITICO’s Battleground States" into one
    # person, whose owner, a common word in capitals, the person rule drops: what is
    # left never opens with the possessive.
    found = find_actors([parsed(s) for s in (
        "John Gorra.", "Staunton Va.",
        "POLITICO’s Battleground States average shows Clinton ahead by 3.7 percentage points.",
    )])
    assert [[(m["text"], m["actor"], m["kind"]) for m in mentions] for mentions in found] == [
        [("John Gorra", "John Gorra", "person")], [("Staunton", "Staunton", "place"), ("Va.", "Virginia", "place")],
        [("POLITICO", "Politico", "organization"), ("Battleground States", "Battleground States", "person"),
         ("Clinton", "Clinton", "person")],
    ]


def test_a_dateline_in_capitals_and_a_headline_name_are_the_article_s_names():
    found = find_actors([parsed(s) for s in (
        "Obama Seeks More Refugees As Holiday Begins.",
        "FLINT, Mich. - Former President Barack Obama spoke in Flint on Monday.",
    )])
    assert [[(m["text"], m["actor"]) for m in mentions] for mentions in found] == [
        [("Obama", "Barack Obama")],
        [("FLINT", "Flint"), ("Mich.", "Michigan"), ("Barack Obama", "Barack Obama"), ("Flint", "Flint")],
    ]


def test_a_headline_names_only_whom_the_article_names():
    found = find_actors([parsed(s) for s in (
        "Gold Star Mother Corners Obama On Refusal To Use Phrase.",
        "President Barack Obama answered a question from Tina Houchins.",
    )])
    assert [[(m["text"], m["actor"]) for m in mentions] for mentions in found][0] == [
        ("Obama", "Barack Obama")]


def test_a_common_word_capitalised_only_as_a_sentence_s_first_word_is_no_actor():
    # The entity recogniser reads the capital of a sentence's first word as a
    # name's: "Secrecy" became an organisation, "Ignore" a person. A surname that
    # opens a sentence stays a name when the article writes it so elsewhere.
    found = find_actors([parsed(s) for s in (
        "Secrecy is not a stranger when it comes to Hillary Clinton's health issues.",
        "\u201cIgnore the polls,\u201d the candidate told supporters in Ohio.",
        "Attorney General Eric Holder spoke on Monday.",
        "Holder said the case was closed.",
        "Politico reported that Congress would vote.",
    )])
    assert [[(m["text"], m["actor"], m["kind"]) for m in mentions] for mentions in found] == [
        [("Hillary Clinton", "Hillary Clinton", "person")],
        [("Ohio", "Ohio", "place")],
        [("Eric Holder", "Eric Holder", "person")],
        [("Holder", "Eric Holder", "person")],
        [("Politico", "Politico", "organization"), ("Congress", "Congress", "organization")],
    ]


def test_the_targets_of_a_sentence_scored_together_score_as_each_alone():
    # One encoder pass serves every mention of a sentence.
    from datasette_attribution.encoder import encode
    from datasette_attribution.scorers.sentiment import sentiments_toward

    span = parsed("The senator praised Obama, attacked Putin and thanked the Iraqi people in Baghdad.")
    (encoding,) = encode([span.text])
    targets = [(span.text.index(name), span.text.index(name) + len(name))
               for name in ("senator", "Obama", "Putin", "Iraqi", "Baghdad")]
    together = sentiments_toward(span, encoding, targets)
    alone = [sentiments_toward(span, encoding, [target])[0] for target in targets]
    assert [label for label, _ in together] == [label for label, _ in alone]
    assert [score for _, score in together] == pytest.approx([score for _, score in alone], abs=1e-6)
    assert [label for label, _ in together[1:3]] == ["positive", "negative"]


def test_what_no_name_holds_is_cut_from_it():
    # Words glued by text extraction: a caption's photo credit run into a name.
    assert mentions("Kasich And BushASSOCIATED PRESSOhio Gov. John Kasich answers a question as former Florida "
                    "Gov. Jeb Bush listens during a Republican presidential primary debate hosted by ABC.") == [
        [("Kasich", "John Kasich"), ("John Kasich", "John Kasich"), ("Florida", "Florida"),
         ("Jeb Bush", "Jeb Bush"), ("ABC", "ABC News")]]
    # A bracket parts two names; a person's bracketed middle stays.
    assert mentions("Republican U.S. House Speaker Paul Ryan blasted the Federal Bureau of Investigation (FBI) "
                    "Tuesday for its decision not to indict Hillary Clinton.") == [
        [("U.S. House", "House of Representatives"), ("Paul Ryan", "Paul Ryan"),
         ("Federal Bureau of Investigation", "FBI"), ("FBI", "FBI"), ("Hillary Clinton", "Hillary Clinton")]]
    assert mentions("And certainly when George (W. Bush) was president, George marveled at the idea.") == [
        [("George (W. Bush", "George Bush"), ("George", "George Bush")]]
    # A common word hyphened to a name, a lower-case verb, a headline's verb.
    assert mentions("“Everybody is laughing at Jeb Bush-spent $100 million and is at bottom of pack. "
                    "A pathetic figure!” he wrote.") == [[("Jeb Bush", "Jeb Bush")]]
    assert mentions("Everyone knows the Republican National Convention ended last month in Cleveland.") == [
        [("Republican National Convention", "Republican National Convention"), ("Cleveland", "Cleveland")]]
    assert mentions("Rob Calabrese, a radio host in Cape Breton, Nova Scotia, has set up a website called "
                    "“Cape Breton If Donald Trump Wins“ that pitches the island as a new home.") == [
        [("Rob Calabrese", "Rob Calabrese"), ("Cape Breton", "Cape Breton"), ("Nova Scotia", "Nova Scotia"),
         ("Donald Trump", "Donald Trump")]]


def test_an_outlets_short_name_run_into_another_name_is_the_outlet():
    assert mentions("\"Obama emphasized that he did not pick a nominee with an eye to pleasing a specific political "
                    "constituency,\" wrote Post White House bureau chief Juliet Eilperin, citing participants.",
                    "The Washington Post first reported the meeting.") == [
        [("Obama", "Obama"), ("Post", "Washington Post"), ("White House", "White House"),
         ("Juliet Eilperin", "Juliet Eilperin")],
        [("The Washington Post", "Washington Post")]]
    assert mentions("In the new Post-ABC poll, the real estate mogul wins about 1 in 3 GOP primary voters.",
                    "The Washington Post conducted the poll.") == [
        [("Post", "Washington Post"), ("ABC", "ABC News"), ("GOP", "Republican Party")],
        [("The Washington Post", "Washington Post")]]


def test_a_given_name_or_a_name_word_mid_sentence_is_not_stripped_as_a_common_word():
    # "Kali" (a census first name) and "Mitt", "Led" (common words, but inside a
    # sentence before one word that is no given name) are the names' own; a common
    # word before a full name or a first name, or opening a headline, is not.
    found = find_actors([parsed(s) for s in (
        "He ran against Mitt Romney as a callous plutocrat.",
        "The top spot at 235 pounds went to GHC sophomore Kali Hood.",
        "It was a haunt for Keith Moon, the New York Dolls and Led Zeppelin.",
        "Crooked Hillary Clinton is going down, Trump said.",
    )])
    assert [[(m["text"], m["kind"]) for m in mentions if m["kind"] == "person"] for mentions in found] == [
        [("Mitt Romney", "person")], [("Kali Hood", "person")],
        [("Keith Moon", "person"), ("Led Zeppelin", "person")],
        [("Crooked Hillary", "person")],
    ]
    assert found[3][0]["actor"] == "Hillary Clinton"


def test_things_relatives_titles_and_an_opening_word_are_no_actors():
    found = find_actors([parsed(s) for s in (
        "Truth is, she writes with her own brand of cheek and assurance.",
        "Noctua has yet to make a version of the RTX 4090, the best GPU you can buy, so fans build a DIY one. LOL.",
        "Jon was managing my mother's finances, so legally Mum's savings belong to him.",
        "The bill followed the death of Yarmouth police Sgt. Sean Gannon in April 2018.",
        # a time zone, with or without the time before it
        "The quake struck at 0430 GMT on Tuesday, the US Geological Survey said, and the BST bulletin followed.",
    )])
    assert [[m["text"] for m in mentions] for mentions in found] == [
        [], ["Noctua"], ["Jon"], ["Sean Gannon"], ["US Geological Survey"],
    ]


def test_a_person_s_name_ends_at_a_possessive_inside_it():
    found = find_actors([parsed("Fans will get to enjoy a new macabre project next holiday season, as Robert Eggers’"
                                " Nosferatu is set to release Dec. 25, 2024.")])
    assert [(m["text"], m["actor"], m["kind"]) for m in found[0]] == [("Robert Eggers", "Robert Eggers", "person")]


def test_an_acronym_of_the_first_words_or_of_a_name_taken_for_a_place_is_that_organisation():
    found = find_actors([parsed(s) for s in (
        "The Centers for Disease Control and Prevention said cases rose.",
        "The CDC said more.",
        "According to the data released by the Islamic Republic of Iran Customs Administration (IRICA), the"
        " value of Iran's non-oil exports exceeded $32 billion.",
        "Based on the IRICA data, Iran exported 90.044 million tons of non-oil commodities.",
    )])
    assert [[(m["text"], m["actor"], m["kind"]) for m in mentions] for mentions in found] == [
        [("Centers for Disease Control and Prevention", "Centers for Disease Control and Prevention",
          "organization")],
        [("CDC", "Centers for Disease Control and Prevention", "organization")],
        [("Islamic Republic of Iran Customs Administration", "Islamic Republic of Iran Customs Administration",
          "organization"), ("IRICA", "Islamic Republic of Iran Customs Administration", "organization"),
         ("Iran", "Iran", "place")],
        [("IRICA", "Islamic Republic of Iran Customs Administration", "organization"), ("Iran", "Iran", "place")],
    ]


def test_a_full_name_taken_for_a_place_is_the_person_the_article_writes_by_surname():
    found = find_actors([parsed(s) for s in (
        "The colonial street corners chronicled in Robyn Annear’s Corners of Melbourne are pretty much the"
        " exact opposite.",
        "According to Annear, the gold rush had by the late 1860s produced a demographic bulge of teens.",
    )])
    people = [(m["text"], m["actor"]) for mentions in found for m in mentions if m["kind"] == "person"]
    assert people == [("Robyn Annear", "Robyn Annear"), ("Annear", "Robyn Annear")]


def test_a_country_named_as_a_persons_surname_or_first_name_is_that_person_unless_written_as_a_place():
    def people_and_places(*sentences):
        found = find_actors([parsed(s) for s in sentences])
        return [(m["text"], m["actor"], m["kind"]) for mentions in found for m in mentions
                if m["kind"] in ("person", "place")]

    assert people_and_places(
        "“We wanted the oak to speak first,” explains Meghan Ireland, the distillery’s blender.",
        "“It took four years to get right,” Ireland said on Tuesday.",
    ) == [("Meghan Ireland", "Meghan Ireland", "person"), ("Ireland", "Meghan Ireland", "person")]
    assert people_and_places(
        "Fans will have to wait for Jordan Peele’s next film.",
        "Jordan has not said when filming will resume.",
    ) == [("Jordan Peele", "Jordan Peele", "person"), ("Jordan", "Jordan Peele", "person")]
    # Written after "in", the first name is the country: a reader takes it so.
    assert people_and_places(
        "Jordan Peele met the studio's executives on Monday.",
        "The crew spent a month filming in Jordan last spring.",
    ) == [("Jordan Peele", "Jordan Peele", "person"), ("Jordan", "Jordan", "place")]


def test_a_persons_full_name_the_recogniser_reads_as_a_firm_is_a_person_and_teams_and_brands_are_not():
    def kinds(*sentences):
        return [(m["actor"], m["kind"]) for sentence in sentences for m in find_actors([parsed(sentence)])[0]]

    # The recogniser calls the first an organisation: a given name and a surname say otherwise.
    assert kinds("Keith Lamont Scott, 43, was shot by an officer in a parking lot.") == [
        ("Keith Lamont Scott", "person")]
    # A team, a weather pattern, a town's team: a place, an article or a common word's plural in them.
    assert kinds("The Cleveland Cavaliers won the game.", "El Niño brought heavy rain to the coast.",
                 "The Arizona Diamondbacks signed a pitcher.") == [
        ("Cleveland Cavaliers", "organization"), ("El Niño", "organization"), ("Arizona Diamondbacks", "organization")]


def test_the_outlet_a_source_told_or_wrote_to_is_an_actor_where_the_recogniser_found_none():
    assert of_kind("organization",
        "Maines died in a highway collision outside of El Paso on Friday, her cousin, Mike Lynch, told TMZ.",
        "The land sold for $100,000 after making improvements, the village assessor Dan McHugh told The Verge.",
        "A former Fitzroy boy writing to The Argus some years later explained how the first favourite came about.",
        "When I was a teenager, she told Mom she thought the house was haunted.",
    ) == [
        [("TMZ", "organization")], [("The Verge", "organization")], [("The Argus", "organization")], [],
    ]


def test_an_organisation_s_name_begun_too_late_takes_the_proper_nouns_joined_before_it():
    found = find_actors([parsed(s) for s in (
        "Taha Samiei, the deputy head of the province’s Industry, Mining and Trade Department for commercial"
        " affairs and trade development, said that exports rose.",
        "The study appears in the Proceedings of the National Academy of Sciences.",
        "After the Cold War, Republicans were in the lead in advocating NATO enlargement as shown by Speaker of"
        " the House Newt Gingrich.",
    )])
    assert [[m["actor"] for m in mentions if m["kind"] == "organization"] for mentions in found] == [
        ["Industry, Mining and Trade Department"], ["Proceedings of the National Academy of Sciences"],
        ["Republican Party", "NATO", "House of Representatives"],
    ]


def test_a_name_cut_at_its_middle_initial_keeps_its_surname_and_a_nickname_is_the_given_name_s_person():
    assert mentions("In 2011, he all but accused then-Fed Chair Ben S. Bernanke of trying to debase the dollar.",
                    "Bernanke disagreed.",
                    "Vice President Joseph R. Biden Jr. spoke in Scranton on Monday.",
                    "Signs read ''Welcome home, Joe!''") == [
        [("Fed", "Federal Reserve"), ("Ben S. Bernanke", "Ben Bernanke")], [("Bernanke", "Ben Bernanke")],
        [("Joseph R. Biden Jr.", "Joseph Biden Jr."), ("Scranton", "Scranton")], [("Joe", "Joseph Biden Jr.")],
    ]


def test_a_common_acronym_after_adjectives_is_no_actor_and_a_state_s_nickname_is_the_state():
    assert mentions("A Super PAC backing Jeb Bush will spend $10 million.", "The PAC said it would air ads.",
                    "Bush campaigned across the Granite State on Monday.", "The show streams on Apple TV.") == [
        [("Jeb Bush", "Jeb Bush")], [], [("Bush", "Jeb Bush"), ("Granite State", "New Hampshire")],
        [("Apple TV", "Apple TV")],
    ]


def test_a_unit_after_a_number_is_a_quantity_not_an_actor():
    assert mentions("Lenovo said its laptop comes with 18GB RAM and 16 GB LPDDR5 RAM.",
                    "Samsung said the phone has a 50 MP camera.", "All 30 NFL teams said they would comply.") == [
        [("Lenovo", "Lenovo")], [("Samsung", "Samsung")], [("NFL", "NFL")]]
