"""The package's data files: lexicons (`lexicons/*.txt`) and models (`models/*.json`,
`models/*.npz` for arrays, and the sentence encoder's `encoder.onnx` and `tokenizer.json`).

A lexicon file has one entry a line; `#` starts a comment; blank lines are ignored.
An entry may carry labels after ` | ` (e.g. a hedge cue and its kind).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path


def _read(folder: str, name: str) -> str:
    return resources.files("datasette_attribution").joinpath(folder).joinpath(name).read_text("utf-8")


def lexicon_lines(text: str):
    """The entries of a lexicon's text, comments and blank lines left out."""
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            yield line


@lru_cache(maxsize=None)
def lexicon(name: str) -> tuple[str, ...]:
    """The entries of a lexicon file, in file order."""
    return tuple(lexicon_lines(_read("lexicons", name)))


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The entries of a lexicon as a set of lower-cased strings."""
    return frozenset(line.lower() for line in lexicon(name))


@lru_cache(maxsize=None)
def labelled(name: str) -> tuple[tuple[str, str], ...]:
    """(entry, label) pairs for lexicons whose lines read `entry | label`."""
    pairs = []
    for line in lexicon(name):
        entry, _, label = (part.strip() for part in line.partition("|"))
        pairs.append((entry, label))
    return tuple(pairs)


def model_path(name: str) -> Path:
    """Where a model file of the package lies (models/NAME), for readers that want
    a path (ONNX Runtime, tokenizers)."""
    return Path(str(resources.files("datasette_attribution").joinpath("models").joinpath(name)))


@lru_cache(maxsize=None)
def model_file(name: str) -> dict:
    """A model file's weights (`models/NAME.json`), read once per process."""
    return json.loads(_read("models", f"{name}.json"))


@lru_cache(maxsize=None)
def model_arrays(name: str) -> dict:
    """A model's arrays (`models/NAME.npz`, numpy's archive), read once per process."""
    import io

    import numpy

    data = resources.files("datasette_attribution").joinpath("models").joinpath(f"{name}.npz").read_bytes()
    with numpy.load(io.BytesIO(data), allow_pickle=False) as archive:
        return {key: archive[key] for key in archive.files}
