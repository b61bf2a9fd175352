"""Every model file is checked against the SHA-256 it shipped with before a load
reads an article: a missing, truncated or altered file stops the command with
its name and how to reinstall."""

import json
import shutil

import pytest
from click.testing import CliRunner

from datasette_attribution import resources
from datasette_attribution.cli import cli

PIP_ADVICE = "reinstall the package: pip install --force-reinstall datasette-attribution"


@pytest.fixture
def models(tmp_path, monkeypatch):
    """A copy of the package's models folder (a link to the encoder, 23 MB, which the
    tests replace rather than write through), which the checks read instead."""
    folder = tmp_path / "site" / "datasette_attribution" / "models"
    folder.mkdir(parents=True)
    for path in resources.model_path(resources.MANIFEST).parent.iterdir():
        if path.name == "encoder.onnx":
            (folder / path.name).symlink_to(path)
        elif path.is_file():
            shutil.copy(path, folder / path.name)
    monkeypatch.setattr(resources, "_models_folder", lambda: folder)
    resources.check_model_files.cache_clear()
    yield folder
    resources.check_model_files.cache_clear()


def load(tmp_path):
    article = tmp_path / "a.jsonl"
    article.write_text('{"text": "Officials said the talks would resume."}\n')
    return CliRunner().invoke(cli, ["load", str(tmp_path / "news.db"), str(article), "--workers", "1"])


def test_the_shipped_model_files_are_the_ones_recorded():
    folder = resources.model_path(resources.MANIFEST).parent
    shipped = sorted(path.name for path in folder.iterdir() if path.suffix in resources.SHIPPED_MODEL_SUFFIXES)
    assert {"encoder.onnx", "tokenizer.json", "hedging.json"} <= set(shipped)
    # A model file added without its checksum would go unchecked: record it
    # (python training/record_models.py).
    assert sorted(resources.recorded_model_files()) == shipped
    resources.check_model_files.cache_clear()
    resources.check_model_files()  # raises if any differs


def test_a_missing_model_file_stops_the_load_before_any_article_is_read(models, tmp_path):
    (models / "hedging.json").unlink()
    result = load(tmp_path)
    assert result.exit_code == 1
    assert result.output == f"Error: {models / 'hedging.json'}: the model file is missing; {PIP_ADVICE}\n"
    assert not (tmp_path / "news.db").exists()


def test_a_truncated_model_file_stops_the_load(models, tmp_path):
    target = models / "encoder.onnx"
    data = target.read_bytes()
    target.unlink()
    target.write_bytes(data[: len(data) // 2])
    result = load(tmp_path)
    assert result.exit_code == 1
    assert result.output == (f"Error: {target}: the model file is damaged or altered (its SHA-256 is not "
                             f"the one it shipped with); {PIP_ADVICE}\n")
    assert not (tmp_path / "news.db").exists()


def test_an_altered_model_file_that_still_parses_stops_the_load(models, tmp_path):
    target = models / "attribution_cues.json"
    weights = json.loads(target.read_text())
    weights["intercept"] += 1.0
    target.write_text(json.dumps(weights, separators=(",", ":")) + "\n")
    result = load(tmp_path)
    assert result.exit_code == 1
    assert f"Error: {target}: the model file is damaged or altered" in result.output
    assert not (tmp_path / "news.db").exists()


def test_recording_after_a_retraining_makes_the_new_file_the_expected_one(models):
    target = models / "hedging.json"
    target.write_text(target.read_text().replace('"', '"', 1) + " ")
    with pytest.raises(resources.ModelFileError, match="hedging.json: the model file is damaged"):
        resources.check_model_files()
    (models / "sentiment-model.pt").write_bytes(b"training leftovers, not shipped")
    resources.record_model_files(models)
    resources.check_model_files()
    lines = (models / resources.MANIFEST).read_text().splitlines()
    assert "sentiment-model.pt" not in (models / resources.MANIFEST).read_text()
    assert [line.split("  ")[1] for line in lines] == sorted(
        path.name for path in models.iterdir() if path.suffix in (".json", ".npz", ".onnx"))
