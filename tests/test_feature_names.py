"""Every trained model file names its features (and the command that trained it), and
loading checks the names against the code's: a feature renamed, reordered or dropped
in the code stops a load before it reads anything, naming the file, instead of being
read as 0 or as another feature."""

import json

import pytest
from click.testing import CliRunner

from datasette_attribution import nlp, resources
from datasette_attribution.cli import cli
from datasette_attribution.extract import boilerplate
from datasette_attribution.scorers import sentiment
from datasette_attribution.scorers.hedging import classifier
from datasette_attribution.scorers.sourcing import cues, kinds

LOADERS = (boilerplate.line_model, cues._model, kinds._head, sentiment._head, classifier.load_model)
PAGE = ("Home | News | Sport\n"
        "Officials say the bridge will reopen in May after repairs, the council said on Monday.\n"
        "The work, which began last year, cost more than expected, according to the report.\n"
        "Share this article\n")


@pytest.fixture
def fresh_models():
    """The model loaders read again (after a test changes what the code expects)."""
    for loader in LOADERS[1:]:
        loader.cache_clear()
    yield
    for loader in LOADERS[1:]:
        loader.cache_clear()


def test_every_shipped_model_names_its_features_and_its_training_command():
    line = resources.model_file("boilerplate")
    assert line["first"]["feature_names"] == list(boilerplate.BLOCK_FEATURES)
    assert line["second"]["feature_names"] == list(boilerplate.BLOCK_FEATURES + boilerplate.NEIGHBOUR_FEATURES)
    assert line["command"].startswith("python training/train_boilerplate.py ")
    assert resources.model_file("attribution_cues")["command"].startswith("python training/train_attribution.py ")
    head = resources.model_arrays("sentiment_head")
    assert head["feature_names"].tolist()[:2] == ["target:0", "target:1"]
    assert head["feature_names"].tolist()[-1] == "sentence:383" and len(head["feature_names"]) == 768
    assert str(head["command"]).startswith("python training/train_sentiment.py ")
    kind_head = resources.model_arrays("source_kind_head")
    assert kind_head["dense_names"].tolist() == [f"phrase:{i}" for i in range(384)]
    assert str(kind_head["command"]).startswith("python training/train_source_kinds.py ")
    for loader in LOADERS:
        assert loader() is not None  # each check passes on the files as shipped
    assert set(resources._FEATURE_CHECKS) >= set(LOADERS)


def test_the_named_features_are_the_ones_the_code_computes():
    blocks = boilerplate.blocks_of(PAGE)
    rows = boilerplate.block_features(blocks)
    assert {len(row) for row in rows} == {len(boilerplate.BLOCK_FEATURES)}
    assert {len(row) for row in boilerplate.neighbour_features([0.2, 0.9, 0.8])} == \
        {len(boilerplate.NEIGHBOUR_FEATURES)}
    span = nlp.parse(["Senior officials told reporters on Monday that the talks had failed."])[0][:]
    made = set()
    for token in span:
        made |= set(cues.token_features(token, False, True))
    assert {resources.feature_family(name) for name in made} <= set(cues.FEATURE_KINDS)
    sparse = kinds.sparse_features(span, 0, len("Senior officials"))
    assert {resources.feature_family(name) for name in sparse} <= set(kinds.SPARSE_FEATURE_KINDS)
    assert sparse["head=official"] == 1.0 and sparse["word=senior"] == 1.0


def test_a_reordered_line_feature_stops_with_the_file_and_the_first_difference(monkeypatch):
    swapped = ("is_long", "log_words") + boilerplate.BLOCK_FEATURES[2:]
    monkeypatch.setattr(boilerplate, "BLOCK_FEATURES", swapped)
    with pytest.raises(resources.FeatureMismatch) as stopped:
        boilerplate.line_model()
    assert str(stopped.value) == (
        f"{resources.model_path('boilerplate.json')}: the model was trained on other features than the code "
        "computes (30 in the file, 30 in the code; feature 0 is 'log_words' in the file, 'is_long' in the "
        "code); retrain it: python training/train_boilerplate.py PAGES_DIR PAGES_NEWS_DIR --write")


def test_a_renamed_kind_of_cue_feature_stops_naming_it(monkeypatch, fresh_models):
    renamed = tuple(k for k in cues.FEATURE_KINDS if k != "lemma_dep") + ("lemma_deprel",)
    monkeypatch.setattr(cues, "FEATURE_KINDS", renamed)
    with pytest.raises(resources.FeatureMismatch, match=r"attribution_cues\.json: the model weighs features the "
                                                        r"code never computes \(of the kinds lemma_dep\)"):
        cues._model()


def test_a_sentiment_head_without_names_stops_naming_the_file(monkeypatch, fresh_models):
    unnamed = {k: v for k, v in resources.model_arrays("sentiment_head").items() if k != "feature_names"}
    monkeypatch.setattr(sentiment, "model_arrays", lambda name: dict(unnamed))
    with pytest.raises(resources.FeatureMismatch) as stopped:
        sentiment._head()
    assert str(stopped.value).startswith(f"{resources.model_path('sentiment_head.npz')}: the model file does not "
                                         "name its features; retrain it: python training/train_sentiment.py ")


def test_load_stops_on_a_mismatch_before_reading(tmp_path, monkeypatch, fresh_models):
    monkeypatch.setattr(kinds, "SPARSE_FEATURE_KINDS", tuple(k for k in kinds.SPARSE_FEATURE_KINDS if k != "word"))
    article = tmp_path / "a.jsonl"
    article.write_text(json.dumps({"text": "Officials said the talks would resume."}) + "\n")
    result = CliRunner().invoke(cli, ["load", str(tmp_path / "news.db"), str(article), "--workers", "1"])
    assert result.exit_code == 1
    assert f"Error: {resources.model_path('source_kind_head.npz')}: the model weighs features the code never " \
           "computes (of the kinds word)" in result.output
    assert not (tmp_path / "news.db").exists()
