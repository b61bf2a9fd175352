"""Attribution: named or anonymous sources of claims, and the speakers of quotes."""

import pytest
from helpers import INDEPENDENT_SEED, NEWS24_SEED, page_article, parsed

from datasette_attribution.analyze import analyze_article
from datasette_attribution.pipeline import to_article
from datasette_attribution.records import RawDocument
from datasette_attribution.scorers.sourcing import attribute as attribute_span


def attribute(text, previous=None):
    return attribute_span(parsed(text), previous)


def label(text, previous=None):
    return attribute(text, previous)["attribution"]


@pytest.mark.parametrize("sentence", [
    "Administration officials said there were no plans to co-operate.",
    "A senior official said the decision had been taken.",
    "Two people familiar with the matter said the firm was for sale.",
    "Sources close to the minister said she would resign.",
    "One person briefed on the talks said a deal was near.",
    "The report was delayed, an official who was not authorised to speak publicly said.",
    "The minister has resigned, according to reports.",
    "Critics say the law is unworkable.",
    "It is widely believed that the deal will collapse.",
    "The singer is said to be furious.",
    "US officials have not ruled out further sanctions.",
    "US officials believe the leader has the final say.",
    # pointing fingers is blaming, not aiming
    "Democrats point their fingers at the donors who fund the party.",
])
def test_unnamed_and_vague_sources_are_anonymous(sentence):
    assert label(sentence) == "anonymous"


@pytest.mark.parametrize("sentence", [
    "Police said the road was closed.",
    "The European Commission said in a statement that it would investigate.",
    "The Associated Press reported that 12 people died.",
    "According to court documents, the firm owed $3m.",
    "The Obama administration has repeatedly insisted it is not co-ordinating with Iran.",
    '"We will not co-operate," White House spokesperson Josh Earnest said.',
    "The newspaper backs the plan.",
    # what one calls a thing, or calls for; what one points out, or points to
    "Trump called the deal a disaster.",
    "Bill Clinton calls Obamacare \u2018crazy system\u2019 during campaign stop.",
    "Donald Trump Is Now Calling Obama The \u2018Most Valuable Player\u2019 For ISIS.",
    "Sanders called for a recount in Michigan.",
    "Clinton pointed to the polls as proof that she would win.",
])
def test_identified_sources_are_named(sentence):
    assert label(sentence) == "named"


@pytest.mark.parametrize("sentence", [
    "Obama authorised an air campaign against the militants.",
    "Officials declined to comment.",
    "Rain is expected to spread from the west.",
    "The United States and Iran broke off relations in 1979.",
    # a reporting verb with an object and no clause is an act
    "Graham later shared a picture of him in front of a Chick-fil-A restaurant in midtown Manhattan.",
    "The bill passed the Senate by 52 votes to 48.",
    "Streacom has gone the extra mile and added an optional rail system.",
    # what the subject set out to do, an infinitive after it: no claim
    "The actress, who shot to fame in 1999, decided to check in last week.",
    "As a girl she learned to cook, sew and study hard at a community centre.",
    # a summons and an aim, not "called it a mistake" or "pointed out that"
    "The defense did not call any witnesses, and she called police from her car.",
    "She pointed the gun at two unarmed security guards.",
    # a record's entry in the passive, resting on nobody
    "The business at the scene of the shooting is listed as Tallgrass Distribution Ltd., a supplier.",
])
def test_actions_and_refusals_are_not_attributions(sentence):
    assert label(sentence) == "none"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Diplomatic sources confirmed the existence of the letter.", "anonymous"),  # a claim-object verb
    ("Clinton supporters have also questioned the health of Donald Trump, who is 70.", "anonymous"),
    ("Birchers viewed communists as terrorists and despised them.", "anonymous"),  # a view of the object
    ("He offered no proof that Clinton had a role in Machado's citizenship.", "named"),  # its own clause
    ("Polls show a close contest in the state.", "anonymous"),  # a text reports it
    ("The newspaper has also detailed foundation spending that personally benefited Trump.", "named"),
])
def test_a_verb_and_its_object_attribute_when_the_object_carries_the_claim(sentence, expected):
    assert label(sentence) == expected


def test_a_pronoun_inherits_its_antecedents_anonymity():
    previous = attribute("Diplomatic sources confirmed the letter to the AP.")
    follow_up = attribute("They did so on the condition of anonymity.", previous)
    assert (follow_up["attribution"], follow_up["source"]) == ("anonymous", "Diplomatic sources")


def test_source_words_and_kinds():
    assert attribute("White House spokesperson Josh Earnest said it was over.")[
        "source_kind"] == "person"
    result = attribute("The newspaper cited unnamed individuals briefed on the letter.")
    assert (result["source"], result["source_kind"]) == ("unnamed individuals briefed on the letter", "unnamed other")


def test_the_seeds_have_nine_anonymous_attributions():
    anonymous = []
    for path in (NEWS24_SEED, INDEPENDENT_SEED):
        analysis = analyze_article(page_article(path))
        anonymous += [s["text"][:40] for s in analysis.sentences if s["attribution"] == "anonymous"]
    assert anonymous == [
        "Washington - In a rare outreach to Iran'",
        "However, while not confirming nor denyin",
        "Diplomatic sources separately confirmed ",
        "They did so on the condition of anonymit",
        "US officials have not ruled out the poss",
        "Despite Rouhani's standing as president,",
        "Barack Obama secretly wrote to Iran’s Su",
        "The newspaper cited unnamed individuals ",
        "It is also being seen by commentators in",
    ]


def test_quotes_have_their_speakers_resolved_to_names():
    analysis = analyze_article(page_article(NEWS24_SEED))
    assert [(q["speaker"], q["text"][:30]) for q in analysis.quotes] == [
        ("Josh Earnest", "The United States will not co-"),
        ("Josh Earnest", "We won't share intelligence wi"),
        ("John McCain and Lindsey Graham", "outrageous"),
        ("John McCain and Lindsey Graham", "The consequences of this ill-c"),
        ("Obama", "open question."),
    ]
    assert analysis.summary["anonymous_share"] == round(6 / 15, 4)


def test_a_quote_continued_in_the_next_paragraph_is_one_quote():
    from datasette_attribution.records import Article, Paragraph

    article = Article(source="t", paragraphs=[
        Paragraph("“We will rebuild,” the mayor, Ann Hughes, said. “It will take years."),
        Paragraph("“But we will do it together.”"),
        Paragraph("The council meets on Monday."),
    ])
    quotes = analyze_article(article).quotes
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("We will rebuild,", "Ann Hughes"),
        ("It will take years. But we will do it together.", "Ann Hughes"),
    ]


def test_typewriter_quotation_marks_make_quotes_with_their_speaker():
    from datasette_attribution.records import Article, Paragraph

    article = Article(source="t", paragraphs=[
        Paragraph("''I wouldn't object,'' Ms. Batchelder said of the plan. ``We have waited long enough.''"),
        Paragraph("The council votes on Monday."),
    ])
    analysis = analyze_article(article)
    assert [s["text"] for s in analysis.sentences][:2] == [
        "''I wouldn't object,'' Ms. Batchelder said of the plan.", "``We have waited long enough.''"]
    assert [(q["text"], q["speaker"]) for q in analysis.quotes] == [
        ("I wouldn't object,", "Ms. Batchelder"), ("We have waited long enough.", "Ms. Batchelder")]
    assert [s["is_quote"] for s in analysis.sentences] == [1, 1, 0]


def test_a_quotation_opened_straight_and_closed_curly_ends_at_its_closing_mark():
    from datasette_attribution.records import Article, Paragraph

    article = Article(source="t", paragraphs=[
        Paragraph("Mills sorted Clinton\u2019s \"work-related\u201d emails from her \"personal messages.\u201d "
                  "The work messages were made public, while the personal ones were deleted."),
    ])
    analysis = analyze_article(article)
    assert [q["text"] for q in analysis.quotes] == ["work-related", "personal messages."]
    assert [s["is_quote"] for s in analysis.sentences] == [1, 0]


@pytest.mark.parametrize(("sentence", "expected"), [
    # A sentence that closes a quotation opened in the sentence before it: the
    # speaker after the closing mark stands outside the quotation.
    ('We acted in self-defence," said the navy chief.', ("named", "the navy chief", "said")),
    ("The boats broke off their attack,\u201d said an officer.", ("anonymous", "an officer", "said")),
    ('They should keep to the ceasefire, " he told reporters in Bentiu.', ("named", "he", "told")),
    # A mark opening the sentence opens, whatever its shape.
    ("\u201d \u2026 in Wyoming, the Cruz train has already left the station,\u201d wrote Time magazine.",
     ("named", "Time magazine", "wrote")),
    # An inch mark is no quotation's end.
    ('Trump is 6\'3" tall, his doctor wrote in the letter.', ("named", "his doctor", "wrote")),
])
def test_a_sentence_closing_a_quotation_opened_before_it_has_the_speaker_after_the_mark(sentence, expected):
    found = attribute(sentence)
    assert (found["attribution"], found["source"], found["cue"]) == expected


def test_a_quotation_in_a_headline_is_a_quote():
    from datasette_attribution.records import Article, Paragraph

    article = Article(source="t", paragraphs=[Paragraph("Pence Says Trump Was ‘Mocking’ the Clinton Camp")])
    assert [q["text"] for q in analyze_article(article).quotes] == ["Mocking"]


def test_the_writers_own_voice_and_the_reader_addressed_are_no_source():
    # After an unnamed shopper's quotation, the reviewer's "I think" and "We found"
    # were taken as pointing back to her; "you" the reader was a source.
    text = ("A quieter laptop, tried for a week\n\n"
            "\"I would not buy it yet,\" said a shopper at the launch, who declined to give her name. "
            "\"The price is too high.\n\n\"I expect it to fall by spring.\"\n\n"
            "I think the price is fair for what it does. "
            "We found that the battery lasts eleven hours on a charge.\n\n"
            "If you stepped outside with it on Friday, you definitely noticed the screen was hard to read.\n")
    analysis = analyze_article(to_article(RawDocument("review.txt", "review.txt", "text", text), {}))
    assert [(s["attribution"], s["source"], s["source_kind"]) for s in analysis.sentences] == [
        ("anonymous", "a shopper at the launch", "unnamed other"),
        ("anonymous", "a shopper at the launch", "unnamed other"),  # the quotation goes on
        ("anonymous", "a shopper at the launch", "unnamed other"),  # "I" inside it is still hers
        ("none", None, None),
        ("none", None, None),
        ("none", None, None),
    ]


@pytest.mark.parametrize("sentence", [
    "This post isn't to dismiss the new model.",
    "This column argues that the council has failed the city.",
    "It's hard to believe that the show is almost 20 years old.",
    "It is fair to say that the season went badly.",
    "I thought I would share my thoughts about it.",
    "In my view, the council has failed the city.",
])
def test_the_writers_own_piece_and_an_impersonal_it_are_no_source(sentence):
    assert attribute(sentence)["attributions"] == []


def cues_and_sources(text):
    return [(a["cue"], a["source"]) for a in attribute(text)["attributions"]]


def test_one_claim_is_one_attribution_with_a_cue_of_its_own_words():
    # "continued" and the colon after it were two attributions of one claim; a
    # verb's cue ran on to the "according" at the end of its clause.
    assert cues_and_sources('Limbaugh continued: "The media will never tell you this."') == [
        ("continued", "Limbaugh")]
    # An infinitive after a noun is the act of whoever has the chance, not the noun's.
    assert cues_and_sources("Trump never missed an opportunity to remind the audience that he had opposed "
                            "the war.") == [("remind", "Trump")]
    assert cues_and_sources("Bloomberg reports that the Republican nominee has won among voters making "
                            "$100,000 or more, according to exit polls.") == [
        ("according to", "exit polls"), ("reports", "Bloomberg")]


def test_a_cue_without_a_subject_speaks_for_the_source_before_it_in_the_sentence():
    # "asking" had no source of its own and took the speaker of the sentence before.
    text = ("\u201cPromise mama you\u2019ll keep your hands in sight,\u201d Blige sings to Clinton before asking "
            "her, \u201cwhere do we go from here?\u201d")
    previous = attribute("Clinton said the campaign was going well.")
    found = attribute(text, previous)["attributions"]
    assert [(a["cue"], a["source"], a["source_start"]) for a in found] == [
        ("sings", "Blige", 48), ("asking", "Blige", 48)]


def test_a_quotation_is_spoken_by_the_aside_after_it_not_a_name_before_its_colon():
    from datasette_attribution.records import Article, Paragraph

    article = Article(source="t", paragraphs=[
        Paragraph("The flight attendants' union endorsed Hillary Clinton on Thursday."),
        Paragraph("The statement referenced the impact it said Clinton would have on women in the workplace: "
                  "\u201cParallel to our union's progress, Secretary Clinton's fight has been long,\u201d "
                  "the union wrote."),
    ])
    assert [(q["text"], q["speaker"]) for q in analyze_article(article).quotes] == [
        ("Parallel to our union's progress, Secretary Clinton's fight has been long,", "the union")]
