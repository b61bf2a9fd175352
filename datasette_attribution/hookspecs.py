"""Hook specifications for scorers (specifications only; the manager is in plugins.py).

A scorer package implements `register_scorers` and declares an entry point in the
group "datasette_attribution"; the built-in scorers use the same hook. The scorer
contract (DESIGN.md):

    name = "exclamations"                      # unique
    requires = ()                              # names of scorers whose fields it reads
    columns = {"sentences": {"exclamations": int}, "articles": {"exclamation_total": int}}
    def score(self, sentences, analysis): ...  # fills fields; analysis.summary for articles

Each sentence record passed to `score` carries its spaCy `Span` as "span". The parse
is freed when scoring ends: keep plain values (strings, numbers), never a token or span.
"""

from __future__ import annotations

import pluggy

PROJECT = "datasette_attribution"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_scorers():
    """Return a list of scorer objects."""
