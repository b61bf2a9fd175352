"""Sentences: abbreviations, quotations, and offsets back into the stored body."""

from datasette_attribution.model import Article, Paragraph
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


def test_sentences_ending_inside_quotation_marks():
    text = ('"The United States will not co-operate militarily with Iran in that effort," '
            'White House spokesperson Josh Earnest said. "We won\'t share intelligence with them."')
    assert sentences_of(text) == [
        '"The United States will not co-operate militarily with Iran in that effort," '
        "White House spokesperson Josh Earnest said.",
        '"We won\'t share intelligence with them."',
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
