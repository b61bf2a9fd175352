"""The package's own plugin manager, and the registered scorers in run order."""

from __future__ import annotations

import pluggy

from . import hookspecs

SCORER_TABLES = ("sentences", "articles")


class ScorerError(Exception):
    """A registered scorer breaks the contract: missing attributes, an unknown or
    circular `requires`, a duplicate name or an undeclared table."""


def plugin_manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    from .scorers import builtin

    manager.register(builtin, name="builtin")
    manager.load_setuptools_entrypoints(hookspecs.PROJECT)
    return manager


def registered_scorers(manager: pluggy.PluginManager | None = None) -> tuple:
    """Every registered scorer, ordered so that each runs after those it requires;
    otherwise in the order they were registered (built-in scorers first)."""
    manager = manager or plugin_manager()
    # pluggy calls the last registered plugin first: reverse to registration order.
    found = [scorer for group in reversed(manager.hook.register_scorers()) for scorer in group]
    return run_order(found)


def run_order(found: list) -> tuple:
    by_name = {}
    for scorer in found:
        check_contract(scorer)
        if scorer.name in by_name:
            raise ScorerError(f"two scorers are named {scorer.name!r}")
        by_name[scorer.name] = scorer
    ordered, done, visiting = [], set(), []

    def visit(scorer):
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
        ordered.append(scorer)

    for scorer in found:
        visit(scorer)
    return tuple(ordered)


def check_contract(scorer) -> None:
    missing = [a for a in ("name", "requires", "columns", "score") if not hasattr(scorer, a)]
    if missing:
        raise ScorerError(f"scorer {scorer!r} lacks {', '.join(missing)}")
    for table in scorer.columns:
        if table not in SCORER_TABLES:
            raise ScorerError(f"scorer {scorer.name!r} declares columns of {table!r}; "
                              f"a scorer adds columns to {' and '.join(SCORER_TABLES)} only")
