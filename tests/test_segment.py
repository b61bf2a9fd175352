"""Sentences: abbreviations, quotations, and offsets back into the stored body."""

from hypothesis import given, settings
from hypothesis import strategies as st

from datasette_attribution.records import Article, Paragraph
from datasette_attribution.text.segment import segment_article, sentence_spans


def sentences_of(text):
    return [text[start:end] for start, end in sentence_spans(text)]


def test_abbreviations_do_not_end_sentences():
    text = ("Mr Obama met U.S. officials before the Nov. 24 deadline. "
            "Talks resume in Vienna.")
    assert sentences_of(text) == [
        "Mr Obama met U.S. officials before the Nov. 24 deadline.",
        "Talks resume in Vienna.",
    ]


def test_a_party_and_state_tag_does_not_end_a_sentence_and_a_sentence_ending_in_initials_does():
    text = ("George Santos, R-N.Y., was expelled by his colleagues.\n\nSen. Robert Menendez, D-N.J., has so far "
            "refused to resign. He lives in Washington, D.C. The city is big.")
    assert sentences_of(text) == [
        "George Santos, R-N.Y., was expelled by his colleagues.",
        "Sen. Robert Menendez, D-N.J., has so far refused to resign.",
        "He lives in Washington, D.C.", "The city is big.",
    ]


def test_sentences_ending_inside_quotation_marks():
    text = ('"The United States will not co-operate militarily with Iran in that effort," '
            'White House spokesperson Josh Earnest said. "We won\'t share intelligence with them."')
    assert sentences_of(text) == [
        '"The United States will not co-operate militarily with Iran in that effort," '
        "White House spokesperson Josh Earnest said.",
        '"We won\'t share intelligence with them."',
    ]



def test_a_quotation_that_runs_on_past_its_paragraph_opens_its_own_sentence():
    # News style leaves the closing mark off where a quotation goes on in the next
    # paragraph; the segmenter put its opening mark at the end of the sentence before.
    text = ("\"I would not buy it yet,\" said a shopper at the launch. \"The price is too high. "
            "It was beautiful,\u201d Guardiola said. \u201cWe will not go back.")
    assert sentences_of(text) == [
        "\"I would not buy it yet,\" said a shopper at the launch.",
        "\"The price is too high.",
        "It was beautiful,\u201d Guardiola said.",
        "\u201cWe will not go back.",
    ]

def test_offsets_point_into_the_body_and_headings_are_not_sentences():
    article = Article(source="t", paragraphs=[
        Paragraph("Officials met on Monday. They talked."),
        Paragraph("Regional partners", "heading"),
        Paragraph("Iran is not part of the coalition."),
    ])
    sentences = segment_article(article)
    assert [s["text"] for s in sentences] == [
        "Officials met on Monday.", "They talked.", "Iran is not part of the coalition."]
    assert [s["paragraph"] for s in sentences] == [0, 0, 2]
    assert all(article.body[s["start"]:s["end"]] == s["text"] for s in sentences)


HONORIFICS = ["Mr.", "Ms.", "Mrs.", "Dr.", "Sen.", "Gov.", "Rep.", "Gen."]
SURNAMES = ["Abedin", "Batchelder", "Cruz", "Kaine", "Flynn", "White", "Ng", "O'Neill"]
PLAIN_WORDS = ["the", "email", "belonging", "to", "said", "a", "top", "aide", "met", "with",
               "officials", "on", "Monday", "and", "wrote", "that", "it", "was", "over"]
ENDINGS = ["today", "the aide", "on Monday", "it was over", "officials"]
titled_name = st.tuples(st.sampled_from(HONORIFICS), st.sampled_from(SURNAMES)).map(" ".join)
sentence = st.tuples(
    st.one_of(titled_name, st.sampled_from(["The aide", "Officials", "It"])),
    st.lists(st.one_of(st.sampled_from(PLAIN_WORDS), titled_name), max_size=12),
    st.one_of(titled_name, st.sampled_from(ENDINGS)),
).map(lambda parts: " ".join([parts[0], *parts[1], parts[2]]) + ".")


@given(st.lists(sentence, min_size=1, max_size=6))
@settings(max_examples=300, deadline=None)
def test_a_sentence_never_ends_after_an_honorific(sentences):
    text = " ".join(sentences)
    found = sentences_of(text)
    assert not any(piece.endswith(tuple(" " + h for h in HONORIFICS)) or piece in HONORIFICS
                   for piece in found)
    assert found == sentences


def test_a_title_inside_a_sentence_stays_with_its_name():
    text = "The emails belonged to Ms. Abedin, a top aide. Sen. Tim Kaine said so."
    assert sentences_of(text) == ["The emails belonged to Ms. Abedin, a top aide.",
                                  "Sen. Tim Kaine said so."]
    # "Fort" and "Mount" before a place, and ranks before a name, are no full stop.
    assert sentences_of("The rally in Ft. Worth drew thousands. Maj. Gen. Lee spoke at Mt. Vernon on Monday.") == [
        "The rally in Ft. Worth drew thousands.", "Maj. Gen. Lee spoke at Mt. Vernon on Monday."]
