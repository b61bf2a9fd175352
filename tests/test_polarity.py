"""Our sentence polarity is TextBlob's PatternAnalyzer, number for number."""

import pytest
from textblob.en.sentiments import PatternAnalyzer

from datasette_attribution.scorers.sentiment import polarity

SENTENCES = [
    "The talks were a great success, officials said.",
    "It was not a good day for the administration.",
    "The minister said the deal was really not good enough.",
    "Critics called the plan terribly flawed and deeply unfair!",
    "He isn't happy, and she's very, very angry!!",
    "U.S. officials, e.g. Mr. Smith, were \u201cextremely pleased\u201d with the result.",
    "The report (published in 2018) was described as \u2018remarkably honest\u2019.",
    "A so-called 'historic' agreement... it's hardly that.",
    "Never a dull moment: the senator's speech was brilliant :)",
    "This is (!) the best plan ever.",
    "The first line.\n\nThe second, better line.",
    "Prices rose 3.5% to $1,200 - the highest in a decade.",
    "",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_scores_equal_textblobs(sentence):
    expected = PatternAnalyzer().analyze(sentence)
    assert polarity.polarity_subjectivity(sentence) == (expected.polarity, expected.subjectivity)


def test_the_lexicon_is_textblobs_once_loaded():
    from textblob.en import sentiment

    sentiment("warm up")  # TextBlob loads its lexicon lazily
    def as_tuples(table):
        return {w: {p: tuple(v) for p, v in senses.items()} for w, senses in table.items()}
    assert as_tuples(polarity.lexicon()) == as_tuples(dict.copy(sentiment))
    assert polarity.lexicon()["terribly"]["RB"] == tuple(polarity.lexicon()["terrible"]["JJ"])
