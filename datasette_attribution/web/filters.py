"""Query-string filters that need a join: ?_actor=ID and ?_outlet=NAME.

Datasette's own filters work on a table's columns; a sentence's actors live in
`mentions` and its outlet in `articles`, so these add the subqueries.
"""

from __future__ import annotations

import re

# SQLite integers are 64-bit; a longer run of digits is no actor's id. ASCII
# digits only: str.isdigit() also accepts "²", which int() refuses.
ACTOR_ID = re.compile(r"[0-9]{1,18}")

ACTOR_SUBQUERIES = {
    "sentences": "id in (select sentence_id from mentions where actor_id = :attr_actor)",
    "articles": ("id in (select sentences.article_id from sentences join mentions "
                 "on mentions.sentence_id = sentences.id where mentions.actor_id = :attr_actor)"),
    "quotes": "actor_id = :attr_actor",
    "mentions": "actor_id = :attr_actor",
}
OUTLET_SUBQUERIES = {
    "sentences": "article_id in (select id from articles where outlet = :attr_outlet)",
    "mentions": ("sentence_id in (select sentences.id from sentences join articles "
                 "on articles.id = sentences.article_id where articles.outlet = :attr_outlet)"),
    "quotes": ("sentence_id in (select sentences.id from sentences join articles "
               "on articles.id = sentences.article_id where articles.outlet = :attr_outlet)"),
}


def where_clauses(table: str | None, args) -> tuple[list[str], dict, list[str]]:
    clauses, params, descriptions = [], {}, []
    actor = args.get("_actor")
    if actor and table in ACTOR_SUBQUERIES:
        if ACTOR_ID.fullmatch(actor):
            clauses.append(ACTOR_SUBQUERIES[table])
            params["attr_actor"] = int(actor)
            descriptions.append(f"mentions actor {actor}")
        else:
            # Matches nothing, and the page says why instead of failing.
            clauses.append("0")
            descriptions.append(f"_actor={actor[:40]!r} is not an actor id")
    outlet = args.get("_outlet")
    if outlet and table in OUTLET_SUBQUERIES:
        clauses.append(OUTLET_SUBQUERIES[table])
        params["attr_outlet"] = outlet
        descriptions.append(f"from outlet {outlet}")
    return clauses, params, descriptions
