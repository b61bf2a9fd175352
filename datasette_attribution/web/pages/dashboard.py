"""The dashboard, /-/attribution/DB: outlets side by side under the reader's
filters (a minimum of articles, a date range, one outlet, the articles that
mention one actor), the sentiment toward the most mentioned actors, the largest
stories and an actor search. Every number links to exactly its rows, the rows
without an outlet included; as HTML, JSON and CSV."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from datasette.utils.asgi import Response

from .. import charts, earlier_release, over_time
from ..filters import MONTH, PERIODS, ROW_ID, published_in_month_range
from .common import (
    ARTICLE_TABLES,
    csv_response,
    database_from_request,
    fetch_rows,
    dashboard_url,
    plugin_url,
    ranked_outlets,
    table_link,
)
from ..shares import MIN_MENTIONS, describe, share_cells, share_columns, share_css, wilson_interval, with_shares

TOP_ACTORS = 5
LARGEST_STORIES = 10
ACTORS_LISTED = 15
# The named sources listed for each outlet, most cited first.
TOP_SOURCES = 5
DEFAULT_MIN_ARTICLES = 3
# The outlet picker's value for the articles that name no outlet.
NO_OUTLET_CHOICE = "(none)"
# The articles (aliased a) that mention the picked actor: read from its rows of
# actor_articles at once, or looked up article by article (one index probe
# each, where only a few articles are read).
MENTIONING_ACTOR = "a.id in (select article_id from actor_articles where actor_id = :actor)"
PROBING_ACTOR = "exists (select 1 from actor_articles x where x.actor_id = :actor and x.article_id = a.id)"
# From this many articles in scope, the largest stories are found by walking the
# stories largest first until enough have an article in scope, not by listing
# the stories of every article in scope.
WALK_STORIES_FROM = 5000


def _month_of(written: str) -> str | None:
    """"2016-09", or the month of "2016-09-15" (a browser without a month picker sends
    a day); None for anything else, "2016-13" included."""
    month = written[:7] if len(written) in (7, 10) else ""
    if not MONTH.fullmatch(month) or not 1 <= int(month[5:]) <= 12:
        return None
    if len(written) == 10:
        try:
            datetime.date.fromisoformat(written)
        except ValueError:
            return None
    return month


@dataclass
class Scope:
    """What the reader chose: each figure is counted, and each link filtered, by it."""

    min_articles: int = DEFAULT_MIN_ARTICLES
    min_given: bool = False  # the reader chose the fewest articles (else the default, which may give way)
    since: str | None = None
    until: str | None = None
    outlet: object = None  # None: every outlet; NO_OUTLET_CHOICE: the articles without one
    actor: int | None = None
    search: str = ""
    ignored: tuple[str, ...] = ()  # the controls given that could not be read, as given

    @classmethod
    def from_request(cls, request) -> "Scope":
        args = request.args
        minimum = args.get("min_articles", "")
        since, until = _month_of(args.get("since", "")), _month_of(args.get("until", ""))
        actor = args.get("actor", "")
        counted = minimum.isascii() and minimum.isdigit() and 0 < len(minimum) < 7 and int(minimum) > 0
        ignored = [f"{key}={args.get(key)}" for key, read in (("since", since), ("until", until),
                                                             ("min_articles", counted or None),
                                                             ("actor", ROW_ID.fullmatch(actor)))
                   if args.get(key) and read is None]
        return cls(
            min_articles=int(minimum) if counted else DEFAULT_MIN_ARTICLES, min_given=bool(counted),
            since=since, until=until,
            outlet=args.get("outlet") or None,
            actor=int(actor) if ROW_ID.fullmatch(actor) else None,
            search=args.get("q", "")[:100], ignored=tuple(ignored))

    def where(self, outlet: str = "a.outlet", month: str | None = None,
              actor: str = MENTIONING_ACTOR) -> tuple[str, dict]:
        """The condition on `articles` (aliased a), or on a summary's `outlet`
        and `month` columns, with `actor` the condition on the picked actor,
        and its parameters."""
        clauses, params = ["1"], {}
        for key, operator in (("since", ">="), ("until", "<=")):
            if getattr(self, key):
                clauses.append(f"{month} {operator} :{key}" if month
                               else published_in_month_range("a.published", operator, key))
                params[key] = getattr(self, key)
        if self.outlet == NO_OUTLET_CHOICE:
            clauses.append(f"{outlet} is null")
        elif self.outlet is not None:
            clauses.append(f"{outlet} = :outlet")
            params["outlet"] = self.outlet
        if self.actor is not None:
            clauses.append(actor)
            params["actor"] = self.actor
        return " and ".join(clauses), params

    def link_args(self) -> dict:
        """The same scope as filters of Datasette's table pages (web/filters.py)."""
        return {"_since": self.since, "_until": self.until, "_actor_articles": self.actor}

    def outlet_filter(self) -> dict:
        if self.outlet is None:
            return {}
        return {"outlet": None if self.outlet == NO_OUTLET_CHOICE else self.outlet}

    def summary_where(self, actor: str | None = None) -> tuple[str, dict] | None:
        """where(), on a summary grouped by outlet and month, and by the actor
        its articles mention in the column `actor`; None when the actor is
        picked and the summary has no such column."""
        if self.actor is not None and actor is None:
            return None
        return self.where(outlet="outlet", month="month", actor=f"{actor} = :actor")

    @property
    def by_outlet_only(self) -> bool:
        """Whether the outlet is the only filter: summaries and actor_articles,
        which hold the outlet, then answer without reading `articles`."""
        return self.outlet is not None and not (self.since or self.until or self.actor is not None)

    @property
    def filtered(self) -> bool:
        return any(v is not None for v in (self.since, self.until, self.outlet, self.actor))


def _share(part, whole) -> dict:
    part, whole = part or 0, whole or 0
    return {"part": part, "whole": whole, "share": round(part / whole, 4) if whole else None,
            "interval": wilson_interval(part, whole)}


async def outlet_rows(datasette, db, scope: Scope, read: earlier_release.Reading) -> list[dict]:
    """Each outlet's figures in scope: from the summary by outlet and month (by
    actor, outlet and month when an actor is picked) that the load keeps, or,
    in a database that predates it, from the articles."""
    summary, actor = (("actor_outlet_period_stats", "actor_id") if scope.actor is not None
                      else ("outlet_month_stats", None))
    if read.has(summary, "polarity_count"):
        where, params = scope.summary_where(actor=actor)
        query = ("select outlet, sum(articles) as articles, sum(sentences) as sentences, "
                 "sum(attributed) as attributed, sum(anonymous) as anonymous, sum(hedged) as hedged, "
                 "sum(quotes) as quotes, round(sum(polarity_sum) / nullif(sum(polarity_count), 0), 4) as polarity "
                 f"from {summary} where {where} group by outlet order by articles desc, outlet")
    else:
        where, params = scope.where()
        query = ("select a.outlet, count(*) as articles, sum(a.sentence_count) as sentences, "
                 "sum(a.attributed_count) as attributed, sum(a.anonymous_count) as anonymous, "
                 "sum(a.hedged_count) as hedged, sum(a.quote_count) as quotes, "
                 "round(avg(a.polarity), 4) as polarity "
                 f"from articles a where {where} group by a.outlet order by articles desc, a.outlet")
    rows = await fetch_rows(db, query, params)
    name, scoped = db.name, scope.link_args()
    for row in rows:
        outlet = row["outlet"]
        row["label"] = charts.outlet_name(outlet)
        row["anonymous_share"] = _share(row["anonymous"], row["attributed"])
        row["hedged_share"] = _share(row["hedged"], row["sentences"])
        row["links"] = {
            "articles": table_link(datasette, name, "articles", outlet=outlet, **scoped),
            "sentences": table_link(datasette, name, "sentences", outlet=outlet, **scoped),
            "attributed": table_link(datasette, name, "sentences", outlet=outlet, attribution__not="none",
                                     **scoped),
            "anonymous": table_link(datasette, name, "sentences", outlet=outlet, attribution="anonymous",
                                    **scoped),
            "hedged": table_link(datasette, name, "sentences", outlet=outlet, hedged=1, **scoped),
            "quotes": table_link(datasette, name, "quotes", outlet=outlet, **scoped),
        }
    return rows


def actor_rows(scope: Scope, read: earlier_release.Reading) -> tuple[str, dict]:
    """A query, and its parameters, of rows (actor_id, outlet, mentions,
    articles, and the counts of labelled mentions) that add up, by actor and
    outlet, to each actor's mentions in the articles in scope and the articles
    they are in (NULL where the rows do not count articles). From the summary
    that holds the scope's filters (reading every article in scope would grow
    with the database), else from each actor's articles."""
    if not scope.filtered or scope.by_outlet_only:
        where, params = scope.where(outlet="aa.outlet")
        table, actor, articles = "outlet_actor_stats", "aa.actor_id", "null"
    elif scope.actor is None and read.has("outlet_actor_period_stats", "articles"):
        where, params = scope.summary_where()
        table, actor, articles = "outlet_actor_period_stats", "aa.actor_id", "aa.articles"
    elif read.has("facet_actor_article_pairs", "mentions") and read.has("facet_actor_article_pairs", "month"):
        # The actors of the articles that mention the picked one (other_id).
        where, params = scope.where(outlet="aa.outlet", month="aa.month", actor="aa.actor_id = :actor")
        table, actor, articles = "facet_actor_article_pairs", "aa.other_id", "aa.articles"
    else:  # a row per actor and article
        where, params = scope.where()
        table, actor, articles = "actor_articles", "aa.actor_id", "1"
    source = f"{table} aa" if table != "actor_articles" else f"{table} aa join articles a on a.id = aa.article_id"
    labels = ", ".join(f"aa.{column}" if read.has(table, "labelled_mentions") else f"null as {column}"
                       for column in earlier_release.LABEL_COUNT_COLUMNS)
    return (f"select {actor} as actor_id, aa.outlet, aa.mentions, {articles} as articles, {labels} "
            f"from {source} where {where}"), params


async def top_actors(db, scope: Scope, read: earlier_release.Reading) -> list[dict]:
    if not scope.filtered:
        return await fetch_rows(db, "select actor_id as id, name, kind, mentions from actor_stats "
                                    f"order by mentions desc, name limit {TOP_ACTORS}")
    rows, params = actor_rows(scope, read)
    return await fetch_rows(db, (
        "select r.actor_id as id, actors.name, actors.kind, sum(r.mentions) as mentions "
        f"from ({rows}) r join actors on actors.id = r.actor_id "
        f"group by r.actor_id order by mentions desc, actors.name limit {TOP_ACTORS}"), params)


async def sentiment_cells(datasette, db, scope: Scope, actors: list[dict],
                          read: earlier_release.Reading) -> list[dict]:
    if not actors:
        return []
    marks = ", ".join(f":a{i}" for i in range(len(actors)))
    ids = {f"a{i}": a["id"] for i, a in enumerate(actors)}
    rows, params = actor_rows(scope, read)
    sums = ", ".join(f"sum(r.{column}) as {column}" for column in earlier_release.LABEL_COUNT_COLUMNS)
    cells = await fetch_rows(db, (
        f"select r.outlet, r.actor_id, sum(r.mentions) as mentions, {sums} "
        f"from ({rows}) r where r.actor_id in ({marks}) group by 1, 2 order by 1, 2"), {**params, **ids})
    scoped = scope.link_args()
    for cell in cells:
        cell.update(with_shares(cell))
        cell["css"] = share_css(cell)
        cell["link"] = table_link(datasette, db.name, "mentions", outlet=cell["outlet"],
                                  actor_id=cell["actor_id"], **scoped)
        cell["describe"] = describe(cell)
    return cells


async def quoted_sources(datasette, db, scope: Scope, outlets: list[dict], read: earlier_release.Reading) -> None:
    """Each outlet's most cited named sources: its attributions whose speaker
    resolved to an actor ("Trump" and "Donald Trump" are one), counted under the
    reader's scope, set as the outlet's "sources". Read from the summaries the
    load keeps (by outlet and month, and by the actor the articles mention), or,
    when the database predates them, from the attributions of the articles in
    scope."""
    if not outlets:
        return
    # Only the outlets shown (the minimum of articles hides the others).
    marks = {f"o{i}": o["outlet"] for i, o in enumerate(outlets) if o["outlet"] is not None}
    with_none = any(o["outlet"] is None for o in outlets)

    def of_shown(column: str) -> str:
        return (f"({column} in ({', '.join(':' + k for k in marks)})"
                + (f" or {column} is null)" if with_none else ")"))
    if scope.actor is None and read.has("outlet_source_stats", "attributions"):
        where, params = scope.summary_where()
        counted = (f"select outlet, actor_id, sum(attributions) as attributions from outlet_source_stats "
                   f"where {where} and {of_shown('outlet')} group by 1, 2")
    elif scope.actor is not None and read.has("actor_source_stats", "attributions"):
        where, params = scope.summary_where(actor="actor_id")
        counted = (f"select outlet, source_id as actor_id, sum(attributions) as attributions "
                   f"from actor_source_stats where {where} and {of_shown('outlet')} group by 1, 2")
    else:
        where, params = scope.where()
        counted = ("select a.outlet as outlet, t.actor_id, count(*) as attributions from attributions t "
                   "join sentences s on s.id = t.sentence_id join articles a on a.id = s.article_id "
                   f"where t.actor_id is not null and {where} and {of_shown('a.outlet')} "
                   "group by 1, 2")
    rows = await fetch_rows(db, (
        "select * from (select c.outlet, c.actor_id, actors.name, actors.kind, c.attributions, "
        "row_number() over (partition by c.outlet order by c.attributions desc, actors.name) as rank "
        f"from ({counted}) c join actors on actors.id = c.actor_id) where rank <= {TOP_SOURCES} "
        "order by outlet, rank"), {**params, **marks})
    scoped, by_outlet = scope.link_args(), {}
    for row in rows:
        row["page"] = plugin_url(datasette, db.name, f"actors/{row['actor_id']}")
        row["link"] = table_link(datasette, db.name, "attributions", outlet=row["outlet"],
                                 actor_id=row["actor_id"], **scoped)
        del row["rank"]
        by_outlet.setdefault(row.pop("outlet"), []).append(row)
    for outlet in outlets:
        outlet["sources"] = by_outlet.get(outlet["outlet"], [])


async def largest_stories(datasette, db, scope: Scope, in_scope: int) -> list[dict]:
    """The largest stories with an article in scope (`in_scope` articles). Under
    a wide scope, the stories are walked largest first, each looked up among
    its own articles, until enough are found (a few steps when the scope holds
    a good share of the articles); under a narrow one, the stories of the
    articles in scope are listed (a few to read)."""
    if in_scope >= WALK_STORIES_FROM:
        where, params = scope.where(actor=PROBING_ACTOR)
        chosen = f"exists (select 1 from articles a where a.story_id = s.id and {where})"
    else:
        where, params = scope.where()
        chosen = f"s.id in (select a.story_id from articles a where {where})"
    stories = await fetch_rows(db, (
        "select s.id, s.title, s.article_count, s.outlet_count, s.first_published, s.last_published "
        # Among stories as large, the latest first: the order the index on their
        # sizes holds (the story id follows them), so the walk stops early.
        f"from stories s where {chosen} "
        f"order by s.article_count desc, s.outlet_count desc, s.id desc limit {LARGEST_STORIES}"), params)
    for story in stories:
        story["page"] = plugin_url(datasette, db.name, f"stories/{story['id']}")
        story["articles_link"] = table_link(datasette, db.name, "articles", story_id=story["id"])
    return stories


async def actor_list(datasette, db, scope: Scope, read: earlier_release.Reading) -> list[dict]:
    """The actors whose name holds the search words, most mentioned first (all
    actors when there is no search), counted in the articles in scope: from
    actor_stats when nothing narrows them, else from actor_rows()."""
    params = {"search": f"%{scope.search.strip()}%"}
    if not scope.filtered:
        actors = await fetch_rows(db, (
            "select actor_id as id, name, kind, mentions, articles from actor_stats where name like :search "
            f"order by mentions desc, name limit {ACTORS_LISTED}"), params)
    else:
        rows, scoped_params = actor_rows(scope, read)
        actors = await fetch_rows(db, (
            "select r.actor_id as id, actors.name, actors.kind, sum(r.mentions) as mentions, "
            f"sum(r.articles) as articles from ({rows}) r join actors on actors.id = r.actor_id "
            "where actors.name like :search "
            f"group by r.actor_id order by mentions desc, actors.name limit {ACTORS_LISTED}"),
            {**scoped_params, **params})
        if scope.by_outlet_only:
            # The summary by outlet does not count articles: the few listed
            # actors' articles, from the index on actor_articles' actor and outlet.
            marks = {f"a{i}": a["id"] for i, a in enumerate(actors)}
            where, scoped_params = scope.where(outlet="aa.outlet")
            articles = dict((await db.execute(
                f"select aa.actor_id, count(*) from actor_articles aa "
                f"where aa.actor_id in ({', '.join(':' + k for k in marks)}) and {where} group by 1",
                {**scoped_params, **marks})).rows)
            for actor in actors:
                actor["articles"] = articles.get(actor["id"], 0)
    scoped, outlet = scope.link_args(), scope.outlet_filter()
    for actor in actors:
        actor["page"] = plugin_url(datasette, db.name, f"actors/{actor['id']}")
        actor["mentions_link"] = table_link(datasette, db.name, "mentions", actor_id=actor["id"], **outlet,
                                            **scoped)
        actor["articles_link"] = table_link(datasette, db.name, "articles", _actor=actor["id"], **outlet,
                                            **scoped)
    return actors


async def over_time_rows(db, scope: Scope, period: str, read: earlier_release.Reading) -> list[dict]:
    # The summaries the load keeps, by the same outlet and months (and the actor
    # the articles mention); a database that predates the latter reads articles.
    if scope.actor is None or read.has("actor_outlet_period_stats", "week"):
        summary, undated = (("outlet_period_stats", "") if scope.actor is None
                            else ("actor_outlet_period_stats", " and month is not null"))
        where, params = scope.summary_where(actor=None if scope.actor is None else "actor_id")
        return await fetch_rows(db, (
            f"select outlet, {period} as period, sum(articles) as articles, sum(attributed) as attributed, "
            "sum(anonymous) as anonymous, sum(hedged) as hedged, sum(sentences) as sentences "
            f"from {summary} where {where}{undated} group by 1, 2"), params)
    where, params = scope.where()
    expression = PERIODS[period][1].replace("articles.", "a.")
    return await fetch_rows(db, (
        f"select a.outlet, {expression} as period, count(*) as articles, sum(a.attributed_count) as attributed, "
        "sum(a.anonymous_count) as anonymous, sum(a.hedged_count) as hedged, sum(a.sentence_count) as sentences "
        f"from articles a where {where} and a.published is not null group by 1, 2"), params)


async def dashboard_data(datasette, db, scope: Scope, read: earlier_release.Reading) -> dict:
    choices = await fetch_rows(db, "select outlet, count(*) as articles from articles group by outlet "
                                   "order by articles desc, outlet")
    outlets = await outlet_rows(datasette, db, scope, read)
    # Where fewer than two outlets in scope have the default fewest articles (the
    # demo's two, a folder of pages two a site, one outlet or actor chosen): the
    # largest fewest that lists two, so the page compares rather than shows one outlet
    # or none; the page says why, and each share keeps its interval. Counted in scope,
    # as the table is: the whole database's counts would lower the fewest for a scope
    # whose outlets still fall under it. A fewest the reader chose holds.
    named = sorted((o["articles"] for o in outlets if o["outlet"]), reverse=True)
    reaching = sum(count >= scope.min_articles for count in named)
    lowered = not scope.min_given and reaching < 2 and len(named) > reaching
    if lowered:
        scope.min_articles = max(1, named[1]) if len(named) > 1 else 1
    shown = [o for o in outlets if o["articles"] >= scope.min_articles or o["outlet"] is None]
    await quoted_sources(datasette, db, scope, shown, read)
    listed = await actor_list(datasette, db, scope, read)
    if scope.search.strip():
        actors = await top_actors(db, scope, read)
        for actor in actors:
            actor["page"] = plugin_url(datasette, db.name, f"actors/{actor['id']}")
    else:
        # The same ranking under the same scope: counted once.
        actors = [{k: a[k] for k in ("id", "name", "kind", "mentions", "page")} for a in listed[:TOP_ACTORS]]
    # The outlets the minimum of articles hides have no row, so no cells either.
    cells = [c for c in await sentiment_cells(datasette, db, scope, actors, read)
             if c["outlet"] in {o["outlet"] for o in shown}]
    # The first and the last entry of the index on published (min() and max()
    # together in one select read every article).
    months = (await db.execute("select substr((select min(published) from articles), 1, 7), "
                               "substr((select max(published) from articles), 1, 7)")).rows[0]
    return {
        "scope": {"min_articles": scope.min_articles, "since": scope.since, "until": scope.until,
                  "outlet": scope.outlet, "actor": scope.actor, "q": scope.search,
                  "ignored": list(scope.ignored), "fewest_lowered_from": DEFAULT_MIN_ARTICLES if lowered else None,
                  "every_outlet_under": lowered and scope.min_articles == 1 and max(named) < DEFAULT_MIN_ARTICLES},
        "outlets": shown, "hidden_outlets": len(outlets) - len(shown), "top_sources": TOP_SOURCES,
        "actors": actors, "sentiment": cells, "min_mentions": MIN_MENTIONS,
        "stories": await largest_stories(datasette, db, scope, sum(o["articles"] for o in outlets)),
        "actor_list": listed,
        "outlet_choices": [{"value": NO_OUTLET_CHOICE if c["outlet"] is None else c["outlet"],
                            "label": charts.outlet_name(c["outlet"]), "articles": c["articles"]}
                           for c in choices],
        "first_month": months[0], "last_month": months[1],
        # An outlet no article has (a typo, another database's): every figure is
        # empty, and the page says why rather than that nothing was loaded.
        "unknown_outlet": scope.outlet if scope.outlet not in (None, NO_OUTLET_CHOICE)
        and scope.outlet not in {c["outlet"] for c in choices} else None,
        **read.as_json(),
    }


async def dashboard_charts(datasette, db, scope: Scope, data: dict, read: earlier_release.Reading) -> list:
    palette = charts.Palette(await ranked_outlets(db))
    name, scoped = db.name, scope.link_args()
    found = []
    for key, part, title in (("anonymous_share", "anonymous", "Anonymous share of attributed sentences"),
                             ("hedged_share", "hedged", "Hedged share of sentences")):
        rows = [{"label": o["label"], **o[key], "link": o["links"][part]} for o in data["outlets"]]
        found.append(charts.share_bars(f"{title} (line: 95% interval)", rows, part))
    period = await over_time.granularity(db)
    if period:
        # The outlets the minimum of articles leaves, as in the table.
        shown = {o["outlet"] for o in data["outlets"]}
        rows = [row for row in await over_time_rows(db, scope, period, read) if row["outlet"] in shown]

        def link_of(what):
            return lambda outlet, at: table_link(datasette, name, "sentences", outlet=outlet, _period=at,
                                                 **what, **scoped)

        found.append(charts.share_lines(f"Anonymous share of attributed sentences, by {period}", rows,
                                        "anonymous", "attributed", palette, period,
                                        link_of({"attribution": "anonymous"}), "anonymous"))
        found.append(charts.share_lines(f"Hedged share of sentences, by {period}", rows, "hedged", "sentences",
                                        palette, period, link_of({"hedged": 1}), "hedged"))
    return [charts.embed(spec, spec["title"]) for spec in found if spec]


# Each number's link follows the numbers, as in the HTML, where each is a link.
LINKED = ("articles", "sentences", "attributed", "anonymous", "hedged", "quotes")
CSV_COLUMNS = ["outlet", "articles", "sentences", "attributed", "anonymous", "anonymous_share",
               "anonymous_share_low", "anonymous_share_high", "hedged", "hedged_share", "hedged_share_low",
               "hedged_share_high", "quotes", *(f"{part}_link" for part in LINKED)]


def csv_header(data: dict) -> list[str]:
    return (CSV_COLUMNS
            + [column for a in data["actors"] for column in (*share_columns([a]), f"{a['name']}: mentions link")]
            + [f"source_{i}{suffix}" for i in range(1, data["top_sources"] + 1)
               for suffix in ("", "_attributions", "_link")])


def dashboard_csv(datasette, request, data: dict) -> list[list]:
    cells = {(c["outlet"], c["actor_id"]): c for c in data["sentiment"]}

    def absolute(link):
        return datasette.absolute_url(request, link)

    rows = []
    for o in data["outlets"]:
        anonymous, hedged = o["anonymous_share"], o["hedged_share"]
        row = [charts.outlet_name(o["outlet"]), o["articles"], o["sentences"], o["attributed"], o["anonymous"],
               anonymous["share"], *(anonymous["interval"] or ("", "")), o["hedged"], hedged["share"],
               *(hedged["interval"] or ("", "")), o["quotes"],
               *(absolute(o["links"][part]) for part in LINKED)]
        for actor in data["actors"]:
            cell = cells.get((o["outlet"], actor["id"]))
            row += [*share_cells(cell), absolute(cell["link"]) if cell else ""]
        sources = o["sources"] + [None] * (data["top_sources"] - len(o["sources"]))
        for source in sources:
            row += [source["name"], source["attributions"], absolute(source["link"])] if source else ["", "", ""]
        rows.append(row)
    return rows


async def dashboard_page(datasette, request):
    db = await database_from_request(datasette, request, *ARTICLE_TABLES, "actor_stats", "actor_articles",
                                     "outlet_actor_stats", "stories")
    scope = Scope.from_request(request)
    read = await earlier_release.reading(db)
    data = await dashboard_data(datasette, db, scope, read)
    extension = request.url_vars.get("format")
    if extension == "json":
        return Response.json(data)
    if extension == "csv":
        return csv_response(csv_header(data), dashboard_csv(datasette, request, data), f"{db.name}-dashboard.csv")
    cells = {(c["outlet"], c["actor_id"]): c for c in data["sentiment"]}
    for outlet in data["outlets"]:
        outlet["cells"] = [cells.get((outlet["outlet"], a["id"])) for a in data["actors"]]
    query = request.query_string
    picked = None
    if scope.actor is not None:
        found = await fetch_rows(db, "select id, name, kind from actors where id = ?", [scope.actor])
        picked = found[0] if found else {"id": scope.actor, "name": f"actor {scope.actor}", "kind": ""}
        picked["page"] = plugin_url(datasette, db.name, f"actors/{scope.actor}")
    others = [(k, v) for k in request.args if k != "min_articles" for v in request.args.getlist(k)]
    return Response.html(await datasette.render_template(
        "attribution_dashboard.html",
        {"database": db.name, **data, "picked_actor": picked,
         "earlier_release_notice": read.notice, "unlabelled": not read.labelled,
         "charts": await dashboard_charts(datasette, db, scope, data, read),
         "chart_scripts": [datasette.urls.static_plugins("datasette-attribution", s) for s in charts.SCRIPTS],
         "dashboard_url": dashboard_url(datasette, db.name),
         "json_url": dashboard_url(datasette, db.name, ".json") + (f"?{query}" if query else ""),
         "csv_url": dashboard_url(datasette, db.name, ".csv") + (f"?{query}" if query else ""),
         "comparison_url": plugin_url(datasette, db.name, "outlets"),
         "show_all_url": dashboard_url(datasette, db.name) + "?" + urlencode([*others, ("min_articles", 1)])},
        request=request))
