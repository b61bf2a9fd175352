"""One article with its evidence: each sentence highlighted with its cues, sources
and mentions, its quotes and the reasons behind its scores."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from datasette.utils.asgi import NotFound, Response

from ...records import PAGE_SUFFIXES
from .. import earlier_release
from .common import (
    ARTICLE_TABLES,
    dashboard_url,
    database_from_request,
    fetch_rows,
    plugin_url,
    story_extent,
    table_link,
)
from ..render import (
    ARTICLE_LEGEND,
    attribution_summary,
    continued_quotation,
    cue_chips,
    highlight,
    link_target,
    mention_label,
    signed,
)


def _by_sentence(rows: list[dict]) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["sentence_id"], []).append(row)
    return grouped


def _share(value) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _as_json(article, story, actors, sentences, mentions_of, attributions_of, quotes) -> dict:
    """The article and its evidence as the page shows them: each sentence with its
    attributions, mentions and hedge cues, the quotes, the actors and the story
    (`sentences.evidence`, the table cells' copy of the same, left out); `actors`
    most mentioned first."""
    def mention(row):
        return {**row, "sentiment_cues": json.loads(row.get("sentiment_cues") or "[]")}

    def sentence(row):
        return {**{k: v for k, v in row.items() if k != "evidence"},
                "hedge_cues": json.loads(row["hedge_cues"] or "[]"),
                "attributions": attributions_of.get(row["id"], []),
                "mentions": [mention(m) for m in mentions_of.get(row["id"], [])]}
    return {"article": article, "story": story, "sentences": [sentence(s) for s in sentences], "quotes": quotes,
            "actors": actors}


async def article_page(datasette, request):
    db = await database_from_request(datasette, request, *ARTICLE_TABLES)
    database = db.name
    article_id = int(request.url_vars["article_id"])
    found = await fetch_rows(db, "select * from articles where id = ?", [article_id])
    if not found:
        raise NotFound(f"No article {article_id} in {database}")
    article = found[0]
    sentences = await fetch_rows(db, "select * from sentences where article_id = ? order by position",
                            [article_id])
    mentions = await fetch_rows(db, (
        "select mentions.*, actors.name as actor, actors.kind from mentions "
        "join actors on actors.id = mentions.actor_id join sentences on sentences.id = "
        "mentions.sentence_id where sentences.article_id = ? order by mentions.start"), [article_id])
    by_sentence = _by_sentence(mentions)
    attributions = await fetch_rows(db, (
        "select attributions.*, actors.name as actor from attributions "
        "join sentences on sentences.id = attributions.sentence_id "
        "left join actors on actors.id = attributions.actor_id "
        "where sentences.article_id = ? order by attributions.id"), [article_id])
    attributions_of = _by_sentence(attributions)
    quotes = await fetch_rows(db, (
        "select quotes.*, actors.name as actor from quotes join sentences on sentences.id = "
        "quotes.sentence_id left join actors on actors.id = quotes.actor_id "
        "where sentences.article_id = ? order by quotes.id"), [article_id])
    story = None
    if article.get("story_id") is not None:
        # Its articles and outlets as the story page counts them.
        found = await fetch_rows(db, (
            "select s.id, s.title, s.article_count, s.outlet_count, (select count(*) from articles a "
            "where a.story_id = s.id and a.outlet is null) as without_outlet from stories s where s.id = ?"),
            [article["story_id"]])
        story = found[0] if found else None
        if story:
            story["page"] = plugin_url(datasette, database, f"stories/{story['id']}")
            story["extent"] = story_extent(story["article_count"], story["outlet_count"], story["without_outlet"])
    home = dashboard_url(datasette, database)
    outlet_page = home + "?" + urlencode({"outlet": article["outlet"] if article["outlet"] is not None
                                          else "(none)", "min_articles": 1})
    actors: dict = {}
    for mention in mentions:
        entry = actors.setdefault(mention["actor_id"], {
            "name": mention["actor"], "kind": mention["kind"], "mentions": 0, "labels": {},
            "page": plugin_url(datasette, database, f"actors/{mention['actor_id']}")})
        entry["mentions"] += 1
        label = mention_label(mention)
        entry["labels"][label] = entry["labels"].get(label, 0) + 1
    actors = sorted(({"id": actor_id, **entry} for actor_id, entry in actors.items()),
                    key=lambda a: (-a["mentions"], a["name"]))
    read = await earlier_release.reading(db)
    if request.url_vars.get("format") == "json":
        return Response.json({**_as_json(article, story, actors, sentences, by_sentence, attributions_of, quotes),
                              **read.as_json()})
    # The page alone: the text highlighted, and each score with the count behind it.
    paragraphs = await fetch_rows(db, "select * from paragraphs where article_id = ? order by position",
                             [article_id])
    blocks = []
    for paragraph in paragraphs:
        inside = [s for s in sentences if s["paragraph"] == paragraph["position"]]
        blocks.append({
            "kind": paragraph["kind"], "text": paragraph["text"],
            "sentences": [{
                **s, "html": highlight(s["text"], s["source"], json.loads(s["hedge_cues"] or "[]"),
                                       by_sentence.get(s["id"], []), attributions_of.get(s["id"], [])),
                "chips": cue_chips(s["hedge_cues"]),
                "attributions_text": attribution_summary(s["text"], attributions_of.get(s["id"], []))
                or (continued_quotation(s["source"], s["cue"]) if s["attribution"] != "none" else ""),
            } for s in inside],
        })
    attributed = [s for s in sentences if s["attribution"] != "none"]
    anonymous = [s for s in attributed if s["attribution"] == "anonymous"]
    hedged = [s for s in sentences if s["hedged"]]
    reasons = [
        ("Anonymous share", _share(article["anonymous_share"]),
         f"{len(anonymous)} of {len(attributed)} attributed sentences rest on unnamed or vague sources",
         table_link(datasette, database, "sentences", article_id=article_id, attribution="anonymous")),
        ("Hedged share", _share(article["hedged_share"]),
         f"{len(hedged)} of {len(sentences)} sentences are hedged",
         table_link(datasette, database, "sentences", article_id=article_id, hedged=1)),
        ("Polarity", signed(article["polarity"]), "mean sentence polarity, -1 negative .. 1 positive",
         table_link(datasette, database, "sentences", article_id=article_id, _sort="polarity")),
    ]
    trail = [(article["outlet"] or "(no outlet)", outlet_page)]
    if story:
        trail.append((f"story: {story['title'] or story['id']}", story["page"]))
    trail.append((article["title"] or f"article {article_id}", None))
    return Response.html(await datasette.render_template(
        "attribution_article.html",
        {"database": database, "article": article, "article_link": link_target(article["url"]),
         # A record that lacks a field had no page to find it on.
         "missing": "not found on the page" if (article["source"] or "").lower().endswith(PAGE_SUFFIXES)
         else "not given in the record",
         "earlier_release_notice": read.notice,
         "story": story, "outlet_page": outlet_page, "trail_items": trail, "dashboard_url": home,
         "actors": actors,
         "outlet_articles": table_link(datasette, database, "articles", outlet=article["outlet"]),
         "unscored_language": article.get("language") if article.get("language") not in (None, "en") else None,
         "blocks": blocks, "quotes": quotes,
         "reasons": reasons, "legend": ARTICLE_LEGEND,
         "row_url": datasette.urls.table(database, "articles") + f"/{article_id}",
         "json_url": plugin_url(datasette, database, f"articles/{article_id}.json")},
        request=request))
