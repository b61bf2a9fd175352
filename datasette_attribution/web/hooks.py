"""Datasette hooks: SQL functions on every connection and the `attribution` commands.

Read-only by design: nothing here writes, so it works on immutable databases.
"""

from __future__ import annotations

from datasette import hookimpl


@hookimpl
def prepare_connection(conn):
    from ..api import sentiment_toward
    from ..scorers.hedging import hedging_score
    from ..scorers.sourcing import attribute

    def sentiment_toward_target(text, target):
        if not text or not target:
            return None
        start = text.lower().find(target.lower())
        if start < 0:
            return None
        return sentiment_toward(text, start, start + len(target))[1]

    conn.create_function("hedging_score", 1, lambda text: hedging_score(text or ""), deterministic=True)
    conn.create_function("attribution", 1, lambda text: attribute(text or "")["attribution"], deterministic=True)
    conn.create_function("sentiment_toward", 2, sentiment_toward_target, deterministic=True)


@hookimpl
def register_commands(cli):
    from ..cli import cli as attribution_cli

    cli.add_command(attribution_cli, name="attribution")
