"""The sentence encoder: loaded once per process, each sentence encoded once.

Every sentence is encoded once, in the worker that parsed it, and every scorer
that needs meaning reads that one encoding (`sentence["encoding"]`): `offsets`
(each word piece's character span in the sentence, special tokens excluded),
`states` (float32, one 384-number row per word piece) and `pooled` (the
sentence's unit-length mean vector).

The model is MiniLM-L6-H384 from sentence-transformers/all-MiniLM-L6-v2
(Apache-2.0), fine-tuned by `training/train_sentiment.py` and quantised to int8:
`models/encoder.onnx`, run by ONNX Runtime on the CPU, with its WordPiece
vocabulary in `models/tokenizer.json`, read by Hugging Face's `tokenizers`.
Neither PyTorch nor a hub is needed at run time.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import numpy

from .resources import ModelFileError, model_path, reinstall_advice

ENCODER_FILE = "encoder.onnx"
TOKENIZER_FILE = "tokenizer.json"
MAX_PIECES = 128  # as trained; a longer sentence keeps its first 126 word pieces
WIDTH = 384
# An article's meaning is that of its opening: the lead states the event, and
# later sentences (background, quotes) blur it (measured on ECB+: grouping.py).
LEAD_SENTENCES = 3


class EncoderError(ModelFileError):
    """The encoder's files cannot be used; the message names the file."""


class Encoder:
    def __init__(self, model_path: Path, tokenizer_path: Path, max_pieces: int = MAX_PIECES):
        import onnxruntime
        from tokenizers import Tokenizer

        for path in (model_path, tokenizer_path):
            if not path.is_file():
                raise EncoderError(f"{path}: the sentence encoder's file is missing; "
                                   f"{reinstall_advice()}")
        try:
            tokenizer = Tokenizer.from_file(str(tokenizer_path))
        except Exception as error:
            raise EncoderError(f"{tokenizer_path}: not a readable tokenizer ({error}); "
                               f"{reinstall_advice()}") from None
        tokenizer.enable_truncation(max_pieces)
        tokenizer.no_padding()
        options = onnxruntime.SessionOptions()
        # Loads run a process per core already; a second thread per process only waits.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        try:
            session = onnxruntime.InferenceSession(str(model_path), options,
                                                   providers=["CPUExecutionProvider"])
        except Exception as error:
            raise EncoderError(f"{model_path}: not a readable ONNX model ({error}); "
                               f"{reinstall_advice()}") from None
        self.tokenizer = tokenizer
        self.session = session
        # ONNX Runtime sessions may be shared by threads, but Datasette calls SQL
        # functions from several at once and one thread per call is all we give it.
        self._lock = threading.Lock()

    def encode(self, texts: list[str]) -> list[dict]:
        """One encoding per text, in order. Each sentence runs alone: the int8 model
        quantises its activations with ranges taken over the whole input, so a
        batch would make a sentence's states depend on its neighbours (and their
        padding); alone it is as fast (347 sentences a second either way)."""
        results = []
        for encoding in self.tokenizer.encode_batch(list(texts)):
            ids = numpy.array([encoding.ids], dtype=numpy.int64)
            with self._lock:
                states = self.session.run(None, {"input_ids": ids, "attention_mask": numpy.ones_like(ids)})[0]
            results.append(_encoding(encoding, states[0]))
        return results


def _encoding(encoding, states) -> dict:
    keep = numpy.flatnonzero(numpy.asarray(encoding.special_tokens_mask) == 0)
    kept = numpy.ascontiguousarray(states[keep], dtype=numpy.float32) if len(keep) \
        else numpy.zeros((0, WIDTH), dtype=numpy.float32)
    mean = kept.mean(0) if len(kept) else numpy.zeros(WIDTH, dtype=numpy.float32)
    norm = float(numpy.linalg.norm(mean))
    offsets = encoding.offsets
    return {"offsets": [offsets[index] for index in keep.tolist()], "states": kept,
            "pooled": mean / norm if norm else mean}


def lead_vector(encodings: list[dict]) -> numpy.ndarray | None:
    """The article's meaning from its sentences' encodings, in order: the unit-length
    mean of the first LEAD_SENTENCES pooled vectors; None without sentences."""
    pooled = [encoding["pooled"] for encoding in encodings[:LEAD_SENTENCES]]
    if not pooled:
        return None
    mean = numpy.mean(pooled, axis=0, dtype=numpy.float32)
    norm = float(numpy.linalg.norm(mean))
    return mean / norm if norm else None


@lru_cache(maxsize=1)
def load_encoder() -> Encoder:
    """The package's encoder, loaded once per process."""
    return Encoder(model_path(ENCODER_FILE), model_path(TOKENIZER_FILE))


def encode(texts: list[str]) -> list[dict]:
    return load_encoder().encode(texts)
