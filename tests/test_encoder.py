"""The sentence encoder: loaded from the package's own files, no network, no PyTorch."""

import subprocess
import sys

import numpy
import pytest
from click.testing import CliRunner

from datasette_attribution import encoder
from datasette_attribution.cli import cli
from datasette_attribution.encoder import Encoder, EncoderError
from datasette_attribution.resources import model_path


def test_a_sentence_is_encoded_piece_by_piece_with_offsets():
    text = "The Senate rejected Obama's nominee."
    (encoding,) = encoder.encode([text])
    pieces = [text[a:b] for a, b in encoding["offsets"]]
    assert pieces == ["The", "Senate", "rejected", "Obama", "'", "s", "nominee", "."]
    assert encoding["states"].dtype == numpy.float32
    assert encoding["states"].shape == (8, 384)
    assert float(numpy.linalg.norm(encoding["pooled"])) == pytest.approx(1.0, abs=1e-5)


def test_a_batch_encodes_each_sentence_as_it_would_alone():
    texts = ["Officials said the talks would resume.", "Iran welcomed the deal.",
             "The governor, who took office in January after a long and bitter campaign, vetoed the bill."]
    together = encoder.encode(texts)
    for text, encoding in zip(texts, together, strict=True):
        (alone,) = encoder.encode([text])
        assert encoding["offsets"] == alone["offsets"]
        assert numpy.allclose(encoding["states"], alone["states"], atol=1e-4)


def test_a_long_sentence_keeps_its_first_word_pieces():
    text = "word " * 400
    (encoding,) = encoder.encode([text])
    assert len(encoding["offsets"]) == encoder.MAX_PIECES - 2
    assert encoding["offsets"][0] == (0, 4)


def test_a_missing_model_file_is_an_error_naming_it(tmp_path):
    missing = tmp_path / "encoder.onnx"
    with pytest.raises(EncoderError, match=str(missing)):
        Encoder(missing, model_path("tokenizer.json"))


def test_a_corrupt_model_file_is_an_error_naming_it(tmp_path):
    corrupt = tmp_path / "encoder.onnx"
    corrupt.write_bytes(b"\x08\x07this is not a model" * 50)
    with pytest.raises(EncoderError, match=f"{corrupt}: not a readable ONNX model"):
        Encoder(corrupt, model_path("tokenizer.json"))


def test_a_corrupt_tokenizer_is_an_error_naming_it(tmp_path):
    corrupt = tmp_path / "tokenizer.json"
    corrupt.write_text('{"version": "1.0", "model": ')
    with pytest.raises(EncoderError, match=f"{corrupt}: not a readable tokenizer"):
        Encoder(model_path("encoder.onnx"), corrupt)


def test_load_stops_before_reading_when_the_encoder_is_broken(tmp_path, monkeypatch):
    corrupt = tmp_path / "encoder.onnx"
    corrupt.write_bytes(b"not a model")
    article = tmp_path / "a.jsonl"
    article.write_text('{"text": "Officials said the talks would resume."}\n')
    real_path = encoder.model_path
    monkeypatch.setattr(encoder, "model_path",
                        lambda name: corrupt if name == encoder.ENCODER_FILE else real_path(name))
    encoder.load_encoder.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["load", str(tmp_path / "x.db"), str(article), "--workers", "1"])
    finally:
        encoder.load_encoder.cache_clear()
    assert result.exit_code == 1  # a broken installation, not a usage error
    assert f"{corrupt}: not a readable ONNX model" in result.output
    assert not (tmp_path / "x.db").exists()


def test_scoring_imports_no_torch_and_no_hub_client():
    script = ("import sys\n"
              "from datasette_attribution import analyze_text, sentiment_toward\n"
              "analyze_text('Officials said Iran may have violated the deal.')\n"
              "sentiment_toward('Iran welcomed the deal.', 0, 4)\n"
              "print(sorted(m for m in ('torch', 'transformers', 'sentence_transformers', 'huggingface_hub')"
              " if m in sys.modules))\n")
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            env={"PATH": "", "HF_HUB_OFFLINE": "1", "NO_PROXY": "*"}).stdout
    assert output.strip() == "[]"


def test_an_articles_meaning_is_the_mean_of_its_first_sentences():
    texts = ["A strong earthquake struck western Iran on Sunday.", "Hundreds of homes collapsed.",
             "Rescuers worked through the night.", "The president sent condolences on Monday."]
    encodings = encoder.encode(texts)
    mean = numpy.mean([e["pooled"] for e in encodings[:encoder.LEAD_SENTENCES]], axis=0)
    meaning = encoder.lead_vector(encodings)
    assert encoder.LEAD_SENTENCES == 3
    assert numpy.allclose(meaning, mean / numpy.linalg.norm(mean), atol=1e-6)
    assert float(numpy.linalg.norm(meaning)) == pytest.approx(1.0, abs=1e-5)
    assert encoder.lead_vector([]) is None
