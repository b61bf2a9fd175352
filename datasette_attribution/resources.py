"""The package's data files: lexicons (`lexicons/*.txt`) and models (`models/*.json`,
`models/*.npz` for arrays, and the sentence encoder's `encoder.onnx` and `tokenizer.json`),
each model file's SHA-256 recorded in `models/SHA256SUMS` (`sha256sum -c` reads it).

A lexicon file has one entry a line; `#` starts a comment; blank lines are ignored.
An entry may carry labels after ` | ` (e.g. a hedge cue and its kind).
"""

from __future__ import annotations

import hashlib
import json
import re
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



@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Given names in lower case (lexicons/first_names.txt): "emma", "aaron"."""
    return frozenset(entry.lower() for entry, _ in labelled("first_names.txt"))

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


MANIFEST = "SHA256SUMS"
# The model files that ship (pyproject.toml's package-data): training leaves others
# beside them (sentiment-model.pt), which are no part of the package.
SHIPPED_MODEL_SUFFIXES = (".json", ".npz", ".onnx")


class ModelFileError(Exception):
    """A model file of the package is missing or is not the file it shipped as;
    the message names the file and how to reinstall the package."""


def _models_folder() -> Path:
    return model_path(MANIFEST).parent


def reinstall_advice() -> str:
    """How to put the package's files back: pip, or git for a clone (an editable
    install reads its files from the clone)."""
    clone = _models_folder().parent.parent
    if (clone / ".git").exists() and (clone / "pyproject.toml").exists():
        return (f"restore it from the clone ({clone}): git checkout -- datasette_attribution/models, "
                "then pip install -e . (a model retrained on purpose is recorded by "
                "python training/record_models.py)")
    return "reinstall the package: pip install --force-reinstall datasette-attribution"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def recorded_model_files() -> dict[str, str]:
    """Model file name -> the SHA-256 it shipped with (models/SHA256SUMS)."""
    manifest = _models_folder() / MANIFEST
    try:
        lines = manifest.read_text("utf-8").splitlines()
    except OSError as error:
        raise ModelFileError(f"{manifest}: cannot read the model files' checksums ({error.strerror}); "
                             f"{reinstall_advice()}") from None
    recorded = {}
    for number, line in enumerate(lines, 1):
        digest, _, name = line.partition("  ")
        if len(digest) != 64 or not name:
            raise ModelFileError(f"{manifest}:{number}: not a 'SHA-256  file name' line; {reinstall_advice()}")
        recorded[name] = digest
    return recorded


@lru_cache(maxsize=1)
def check_model_files() -> None:
    """Every model file is there and is the file the package shipped (its SHA-256
    as recorded), checked before any article is read: a missing, truncated or
    altered file raises ModelFileError naming it, never a wrong score later.
    A tenth of a second, once per process."""
    folder = _models_folder()
    for name, digest in sorted(recorded_model_files().items()):
        path = folder / name
        if not path.is_file():
            raise ModelFileError(f"{path}: the model file is missing; {reinstall_advice()}")
        if _sha256(path) != digest:
            raise ModelFileError(f"{path}: the model file is damaged or altered (its SHA-256 is not the "
                                 f"one it shipped with); {reinstall_advice()}")


class FeatureMismatch(ModelFileError):
    """A model file was trained on other features than the code computes: renamed,
    reordered or dropped, each would be read as 0 or as another without a word."""


# The checks of every model file's feature names against the code's, registered by
# the modules that read them (feature_check) and run together before a load reads
# anything (check_model_features), so that a mismatch stops it once, naming the file.
_FEATURE_CHECKS: list = []


def feature_check(function):
    """Register a model loader that raises FeatureMismatch on a mismatch."""
    _FEATURE_CHECKS.append(function)
    return function


def check_model_features() -> None:
    for check in _FEATURE_CHECKS:
        check()


def _retrain(command) -> str:
    return f"retrain it: {command}" if command else "retrain it with its script under training/"


def check_feature_names(name: str, stored, computed, command=None) -> None:
    """The names a model file (models/NAME) lists for its features, in order, are the
    code's `computed`; else FeatureMismatch names the file and the first difference."""
    stored, computed = [str(n) for n in stored], list(computed)
    if stored == computed:
        return
    path = model_path(name)
    if not stored:
        raise FeatureMismatch(f"{path}: the model file does not name its features; {_retrain(command)}")
    at = next(i for i in range(max(len(stored), len(computed)))
              if i >= len(stored) or i >= len(computed) or stored[i] != computed[i])
    differs = (f"feature {at} is {stored[at] if at < len(stored) else 'missing'!r} in the file, "
               f"{computed[at] if at < len(computed) else 'missing'!r} in the code")
    raise FeatureMismatch(f"{path}: the model was trained on other features than the code computes "
                          f"({len(stored)} in the file, {len(computed)} in the code; {differs}); "
                          f"{_retrain(command)}")


# A feature the code makes once per word or lexicon entry ("lemma=say") is named by its
# pattern, with what the code fills in between braces ("lemma={lemma}"): those are the
# names the code can produce, and the ones a file lists and loading compares in order;
# the file's own weights ("lemma=say") must then each fit one of them.
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _pattern(names) -> re.Pattern:
    return re.compile("|".join("(?:" + ".*".join(re.escape(part) for part in _PLACEHOLDER.split(name)) + ")"
                               for name in names), re.DOTALL)


def check_weighed_features(name: str, weighed, names, command=None) -> None:
    """Every feature a model file (models/NAME) weighs is one of the code's `names`
    or fits one of its patterns (a renamed feature would never be computed, and read
    0); else FeatureMismatch names the file and the first such feature."""
    fits = _pattern(names).fullmatch
    stray = next((str(n) for n in weighed if not fits(str(n))), None)
    if stray is not None:
        raise FeatureMismatch(f"{model_path(name)}: the model weighs a feature the code never computes "
                              f"({stray!r}); {_retrain(command)}")


def record_model_files(folder: Path | None = None) -> Path:
    """Write models/SHA256SUMS for every file in the models folder: the training
    scripts call it after writing a model."""
    folder = folder or _models_folder()
    lines = [f"{_sha256(path)}  {path.name}" for path in sorted(folder.iterdir())
             if path.is_file() and path.suffix in SHIPPED_MODEL_SUFFIXES]
    (folder / MANIFEST).write_text("\n".join(lines) + "\n", encoding="utf-8")
    check_model_files.cache_clear()
    return folder / MANIFEST


@lru_cache(maxsize=1)
def scoring_data_digest() -> str:
    """Changes whenever a model file or a lexicon does: a database records the
    one its articles were scored with, so that a load can tell that they were
    scored by an earlier release."""
    digest = hashlib.sha256((_models_folder() / MANIFEST).read_bytes())
    lexicons = resources.files("datasette_attribution").joinpath("lexicons")
    for entry in sorted(lexicons.iterdir(), key=lambda entry: entry.name):
        if entry.name.endswith(".txt"):
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()[:16]
