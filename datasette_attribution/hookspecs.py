"""The scorer contract: the `Scorer` protocol and the hook that registers scorers
(specifications only; the manager and the contract's checks are in plugins.py).

A scorer package implements `register_scorers` and declares an entry point in the
group "datasette_attribution"; the built-in scorers use the same hook (DESIGN.md):

    class ExclamationScorer:
        name = "exclamations"                  # unique
        requires = ()                          # names of scorers whose fields it reads
        columns = {"sentences": {"exclamations": int}, "articles": {"exclamation_total": int}}
        def score(self, sentences, analysis): ...  # fills fields; analysis.summary for articles

    @hookimpl
    def register_scorers():
        return [ExclamationScorer()]

Each sentence record passed to `score` carries its spaCy `Span` as "span". The parse
is freed when scoring ends: keep plain values (strings, numbers), never a token or span.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import pluggy

if TYPE_CHECKING:  # the contract names the analysis; it never imports an implementation
    from .analyze import Analysis

PROJECT = "datasette_attribution"
# The tables a scorer adds columns to, and the types a column may declare (list and
# dict are stored as JSON).
SCORER_TABLES = ("sentences", "articles")
COLUMN_TYPES = (int, float, str, bool, list, dict)

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@runtime_checkable
class Scorer(Protocol):
    """What every scorer is. Subclassing is not needed: any object with these
    attributes is a scorer."""

    name: str
    requires: Sequence[str]
    columns: Mapping[str, Mapping[str, type]]  # table -> column -> one of COLUMN_TYPES

    def score(self, sentences: list[dict], analysis: Analysis) -> None: ...


@hookspec
def register_scorers() -> Sequence[Scorer]:
    """Return the plugin's scorers."""
