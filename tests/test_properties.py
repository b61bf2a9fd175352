"""Any text at all: the splitter, the page extractor and analyze_text give
sentences whose offsets slice their text exactly, scores in their documented
ranges, and no exception but a LoadError that names the input."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datasette_attribution.api import analyze_text
from datasette_attribution.ingest.formats import to_article
from datasette_attribution.records import LoadError, RawDocument
from datasette_attribution.text.characters import has_words
from datasette_attribution.text.segment import MAX_SENTENCE_CHARS, sentence_spans

ODD = ["\x00", "\u200b", "\u200d", "\u202e", "\u2066", "\u2028", "\u2029", "\ufeff", "\r", "\r\n",
       "\n\n", "\t", "\u00a0", "\u3000", "\ud800", "\udfff", "\U0001f600", "\u0301", "\x1b[31m", "<",
       "&amp;", '"', "\u201c", "\u201d", ". ", "? ", "Mr. ", "U.S. ", "said", "officials", "may"]
WORDS = ["The", "minister", "said", "Officials", "may", "Obama", "Iran", "talks", "failed", "according",
         "to", "sources", "\u00e9t\u00e9", "\u0645\u0631\u062d\u0628\u0627", "\u4f60\u597d", "\uc548\ub155"]
pieces = st.one_of(
    st.text(st.characters(blacklist_categories=()), max_size=20),  # any code point, surrogates too
    st.sampled_from(ODD),
    st.sampled_from(WORDS).map(lambda w: w + " "),
    st.integers(1, 3000).map(lambda n: "x" * n),  # very long words
    st.integers(1, 400).map(lambda n: "word " * n),  # sentences without an end
)
any_text = st.lists(pieces, max_size=40).map("".join)
SCORE_RANGES = {"hedging_score": (0, 1), "polarity": (-1, 1), "subjectivity": (0, 1),
                "anonymous_score": (0, 1)}
FEW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@given(any_text)
@settings(max_examples=300, deadline=None)
def test_sentence_spans_slice_the_text_in_order(text):
    cursor = 0
    for start, end in sentence_spans(text):
        assert cursor <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip() and has_words(piece)
        assert end - start <= MAX_SENTENCE_CHARS
        cursor = end


@given(any_text, st.sampled_from(["text", "html", "record"]))
@FEW
def test_any_page_becomes_a_clean_article_or_a_load_error(text, kind):
    content = f"<html><body><article><p>{text}</p></article></body></html>" if kind == "html" else text
    raw = RawDocument(source="page", location="pages/page.x:1", kind=kind, content=content,
                      fields={"title": text[:50]})
    try:
        article = to_article(raw)
    except LoadError as error:
        assert error.location == "pages/page.x:1"
        return
    body = article.body
    body.encode("utf-8")  # storable: no lone surrogate
    assert "\x00" not in body and "\x00" not in (article.title or "")
    for _index, paragraph, offset in article.paragraph_offsets():
        assert body[offset:offset + len(paragraph.text)] == paragraph.text


@given(any_text)
@FEW
def test_analyze_text_gives_exact_offsets_and_scores_in_range(text):
    sentences = analyze_text(text)
    for sentence in sentences:
        assert sentence["text"] and has_words(sentence["text"])
        for column, (low, high) in SCORE_RANGES.items():
            value = sentence.get(column)
            assert value is None or low <= value <= high, (column, value)
        assert sentence["attribution"] in ("none", "named", "anonymous")
        assert sentence["hedged"] in (0, 1, True, False)
        json.loads(json.dumps(sentence["hedge_cues"]))
        for mention in sentence["mentions"]:
            assert sentence["text"][mention["start"]:mention["end"]] == mention["text"]
            assert mention["sentiment"] is None or -1 <= mention["sentiment"] <= 1
        for attribution in sentence["attributions"]:
            for side in ("cue", "source", "content"):
                start, end = attribution.get(f"{side}_start"), attribution.get(f"{side}_end")
                if start is not None:
                    assert 0 <= start <= end <= len(sentence["text"])
