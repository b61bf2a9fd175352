"""Every trained model file names its features (and the command that trained it), and
loading checks the names against the code's: a feature renamed, reordered or dropped
in the code stops a load before it reads anything, naming the file, instead of being
read as 0 or as another feature."""

import json

import numpy
import pytest
from click.testing import CliRunner

from datasette_attribution import nlp, resources
from datasette_attribution.cli import cli
from datasette_attribution.extract import boilerplate
from datasette_attribution.scorers import sentiment
from datasette_attribution.scorers.hedging import classifier, weights
from datasette_attribution.scorers.sourcing import cues, kinds

LOADERS = (boilerplate.line_model, cues._model, kinds._head, sentiment._head, classifier.load_model, weights._model)
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
    cue_model = resources.model_file("attribution_cues")
    assert cue_model["feature_names"] == list(cues.FEATURE_NAMES) and cue_model["feature_names"][:2] == \
        ["bias", "lemma={lemma}"]
    assert cue_model["command"].startswith("python training/train_attribution.py ")
    hedging = resources.model_file("hedging")
    assert hedging["feature_names"] == ["cue={cue}", "kind={kind}", "cue:{cue}>{next word}",
                                        "{previous word}<cue:{cue}", "kind:{kind}<{word before}",
                                        "kind:{kind}>{word after}", "numbers", "length"]
    assert hedging["command"] == "python training/train_hedging.py WIKIWEASEL_DIR --write"
    head = resources.model_arrays("sentiment_head")
    assert head["feature_names"].tolist()[:2] == ["target:0", "target:1"]
    assert head["feature_names"].tolist()[-1] == "sentence:383" and len(head["feature_names"]) == 768
    assert str(head["command"]).startswith("python training/train_sentiment.py ")
    kind_head = resources.model_arrays("source_kind_head")
    assert kind_head["dense_names"].tolist() == [f"phrase:{i}" for i in range(384)]
    assert kind_head["sparse_names"].tolist() == list(kinds.SPARSE_FEATURE_NAMES)
    assert kind_head["sparse_names"].tolist()[-3:] == ["propn", "title", "sentence_anonymity"]
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
    assert {"bias", "lemma=official", "lemma_subject=tell|NOUN", "lexicon=reporting"} <= made
    resources.check_weighed_features(cues.MODEL_FILE, made, cues.FEATURE_NAMES)  # each fits a name
    sparse = kinds.sparse_features(span, 0, len("Senior officials"))
    resources.check_weighed_features(kinds.HEAD_FILE, sparse, kinds.SPARSE_FEATURE_NAMES)
    assert sparse["head=official"] == 1.0 and sparse["word=senior"] == 1.0
    text = "Officials said the talks may resume, reportedly by June."
    found = weights.hedge_cues(nlp.parse([text])[0][:])
    assert [(cue["cue"], cue["kind"]) for cue in found] == [("may", "modal"), ("reportedly", "hearsay")]
    per_cue, sentence = weights.context_features(text, found)
    context = [name for features in per_cue for name in features]
    assert context[:2] == ["cue:may>resume", "talks<cue:may"] and list(sentence) == ["numbers", "length"]
    named = [f"cue={cue['cue']}" for cue in found] + [f"kind={cue['kind']}" for cue in found]
    resources.check_weighed_features(weights.MODEL_FILE, named + context + list(sentence), weights.FEATURE_NAMES)


def test_a_reordered_line_feature_stops_with_the_file_and_the_first_difference(monkeypatch):
    swapped = ("is_long", "log_words") + boilerplate.BLOCK_FEATURES[2:]
    monkeypatch.setattr(boilerplate, "BLOCK_FEATURES", swapped)
    with pytest.raises(resources.FeatureMismatch) as stopped:
        boilerplate.line_model()
    assert str(stopped.value) == (
        f"{resources.model_path('boilerplate.json')}: the model was trained on other features than the code "
        "computes (30 in the file, 30 in the code; feature 0 is 'log_words' in the file, 'is_long' in the "
        "code); retrain it: python training/train_boilerplate.py PAGES_DIR PAGES_NEWS_DIR --write")


def _mismatch(name: str, count: int, at: int, in_file: str, in_code: str, command: str) -> str:
    return (f"{resources.model_path(name)}: the model was trained on other features than the code computes "
            f"({count} in the file, {count} in the code; feature {at} is {in_file!r} in the file, {in_code!r} in "
            f"the code); retrain it: {command}")


def test_a_renamed_cue_feature_in_the_file_stops_naming_it(monkeypatch, fresh_models):
    model = dict(resources.model_file("attribution_cues"))
    model["feature_names"] = [n.replace("lemma_dep=", "lemma_deprel=") for n in model["feature_names"]]
    monkeypatch.setattr(cues, "model_file", lambda name: model)
    with pytest.raises(resources.FeatureMismatch) as stopped:
        cues._model()
    assert str(stopped.value) == _mismatch(
        "attribution_cues.json", 21, 5, "lemma_deprel={lemma}|{dep}", "lemma_dep={lemma}|{dep}",
        "python training/train_attribution.py POLNEAR/train.jsonl --dev POLNEAR/dev.jsonl --write")


def test_a_cue_weight_the_code_never_computes_stops_naming_it(monkeypatch, fresh_models):
    model = dict(resources.model_file("attribution_cues"))
    model["weights"] = {**model["weights"], "lemmadep=say|ROOT": 0.5}
    monkeypatch.setattr(cues, "model_file", lambda name: model)
    with pytest.raises(resources.FeatureMismatch) as stopped:
        cues._model()
    assert str(stopped.value) == (
        f"{resources.model_path('attribution_cues.json')}: the model weighs a feature the code never computes "
        "('lemmadep=say|ROOT'); retrain it: python training/train_attribution.py POLNEAR/train.jsonl "
        "--dev POLNEAR/dev.jsonl --write")


def test_reordered_source_kind_features_in_the_file_stop_naming_the_first(monkeypatch, fresh_models):
    head = dict(resources.model_arrays("source_kind_head"))
    names = head["sparse_names"].tolist()
    head["sparse_names"] = numpy.array([names[0], names[2], names[1]] + names[3:])
    monkeypatch.setattr(kinds, "model_arrays", lambda name: dict(head))
    with pytest.raises(resources.FeatureMismatch) as stopped:
        kinds._head()
    assert str(stopped.value) == _mismatch("source_kind_head.npz", 14, 1, "head={lemma}", "rule={rule kind}",
                                           "python training/train_source_kinds.py --shared SHARED_DATA --write")


def test_a_renamed_or_reordered_hedging_feature_in_the_file_stops_naming_it(monkeypatch, fresh_models):
    model = dict(resources.model_file("hedging"))
    command = "python training/train_hedging.py WIKIWEASEL_DIR --write"
    monkeypatch.setattr(weights, "model_file", lambda name: model)
    names = list(weights.FEATURE_NAMES)
    model["feature_names"] = names[:6] + ["length", "numbers"]
    with pytest.raises(resources.FeatureMismatch) as stopped:
        weights._model()
    assert str(stopped.value) == _mismatch("hedging.json", 8, 6, "length", "numbers", command)
    model["feature_names"] = ["cue={word}"] + names[1:]
    with pytest.raises(resources.FeatureMismatch) as stopped:
        weights._model()
    assert str(stopped.value) == _mismatch("hedging.json", 8, 0, "cue={word}", "cue={cue}", command)


def test_a_cue_dropped_from_the_lexicon_stops_the_hedging_model(monkeypatch, fresh_models):
    lexicon = [pair for pair in weights.cue_kinds() if pair[0] != "reportedly"]
    monkeypatch.setattr(weights, "cue_kinds", lambda: lexicon)
    with pytest.raises(resources.FeatureMismatch) as stopped:
        weights._model()
    assert str(stopped.value) == (
        f"{resources.model_path('hedging.json')}: the model weighs a feature the code never computes "
        "('cue=reportedly'); retrain it: python training/train_hedging.py WIKIWEASEL_DIR --write")


def test_a_reordered_hedging_classifier_feature_stops_naming_the_first(monkeypatch, fresh_models):
    names = classifier.feature_names()
    swapped = names[:768] + ["cue_logit", "cue_score"] + names[770:]
    monkeypatch.setattr(classifier, "feature_names", lambda: swapped)
    with pytest.raises(resources.FeatureMismatch) as stopped:
        classifier.load_model()
    assert str(stopped.value) == _mismatch(
        "hedging_classifier.npz", 787, 768, "cue_score", "cue_logit", _recorded_command("hedging_classifier.npz"))


def _recorded_command(name: str) -> str:
    """The training command a model file records (a retrain may choose another C)."""
    with numpy.load(resources.model_path(name), allow_pickle=False) as stored:
        return str(stored["command"])


def test_a_sentiment_head_without_names_stops_naming_the_file(monkeypatch, fresh_models):
    unnamed = {k: v for k, v in resources.model_arrays("sentiment_head").items() if k != "feature_names"}
    monkeypatch.setattr(sentiment, "model_arrays", lambda name: dict(unnamed))
    with pytest.raises(resources.FeatureMismatch) as stopped:
        sentiment._head()
    assert str(stopped.value).startswith(f"{resources.model_path('sentiment_head.npz')}: the model file does not "
                                         "name its features; retrain it: python training/train_sentiment.py ")


def test_load_stops_on_a_mismatch_before_reading(tmp_path, monkeypatch, fresh_models):
    dropped = tuple(name for name in kinds.SPARSE_FEATURE_NAMES if name != "word={word}")
    monkeypatch.setattr(kinds, "SPARSE_FEATURE_NAMES", dropped)
    article = tmp_path / "a.jsonl"
    article.write_text(json.dumps({"text": "Officials said the talks would resume."}) + "\n")
    result = CliRunner().invoke(cli, ["load", str(tmp_path / "news.db"), str(article), "--workers", "1"])
    assert result.exit_code == 1
    assert f"Error: {resources.model_path('source_kind_head.npz')}: the model was trained on other features than " \
           "the code computes (14 in the file, 13 in the code; feature 8 is 'word={word}' in the file, " \
           "'child_dep={dep}' in the code); retrain it: python training/train_source_kinds.py --shared SHARED_DATA " \
           "--write" in result.output
    assert not (tmp_path / "news.db").exists()
