"""The plugin's own pages: one article with its evidence, and outlets side by side.

Read-only queries against the loaded tables; the same numbers are offered as
HTML (with server-drawn SVG charts), JSON and CSV.
"""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlencode

from datasette.utils import tilde_decode, tilde_encode
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup

from ..store.summaries import LABEL_COUNT_SUMS, LABEL_COUNTS
from . import charts, over_time
from .exports import csv_cell
from .shares import MIN_MENTIONS, share_css, wilson_interval, with_shares
from .render import (
    ARTICLE_LEGEND,
    attribution_summary,
    cue_chips,
    highlight,
    link_target,
    mention_label,
)

TOP_ACTORS = 8
TOP_ACTORS_OVER_TIME = 3


NO_OUTLET = object()  # table_link's default: no outlet filter at all


def outlet_args(table: str, outlet) -> dict:
    """The query-string filter for one outlet's rows of `table`; None (the
    articles with no outlet) is a filter too, not "every row"."""
    if outlet is NO_OUTLET:
        return {}
    if table == "articles":
        return {"outlet__isnull": 1} if outlet is None else {"outlet": outlet}
    return {"_no_outlet": 1} if outlet is None else {"_outlet": outlet}


def table_link(datasette, database: str, table: str, outlet=NO_OUTLET, **args) -> str:
    """A link to the rows of `table` under `args` (None values left out) and, when
    given, of one outlet (None: the articles without one)."""
    args = {**outlet_args(table, outlet), **{k: v for k, v in args.items() if v is not None}}
    query = urlencode(args)
    return datasette.urls.table(database, table) + (f"?{query}" if query else "")


async def fetch_rows(db, sql, params=None) -> list[dict]:
    result = await db.execute(sql, params or [])
    return [dict(zip(result.columns, row)) for row in result.rows]


def plugin_url(datasette, database: str, path: str) -> str:
    """/-/attribution/DB/path, with the database's name tilde-encoded as
    Datasette's own URLs have it ("news 2024" is news+2024)."""
    route = datasette.get_database(database).route
    return datasette.urls.path(f"/-/attribution/{tilde_encode(route)}/{path}")


def dashboard_url(datasette, database: str, extension: str = "") -> str:
    route = datasette.get_database(database).route
    return datasette.urls.path(f"/-/attribution/{tilde_encode(route)}{extension}")


async def ranked_outlets(db) -> list:
    """Outlets by their number of articles, most first: the order the charts name
    and colour them in (web/charts.py), the same on every page."""
    return [row[0] for row in (await db.execute(
        "select outlet from articles group by outlet order by count(*) desc, outlet")).rows]


async def database_from_request(datasette, request, *tables: str):
    """The database named in the URL, which must hold `tables` (the plugin's
    pages mean nothing on a database it did not load)."""
    route = tilde_decode(request.url_vars["database"])
    try:
        db = datasette.get_database(route=route)
    except KeyError:
        raise NotFound(f"Database not found: {route}")
    missing = set(tables) - set(await db.table_names()) - set(await db.view_names())
    if missing:
        raise NotFound(f"{db.name} was not loaded by datasette-attribution "
                       f"(no {', '.join(sorted(missing))} table)")
    return db


ARTICLE_TABLES = ("articles", "sentences", "paragraphs", "mentions", "actors", "attributions", "quotes")
# The summaries the comparison and actor pages read (databases loaded by earlier
# releases have these; the newer ones are read where present).
COMPARISON_TABLES = ("outlet_summary", "actor_stats", "outlet_actor_stats", "outlet_period_stats",
                     "outlet_actor_period_stats")


def _by_sentence(rows: list[dict]) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["sentence_id"], []).append(row)
    return grouped


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
                "attributions_text": attribution_summary(s["text"], attributions_of.get(s["id"], [])),
            } for s in inside],
        })
    quotes = await fetch_rows(db, (
        "select quotes.*, actors.name as actor from quotes join sentences on sentences.id = "
        "quotes.sentence_id left join actors on actors.id = quotes.actor_id "
        "where sentences.article_id = ? order by quotes.id"), [article_id])
    attributed = [s for s in sentences if s["attribution"] != "none"]
    anonymous = [s for s in attributed if s["attribution"] == "anonymous"]
    hedged = [s for s in sentences if s["hedged"]]
    reasons = [
        ("Anonymous share", article["anonymous_share"],
         f"{len(anonymous)} of {len(attributed)} attributed sentences rest on unnamed or vague sources",
         table_link(datasette, database, "sentences", article_id=article_id, attribution="anonymous")),
        ("Hedged share", article["hedged_share"],
         f"{len(hedged)} of {len(sentences)} sentences are hedged",
         table_link(datasette, database, "sentences", article_id=article_id, hedged=1)),
        ("Polarity", article["polarity"], "mean sentence polarity, -1 negative .. 1 positive",
         table_link(datasette, database, "sentences", article_id=article_id, _sort="polarity")),
    ]
    story = None
    if article.get("story_id") is not None:
        found = await fetch_rows(db, "select id, title, article_count, outlet_count from stories where id = ?",
                                 [article["story_id"]])
        story = found[0] if found else None
        if story:
            story["page"] = plugin_url(datasette, database, f"stories/{story['id']}")
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
    trail = [(article["outlet"] or "(no outlet)", outlet_page)]
    if story:
        trail.append((f"story: {story['title'] or story['id']}", story["page"]))
    trail.append((article["title"] or f"article {article_id}", None))
    return Response.html(await datasette.render_template(
        "attribution_article.html",
        {"database": database, "article": article, "article_link": link_target(article["url"]),
         "story": story, "outlet_page": outlet_page, "trail_items": trail, "dashboard_url": home,
         "actors": sorted(actors.values(), key=lambda a: (-a["mentions"], a["name"])),
         "outlet_articles": table_link(datasette, database, "articles", outlet=article["outlet"]),
         "unscored_language": article.get("language") if article.get("language") not in (None, "en") else None,
         "blocks": blocks, "quotes": quotes,
         "reasons": reasons, "legend": ARTICLE_LEGEND,
         "row_url": datasette.urls.table(database, "articles") + f"/{article_id}"},
        request=request))


async def comparison_data(datasette, db) -> dict:
    database = db.name
    outlets = await fetch_rows(db, "select * from outlet_summary order by articles desc, outlet")
    # Summary tables the loader keeps (store.SUMMARY_TABLES): fast at any size.
    actors = await fetch_rows(db, (
        "select actor_id as id, name, kind, mentions from actor_stats "
        f"order by mentions desc, name limit {TOP_ACTORS}"))
    sentiment = []
    if actors:
        marks = ",".join("?" * len(actors))
        sentiment = await fetch_rows(db, (
            "select outlet, actor_id, mentions, mean_sentiment, negative_mentions, positive_mentions, "
            f"labelled_mentions from outlet_actor_stats where actor_id in ({marks})"), [a["id"] for a in actors])
        sentiment = [with_shares(cell) for cell in sentiment]
    for outlet in outlets:
        name = outlet["outlet"]
        outlet["links"] = {
            "articles": table_link(datasette, database, "articles", outlet=name),
            "anonymous_share": table_link(datasette, database, "sentences", outlet=name, attribution="anonymous"),
            "hedged_share": table_link(datasette, database, "sentences", outlet=name, hedged=1),
            "quotes_per_article": table_link(datasette, database, "quotes", outlet=name),
        }
    for cell in sentiment:
        cell["link"] = table_link(datasette, database, "mentions", outlet=cell["outlet"],
                            actor_id=cell["actor_id"])
    for actor in actors:
        actor["page"] = plugin_url(datasette, database, f"actors/{actor['id']}")
    return {"outlets": outlets, "actors": actors, "sentiment": sentiment, "min_mentions": MIN_MENTIONS,
            "over_time": await _over_time(datasette, db, [a["id"] for a in actors[:TOP_ACTORS_OVER_TIME]])}


async def _over_time(datasette, db, actor_ids: list[int]) -> dict:
    """Per outlet and month (or week): the shares, and sentiment toward the top actors."""
    period = await over_time.granularity(db)
    if period is None:
        return {"period": None, "outlets": [], "actors": []}
    outlets = await over_time.outlet_periods(db, period)
    for row in outlets:
        row["links"] = {
            "anonymous_share": table_link(datasette, db.name, "sentences", outlet=row["outlet"],
                                    _period=row["period"], attribution="anonymous"),
            "hedged_share": table_link(datasette, db.name, "sentences", outlet=row["outlet"],
                                 _period=row["period"], hedged=1),
        }
    actors = await over_time.actor_periods(db, period, actor_ids)
    for row in actors:
        row["link"] = table_link(datasette, db.name, "mentions", outlet=row["outlet"], actor_id=row["actor_id"],
                           _period=row["period"])
    return {"period": period, "outlets": outlets, "actors": actors}


def over_time_charts(datasette, database: str, data: dict, actor_names: dict[int, str],
                     palette: charts.Palette) -> list[Markup]:
    """Line charts of the over-time data (web/charts.py): the two shares, and the
    negative and positive shares of the mentions of each actor; no empty chart."""
    rows, period = data["over_time"], data["over_time"]["period"]
    if period is None:
        return []

    def rows_of(table, **args):
        return lambda outlet, at: table_link(datasette, database, table, outlet=outlet, _period=at, **args)

    specs = [charts.share_lines(f"{title}, by {period}", rows["outlets"], part, whole, palette, period,
                                rows_of("sentences", **args), part)
             for part, whole, title, args in (
                 ("anonymous", "attributed", "Anonymous share of attributed sentences", {"attribution": "anonymous"}),
                 ("hedged", "sentences", "Hedged share of sentences", {"hedged": 1}))]
    for actor_id, name in actor_names.items():
        mine = [r for r in rows["actors"] if r["actor_id"] == actor_id]
        for kind in ("negative", "positive"):
            specs.append(charts.share_lines(
                f"Mentions of {name} that are {kind}, by {period} (points with {MIN_MENTIONS}+ mentions)", mine,
                f"{kind}_mentions", "labelled_mentions", palette, period,
                rows_of("mentions", actor_id=actor_id, sentiment_label=kind), kind, min_whole=MIN_MENTIONS))
    return [charts.embed(spec, spec["title"]) for spec in specs if spec]


def share_bars(title: str, outlets: list[dict], part: str, whole: str, link_key: str) -> Markup:
    rows = [{"label": charts.outlet_name(o["outlet"]), "part": o[part] or 0, "whole": o[whole] or 0,
             "share": round(o[part] / o[whole], 4) if o[whole] else None,
             "interval": wilson_interval(o[part] or 0, o[whole] or 0), "link": o["links"][link_key]}
            for o in outlets]
    spec = charts.share_bars(f"{title} (line: 95% interval)", rows, part)
    return charts.embed(spec, title)


def chart_scripts(datasette) -> list[str]:
    return [datasette.urls.static_plugins("datasette-attribution", script) for script in charts.SCRIPTS]


async def comparison_page(datasette, request):
    db = await database_from_request(datasette, request, *COMPARISON_TABLES)
    database = db.name
    data = await comparison_data(datasette, db)
    extension = request.url_vars.get("format")
    if extension == "json":
        return Response.json(data)
    if extension == "csv":
        return Response(comparison_csv(data), content_type="text/csv; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="{database}-outlets.csv"'})
    cells = {(c["outlet"], c["actor_id"]): c for c in data["sentiment"]}
    grid = [{"outlet": o["outlet"], "cells": [
        {**cells[(o["outlet"], a["id"])], "css": share_css(cells[(o["outlet"], a["id"])])}
        if (o["outlet"], a["id"]) in cells else None for a in data["actors"]]}
        for o in data["outlets"]]
    return Response.html(await datasette.render_template(
        "attribution_outlets.html",
        {"database": database, **data, "grid": grid,
         "anonymous_chart": share_bars("Anonymous share of attributed sentences", data["outlets"],
                                       "anonymous", "attributed", "anonymous_share"),
         "hedged_chart": share_bars("Hedged share of sentences", data["outlets"], "hedged", "sentences",
                                    "hedged_share"),
         "over_time_charts": over_time_charts(
             datasette, database, data, {a["id"]: a["name"] for a in data["actors"][:TOP_ACTORS_OVER_TIME]},
             charts.Palette(await ranked_outlets(db))),
         "chart_scripts": chart_scripts(datasette), "dashboard_url": dashboard_url(datasette, database),
         "over_time_csv_url": plugin_url(datasette, database, "over-time.csv"),
         "json_url": plugin_url(datasette, database, "outlets.json"),
         "csv_url": plugin_url(datasette, database, "outlets.csv")},
        request=request))


def csv_response(header: list[str], rows: list[list], filename: str) -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_cell(c) for c in header])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return Response(out.getvalue(), content_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{filename}"'})


async def over_time_csv(datasette, request):
    """The comparison's over-time data as one table: outlet and period, the
    shares, and sentiment toward the top actors."""
    db = await database_from_request(datasette, request, *COMPARISON_TABLES)
    data = await comparison_data(datasette, db)
    actors = data["actors"][:TOP_ACTORS_OVER_TIME]
    cells = {(r["outlet"], r["period"], r["actor_id"]): r for r in data["over_time"]["actors"]}
    columns = ["outlet", "period", "articles", "attributed", "anonymous", "anonymous_share", "hedged",
               "sentences", "hedged_share"]
    rows = [[r[c] for c in columns] + [value for a in actors
                                       for value in _share_cells(cells.get((r["outlet"], r["period"], a["id"])))]
            for r in data["over_time"]["outlets"]]
    return csv_response(columns + _share_columns(actors), rows, f"{db.name}-over-time.csv")


SHARE_FIELDS = ("negative_share", "positive_share", "labelled_mentions")


def _share_columns(actors: list[dict]) -> list[str]:
    return [f"{a['name']}: {field.replace('_', ' ')}" for a in actors for field in SHARE_FIELDS]


def _share_cells(cell: dict | None) -> list:
    """A cell's shares and count ("" where there is no such cell; a share below
    the minimum count stays empty too)."""
    return ["" if cell is None or cell[field] is None else cell[field] for field in SHARE_FIELDS]


# Each outlet's mentions of one actor, counted over its mentions, or read from
# the summaries the loader keeps (a heavily mentioned actor has hundreds of
# thousands of mentions in a large archive; older databases lack the summaries).
ACTOR_BY_OUTLET = (
    "select articles.outlet, count(*) as mentions, count(distinct mentions.sentence_id) as sentences, "
    "count(distinct sentences.article_id) as articles, round(avg(mentions.sentiment), 4) as mean_sentiment, "
    f"{LABEL_COUNTS}, "
    "count(distinct case when sentences.attribution = 'anonymous' then sentences.id end) as anonymous_sentences "
    "from mentions join sentences on sentences.id = mentions.sentence_id "
    "join articles on articles.id = sentences.article_id where mentions.actor_id = ?1 "
    "group by 1 order by mentions desc, 1")
ACTOR_BY_OUTLET_SUMMARISED = (
    "select a.outlet, a.mentions, s.sentences, a.articles, a.mean_sentiment, a.negative_mentions, "
    "a.positive_mentions, a.labelled_mentions, s.anonymous_sentences "
    "from (select outlet, sum(mentions) as mentions, count(*) as articles, "
    "round(sum(sentiment_sum) / nullif(sum(sentiment_count), 0), 4) as mean_sentiment, "
    f"{LABEL_COUNT_SUMS} "
    "from actor_articles where actor_id = ?1 group by outlet) a "
    "join (select outlet, sum(sentences) as sentences, "
    "sum(case when attribution = 'anonymous' then sentences else 0 end) as anonymous_sentences "
    "from facet_actor_sentences where actor_id = ?1 group by outlet) s on s.outlet is a.outlet "
    "order by a.mentions desc, 1")


async def actor_data(datasette, db, actor_id: int) -> dict:
    """How each outlet mentions and quotes one actor, with the rows behind each number."""
    found = await fetch_rows(db, "select actors.*, leader.name as linked_to_name from actors "
                            "left join actors leader on leader.id = actors.linked_to where actors.id = ?",
                        [actor_id])
    if not found:
        raise NotFound(f"No actor {actor_id} in {db.name}")
    summarised = {"actor_articles", "facet_actor_sentences"} <= set(await db.table_names())
    by_outlet = [with_shares(row) for row in await fetch_rows(
        db, ACTOR_BY_OUTLET_SUMMARISED if summarised else ACTOR_BY_OUTLET, [actor_id])]
    quoted = {r["outlet"]: r["n"] for r in await fetch_rows(db, (
        "select articles.outlet, count(*) as n from quotes join sentences on sentences.id = quotes.sentence_id "
        "join articles on articles.id = sentences.article_id where quotes.actor_id = ? group by 1"), [actor_id])}
    sourced = {r["outlet"]: r["n"] for r in await fetch_rows(db, (
        "select articles.outlet, count(*) as n from attributions "
        "join sentences on sentences.id = attributions.sentence_id "
        "join articles on articles.id = sentences.article_id where attributions.actor_id = ? group by 1"),
        [actor_id])}
    name = db.name
    for row in by_outlet:
        outlet = row["outlet"]
        row["quotes"], row["named_source"] = quoted.get(outlet, 0), sourced.get(outlet, 0)
        row["links"] = {
            "sentences": table_link(datasette, name, "sentences", _actor=actor_id, outlet=outlet),
            "mentions": table_link(datasette, name, "mentions", actor_id=actor_id, outlet=outlet),
            "quotes": table_link(datasette, name, "quotes", actor_id=actor_id, outlet=outlet),
            "named_source": table_link(datasette, name, "attributions", actor_id=actor_id, outlet=outlet),
            "anonymous_sentences": table_link(datasette, name, "sentences", _actor=actor_id, outlet=outlet,
                                        attribution="anonymous"),
        }
    data = {"actor": found[0], "outlets": by_outlet, "min_mentions": MIN_MENTIONS,
            "over_time": {"period": None, "outlets": [], "actors": []}}
    period = await over_time.granularity(db)
    if period:
        rows = await over_time.actor_periods(db, period, [actor_id])
        for row in rows:
            row["link"] = table_link(datasette, name, "mentions", outlet=row["outlet"], actor_id=actor_id,
                               _period=row["period"])
        data["over_time"] = {"period": period, "outlets": [], "actors": rows}
    return data


async def actor_page(datasette, request):
    db = await database_from_request(datasette, request, *ARTICLE_TABLES, *COMPARISON_TABLES)
    data = await actor_data(datasette, db, int(request.url_vars["actor_id"]))
    if request.url_vars.get("format") == "json":
        return Response.json(data)
    if request.url_vars.get("format") == "csv":
        # One table: each outlet's totals (period "all"), then each period's mentions.
        columns = ["outlet", "period", "mentions", *SHARE_FIELDS, "mean_sentiment", "articles", "quotes",
                   "named_source", "anonymous_sentences"]
        rows = [[o["outlet"], "all", *(o[c] for c in columns[2:])] for o in data["outlets"]]
        rows += [[r["outlet"], r["period"], r["mentions"], *_share_cells(r), r["mean_sentiment"], "", "", "", ""]
                 for r in data["over_time"]["actors"]]
        return csv_response(columns, rows, f"{db.name}-actor-{data['actor']['id']}.csv")
    actor = data["actor"]
    return Response.html(await datasette.render_template(
        "attribution_actor.html",
        # "actor" is Datasette's own template variable (who is signed in).
        {"database": db.name, "subject": actor, "outlets": data["outlets"], "min_mentions": MIN_MENTIONS, "charts": over_time_charts(datasette, db.name, data, {actor["id"]: actor["name"]},
                                    charts.Palette(await ranked_outlets(db))),
         "chart_scripts": chart_scripts(datasette), "dashboard_url": dashboard_url(datasette, db.name),
         "json_url": plugin_url(datasette, db.name, f"actors/{actor['id']}.json"),
         "csv_url": plugin_url(datasette, db.name, f"actors/{actor['id']}.csv"),
         "row_url": datasette.urls.table(db.name, "actors") + f"/{actor['id']}",
         "comparison_url": plugin_url(datasette, db.name, "outlets"),
         "actors_url": datasette.urls.table(db.name, "actors")},
        request=request))


def comparison_csv(data: dict) -> str:
    columns = ["outlet", "articles", "sentences", "attributed", "anonymous", "anonymous_share",
               "hedged", "hedged_share", "quotes_per_article", "polarity"]
    actor_columns = _share_columns(data["actors"])
    cells = {(c["outlet"], c["actor_id"]): c for c in data["sentiment"]}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_cell(c) for c in columns + actor_columns])
    for outlet in data["outlets"]:
        writer.writerow([csv_cell(outlet[c]) for c in columns]
                        + [value for a in data["actors"]
                           for value in _share_cells(cells.get((outlet["outlet"], a["id"])))])
    return out.getvalue()
