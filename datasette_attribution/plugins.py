"""The package's own plugin manager, the registered scorers in run order, and the
checks that each keeps the contract (hookspecs.Scorer)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pluggy

from . import hookspecs
from .hookspecs import COLUMN_TYPES, SCORER_TABLES, Scorer

BUILTIN = "builtin"


class ScorerError(Exception):
    """A registered scorer breaks the contract: a missing or mistyped attribute, an
    unknown or circular `requires`, a duplicate name or an undeclared table. The
    message names the plugin that registered it."""


@dataclass(frozen=True)
class Registered:
    """A scorer and the plugin that registered it ("builtin", or the entry point's
    name with its distribution: "exclamations (exclamation-scorer 1.0)")."""

    scorer: Scorer
    plugin: str


def plugin_manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    from .scorers import builtin

    manager.register(builtin, name=BUILTIN)
    manager.load_setuptools_entrypoints(hookspecs.PROJECT)
    return manager


def installed_scorers(manager: pluggy.PluginManager | None = None) -> tuple[Registered, ...]:
    """Every registered scorer with its plugin, checked against the contract and
    ordered so that each runs after those it requires; otherwise in the order they
    were registered (built-in scorers first)."""
    manager = manager or plugin_manager()
    distributions = {id(plugin): dist for plugin, dist in manager.list_plugin_distinfo()}
    found = []
    # Each plugin's hook is called on its own, so that a broken scorer is traced to
    # its plugin; get_hookimpls() lists them in registration order.
    for impl in manager.hook.register_scorers.get_hookimpls():
        dist = distributions.get(id(impl.plugin))
        plugin = f"{impl.plugin_name} ({dist.project_name} {dist.version})" if dist else impl.plugin_name
        returned = impl.function()
        if isinstance(returned, (str, bytes)) or not isinstance(returned, Sequence):
            raise ScorerError(f"plugin {plugin}: register_scorers() returned {type(returned).__name__}, "
                              "not a list of scorers")
        for scorer in returned:
            check_contract(scorer, plugin)
            found.append(Registered(scorer, plugin))
    return run_order(found)


def registered_scorers(manager: pluggy.PluginManager | None = None) -> tuple[Scorer, ...]:
    """The scorers of installed_scorers(), in run order."""
    return tuple(registered.scorer for registered in installed_scorers(manager))


def run_order(found: list) -> tuple:
    """`found` (scorers, or Registered scorers) ordered so that each comes after
    those it requires; a duplicate name, a missing requirement or a circle is refused."""
    by_name = {}
    for item in found:
        scorer, plugin = (item.scorer, item.plugin) if isinstance(item, Registered) else (item, None)
        if not isinstance(item, Registered):
            check_contract(scorer, plugin)
        if scorer.name in by_name:
            earlier = by_name[scorer.name]
            plugins = [i.plugin for i in (earlier, item) if isinstance(i, Registered)]
            raise ScorerError(f"two scorers are named {scorer.name!r}"
                              + (f" (from plugins {' and '.join(plugins)})" if plugins else ""))
        by_name[scorer.name] = item
    _one_owner_per_column(found)
    ordered, done, visiting = [], set(), []

    def visit(item):
        scorer = item.scorer if isinstance(item, Registered) else item
        if scorer.name in done:
            return
        if scorer.name in visiting:
            cycle = " -> ".join([*visiting[visiting.index(scorer.name):], scorer.name])
            raise ScorerError(f"scorers require each other in a circle: {cycle}")
        visiting.append(scorer.name)
        for required in scorer.requires:
            if required not in by_name:
                raise ScorerError(f"scorer {scorer.name!r} requires {required!r}, which is not installed")
            visit(by_name[required])
        visiting.pop()
        done.add(scorer.name)
        ordered.append(item)

    for item in found:
        visit(item)
    return tuple(ordered)


def _one_owner_per_column(found: list) -> None:
    """Each column is one scorer's: a plugin declaring `sentences.hedged` would overwrite
    the hedging scorer's values, and the counts made from them would disagree."""
    owners: dict[tuple[str, str], object] = {}
    for item in found:
        scorer = item.scorer if isinstance(item, Registered) else item
        for table, columns in scorer.columns.items():
            for column in columns:
                earlier = owners.setdefault((table, column), item)
                if earlier is not item:
                    plugins = [f"{i.scorer.name!r} from plugin {i.plugin}" if isinstance(i, Registered)
                               else repr(i.name) for i in (earlier, item)]
                    raise ScorerError(f"scorers {' and '.join(plugins)} both declare the column "
                                      f"{table}.{column}: each column is one scorer's")


def check_contract(scorer, plugin: str | None = None) -> None:
    """Raise ScorerError, naming the plugin and what is wrong, unless `scorer` has a
    name (a non-empty string), requires (names), columns (SCORER_TABLES -> column
    -> one of COLUMN_TYPES) and a score method."""
    name = getattr(scorer, "name", None)
    label = f"scorer {name!r}" if isinstance(name, str) and name else f"scorer {scorer!r}"

    def broken(what: str) -> ScorerError:
        return ScorerError(f"{label}{f' from plugin {plugin}' if plugin else ''} {what}")

    missing = [a for a in ("name", "requires", "columns", "score") if not hasattr(scorer, a)]
    if missing:
        raise broken(f"lacks {', '.join(missing)} (see hookspecs.Scorer)")
    if not isinstance(scorer.name, str) or not scorer.name:
        raise broken(f"has name {scorer.name!r}; a scorer's name is a non-empty string")
    if isinstance(scorer.requires, (str, bytes)) or not isinstance(scorer.requires, Sequence) \
            or not all(isinstance(r, str) for r in scorer.requires):
        raise broken(f"has requires {scorer.requires!r}; it is a tuple of scorer names")
    if not callable(scorer.score):
        raise broken("has a score that is not a method")
    if not isinstance(scorer.columns, Mapping):
        raise broken(f"has columns {scorer.columns!r}; they are table -> column -> type")
    for table, columns in scorer.columns.items():
        if table not in SCORER_TABLES:
            raise broken(f"declares columns of {table!r}; a scorer adds columns to "
                         f"{' and '.join(SCORER_TABLES)} only")
        if not isinstance(columns, Mapping):
            raise broken(f"declares {table} as {columns!r}; it is column -> type")
        for column, kind in columns.items():
            if kind not in COLUMN_TYPES:
                raise broken(f"declares {table}.{column} of type {kind!r}; use "
                             f"{', '.join(t.__name__ for t in COLUMN_TYPES)}")
