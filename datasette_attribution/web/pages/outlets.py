"""Outlets side by side, and one actor outlet by outlet: shares, sentiment toward
the most mentioned actors, and how both move over time.

Read-only queries against the loaded tables; the same numbers are offered as
HTML (with server-drawn SVG charts), JSON and CSV.
"""

from __future__ import annotations

import csv
import io

from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup

from .. import charts, earlier_release, over_time
from ..exports import csv_cell
from ..shares import MIN_MENTIONS, SHARE_FIELDS, share_cells, share_columns, share_css, wilson_interval, with_shares
from .common import (
    ARTICLE_TABLES,
    COMPARISON_TABLES,
    csv_response,
    dashboard_url,
    database_from_request,
    fetch_rows,
    plugin_url,
    ranked_outlets,
    table_link,
)

TOP_ACTORS = 8
TOP_ACTORS_OVER_TIME = 3


async def comparison_data(datasette, db, read: earlier_release.Reading) -> dict:
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
            "select outlet, actor_id, mentions, mean_sentiment, "
            f"{read.pick('outlet_actor_stats', *earlier_release.LABEL_COUNT_COLUMNS)} "
            f"from outlet_actor_stats where actor_id in ({marks})"), [a["id"] for a in actors])
        sentiment = [with_shares(cell) for cell in sentiment]
    for outlet in outlets:
        name = outlet["outlet"]
        outlet["links"] = {
            "articles": table_link(datasette, database, "articles", outlet=name),
            "sentences": table_link(datasette, database, "sentences", outlet=name),
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
            "over_time": await _over_time(datasette, db, [a["id"] for a in actors[:TOP_ACTORS_OVER_TIME]], read),
            **read.as_json()}


async def _over_time(datasette, db, actor_ids: list[int], read: earlier_release.Reading) -> dict:
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
    actors = await over_time.actor_periods(db, period, actor_ids, read)
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
    read = await earlier_release.reading(db)
    data = await comparison_data(datasette, db, read)
    extension = request.url_vars.get("format")
    if extension == "json":
        return Response.json(data)
    if extension == "csv":
        return Response(comparison_csv(datasette, request, data), content_type="text/csv; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="{database}-outlets.csv"'})
    cells = {(c["outlet"], c["actor_id"]): c for c in data["sentiment"]}
    grid = [{"outlet": o["outlet"], "cells": [
        {**cells[(o["outlet"], a["id"])], "css": share_css(cells[(o["outlet"], a["id"])])}
        if (o["outlet"], a["id"]) in cells else None for a in data["actors"]]}
        for o in data["outlets"]]
    return Response.html(await datasette.render_template(
        "attribution_outlets.html",
        {"database": database, **data, "grid": grid,
         "earlier_release_notice": read.notice, "unlabelled": not read.labelled,
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


async def over_time_csv(datasette, request):
    """The comparison's over-time data as one table: outlet and period, the
    shares, and sentiment toward the top actors."""
    db = await database_from_request(datasette, request, *COMPARISON_TABLES)
    data = await comparison_data(datasette, db, await earlier_release.reading(db))
    actors = data["actors"][:TOP_ACTORS_OVER_TIME]
    cells = {(r["outlet"], r["period"], r["actor_id"]): r for r in data["over_time"]["actors"]}
    columns = ["outlet", "period", "articles", "attributed", "anonymous", "anonymous_share", "hedged",
               "sentences", "hedged_share"]
    rows = [[charts.outlet_name(r["outlet"]), *(r[c] for c in columns[1:])] + [value for a in actors
                                       for value in share_cells(cells.get((r["outlet"], r["period"], a["id"])))]
            for r in data["over_time"]["outlets"]]
    return csv_response(columns + share_columns(actors), rows, f"{db.name}-over-time.csv")


# The outlet comparison's counts whose rows its CSV links to.
OUTLET_LINKS = ("articles", "sentences", "anonymous_share", "hedged_share", "quotes_per_article")


# Each outlet's mentions of one actor, counted over its mentions, or read from
# the summaries the loader keeps (a heavily mentioned actor has hundreds of
# thousands of mentions in a large archive; older databases lack the summaries).
ACTOR_BY_OUTLET = (
    "select articles.outlet, count(*) as mentions, count(distinct mentions.sentence_id) as sentences, "
    "count(distinct sentences.article_id) as articles, round(avg(mentions.sentiment), 4) as mean_sentiment, "
    "{label_counts}, "
    "count(distinct case when sentences.attribution = 'anonymous' then sentences.id end) as anonymous_sentences "
    "from mentions join sentences on sentences.id = mentions.sentence_id "
    "join articles on articles.id = sentences.article_id where mentions.actor_id = ?1 "
    "group by 1 order by mentions desc, 1")
ACTOR_BY_OUTLET_SUMMARISED = (
    "select a.outlet, a.mentions, s.sentences, a.articles, a.mean_sentiment, a.negative_mentions, "
    "a.positive_mentions, a.labelled_mentions, s.anonymous_sentences "
    "from (select outlet, sum(mentions) as mentions, count(*) as articles, "
    "round(sum(sentiment_sum) / nullif(sum(sentiment_count), 0), 4) as mean_sentiment, "
    "{label_count_sums} "
    "from actor_articles where actor_id = ?1 group by outlet) a "
    "join (select outlet, sum(sentences) as sentences, "
    "sum(case when attribution = 'anonymous' then sentences else 0 end) as anonymous_sentences "
    "from facet_actor_sentences where actor_id = ?1 group by outlet) s on s.outlet is a.outlet "
    "order by a.mentions desc, 1")


async def actor_data(datasette, db, actor_id: int, read: earlier_release.Reading) -> dict:
    """How each outlet mentions and quotes one actor, with the rows behind each number."""
    found = await fetch_rows(db, "select actors.*, leader.name as linked_to_name from actors "
                            "left join actors leader on leader.id = actors.linked_to where actors.id = ?",
                        [actor_id])
    if not found:
        raise NotFound(f"No actor {actor_id} in {db.name}")
    summarised = {"actor_articles", "facet_actor_sentences"} <= set(await db.table_names())
    query = (ACTOR_BY_OUTLET_SUMMARISED.format(label_count_sums=read.label_count_sums("actor_articles"))
             if summarised else ACTOR_BY_OUTLET.format(label_counts=read.label_counts()))
    by_outlet = [with_shares(row) for row in await fetch_rows(db, query, [actor_id])]
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
            "articles": table_link(datasette, name, "articles", _actor=actor_id, outlet=outlet),
            "sentences": table_link(datasette, name, "sentences", _actor=actor_id, outlet=outlet),
            "mentions": table_link(datasette, name, "mentions", actor_id=actor_id, outlet=outlet),
            "quotes": table_link(datasette, name, "quotes", actor_id=actor_id, outlet=outlet),
            "named_source": table_link(datasette, name, "attributions", actor_id=actor_id, outlet=outlet),
            "anonymous_sentences": table_link(datasette, name, "sentences", _actor=actor_id, outlet=outlet,
                                        attribution="anonymous"),
        }
    data = {"actor": found[0], "outlets": by_outlet, "min_mentions": MIN_MENTIONS,
            "over_time": {"period": None, "outlets": [], "actors": []}, **read.as_json()}
    period = await over_time.granularity(db)
    if period:
        rows = await over_time.actor_periods(db, period, [actor_id], read)
        for row in rows:
            row["link"] = table_link(datasette, name, "mentions", outlet=row["outlet"], actor_id=actor_id,
                               _period=row["period"])
        data["over_time"] = {"period": period, "outlets": [], "actors": rows}
    return data


async def actor_page(datasette, request):
    db = await database_from_request(datasette, request, *ARTICLE_TABLES, *COMPARISON_TABLES)
    read = await earlier_release.reading(db)
    data = await actor_data(datasette, db, int(request.url_vars["actor_id"]), read)
    if request.url_vars.get("format") == "json":
        return Response.json(data)
    if request.url_vars.get("format") == "csv":
        # One table: each outlet's totals (period "all"), then each period's mentions.
        columns = ["outlet", "period", "mentions", *SHARE_FIELDS, "mean_sentiment", "articles", "quotes",
                   "named_source", "anonymous_sentences"]
        rows = [[charts.outlet_name(o["outlet"]), "all", *(o[c] for c in columns[2:])] for o in data["outlets"]]
        rows += [[charts.outlet_name(r["outlet"]), r["period"], r["mentions"], *share_cells(r), r["mean_sentiment"],
                  "", "", "", ""] for r in data["over_time"]["actors"]]
        return csv_response(columns, rows, f"{db.name}-actor-{data['actor']['id']}.csv")
    actor = data["actor"]
    return Response.html(await datasette.render_template(
        "attribution_actor.html",
        # "actor" is Datasette's own template variable (who is signed in).
        {"database": db.name, "subject": actor, "outlets": data["outlets"], "min_mentions": MIN_MENTIONS,
         "earlier_release_notice": read.notice, "unlabelled": not read.labelled,
         "charts": over_time_charts(datasette, db.name, data, {actor["id"]: actor["name"]},
                                    charts.Palette(await ranked_outlets(db))),
         "chart_scripts": chart_scripts(datasette), "dashboard_url": dashboard_url(datasette, db.name),
         "json_url": plugin_url(datasette, db.name, f"actors/{actor['id']}.json"),
         "csv_url": plugin_url(datasette, db.name, f"actors/{actor['id']}.csv"),
         "row_url": datasette.urls.table(db.name, "actors") + f"/{actor['id']}",
         "comparison_url": plugin_url(datasette, db.name, "outlets"),
         "actors_url": datasette.urls.table(db.name, "actors")},
        request=request))


def comparison_csv(datasette, request, data: dict) -> str:
    """Each outlet's figures, named as on the page, each count's rows as an absolute link."""
    columns = ["outlet", "articles", "sentences", "attributed", "anonymous", "anonymous_share",
               "hedged", "hedged_share", "quotes_per_article", "polarity"]
    actor_columns = [column for a in data["actors"]
                     for column in (*share_columns([a]), f"{a['name']}: mentions link")]
    cells = {(c["outlet"], c["actor_id"]): c for c in data["sentiment"]}

    def absolute(link):
        return datasette.absolute_url(request, link)

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_cell(c) for c in columns + [f"{part}_link" for part in OUTLET_LINKS] + actor_columns])
    for outlet in data["outlets"]:
        row = [charts.outlet_name(outlet["outlet"]), *(outlet[c] for c in columns[1:]),
               *(absolute(outlet["links"][part]) for part in OUTLET_LINKS)]
        for a in data["actors"]:
            cell = cells.get((outlet["outlet"], a["id"]))
            row += [*share_cells(cell), absolute(cell["link"]) if cell else ""]
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue()
