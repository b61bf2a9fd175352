"""The records that cross from the scorers to the store and the API are declared
(records.py): every field the built-in scorers set on real articles is one of them,
and what lives only while scoring never leaves it."""

from typing import get_type_hints

import pytest

from datasette_attribution import analyze_text
from datasette_attribution.analyze import analyze_article
from datasette_attribution.records import (
    SCORING_ONLY_FIELDS,
    ArticleSummary,
    AttributionRecord,
    HedgeCueRecord,
    MentionRecord,
    QuoteRecord,
    SentenceRecord,
)
from helpers import INDEPENDENT_SEED, NEWS24_SEED, page_article


@pytest.fixture(scope="module")
def analyses():
    return [analyze_article(page_article(seed)) for seed in (NEWS24_SEED, INDEPENDENT_SEED)]


def fields(record_type) -> set[str]:
    return set(get_type_hints(record_type))


def test_every_field_the_scorers_set_is_declared(analyses):
    sentences = [s for analysis in analyses for s in analysis.sentences]
    assert len(sentences) == 43
    assert set().union(*sentences) <= fields(SentenceRecord)
    mentions = [m for s in sentences for m in s["mentions"]]
    assert len(mentions) == 115 and set().union(*mentions) <= fields(MentionRecord)
    attributions = [a for s in sentences for a in s["attributions"]]
    # ("officials from both countries discussed the issue" is an act, not an attribution)
    assert len(attributions) == 24 and set().union(*attributions) <= fields(AttributionRecord)
    cues = [c for s in sentences for c in s["hedge_cues"]]
    assert cues and set().union(*cues) <= fields(HedgeCueRecord)
    quotes = [q for analysis in analyses for q in analysis.quotes]
    assert len(quotes) == 6 and all(set(q) == fields(QuoteRecord) for q in quotes)
    assert all(set(analysis.summary) == fields(ArticleSummary) for analysis in analyses)


def test_the_fields_every_sentence_has_once_all_built_in_scorers_ran(analyses):
    every = set.intersection(*(set(s) for analysis in analyses for s in analysis.sentences))
    assert every == fields(SentenceRecord) - {"span", "encoding"}


def test_what_lives_only_while_scoring_never_leaves_it(analyses):
    assert SCORING_ONLY_FIELDS == ("span", "encoding", "speaker_actor")
    assert not any({"span", "encoding"} & set(s) for analysis in analyses for s in analysis.sentences)
    sentences = analyze_text("Officials said the talks would resume. Ann Hughes said they would not.")
    assert [s["attribution"] for s in sentences] == ["anonymous", "named"]
    assert not any(set(SCORING_ONLY_FIELDS) & set(s) for s in sentences)
