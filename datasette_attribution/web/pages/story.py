"""One story, outlet by outlet: who each quotes, what each hedges, the actors each
mentions and how it writes about them, its headlines, and what it reports that
the others omit. Every item links to its sentence. As HTML, JSON and CSV."""

from __future__ import annotations

import asyncio
import json

from datasette.utils.asgi import NotFound, Response

from .. import earlier_release
from . import counterparts
from .common import (
    ARTICLE_TABLES,
    csv_response,
    dashboard_url,
    database_from_request,
    fetch_rows,
    plugin_url,
    story_extent,
    table_link,
)
from ..render import counted
from ..shares import MIN_MENTIONS, describe, with_shares

TOP_ACTORS = 10
# Pairs of sentences told by two outlets, shown side by side.
MAX_SHARED = 15


async def story_data(datasette, db, story_id: int, read: earlier_release.Reading) -> dict:
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
    # A source's actor, and the first actor mentioned inside its words.
    sources = await fetch_rows(db, (
        "select attributions.sentence_id, attributions.source, attributions.source_kind, "
        "attributions.source_start, attributions.source_end, sentences.text as sentence_text, "
        "attributions.anonymous, attributions.cue, sentences.article_id, articles.outlet, "
        "attributions.actor_id, (select mentions.actor_id from mentions "
        "where mentions.sentence_id = attributions.sentence_id "
        "and mentions.start >= attributions.source_start and mentions.[end] <= attributions.source_end "
        "order by mentions.start limit 1) as mentioned_id "
        "from attributions join sentences on sentences.id = attributions.sentence_id "
        "join articles on articles.id = sentences.article_id "
        "where articles.story_id = ? and attributions.source is not null "
        "order by sentences.article_id, sentences.position, attributions.source_start"), [story_id])
    # The actors the story mentions or cites, with the names each was written as.
    cited = {i for s in sources for i in (s["actor_id"], s["mentioned_id"]) if i is not None}
    story_actors = await fetch_rows(db, (
        f"select actors.id, actors.name, {read.pick('actors', 'aliases', alias='actors')} from actors "
        "where actors.id in (select mentions.actor_id from mentions "
        "join sentences on sentences.id = mentions.sentence_id "
        "join articles on articles.id = sentences.article_id where articles.story_id = :story) "
        f"or actors.id in ({', '.join(str(int(i)) for i in cited) or 'null'})"),
        {"story": story_id})
    actors = await fetch_rows(db, (
        "select articles.outlet, actors.id, actors.name, actors.kind, count(*) as mentions, "
        "round(avg(mentions.sentiment), 4) as mean_sentiment, "
        f"{read.label_counts()} from mentions "
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
    names = await asyncio.get_running_loop().run_in_executor(None, _what_sources_name, sources)
    for outlet, cited in _distinct_sources(sources, names, story_actors).items():
        outlets[outlet]["sources"] = [{
            **first, "sentence": text_of[first["sentence_id"]], "link": sentence_link(first["sentence_id"]),
            "times": times,
            # every sentence the count rests on, not the first alone
            "times_link": table_link(datasette, name, "sentences",
                                     id__in=",".join(map(str, first["sentence_ids"])))} for first, times in cited]
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
                                    # This story's mentions: the outlet's others are not counted.
                                    "mentions_link": table_link(datasette, name, "mentions", actor_id=actor["id"],
                                                                outlet=actor["outlet"], _story=story_id)})
    compared = await counterparts.compare_async(sentences, outlet_of)
    shared = []
    order = list(outlets)
    for item in compared:
        sentence = item["sentence"]
        outlet = outlet_of[sentence["article_id"]]
        if item["only_here"]:
            outlets[outlet]["omitted"].append({"sentence": sentence["text"], "link": sentence_link(sentence["id"]),
                                               "closest": item["meaning"]})
        elif item["match"] is not None and item["meaning"] >= counterparts.COUNTERPART_SIMILARITY:
            other = outlet_of[item["match"]["article_id"]]
            if order.index(outlet) < order.index(other):  # each pair once
                shared.append({"outlet": outlet, "sentence": sentence["text"], "link": sentence_link(sentence["id"]),
                               "other_outlet": other, "other_sentence": item["match"]["text"],
                               "other_link": sentence_link(item["match"]["id"]), "similarity": item["meaning"]})
    shared.sort(key=lambda pair: -pair["similarity"])
    named = [outlet for outlet in outlets if outlet is not None]
    extent = story_extent(len(articles), len(named), len(outlets[None]["articles"]) if None in outlets else 0)
    return {"story": {**found[0], "outlets_seen": len(outlets), "extent": extent}, "outlets": list(outlets.values()),
            "shared": shared[:MAX_SHARED], "shared_count": len(shared), "min_mentions": MIN_MENTIONS,
            "articles_link": table_link(datasette, name, "articles", story_id=story_id),
            "counterpart_similarity": counterparts.COUNTERPART_SIMILARITY, **read.as_json()}


def _what_sources_name(sources: list[dict]) -> list[tuple[str, str]]:
    """What each source's words name (analyze.what_sources_name), in its sentence;
    on their own where the sentence does not hold them (a pronoun's source,
    carried from the sentence before: "They did so on the condition of anonymity")."""
    from ...analyze import what_sources_name

    spans = []
    for source in sources:
        text, start, end = source["sentence_text"], source["source_start"], source["source_end"]
        if start is None or end is None:
            start = text.find(source["source"])
            end = start + len(source["source"])
        if not 0 <= start < end <= len(text):
            text, start, end = source["source"], 0, len(source["source"])
        spans.append((text, start, end))
    # Parsed once: a story's page is asked for again, its sentences do not change.
    missing = [span for span in dict.fromkeys(spans) if span not in _NAMED]
    if missing:
        if len(_NAMED) + len(missing) > _NAMED_KEPT:
            _NAMED.clear()
        _NAMED.update(zip(missing, what_sources_name(missing), strict=True))
    return [_NAMED[span] for span in spans]


_NAMED: dict = {}
_NAMED_KEPT = 50_000


def _alias_index(actors: list[dict]) -> dict[str, int]:
    """Each name the story's actors were written as (lower case), and the last word
    of each, to the one actor written so; a name two of them share resolves to
    neither."""
    owners: dict[str, set] = {}
    for actor in actors:
        forms = json.loads(actor.get("aliases") or "[]") if isinstance(actor.get("aliases"), str) else []
        for form in [actor["name"], *forms]:
            for name in {form, form.split()[-1] if form.split() else form}:
                owners.setdefault(name.lower(), set()).add(actor["id"])
    return {form: next(iter(ids)) for form, ids in owners.items() if len(ids) == 1}


def _resolved(words: str, head: str, aliases: dict[str, int]) -> int | None:
    """The actor a name among the story's actors is written as: its words, or the
    name that heads them ("Mook" in "Clinton campaign manager Robby Mook",
    "King" in "Mr. King")."""
    for form in (words, head.strip("'’\".,:;<>")):
        if form.lower() in aliases:
            return aliases[form.lower()]
    return None


# What a source must name to be listed without an actor behind it; a document
# ("a new poll") only as the vague source the shares count ("reports", "polls").
NAMES_SOMEONE = ("name", "people")


def _distinct_sources(sources: list[dict], names: list[tuple[str, str]], actors: list[dict]) -> dict:
    """Each outlet's sources once, grouped by the actor each resolves to (for a
    name, the story's actor its head is written as; else the scorer's; for a
    name still unresolved, the actor mentioned inside it), with how many times
    each is cited, most cited first. Left out: words that are no noun phrase, and unresolved ones that name no one (a
    pronoun, "his best response", a figure, a headline's "Poll")."""
    aliases = _alias_index(actors)
    name_of = {actor["id"]: actor["name"] for actor in actors}
    found: dict = {}
    for source, (named, head) in zip(sources, names, strict=True):
        words = (source["source"] or "").strip()
        actor_id = None
        if named == "name" and not source["anonymous"]:
            # A name: the story's actor its head is written as ("Mook" for Robby
            # Mook, not the "Clinton" of "Clinton campaign manager Robby Mook").
            actor_id = _resolved(words, head, aliases)
        for known in (source["actor_id"], source["mentioned_id"] if named == "name" else None):
            if actor_id is None and known in name_of:
                actor_id = known
        if not words or named == "no phrase" or (actor_id is None and not (
                named in NAMES_SOMEONE or (named == "document" and source["anonymous"]))):
            continue
        actor = name_of.get(actor_id)
        # A relative "who" is listed as what it stands for ("critics, as “who”").
        shown = head if len(words.split()) == 1 and head and head.lower() != words.lower() else words
        key = actor_id if actor_id is not None else shown.lower()
        entry = found.setdefault(source["outlet"], {}).setdefault(key, [{
            "source": actor or shown, "said_as": words, "kind": source["source_kind"],
            "anonymous": source["anonymous"], "actor": actor, "actor_id": actor_id, "cue": source["cue"],
            "sentence_id": source["sentence_id"], "sentence_ids": []}, 0])
        entry[1] += 1
        if source["sentence_id"] not in entry[0]["sentence_ids"]:
            entry[0]["sentence_ids"].append(source["sentence_id"])
    return {outlet: sorted(((first, times) for first, times in by_key.values()), key=lambda pair: -pair[1])
            for outlet, by_key in found.items()}


CSV_COLUMNS = ["outlet", "item", "text", "detail", "link"]


def story_csv_rows(data: dict) -> list[list]:
    """One row per item of the comparison: kind, text, what it says, the row it comes from."""
    rows = []
    for o in data["outlets"]:
        outlet = o["outlet"]
        rows += [[outlet, "article", a["title"], a["published"], a["link"]] for a in o["articles"]]
        rows += [[outlet, "anonymous source" if s["anonymous"] else "named source", s["sentence"],
                  f"{s['source']} ({s['kind']})" + (f", {s['times']} times" if s["times"] > 1 else ""),
                  s["times_link"] if s["times"] > 1 else s["link"]] for s in o["sources"]]
        rows += [[outlet, "hedged", h["sentence"], ", ".join(h["cues"]), h["link"]] for h in o["hedged"]]
        rows += [[outlet, "actor", a["name"], describe(a), a["link"]] for a in o["actors"]]
        rows += [[outlet, "only this outlet", m["sentence"], "", m["link"]] for m in o["omitted"]]
    rows += [[p["outlet"], f"also told by {p['other_outlet'] or '(no outlet)'}", p["sentence"], p["other_sentence"],
              p["link"]] for p in data["shared"]]
    return rows


async def story_page(datasette, request):
    db = await database_from_request(datasette, request, *ARTICLE_TABLES, "stories")
    read = await earlier_release.reading(db)
    data = await story_data(datasette, db, int(request.url_vars["story_id"]), read)
    story = data["story"]
    if request.url_vars.get("format") == "json":
        return Response.json(data)
    if request.url_vars.get("format") == "csv":
        rows = [[*row[:-1], datasette.absolute_url(request, row[-1])] for row in story_csv_rows(data)]
        return csv_response(CSV_COLUMNS, rows, f"{db.name}-story-{story['id']}.csv")
    return Response.html(await datasette.render_template(
        "attribution_story.html",
        {"database": db.name, "story": story, "outlets": data["outlets"], "min_mentions": MIN_MENTIONS,
         "earlier_release_notice": read.notice, "unlabelled": not read.labelled,
         "shared": data["shared"], "shared_count": data["shared_count"],
         "counterpart_similarity": data["counterpart_similarity"],
         "articles_link": data["articles_link"],
         "json_url": plugin_url(datasette, db.name, f"stories/{story['id']}.json"),
         "csv_url": plugin_url(datasette, db.name, f"stories/{story['id']}.csv"),
         "row_url": datasette.urls.table(db.name, "stories") + f"/{story['id']}",
         "stories_url": datasette.urls.table(db.name, "stories"),
         "dashboard_url": dashboard_url(datasette, db.name)},
        request=request))
