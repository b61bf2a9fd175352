"""Plugin hooks for scorers, and the package's own plugin manager.

A scorer is registered by implementing `register_scorers` in a module or package
entry point of the group "datasette_attribution"; the built-in scorers use the
same hook. A scorer has a `name`, an `order` (lower runs first) and a method
`score(sentences, article)` that fills fields on each sentence record (a dict) and
may read what earlier scorers filled in.
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("datasette_attribution")
hookimpl = pluggy.HookimplMarker("datasette_attribution")


class AttributionSpecs:
    @hookspec
    def register_scorers(self):
        """Return a list of scorer objects."""


def plugin_manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager("datasette_attribution")
    manager.add_hookspecs(AttributionSpecs)
    from .scorers import builtin

    manager.register(builtin, name="builtin")
    manager.load_setuptools_entrypoints("datasette_attribution")
    return manager
