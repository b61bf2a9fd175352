"""Every attribution of a sentence from the parse: its cue, its source phrase, who
the source is, and the rows of `attributions`."""

import pytest
import sqlite_utils

from datasette_attribution import analyze_text, nlp
from datasette_attribution.pipeline import load, open_database
from datasette_attribution.scorers.sourcing.kinds import rule_kind


def main_attribution(text):
    (sentence,) = analyze_text(text)
    return sentence["attribution"], sentence["source"], sentence["source_kind"]


def test_an_inverted_source_after_a_quotation_is_the_source_not_the_quotation():
    assert main_attribution('"We are cooperating," said a WeWork spokesperson.') == (
        "named", "a WeWork spokesperson", "organisation")


def test_a_cue_never_spans_its_own_source():
    """"According to police, officers saw": two attributions, each cue its own words,
    never one cue from "according" to "saw" over the officers."""
    cues = [[(a["cue"], a["source"]) for a in sentence["attributions"]] for sentence in analyze_text(
        "According to police, officers saw the driver flee the scene.\n"
        "According to the report, Senator Ann Lee said the bill would pass.")]
    assert cues == [[("according to", "police"), ("saw", "officers")],
                    [("according to", "the report"), ("said", "Senator Ann Lee")]]


def test_a_relative_who_after_a_description_set_beside_a_name_is_that_person():
    """"Del. Ann Lee, a lawyer who considers Kaine her mentor": the "who" is Ann Lee,
    on the record, not an unnamed lawyer."""
    (sentence,) = analyze_text("Tom Reyes, a senator who says the bill will fail, voted against it.")
    (says,) = [a for a in sentence["attributions"] if a["cue"] == "says"]
    assert (says["source"], says["source_kind"], says["anonymous"], says["actor"]) == (
        "who", "person", 0, ("Tom Reyes", "person"))


def test_an_aside_in_brackets_is_not_part_of_the_source():
    assert main_attribution("Rep. Emanuel Cleaver II (D-Mo.) said the bill would pass.") == (
        "named", "Rep. Emanuel Cleaver II", "person")


def test_a_name_in_apposition_is_the_source():
    assert main_attribution("The mayor, Ann Hughes, said the bridge would reopen in May.")[1] == "Ann Hughes"


def test_coordinated_speakers_are_one_source():
    assert main_attribution("Senators John McCain and Lindsey Graham said the deal was a mistake.")[1] == (
        "Senators John McCain and Lindsey Graham")


def test_a_dateline_is_not_part_of_the_source():
    assert main_attribution("MACAU (Reuters) - Casino owner Sheldon Adelson said on Friday he backed the plan.")[1] == (
        "Casino owner Sheldon Adelson")


def test_acts_with_a_quantity_or_a_work_as_object_are_not_attributions():
    for text in ("Danilo Gallinari added 25 points in the win.",
                 "The company reported a net loss of $45m for the quarter.",
                 "The senator wrote a book about the war.",
                 "Rain is expected to spread from the west."):
        assert main_attribution(text) == ("none", None, None), text


def test_a_list_or_a_report_put_out_is_an_act_unless_a_claim_hangs_from_it():
    for text in ("Dell has released its list of deals for the holidays.",
                 "Trump released his list of potential Supreme Court nominees."):
        assert main_attribution(text) == ("none", None, None), text
    assert main_attribution("Mr. Kerry released a report that said the talks had failed.")[0] == "named"


def test_the_source_phrase_never_holds_the_clause_of_its_own_cue():
    (sentence,) = analyze_text("The senator released a statement saying the bill would fail.")
    assert [(a["cue"], a["source"], a["source_kind"]) for a in sentence["attributions"]] == [
        ("saying", "a statement", "document")]
    assert main_attribution("The White House published a memo claiming the program works.")[1] == "a memo"


def test_several_attributions_in_a_sentence_are_each_a_row_main_one_first():
    (sentence,) = analyze_text(
        "The Wall Street Journal, which first reported the letter, said officials had confirmed it.")
    found = [(a["cue"], a["source"]) for a in sentence["attributions"]]
    assert found[0] == ("said", "The Wall Street Journal")
    # A relative "which" is stored as written, like "he", and judged by what it stands for.
    (relative,) = [a for a in sentence["attributions"] if a["cue"] == "reported"]
    assert (relative["source"], relative["source_kind"], relative["anonymous"]) == ("which", "media", 0)
    assert relative["actor"] == sentence["attributions"][0]["actor"] == ("Wall Street Journal", "organization")
    text = sentence["text"]
    for a in sentence["attributions"]:
        assert text[a["cue_start"]:a["cue_end"]].lower() == a["cue"]
        assert text[a["source_start"]:a["source_end"]] == a["source"]


def test_the_content_of_a_verb_of_saying_is_its_clause():
    (sentence,) = analyze_text("Officials said the talks had stalled over sanctions.")
    (row,) = sentence["attributions"]
    assert sentence["text"][row["content_start"]:row["content_end"]] == "the talks had stalled over sanctions"


def test_a_pronoun_source_is_resolved_to_the_person_named_before(tmp_path):
    records = tmp_path / "a.jsonl"
    records.write_text('{"id": "1", "text": "Senator John McCain spoke on Monday. He said the plan would fail."}\n')
    db = open_database(tmp_path / "a.db")
    load(db, [str(records)])
    rows = list(db.query(
        "select attributions.source, attributions.source_kind, attributions.anonymous, actors.name "
        "from attributions join actors on actors.id = attributions.actor_id"))
    assert rows == [{"source": "He", "source_kind": "person", "anonymous": 0, "name": "John McCain"}]


def test_attributions_are_stored_with_offsets_into_their_sentence(tmp_path):
    records = tmp_path / "b.jsonl"
    records.write_text('{"id": "2", "text": "The deal is off, according to two senior officials."}\n')
    db = open_database(tmp_path / "b.db")
    load(db, [str(records)])
    (row,) = db.query("select sentences.text, attributions.* from attributions "
                      "join sentences on sentences.id = attributions.sentence_id")
    assert row["text"][row["cue_start"]:row["cue_end"]] == "according to"
    assert row["text"][row["source_start"]:row["source_end"]] == "two senior officials"
    assert (row["source_kind"], row["anonymous"], row["actor_id"]) == ("unnamed official", 1, None)


def test_an_existing_database_gets_the_attributions_table(tmp_path):
    path = tmp_path / "old.db"
    db = open_database(path)
    db["attributions"].drop()
    open_database(path)
    assert "attributions" in sqlite_utils.Database(path).table_names()


def test_groups_and_opinion_at_large_are_vague_and_anonymous():
    for text in ("Some Republicans said the nominee had hurt the party.",
                 "Voters in Ohio say the economy matters most.",
                 "Recent polls show the race tightening.",
                 "Most of the delegates said they would back him."):
        attribution, _, kind = main_attribution(text)
        assert (attribution, kind) == ("anonymous", "vague"), text


def test_a_proper_name_alone_is_named_but_a_peoples_name_is_opinion_at_large():
    # The head read "The Dodgers" (a team) and "Canalys" (a research firm) as vague.
    assert main_attribution("The Dodgers, meanwhile, came away from their Friday morning conversation "
                            "believing they were in good standing.")[0] == "named"
    assert main_attribution("Canalys worries that only a fraction will end up in landfills.")[0] == "named"
    for text in ("Democrats said the deal was done.", "House Republicans said the deal was done."):
        assert main_attribution(text)[::2] == ("anonymous", "vague"), text


def test_a_party_owned_by_someone_is_its_members_and_a_party_by_name_is_on_the_record():
    assert main_attribution("Mr. Trump's party says the tax cut will pay for itself.") == (
        "anonymous", "Mr. Trump's party", "vague")
    assert main_attribution("His own party has warned that the plan is doomed.") == (
        "anonymous", "His own party", "vague")
    assert main_attribution("The Republican Party said the vote was fair.") == (
        "named", "The Republican Party", "organisation")


def test_a_group_worried_or_adamant_that_something_is_so_is_a_vague_source():
    assert main_attribution("But loyalists were adamant that he has no plans to run.") == (
        "anonymous", "loyalists", "vague")
    assert main_attribution("Some Clinton backers are concerned that momentum could carry him.") == (
        "anonymous", "Some Clinton backers", "vague")
    # no clause, no claim: a state of the group, and an impersonal "it is clear"
    assert main_attribution("The delegates in attendance were unanimous in their condemnation.") == (
        "none", None, None)
    assert main_attribution("It is clear that the plan failed.") == ("none", None, None)


def test_made_clear_is_a_cue_and_made_alone_is_not():
    assert main_attribution("Party officials made clear on Monday that they have no plans to spend money.") == (
        "anonymous", "Party officials", "unnamed official")
    assert main_attribution("The senator has made it clear she will not back the bill.")[:2] == (
        "named", "The senator")
    assert main_attribution("She made a decision to leave the firm.") == ("none", None, None)
    assert main_attribution("He made a name for himself in real estate.") == ("none", None, None)


def test_identified_documents_are_named_documents():
    for text in ("FBI records show the agency interviewed him twice.",
                 "The indictment says the aide lied to investigators.",
                 "A CNN/ORC poll released on Sunday shows Clinton ahead."):
        attribution, _, kind = main_attribution(text)
        assert (attribution, kind) == ("named", "document"), text
    # a record nobody identifies is opinion at large, as "polls show" is: so the parse
    # reads it (the rules' reading, which the source-kind head weighs), and so the head judges it
    for text, source, reading in (
            ("A new national poll suggests that the former mayor may have been right.", "A new national poll",
             "vague"),
            ("One study found that the plan would cut costs by a third.", "One study", "vague"),
            ("A new CNN/ORC poll shows Clinton ahead in Ohio.", "A new CNN/ORC poll", "document")):
        (span,) = [doc[:] for doc in nlp.parse([text])]
        assert rule_kind(span, 0, len(source)) == reading, text
        attribution, _, kind = main_attribution(text)
        assert (attribution, kind) == ("anonymous" if reading == "vague" else "named", reading), text


def test_first_and_second_person_sources_are_never_an_organisation():
    for text in ('"You have to fight for it," you said at the rally.',
                 "We believe the deal is dead, the company's chief executive wrote.",
                 '"I think it is over," I said.'):
        (sentence,) = analyze_text(text)
        assert all(a["source_kind"] != "organisation" for a in sentence["attributions"]), text


def test_a_pronoun_source_is_the_last_speaker_or_subject_of_its_gender():
    sentences = analyze_text(
        "Sen. Elizabeth Warren questioned Mary Jo White on Tuesday. "
        'She said that White "has refused to act." '
        "Ms. Clinton met Mr. Trump before the debate. "
        "He said the race was rigged.")
    actors = [[a["actor"] for a in s["attributions"]] for s in sentences]
    assert actors[1] == [("Elizabeth Warren", "person")]
    assert actors[3] == [("Trump", "person")]


def test_the_speaker_is_whom_the_source_phrase_heads_not_whom_it_belongs_to():
    sentences = analyze_text(
        "Clinton campaign spokesman Brian Fallon said the emails were not classified. "
        "Kasich's chief strategist John Weaver says the governor will stay in the race. "
        "Donald Trump's Republican Party says it will back the plan. "
        "Trump's campaign said the poll was rigged.")
    assert [s["attributions"][0]["speaker"] for s in sentences] == [
        "Brian Fallon", "John Weaver", "Republican Party", "Donald Trump"]


def test_a_clause_parsed_as_a_modifier_is_no_part_of_a_source_and_he_then_means_the_verbs_speaker():
    # spaCy makes "rubbished" a modifier of "Trump" and "claim" the root: the owner
    # of the claim is Trump alone, and the next "he" is Biden, who spoke.
    first, second = analyze_text(
        "Repeating from his much-praised speech at the Democratic National Convention last week, "
        "Biden rubbished Trump’s claim to understand the middle class. “He does not get it,” he said.")
    assert sorted((a["cue"], a["source"], a["speaker"]) for a in first["attributions"]) == [
        ("claim", "Trump’s", "Trump"), ("rubbished", "Biden", "Biden")]
    assert [(a["source"], a["speaker"]) for a in second["attributions"]] == [("he", "Biden")]


def test_it_and_they_never_point_back_to_one_person():
    # the paper, the agency, the voters: not the governor again
    for text in ("Gov. Rick Scott said the storm had passed. They said the roads would reopen on Monday.",
                 "Sen. Marco Rubio said the report was wrong. It said the program had cost $2 billion."):
        speaker, pronoun = (s["attributions"][0] for s in analyze_text(text))
        assert speaker["source_kind"] == "person", text
        assert (pronoun["source_kind"], pronoun["actor"], pronoun["speaker"])[1:] == (None, None), text
        assert pronoun["source_kind"] != "person", text


def test_a_person_named_inside_a_quotation_is_not_the_she_who_says_it():
    sentences = analyze_text(
        "The singer Laura Price told reporters on Monday that the tour would go ahead. "
        '"I think Martin would want us to keep playing, because he loved this band," she said.')
    assert [(a["source"], a["speaker"]) for a in sentences[1]["attributions"]] == [("she", "Laura Price")]


def test_a_quotation_going_on_from_its_speaker_keeps_him_the_he_after_it():
    sentences = analyze_text(
        '"We are almost there," Mr. Karl Weber said. "More is changing than Putin ever imagined." '
        "The danger he sees is the rise of new parties, he said.")
    assert [a["speaker"] for a in sentences[-1]["attributions"]] == ["Karl Weber"] * len(
        sentences[-1]["attributions"])
    assert sentences[-1]["attributions"]


def test_a_subject_she_keeps_her_the_one_a_later_she_means():
    sentences = analyze_text(
        "Actress Julia Moreno said on Monday that she would not vote in November. "
        "She later left the studio with Hillary Clinton's former aides. "
        '"Some people feel Ted Cruz will change things," she said.')
    assert [(a["source"], a["speaker"]) for a in sentences[2]["attributions"]] == [("she", "Julia Moreno")]


def test_a_pronoun_after_another_person_named_gives_the_subject_no_gender():
    # each "she" after Clinton is named is hers: it says nothing of Sanders, whom
    # the article has called "he"
    sentences = analyze_text(
        "Bernie Sanders said he would stay in the race. "
        "Bernie Sanders challenged Clinton on trade, and she hit back. "
        "Bernie Sanders debated Clinton in Ohio, where she won the unions. "
        "Bernie Sanders met Clinton in Ohio. "
        "She said the trade deal would cost jobs.")
    assert [a["speaker"] for a in sentences[4]["attributions"]] == ["Clinton"]


def test_it_after_an_organisation_the_sentence_makes_its_subject_is_that_organisation():
    (sentence,) = analyze_text("Although the International Monetary Fund did not name Trump, it warned of "
                               "political tensions in advanced economies.")
    (warned,) = [a for a in sentence["attributions"] if a["source"] == "it"]
    assert (warned["speaker"], warned["actor"], warned["source_kind"], warned["anonymous"]) == (
        "International Monetary Fund", ("International Monetary Fund", "organization"), "organisation", 0)


def test_a_description_of_a_person_is_the_person_written_about_not_the_place_it_names():
    sentences = analyze_text(
        "Gov. Maria Lopez toured the flooded towns on Monday. "
        '"We are ready for the next storm," the Texas governor said in a statement. '
        '"The roads will reopen soon," she said.')
    assert [(a["source"], a["speaker"], a["actor"]) for s in sentences[1:] for a in s["attributions"]] == [
        ("the Texas governor", "Maria Lopez", ("Maria Lopez", "person")),
        ("she", "Maria Lopez", ("Maria Lopez", "person"))]
    # "the other man" is someone else: no one the article has named
    (_, other) = analyze_text("Mr. Tom Reed spoke first. The other man, a farmer, said the plan was wrong.")
    assert [(a["source"], a["speaker"]) for a in other["attributions"]] == [("The other man", None)]


def test_a_body_described_after_a_person_speaks_is_that_body_not_the_person_again():
    for text, person in (("Gov. Rick Scott said the storm had passed. The agency said the roads would reopen.",
                          "Rick Scott"),
                         ("Ms. Clinton said the race was close. The campaign said she would travel to Ohio.",
                          "Clinton")):
        first, second = analyze_text(text)
        assert [a["speaker"] for a in first["attributions"]] == [person]
        assert [(a["source_kind"], a["anonymous"], a["speaker"]) for a in second["attributions"]] == [
            ("organisation", 0, None)], text


def test_the_agency_is_the_agency_the_article_named_before():
    sentences = analyze_text("The Environmental Protection Agency proposed new limits on Monday. "
                             "Gov. Rick Scott said the limits were too strict. "
                             "The agency said the rules would save lives.")
    assert [(a["source"], a["speaker"], a["actor"]) for a in sentences[2]["attributions"]] == [
        ("The agency", "Environmental Protection Agency", ("Environmental Protection Agency", "organization"))]


def test_a_name_that_opens_the_sentence_is_its_subject_whatever_the_parse_says():
    # spaCy hangs "Trump" on "appearing" as an adverbial clause; the "he" is still his
    sentences = analyze_text(
        "Donald Trump and Hillary Clinton spoke at the forum on Wednesday. "
        "Clinton praised the raid that killed Osama bin Laden. "
        "Trump, appearing after Clinton at the CNN/ABC town hall, cited troubles in Asia, Europe and elsewhere "
        "that he blamed on the policies of President Obama and Clinton.")
    assert [a["speaker"] for a in sentences[2]["attributions"] if a["source"] == "he"] == ["Donald Trump"]


def test_a_possessive_pronoun_owning_a_noun_cue_is_resolved_like_he_or_she():
    sentences = analyze_text("Mr. Trump met Mrs. Clinton before the debate. "
                             "His comments about her record drew boos.")
    (comments,) = sentences[1]["attributions"]
    assert (comments["source"], comments["actor"], comments["speaker"]) == ("His", ("Trump", "person"), "Trump")


def test_a_surname_alone_takes_no_gender_from_the_census_first_names():
    # "Clinton" is a man's first name in the census; here it is her surname
    sentences = analyze_text("Clinton spoke in Iowa on Monday. She said the race was close.")
    (said,) = sentences[1]["attributions"]
    assert said["speaker"] == "Clinton"


def test_a_surname_alone_the_tagger_reads_as_a_word_is_the_person_named_in_full_before():
    sentences = analyze_text(
        "Amanda Price, who owns The Age Well Coach, helps people in midlife reduce their dementia risk.\n\n"
        "Price added that another important factor in preventing dementia is insulin resistance.\n\n"
        "“The worst thing our brains can do is retire,” she said.")
    said = [(a["source"], a["anonymous"], a["source_kind"], a["speaker"])
            for s in sentences[1:] for a in s["attributions"]]
    assert said == [("Price", 0, "person", "Amanda Price"), ("she", 0, "person", "Amanda Price")]


@pytest.mark.parametrize("before, after, kind, speaker", [
    # people a subject names together
    ("Pierre Gasly and Alex Albon finished outside the points.", "They said the car was slow.",
     "person", "Pierre Gasly and Alex Albon"),
    # one body the main clause has for its subject
    ("Hide.me is the only VPN to offer split tunnelling on macOS.",
     "They state on their website that it works in the client.", "organisation", "Hide.me"),
])
def test_they_right_after_people_or_a_body_named_as_a_subject_is_them(before, after, kind, speaker):
    (said,) = analyze_text(f"{before}\n\n{after}")[1]["attributions"]
    assert (said["source"], said["anonymous"], said["source_kind"], said["speaker"]) == ("They", 0, kind, speaker)


def test_being_asked_is_not_an_attribution():
    assert main_attribution("Mr. Trump bristled when asked about the tax returns.") == ("none", None, None)


def test_an_impression_of_what_someone_does_is_no_attribution_but_of_what_they_say_is():
    assert main_attribution("Ohtani seemed to be picking it up quickly.") == ("none", None, None)
    assert main_attribution("Voters seem to care more about being inspired by a candidate.") == (
        "none", None, None)
    assert main_attribution("She appeared to imply that Trump could lead to more upheaval.") == (
        "named", "She", "person")
    assert main_attribution("Cruz seemed to blame the network for its reporting.") == (
        "named", "Cruz", "person")


def test_the_writers_turns_and_states_are_no_attribution():
    assert main_attribution("That said, there are few better ways to cut scenes into wood.") == (
        "none", None, None)
    assert main_attribution("Pierre Gasly found himself stuck in the midfield.") == ("none", None, None)
    assert main_attribution("Denicola was unaware that computers existed.") == ("none", None, None)
    # a quotation's "That" before "he said" is the quotation's, and finding a fact is a claim
    assert main_attribution("\"That, unfortunately,\" he said, \"is part of the reality.\"") == (
        "named", "he", "person")
    assert main_attribution("The inquiry found that the minister himself had lied.")[0] == "named"


def test_a_demonstrative_or_an_impersonal_it_before_an_adjective_is_no_source():
    # "That", "Which" alone stand for what was said, not for anyone saying it
    assert main_attribution("That said, news organizations that fund that kind of work also rely on scale.") == (
        "none", None, None)
    assert main_attribution("That explains why Wednesday is fourth on the list.") == ("none", None, None)
    assert main_attribution("Which is all to suggest that the U.S. hasn't quite figured out who to root for.") == (
        "none", None, None)
    assert main_attribution("It’s also probable that better-funded news sites will pop up.") == (
        "none", None, None)
    # a relative "that" is its noun's; an "it" after a body may be that body
    assert main_attribution("The audit, which found the bridge unsafe, was published on Monday.") == (
        "named", "which", "document")
    company = analyze_text("The company said it was confident that sales would recover.")[0]["attributions"]
    assert [(a["source"], a["cue"], a["source_kind"]) for a in company] == [
        ("The company", "said", "organisation"), ("it", "confident", "organisation")]


def test_a_speakers_label_before_a_colon_attributes_the_sentence():
    assert main_attribution("KAINE: We are going to win Virginia, and we are going to win it big.")[:2] == (
        "named", "KAINE")
    assert main_attribution("Pat Caddell: Voters Worry About the Economy")[:2] == ("named", "Pat Caddell")
    assert main_attribution("Editor’s note: This story has been updated.") == ("none", None, None)
    assert main_attribution("Moderator: Senator, you have one minute to respond.")[:2] == ("named", "Moderator")


def test_a_field_of_a_page_and_its_value_are_no_speaker_and_what_he_says():
    # a guide's and a ranking's fields: the label names no one and its value says nothing
    for text in ("Record: 12-3", "Previous ranking: 5", "Shrine Location: Central Hyrule",
                 "Shrine Rewards: Zonai Charge and a Spirit Orb.", "Author: Jane Doe"):
        assert main_attribution(text) == ("none", None, None), text
    assert main_attribution("Poll: Clinton leads Trump by five points in Ohio.")[:2] == ("named", "Poll")


def test_a_description_of_several_people_never_points_back_to_one_person_quoted_before():
    first, experts = analyze_text("“The plan is simple,” said Mr. Kamin, a tax lawyer. "
                                  "The experts generally praised Mrs. Clinton's proposals for small businesses.")
    assert (first["source"], first["attribution"]) == ("Mr. Kamin", "named")
    assert (experts["source"], experts["attribution"], experts["source_kind"]) == ("The experts", "anonymous", "vague")
    assert experts["attributions"][0]["actor"] is None
    both, senators = analyze_text("Sen. Ann Lee and Sen. Tom Roe said the bill would pass. "
                                  "The senators also said the vote would be close.")
    assert (senators["source"], senators["attribution"], senators["source_kind"]) == ("The senators", "named", "person")


def test_not_responding_is_not_a_claim():
    assert main_attribution("A lawyer for Mills did not immediately respond to a request for comment.") == (
        "none", None, None)


def test_a_relative_pronoun_source_is_stored_as_written_and_judged_by_what_it_stands_for():
    (sentence,) = analyze_text("The mayor ignored critics who say the stadium is a waste of money, and thanked "
                               "Senator Tim Kaine, who said the stadium would pay for itself.")
    rows = {a["cue"]: a for a in sentence["attributions"]}
    assert (rows["say"]["source"], rows["say"]["anonymous"], rows["say"]["source_kind"]) == ("who", 1, "vague")
    assert rows["say"]["actor"] is None
    assert (rows["said"]["source"], rows["said"]["anonymous"], rows["said"]["actor"]) == (
        "who", 0, ("Tim Kaine", "person"))
    # "who analysts say are ...": "who" is the clause's subject, the analysts speak.
    (sentence,) = analyze_text("Workers, who analysts say are underpaid, walked out on Monday.")
    assert [(a["cue"], a["source"], a["anonymous"]) for a in sentence["attributions"]] == [("say", "analysts", 1)]


def test_shares_of_a_group_are_vague():
    attribution, _, kind = main_attribution("About two-thirds of Republican voters said they backed the ban.")
    assert (attribution, kind) == ("anonymous", "vague")


def test_an_adviser_to_a_named_person_is_not_that_person():
    attribution, _, kind = main_attribution("A longtime adviser to Trump said the campaign was broke.")
    assert attribution == "anonymous" and kind in ("unnamed official", "unnamed other")


def test_a_first_name_tells_whom_she_can_be():
    sentences = analyze_text("Donald Trump met Hillary Clinton in the second debate. She said the plan would fail.")
    assert [a["actor"] for a in sentences[1]["attributions"]] == [("Hillary Clinton", "person")]


def test_a_number_in_a_clause_hanging_from_the_object_does_not_make_an_act():
    # "who is 70" and "installing 500 million solar panels" are about something else.
    assert main_attribution("Clinton supporters have also questioned the health of Donald Trump, who is 70.") == (
        "anonymous", "Clinton supporters", "vague")
    assert main_attribution("She is proposing marquee projects like installing 500 million solar panels by 2020.") == (
        "named", "She", "person")


def test_a_preposition_marked_as_a_cue_makes_its_verb_or_noun_the_cue():
    (sentence,) = analyze_text("Clinton’s comments Tuesday on the shooting death of Crutcher came as the facts "
                               "surrounding his death are still being gathered.")
    assert (sentence["attribution"], sentence["source"], sentence["cue"]) == ("named", "Clinton’s", "comments")


def test_a_cue_found_through_its_preposition_is_not_the_main_one():
    (sentence,) = analyze_text(
        "Politifact then ruled that Trump’s statement about “thousands of shootings” in Chicago was false.")
    assert [(a["cue"], a["source"]) for a in sentence["attributions"]] == [
        ("ruled", "Politifact"), ("statement", "Trump’s")]


def test_who_cites_a_thing_is_the_source_and_a_person_cited_is():
    assert main_attribution("At Monday’s presidential debate, Clinton cited disparaging remarks Trump had made "
                            "about Machado.") == ("named", "Clinton", "person")
    assert main_attribution("Trump cited his own endorsements from 88 generals and admirals Tuesday.") == (
        "named", "Trump", "person")
    assert main_attribution("The newspaper cited unnamed individuals briefed on the letter.") == (
        "anonymous", "unnamed individuals briefed on the letter", "unnamed other")


def attributions_of(text):
    return [(s["attribution"], s["source"]) for s in analyze_text(text)]


def test_a_quotation_running_on_is_its_speakers_to_the_end_of_the_quotation():
    # A quotation left open at its paragraph's end goes on in the next, as news writes it.
    text = ('"It\'s a beautiful, beautiful day," Guardiola said. "I\'m very pleased, we won all the '
            "titles, there's nothing else to win. I have a feeling the job is done, it is over.\n\n"
            '"When I close the chapter, it\'s for eight years of incredible work behind the scenes."\n\n'
            "Arguments about the merits of the club will go on.")
    assert attributions_of(text) == [("named", "Guardiola")] * 4 + [("none", None)]


def test_a_paragraph_of_quotation_after_a_persons_reported_words_is_theirs():
    text = ("Gigi Hadid admitted in the interview that she has regrets about her career.\n\n"
            "\u201cI think my biggest failures were the times I did not stand up for myself on set.\u201d")
    assert attributions_of(text) == [("named", "Gigi Hadid")] * 2


def test_a_main_verbs_passive_claim_with_nobody_named_rests_on_nobody():
    assert main_attribution("At the end of the night, it was announced that Huntley was the winner.") == (
        "anonymous", "it was announced", "vague")
    assert main_attribution("Much has been said about the charges the boy would face in court.") == (
        "anonymous", "has been said", "vague")
    assert main_attribution("This Saturday is projected to be the second busiest shopping day of the year.") == (
        "anonymous", "is projected", "vague")


def test_a_passive_act_or_a_named_agent_is_no_unnamed_claim():
    assert main_attribution("The bridge was closed on Monday after the storm.")[0] == "none"
    assert main_attribution("He was told the team had chosen another player.")[0] == "none"
    assert main_attribution("The plan was announced by the mayor on Monday.") == ("named", "the mayor", "person")


def test_how_a_thing_seems_is_the_writers_impression_not_a_claim():
    assert main_attribution("The outline of a strategy seems clear: Mexico must make its case.")[0] == "none"
    assert main_attribution("Often, it appeared that Trump was unable to answer the attack.")[0] == "none"


def test_anyone_arguing_is_no_source_but_opinion_at_large_is():
    assert main_attribution("Yeah, one could argue the iron block adds a bunch of weight.")[0] == "none"
    assert main_attribution("Not everyone agrees that the plan will work.") == (
        "anonymous", "Not everyone", "vague")


def test_a_speaker_outside_the_quotation_is_never_words_of_it():
    # The parse took words of the quotation for the subject of "said" or "told".
    cases = {
        "''Our popularity is strong enough to put states in play: Michigan, Pennsylvania, Virginia, "
        "Florida, Ohio,'' Mr. Trump said.": "Mr. Trump",
        "“We were tremendously wrong to not have confronted him from the beginning,” Ramos, 58, "
        "told AFP in an interview in Mexico City on Monday.": "Ramos",
        "''Both when she was secretary of state and since, she has had a sense of focusing not just on "
        "the cost of action, but the cost of inaction,'' said Dennis B. Ross, a former senior adviser.":
            "Dennis B. Ross",
        "Here’s Clinton in December 1992: “Our new direction must rest on an understanding of the new "
        "realities of global competition.”": "Clinton",
    }
    for text, speaker in cases.items():
        (sentence,) = analyze_text(text)
        assert sentence["source"] == speaker, text
    # A participle with no speaker beside it goes on from its clause's ("..., telling the crowd").
    (sentence,) = analyze_text("Clinton seemed ready to riff on the incident in Iowa, telling the crowd, "
                               "“Some people get a little carried away, have you noticed that?”")
    assert "Some people" not in {a["source"] for a in sentence["attributions"]}
    # "according to" a quoted title: the title is the source.
    (sentence,) = analyze_text("According to ''The Trumps: Three Generations That Built an Empire,'' by Gwenda "
                               "Blair, Donald told his roommate that he would run the business.")
    assert sentence["attributions"][0]["source"].startswith("The Trumps")


def test_of_two_subjects_the_parse_gives_a_verb_the_one_right_before_it_speaks():
    # A dateline or a fronted phrase taken for a second subject.
    for text, speaker in (
            ("LONDON (Reuters) - Donald Trump said he was unlikely to have a good relationship with David "
             "Cameron.", "Donald Trump"),
            ("His promises to stick it to the rich notwithstanding, independent analyses agree the top 1 percent "
             "would be the biggest beneficiaries of his plans.", "independent analyses")):
        (sentence,) = analyze_text(text)
        assert sentence["source"] == speaker, text


def test_whom_a_verb_convinces_holds_the_belief():
    (sentence,) = analyze_text("That has convinced some activists that they can gain traction against Trump.")
    assert (sentence["attribution"], sentence["source"], sentence["cue"]) == (
        "anonymous", "some activists", "convinced")


def test_a_share_of_people_and_their_opinion_is_opinion_at_large():
    for text, source in (("Thirty-nine percent of all Americans viewed him favorably in the mid-January poll.",
                          "Thirty-nine percent of all Americans"),
                         ("Forty-one percent would choose Sanders to be the next president.", "Forty-one percent"),
                         ("Most voters favor stricter gun laws.", "Most voters")):
        (sentence,) = analyze_text(text)
        assert (sentence["attribution"], sentence["source"], sentence["source_kind"]) == (
            "anonymous", source, "vague"), text
    # Choosing to do something is an act.
    assert analyze_text("Two of the voters chose to stay home after the loss.")[0]["attribution"] == "none"


def test_a_hyphened_name_or_a_long_list_of_speakers_is_kept_whole():
    for text, speaker in (
            ("The pay and benefits are all good, Ms. Shanklin-Hawkins said.", "Ms. Shanklin-Hawkins"),
            ("Los Angeles-based attorney Edgar Martirosyan said the ruling was fair.",
             "Los Angeles-based attorney Edgar Martirosyan"),
            ("Instead, Matthews, MSNBC’s Alex Seitz-Wald and Reuters’ Luciana Lopez argued that the plan "
             "grows out of naivete.", "MSNBC’s Alex Seitz-Wald and Reuters’ Luciana Lopez")):
        (sentence,) = analyze_text(text)
        assert sentence["source"] == speaker, text


def test_a_label_a_page_opens_several_sentences_with_is_its_field_unless_it_names_someone_of_the_article():
    from datasette_attribution.analyze import analyze_article
    from datasette_attribution.records import Article, Paragraph

    def attributed(paragraphs):
        analysis = analyze_article(Article(source="page", paragraphs=[Paragraph(p) for p in paragraphs]))
        return [(s["text"], s["attribution"], s["source"]) for s in analysis.sentences if s["attribution"] != "none"]

    guide = []
    for shrine in ("Kisinona", "En-oma", "Kamatukis"):
        guide += [f"{shrine} Shrine", f"Shrine Location: {shrine} Shrine is located in the Eldin Canyon region.",
                  "Shrine Rewards: Tap to Reveal", "Shrine Challenge: Tap to Reveal"]
    for boxer in ("Jones", "Smith", "Lee"):
        guide += [f"{boxer} won again on Saturday.", "Record: 26-3-1, 19 KOs"]
    assert attributed(guide) == []
    transcript = ["Donald Trump and Tim Kaine took questions on Monday.", "Trump: We will win this state.",
                  "KAINE: We are going to win Virginia.", "Trump: They are wrong about trade.",
                  "KAINE: That is not true.", "Trump: We will see."]
    assert [(source, attribution) for _, attribution, source in attributed(transcript)] == [
        ("Trump", "named"), ("KAINE", "named"), ("Trump", "named"), ("KAINE", "named"), ("Trump", "named")]


def test_a_thing_that_can_name_no_one_is_no_source_but_a_record_that_speaks_is():
    """A source headed by a noun that names no one, no body and nothing written is a
    thing doing something, not a claim resting on someone; a record still says."""
    for text in ("As the light dims after 5pm, bright floodlights flash on, extending the day's joy.",
                 "When a match starts, the game randomly assigns your team a name like \"The Retros\".",
                 "But the population's growing enthusiasm for being beside the seaside also points to "
                 "the changing relationship between state and society."):
        assert main_attribution(text)[0] == "none", text
    assert main_attribution("Six million American jobs also depend on exports to Mexico, one slide says.")[:2] == (
        "anonymous", "one slide")
    assert main_attribution("A judge warned that someone could have died because of the hoax calls.")[:2] == (
        "anonymous", "A judge")
    (_, said) = analyze_text("The National Weather Service issued its outlook on Monday.\n"
                             "\u201cThe best chance for a white Christmas is in Alaska,\u201d the service wrote.")
    assert (said["attribution"], said["source"]) == ("named", "the service")
