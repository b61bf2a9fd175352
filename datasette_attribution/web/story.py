"""One story, outlet by outlet: who each quotes, what each hedges, the actors each
mentions and how it writes about them, its headlines, and what it reports that
the others omit. Every item links to its sentence. As HTML, JSON and CSV."""

from __future__ import annotations

import json

from datasette.utils.asgi import NotFound, Response

from ..stories import counterpart_score, sentence_vector
from ..store.summaries import LABEL_COUNTS
from .pages import (
    ARTICLE_TABLES,
    csv_response,
    dashboard_url,
    database_from_request,
    fetch_rows,
    plugin_url,
    table_link,
)
from .render import counted
from .shares import MIN_MENTIONS, describe, with_shares

# A sentence is reported only by its outlet when no sentence of another outlet's
# articles in the story comes this close (the cosine of their rarity-weighted
# words): paraphrases of one fact share its names and rare words.
COUNTERPART_SIMILARITY = 0.35
# Shorter sentences ("He declined.") are too thin to say what was omitted.
MIN_OMISSION_WORDS = 8
MAX_OMISSIONS_PER_OUTLET = 12
TOP_ACTORS = 10


async def story_data(datasette, db, story_id: int) -> dict:
    found = await fetch_rows(db, "select * from stories where id = ?", [story_id])
    if not found:
        raise NotFound(f"No story {story_id} in {db.name}")
    name = db.name
    articles = await fetch_rows(db, (
        "select id, outlet, title, published, url, anonymous_share, hedged_share, polarity from articles "
        "where story_id = ? order by published is null, published, id"), [story_id])
    sentences = await fetch_rows(db, (
        "select sentences.id, sentences.article_id, sentences.position, sentences.text, sentences.attribution, "
        "sentences.source, sentences.hedged, sentences.hedge_cues from sentences "
        "join articles on articles.id = sentences.article_id where articles.story_id = ? "
        "order by sentences.article_id, sentences.position"), [story_id])
    sources = await fetch_rows(db, (
        "select attributions.sentence_id, attributions.source, attributions.source_kind, "
        "attributions.anonymous, attributions.cue, actors.name as actor, sentences.article_id "
        "from attributions join sentences on sentences.id = attributions.sentence_id "
        "join articles on articles.id = sentences.article_id left join actors on actors.id = attributions.actor_id "
        "where articles.story_id = ? and attributions.source is not null "
        "order by sentences.article_id, sentences.position, attributions.source_start"), [story_id])
    actors = await fetch_rows(db, (
        "select articles.outlet, actors.id, actors.name, actors.kind, count(*) as mentions, "
        "round(avg(mentions.sentiment), 4) as mean_sentiment, "
        f"{LABEL_COUNTS} from mentions "
        "join actors on actors.id = mentions.actor_id join sentences on sentences.id = mentions.sentence_id "
        "join articles on articles.id = sentences.article_id where articles.story_id = ? "
        "group by articles.outlet, actors.id order by mentions desc, actors.name"), [story_id])
    outlet_of = {a["id"]: a["outlet"] for a in articles}
    text_of = {s["id"]: s["text"] for s in sentences}

    def sentence_link(sentence_id):
        return datasette.urls.table(name, "sentences") + f"/{sentence_id}"

    outlets = {}
    for article in articles:
        entry = outlets.setdefault(article["outlet"], {
            "outlet": article["outlet"], "articles": [], "sources": [], "hedged": [], "actors": [],
            "omitted": []})
        entry["articles"].append({**article, "link": plugin_url(datasette, name, f"articles/{article['id']}")})
    for source in sources:
        outlets[outlet_of[source["article_id"]]]["sources"].append({
            "source": source["source"], "kind": source["source_kind"], "anonymous": source["anonymous"],
            "actor": source["actor"], "cue": source["cue"], "sentence": text_of[source["sentence_id"]],
            "link": sentence_link(source["sentence_id"])})
    for sentence in sentences:
        if sentence["hedged"]:
            cues = [c.get("text") for c in counted(json.loads(sentence["hedge_cues"] or "[]")) if c.get("text")]
            outlets[outlet_of[sentence["article_id"]]]["hedged"].append({
                "sentence": sentence["text"], "cues": cues, "link": sentence_link(sentence["id"])})
    for actor in actors:
        entry = outlets[actor["outlet"]]
        if len(entry["actors"]) < TOP_ACTORS:
            entry["actors"].append({**with_shares({k: actor[k] for k in (
                                        "id", "name", "kind", "mentions", "mean_sentiment", "negative_mentions",
                                        "positive_mentions", "labelled_mentions")}),
                                    "link": plugin_url(datasette, name, f"actors/{actor['id']}"),
                                    "mentions_link": table_link(datasette, name, "sentences", _actor=actor["id"],
                                                          outlet=actor["outlet"])})
    for outlet, sentence in _omitted(sentences, outlet_of):
        if len(outlets[outlet]["omitted"]) < MAX_OMISSIONS_PER_OUTLET:
            outlets[outlet]["omitted"].append({"sentence": sentence["text"], "link": sentence_link(sentence["id"])})
    return {"story": found[0], "outlets": list(outlets.values()), "min_mentions": MIN_MENTIONS,
            "articles_link": table_link(datasette, name, "articles", story_id=story_id)}


def _omitted(sentences: list[dict], outlet_of: dict) -> list[tuple]:
    """(outlet, sentence) for each sentence with no close counterpart in any other
    outlet's articles of the story, in reading order."""
    vectors = {s["id"]: sentence_vector(s["text"]) for s in sentences}
    by_outlet: dict = {}
    for s in sentences:
        by_outlet.setdefault(outlet_of[s["article_id"]], []).append(s)
    if len(by_outlet) < 2:
        return []
    found = []
    for outlet, own in by_outlet.items():
        others = [vectors[s["id"]] for o, rows in by_outlet.items() if o != outlet for s in rows]
        for sentence in own:
            if len(sentence["text"].split()) < MIN_OMISSION_WORDS or not vectors[sentence["id"]]:
                continue
            if counterpart_score(vectors[sentence["id"]], others) < COUNTERPART_SIMILARITY:
                found.append((outlet, sentence))
    return found


CSV_COLUMNS = ["outlet", "item", "text", "detail", "link"]


def story_csv_rows(data: dict) -> list[list]:
    """One row per item of the comparison: kind, text, what it says, the row it comes from."""
    rows = []
    for o in data["outlets"]:
        outlet = o["outlet"]
        rows += [[outlet, "article", a["title"], a["published"], a["link"]] for a in o["articles"]]
        rows += [[outlet, "anonymous source" if s["anonymous"] else "named source", s["sentence"],
                  f"{s['source']} ({s['kind']})", s["link"]] for s in o["sources"]]
        rows += [[outlet, "hedged", h["sentence"], ", ".join(h["cues"]), h["link"]] for h in o["hedged"]]
        rows += [[outlet, "actor", a["name"], describe(a), a["link"]] for a in o["actors"]]
        rows += [[outlet, "only this outlet", m["sentence"], "", m["link"]] for m in o["omitted"]]
    return rows


async def story_page(datasette, request):
    db = await database_from_request(datasette, request, *ARTICLE_TABLES, "stories")
    data = await story_data(datasette, db, int(request.url_vars["story_id"]))
    story = data["story"]
    if request.url_vars.get("format") == "json":
        return Response.json(data)
    if request.url_vars.get("format") == "csv":
        return csv_response(CSV_COLUMNS, story_csv_rows(data), f"{db.name}-story-{story['id']}.csv")
    return Response.html(await datasette.render_template(
        "attribution_story.html",
        {"database": db.name, "story": story, "outlets": data["outlets"], "min_mentions": MIN_MENTIONS,
         "articles_link": data["articles_link"],
         "json_url": plugin_url(datasette, db.name, f"stories/{story['id']}.json"),
         "csv_url": plugin_url(datasette, db.name, f"stories/{story['id']}.csv"),
         "row_url": datasette.urls.table(db.name, "stories") + f"/{story['id']}",
         "stories_url": datasette.urls.table(db.name, "stories"),
         "dashboard_url": dashboard_url(datasette, db.name)},
        request=request))
