"""Query-string filters that need a join: ?_actor=ID and ?_outlet=NAME.

Datasette's own filters work on a table's columns; a sentence's actors live in
`mentions` and its outlet in `articles`, so these add the subqueries.
"""

from __future__ import annotations

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
    if actor and actor.isdigit() and table in ACTOR_SUBQUERIES:
        clauses.append(ACTOR_SUBQUERIES[table])
        params["attr_actor"] = int(actor)
        descriptions.append(f"mentions actor {actor}")
    outlet = args.get("_outlet")
    if outlet and table in OUTLET_SUBQUERIES:
        clauses.append(OUTLET_SUBQUERIES[table])
        params["attr_outlet"] = outlet
        descriptions.append(f"from outlet {outlet}")
    return clauses, params, descriptions
