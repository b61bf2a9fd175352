"""Datasette hooks. Each delegates to a module of its own; nothing here writes to
a database, so everything works on immutable (`-i`) and published instances."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
import time
from functools import lru_cache

import click
from datasette import hookimpl
from datasette.version import __version__ as datasette_version
from datasette.utils import tilde_decode

from ..store.schema import LOADED_MARKS, reading_connection
from . import counts, earlier_release, errors, exports, filters, hidden_columns, render
from .pages import article, common, dashboard, outlets, story
from .facets import FEW_ROWS, ActorFacet, ScoreBandFacet, SummarisedColumnFacet, labelling_flag_facets
from .descriptions import (
    DEFAULT_FACETS,
    EXAMPLE_QUERIES,
    HIDDEN_COLUMNS,
    HIDDEN_TABLES,
    YES_NO,
    YES_NO_COLUMNS,
    column_descriptions,
)

__all__ = ["prepare_connection", "register_commands", "register_facet_classes",
           "filters_from_request", "register_routes", "render_cell", "extra_css_urls", "extra_template_vars",
           "extra_body_script", "database_actions", "menu_links", "asgi_wrapper", "get_metadata", "startup",
           "handle_exception", "prepare_jinja2_environment"]

PLUGIN_NAME = "datasette-attribution"
# What `plugins: datasette-attribution:` takes (tests/test_docs.py holds the README to each).
PLUGIN_SETTINGS = ("model", "suggest_facets")
# The plugin's facets, offered above every sentences table: (argument, value, label).
FACET_OFFERS = (("_facet_actor", "actor", "actors mentioned"),
                ("_facet_score_band", "hedging_score", "hedging score"),
                ("_facet_score_band", "anonymous_score", "anonymity of the source"),
                ("_facet_score_band", "polarity", "polarity"),
                ("_facet_score_band", "subjectivity", "subjectivity"))
# A sentence_id in mentions and quotes shows its sentence, not its id twice.
# An article_id shows its title; the actors' counts read most mentioned first.
LABEL_COLUMNS = {"sentences": {"label_column": "text"}, "stories": {"label_column": "title"},
                 "articles": {"label_column": "title"},
                 "actor_stats": {"sort_desc": "mentions", "label_column": "name"}}

# Dates shown in one format (render.date_text), in the tables as on the plugin's pages.
DATE_COLUMNS = {"articles": ("published",), "stories": ("first_published", "last_published")}
# Sentiment and polarity shown signed (render.signed), as on the plugin's pages.
SIGNED_COLUMNS = {"articles": ("polarity",), "sentences": ("polarity",), "mentions": ("sentiment",),
                  "actor_stats": ("mean_sentiment",)}


@hookimpl
def prepare_jinja2_environment(env):
    """The plugin's pages format dates and signed numbers as its table cells do."""
    env.filters["when"] = lambda value: render.date_text(value) or value
    env.filters["signed"] = render.signed


@hookimpl
def prepare_connection(conn, datasette):
    from ..analyze import Settings, score_sentence, target_sentiment

    # `plugins: datasette-attribution: model:` picks the spaCy pipeline that parses.
    config = (datasette.plugin_config(PLUGIN_NAME) if datasette is not None else None) or {}
    settings = Settings(model=config.get("model"))

    def sentiment_toward_target(text, target):
        """Sentiment toward the first mention of target in text as a word of its own
        (any case; "Obama" is not in "Obamacare"); NULL when either is not text or
        target is not in text."""
        if not (isinstance(text, str) and isinstance(target, str) and text.strip() and target.strip()):
            return None
        found = re.search(rf"(?<!\w){re.escape(target.strip())}(?!\w)", text, re.IGNORECASE)
        if found is None:
            return None
        return target_sentiment(text, found.start(), found.end(), settings)[1]

    def score(name):
        # NULL for a number, a blob, NULL or blank text: a column of mixed values is
        # scored where it holds text instead of stopping the query.
        return lambda text: score_sentence(text, settings)[name] if isinstance(text, str) and text.strip() else None

    conn.create_function("hedging_score", 1, score("hedging_score"), deterministic=True)
    conn.create_function("attribution", 1, score("attribution"), deterministic=True)
    conn.create_function("sentiment_toward", 2, sentiment_toward_target, deterministic=True)


@hookimpl
def register_commands(cli):
    from ..cli import cli as attribution_cli

    cli.add_command(attribution_cli, name="attribution")


@hookimpl
def register_facet_classes():
    return [ScoreBandFacet, ActorFacet, SummarisedColumnFacet]


@hookimpl
def filters_from_request(request, table, database, datasette):
    from datasette.filters import FilterArguments

    if not _loaded_by_us(datasette, database):
        return None  # another program's tables of the same name: ?_actor= means nothing there
    clauses, params, descriptions = filters.where_clauses(table, request.args)
    if not clauses and not counts.summary_count_may_answer(request, table):
        return None

    async def inner():
        db = datasette.get_database(database)
        counted = await counts.summary_count(db, request, table)
        if counted is not None and getattr(db, "attr_counts_from_summaries", False):
            params[filters.COUNTED] = counted
        if table == "articles" and filters.ACTOR_SUBQUERIES["articles"] in clauses and (
                await db.table_exists("actor_articles")):
            clauses[clauses.index(filters.ACTOR_SUBQUERIES["articles"])] = filters.ACTOR_ARTICLES
        if table == "sentences" and filters.ACTOR_SUBQUERIES["sentences"] in clauses and (
                await _narrower_than_the_actor(db, params)):
            clauses[clauses.index(filters.ACTOR_SUBQUERIES["sentences"])] = filters.ACTOR_EXISTS
        if counted is not None and table in filters.PER_ROW:
            clauses[:] = [await _per_row_when_broad(db, request, table, clause, counted) for clause in clauses]
        # "12 rows where mentions Barack Obama (person)", not "... actor 3".
        if "attr_actor" in params:
            found = await db.execute(
                "select name, kind from actors where id = ?", [params["attr_actor"]])
            if found.rows:
                name, kind = found.rows[0]
                descriptions[0] = f"{filters.actor_filter_says(table)} {name} ({kind}, actor {params['attr_actor']})"
        return FilterArguments(clauses, params=params, human_descriptions=descriptions)

    return inner


async def _per_row_when_broad(db, request, table: str, clause: str, counted: int) -> str:
    """The clause looked up from each row when its filter keeps BROAD_SHARE or
    more of the rows the other filters leave, or these are few (FEW_ROWS: each
    is looked up, where the subquery lists all of the filter's); else as it
    is. Counted from the summaries."""
    if clause not in filters.PER_ROW[table]:
        return clause
    argument, per_row = filters.PER_ROW[table][clause]
    left = await counts.summary_count(db, counts.Without(request, argument), table)
    if left is None:  # no other filter: about as many as the highest id
        (left,), = (await db.execute(f"select coalesce(max(id), 0) from [{table}]")).rows
    return per_row if counted >= filters.BROAD_SHARE * left or left <= FEW_ROWS else clause


async def _narrower_than_the_actor(db, params: dict) -> bool:
    """Whether a story or outlet filter beside ?_actor= holds fewer sentences than
    the actor is mentioned in, by the summary tables (False when they are missing)."""
    others = [sql for name, sql in filters.SENTENCES_OF.items() if name in params]
    if not others or not set(filters.COUNTED_IN) <= set(await db.table_names()):
        return False
    try:
        found = (await db.execute(filters.ACTOR_SENTENCES, params)).rows
        actor = found[0][0] if found else 0
        for sql in others:
            (count,), = (await db.execute(sql, params)).rows
            if (count or 0) < actor:
                return True
    except sqlite3.Error:
        return False
    return False


@hookimpl
def register_routes():
    return [
        (r"^/-/attribution/(?P<database>[^/.]+)(?:\.(?P<format>json|csv))?$", dashboard.dashboard_page),
        (r"^/-/attribution/(?P<database>[^/]+)/articles/(?P<article_id>[0-9]{1,18})(?:\.(?P<format>json))?$",
         article.article_page),
        (r"^/-/attribution/(?P<database>[^/]+)/outlets(?:\.(?P<format>json|csv))?$",
         outlets.comparison_page),
        (r"^/-/attribution/(?P<database>[^/]+)/over-time\.csv$", outlets.over_time_csv),
        (r"^/-/attribution/(?P<database>[^/]+)/actors/(?P<actor_id>[0-9]{1,18})(?:\.(?P<format>json|csv))?$",
         outlets.actor_page),
        (r"^/-/attribution/(?P<database>[^/]+)/stories/(?P<story_id>[0-9]{1,18})(?:\.(?P<format>json|csv))?$",
         story.story_page),
    ]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if not _loaded_by_us(datasette, database):
        return None  # a "hedge_cues" column of another program's is its own
    if table == "sentences" and column == "text" and isinstance(value, str):
        return _sentence_cell(row, value, database, datasette)
    if table == "sentences" and column == "hedge_cues":
        return render.cue_chips(value)
    if table == "sentences" and column == "evidence":
        keys = row.keys()
        attributed = "attribution" in keys and row["attribution"] not in (None, "none")
        return render.evidence_chips(value, (row["source"] if "source" in keys else None,
                                             row["cue"] if "cue" in keys else None) if attributed else None)
    if table == "articles" and column == "body" and isinstance(value, str):
        return render.excerpt(value, common.plugin_url(datasette, database, f"articles/{row['id']}")
                              if "id" in row.keys() else None)
    if table == "actors" and column == "name" and value and "id" in row.keys():
        url = common.plugin_url(datasette, database, f"actors/{row['id']}")
        return render.Markup('<a href="{}" title="How each outlet covers this actor">{}</a>').format(url, value)
    if table == "stories" and column == "title" and value and "id" in row.keys():
        url = common.plugin_url(datasette, database, f"stories/{row['id']}")
        return render.Markup('<a href="{}" title="The story outlet by outlet">{}</a>').format(url, value)
    if table == "articles" and column == "title" and value:
        url = common.plugin_url(datasette, database, f"articles/{row['id']}")
        return render.Markup('<a href="{}" title="Article view: sentences, quotes, scores">{}</a>').format(
            url, value)
    if table == "articles" and column == "content_hash" and isinstance(value, str):
        return render.Markup('<span class="attr-hash" title="{}">{}…</span>').format(value, value[:10])
    if column in DATE_COLUMNS.get(table, ()):
        return render.date_cell(value)
    if column in SIGNED_COLUMNS.get(table, ()):
        return render.signed_cell(value)
    if column in YES_NO_COLUMNS.get(table, ()) and value is not None:
        return YES_NO.get(str(value))
    if table == "sentences" and column == "article_id" and value is not None:
        return _article_cell(datasette, database, _raw(value))
    if table in ("attributions", "quotes") and column == "sentence_id" and value is not None:
        return _sentence_with_article_cell(datasette, database, _raw(value))
    if table == "actor_stats" and column == "name" and value and "actor_id" in row.keys():
        url = common.plugin_url(datasette, database, f"actors/{row['actor_id']}")
        return render.Markup('<a href="{}" title="How each outlet covers this actor">{}</a>').format(url, value)
    return None


def _raw(value):
    """A foreign key's own value (Datasette passes {"value", "label"} once it has
    looked the label up)."""
    return value["value"] if isinstance(value, dict) else value


# Each page shows up to a few hundred rows; their articles are looked up once.
_ARTICLE_CACHE: dict = {}
_ARTICLE_CACHE_SIZE = 20_000


async def _cached(datasette, database: str, kind: str, key, sql: str):
    db = datasette.get_database(database)
    # A load may rewrite an article: the file's time is part of the key.
    changed = tuple(_modified(p) for p in (db.path, f"{db.path}-wal") if p)
    cache_key = (db.path, changed, kind, key)
    if cache_key not in _ARTICLE_CACHE:
        if len(_ARTICLE_CACHE) >= _ARTICLE_CACHE_SIZE:
            _ARTICLE_CACHE.clear()
        found = (await db.execute(sql, [key])).rows
        _ARTICLE_CACHE[cache_key] = tuple(found[0]) if found else None
    return _ARTICLE_CACHE[cache_key]


def _article_cell(datasette, database: str, article_id):
    """A sentence's article as its title, linked to the article view, and its outlet."""
    async def inner():
        found = await _cached(datasette, database, "article", article_id,
                              "select id, title, outlet from articles where id = ?")
        if found is None:
            return None
        return render.article_link(common.plugin_url(datasette, database, f"articles/{found[0]}"), *found)

    return inner


def _sentence_with_article_cell(datasette, database: str, sentence_id):
    """An attribution's or a quote's sentence, readable, with its outlet and article."""
    async def inner():
        found = await _cached(datasette, database, "sentence", sentence_id, (
            "select sentences.text, articles.id, articles.title, articles.outlet from sentences "
            "join articles on articles.id = sentences.article_id where sentences.id = ?"))
        if found is None:
            return None
        text, article_id, title, outlet = found
        return render.Markup('<a href="{}" class="attr-sentence-link">{}</a><br>{}').format(
            datasette.urls.table(database, "sentences") + f"/{sentence_id}", text,
            render.article_link(common.plugin_url(datasette, database, f"articles/{article_id}"),
                                article_id, title, outlet))

    return inner


def _sentence_cell(row, text, database, datasette):
    keys = row.keys()
    cues = json.loads(row["hedge_cues"]) if "hedge_cues" in keys and row["hedge_cues"] else []
    source = row["source"] if "source" in keys else None
    if "evidence" in keys and row["evidence"]:
        # Drawn from the row alone: no query per row (store.write.evidence).
        found = json.loads(row["evidence"])
        return render.highlight(text, source, cues, found["mentions"], found["attributions"])

    async def inner():
        # A database loaded before rows kept their evidence, or a page that
        # left the column out (?_nocol=evidence).
        mentions, attributions = [], []
        if "id" in keys:
            db = datasette.get_database(database)
            result = await db.execute(
                # mentions.*: a database from before sentiment_label has no such column
                "select mentions.*, actors.name as actor "
                "from mentions join actors on actors.id = mentions.actor_id "
                "where mentions.sentence_id = ?", [row["id"]])
            mentions = [dict(zip(result.columns, r, strict=True)) for r in result.rows]
            result = await db.execute(
                "select attributions.*, actors.name as actor from attributions "
                "left join actors on actors.id = attributions.actor_id "
                "where attributions.sentence_id = ? order by attributions.id", [row["id"]])
            attributions = [dict(zip(result.columns, r, strict=True)) for r in result.rows]
        return render.highlight(text, source, cues, mentions, attributions)

    return inner


@hookimpl(hookwrapper=True)
def handle_exception(datasette, request, exception):
    outcome = yield

    def written_by_an_earlier_release():
        try:
            db = datasette.get_database(route=tilde_decode(request.url_vars["database"]))
        except (KeyError, TypeError):
            return None
        lacks = earlier_release.what_it_lacks(db)
        return (earlier_release.STATUS, earlier_release.message(db.name, db.path, lacks)) if lacks else None

    answer = errors.response_for(exception, request.path, written_by_an_earlier_release)
    if answer is not None:
        outcome.force_result(errors.replace_handlers(outcome.get_result(), datasette, request, *answer))


@hookimpl
def extra_template_vars():
    # Datasette 0.65 gives its footer's version only to its own views; the plugin's
    # pages render through render_template, which 1.0 gives it to and 0.65 does not.
    return {"datasette_version": datasette_version}


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.static_plugins(PLUGIN_NAME, "attribution.css")]


@hookimpl
def extra_body_script(view_name, database, table, datasette, request):
    left_out = request.scope.get(hidden_columns.SCOPE_KEY) if request is not None else None
    return (_hidden_columns_script(left_out) if left_out else "") + _page_script(view_name, database, table, datasette)


def _hidden_columns_script(left_out: dict) -> str:
    """A table page that left its default-hidden columns out (hidden_columns.py) says
    which, above the table, with a link to every column. (Its links and form lose
    the ?_nocol= the plugin added in the wrapper, without JavaScript.)"""
    note = render.Markup('Hidden to give the text room: {} (still sortable, filterable and in the JSON and '
                         'CSV). <a href="{}">Show all columns</a>').format(
        render.Markup(", ").join(render.Markup("<code>{}</code>").format(c) for c in left_out["hidden"]),
        left_out["every_column"])
    hidden, note = (json.dumps(x).replace("<", "\\u003c") for x in (left_out["hidden"], str(note)))
    return ("document.addEventListener('DOMContentLoaded', function () {"
            f"var hidden = {hidden};"
            "var t = document.querySelector('.table-wrapper, table.rows-and-columns');"
            "if (t) { var p = document.createElement('p'); p.className = 'attr-hidden-columns';"
            f"p.setAttribute('data-hidden', hidden.join(' ')); p.innerHTML = {note};"
            "t.parentNode.insertBefore(p, t); } });")


def _page_script(view_name, database, table, datasette) -> str:
    if view_name == "index":
        return _dashboard_links_script(datasette, [name for name, db in datasette.databases.items()
                                                   if _plugin_columns(db)], "h2")
    if view_name == "database" and database and _plugin_columns(datasette.get_database(database)):
        # The query box opens on a question a reader asks, not on the first
        # table by name. Run at once: the SQL editor reads the box when the page
        # has loaded.
        example = EXAMPLE_QUERIES["anonymous_sources_by_outlet"]["sql"]
        return ("(function () { var box = document.querySelector('textarea#sql-editor');"
                "if (box && /^select \\* from \\S+$/.test(box.value.trim())) "
                f"box.value = {json.dumps(example)}; }})();"
                + _dashboard_links_script(datasette, [database], "h1"))
    if table not in column_descriptions() or not _loaded_by_us(datasette, database):
        return ""
    # The column descriptions folded behind a toggle, so the rows come first.
    script = ("document.addEventListener('DOMContentLoaded', function () {"
              "var dl = document.querySelector('dl.column-descriptions'); if (dl) {"
              "var d = document.createElement('details'); d.className = 'attr-column-descriptions';"
              "d.innerHTML = '<summary>What each column means</summary>';"
              "dl.parentNode.insertBefore(d, dl); d.appendChild(dl); }")
    if table == "sentences":
        # The legend for the marks in the text column, placed above the table,
        # and the plugin's own facets offered (Datasette's suggestions are off).
        offers = " · ".join(f'<a href="#" data-facet="{key}={value}">{label}</a>' for key, value, label in FACET_OFFERS)
        legend = str(render.LEGEND) + f'<p class="attr-facet-offers">Facet by: {offers}</p>'
        script += ("var t = document.querySelector('.table-wrapper, table.rows-and-columns');"
                   "if (t) { var l = document.createElement('div'); l.className = 'attr-legend-box';"
                   f"l.innerHTML = {json.dumps(legend)}; t.parentNode.insertBefore(l, t);"
                   "l.querySelectorAll('a[data-facet]').forEach(function (a) {"
                   "var pair = a.getAttribute('data-facet').split('='); var q = new URLSearchParams(location.search);"
                   "var had = q.getAll(pair[0]).indexOf(pair[1]) >= 0; if (had) { a.classList.add('attr-chosen'); }"
                   "else { q.append(pair[0], pair[1]); } a.href = location.pathname + '?' + q.toString(); }); }")
    if table == "actors":
        script += ("var t = document.querySelector('.table-wrapper, table.rows-and-columns');"
                   "if (t) { var p = document.createElement('p'); p.className = 'attr-legend-box';"
                   "p.innerHTML = 'Most mentioned first, with counts: <a href=\"' + "
                   f"{json.dumps(datasette.urls.table(database, 'actor_stats'))}"
                   " + '?_sort_desc=mentions\">actor_stats</a>, or search them on the <a href=\"' + "
                   f"{json.dumps(common.dashboard_url(datasette, database))}"
                   " + '\">dashboard</a>.'; t.parentNode.insertBefore(p, t); }")
    return script + "});"


def _dashboard_links_script(datasette, databases: list[str], heading: str) -> str:
    """A line under each database's heading that leads to its dashboard (the
    index lists databases under h2 links to them, the database page under h1)."""
    if not databases:
        return ""
    links = {datasette.urls.database(name): common.dashboard_url(datasette, name) for name in databases}
    return ("document.addEventListener('DOMContentLoaded', function () {"
            f"var links = {json.dumps(links)}; var heading = {json.dumps(heading)};"
            "document.querySelectorAll(heading).forEach(function (h) {"
            "var a = heading === 'h1' ? null : h.querySelector('a');"
            "var key = a ? a.getAttribute('href') : Object.keys(links)[0];"
            "if (!(key in links)) { return; }"
            "var p = document.createElement('p'); p.className = 'attr-dashboard-link';"
            "p.innerHTML = '<a href=\"' + links[key] + '\">Dashboard: outlets, sources, hedging and "
            "sentiment compared</a>';"
            "h.parentNode.insertBefore(p, h.nextSibling); }); });")


@hookimpl
def asgi_wrapper(datasette):
    def is_ours(route: str) -> bool:
        try:
            return bool(_plugin_columns(datasette.get_database(route=route)))
        except KeyError:
            return False

    async def table_columns(route: str, table: str):
        """A table's columns and primary keys, when the plugin loaded its database."""
        try:
            db = datasette.get_database(route=route)
        except KeyError:
            return None
        found = _plugin_columns(db)
        if not found or table not in HIDDEN_COLUMNS or not await db.table_exists(table):
            return None
        return await db.table_columns(table), await db.primary_keys(table)

    def base_url():
        return datasette.setting("base_url")

    return lambda app: exports.neutralising_csv(hidden_columns.hiding_columns(
        labelling_flag_facets(app, is_ours, base_url), table_columns, base_url), is_ours)


@hookimpl
def menu_links(datasette):
    return [{"href": common.dashboard_url(datasette, name), "label": f"Dashboard: {name}"}
            for name, db in datasette.databases.items() if _plugin_columns(db)]


@hookimpl
def database_actions(datasette, database):
    async def inner():
        tables = await datasette.get_database(database).table_names()
        if "articles" not in tables:
            return []
        return [{"href": common.dashboard_url(datasette, database), "label": "Dashboard"},
                {"href": common.plugin_url(datasette, database, "outlets"), "label": "Compare outlets"}]

    return inner


@hookimpl
def get_metadata(datasette, key, database, table):
    """Datasette 0.65: column descriptions, default facets, hidden internal
    tables and example queries, for the databases the plugin loaded."""
    found = {name: _plugin_columns(db) for name, db in datasette.databases.items()}
    return {"databases": {name: _database_metadata(columns) for name, columns in found.items() if columns}}


def default_facets(columns: dict[str, set]) -> dict[str, list[dict]]:
    """DEFAULT_FACETS as facets counted from the summaries where they can be
    (SummarisedColumnFacet), less the columns the database lacks: a database
    written by an earlier release (no articles.story_id) must still show its tables."""
    return {table: [{SummarisedColumnFacet.type: c} for c in facets if c in columns.get(table, ())]
            for table, facets in DEFAULT_FACETS.items()}


def _database_metadata(columns: dict[str, set]) -> dict:
    tables = {}
    facets = default_facets(columns)
    for name, described in column_descriptions().items():
        tables[name] = {"columns": described}
        if facets.get(name):
            tables[name]["facets"] = facets[name]
    for name in HIDDEN_TABLES:
        tables.setdefault(name, {})["hidden"] = True
    for name, label in table_settings(columns).items():
        tables.setdefault(name, {}).update(label)
    return {"tables": tables, "queries": EXAMPLE_QUERIES}


def table_settings(columns: dict[str, set]) -> dict:
    """LABEL_COLUMNS, and the actors most mentioned first where the database
    counts their mentions (a database of an earlier release does not)."""
    settings = {table: dict(label) for table, label in LABEL_COLUMNS.items()}
    if "mention_count" in columns.get("actors", ()):
        settings.setdefault("actors", {})["sort_desc"] = "mention_count"
    return settings


_LOADED_BY_US: dict[tuple[str | None, bool], tuple[float, bool]] = {}
# render_cell asks for every cell of a page: a second's answer spares two stats a cell.
LOADED_BY_US_SECONDS = 1.0


def _loaded_by_us(datasette, database: str) -> bool:
    try:
        db = datasette.get_database(database)
    except KeyError:
        return False
    key, now = (db.path, db.is_mutable), time.monotonic()
    known = _LOADED_BY_US.get(key)
    if known is None or now - known[0] > LOADED_BY_US_SECONDS:
        known = _LOADED_BY_US[key] = (now, bool(_plugin_columns(db)))
    return known[1]


def _plugin_columns(db) -> dict[str, set] | None:
    """The columns of each table the default facets use, when the database file
    holds the plugin's tables; None otherwise. 0.65 asks for metadata on every
    page, and synchronously: the answer is kept until the file changes (a first
    load may be running while it is served)."""
    path = db.path
    if not path:
        return None
    # A load writes to the write-ahead log first: its time counts too.
    changed = [modified for p in (path, f"{path}-wal") if (modified := _modified(p)) is not None]
    return _columns_of_our_tables(path, not db.is_mutable, max(changed)) if changed else None


def _modified(path: str) -> int | None:
    """The file's modification time, or None when it is not there: a write-ahead log
    comes and goes as connections close, between any look and the next."""
    try:
        return os.stat(path).st_mtime_ns
    except FileNotFoundError:
        return None


@lru_cache(maxsize=64)
def _columns_of_our_tables(path: str, immutable: bool, modified: int) -> dict[str, set] | None:
    wanted = sorted({*(table for table, _ in LOADED_MARKS), *DEFAULT_FACETS})
    try:
        with reading_connection(path, immutable) as conn:
            rows = conn.execute(
                "select m.name, p.name from sqlite_master m join pragma_table_info(m.name) p "
                f"where m.type = 'table' and m.name in ({', '.join('?' * len(wanted))})", wanted).fetchall()
    except sqlite3.Error:
        return None
    columns: dict[str, set] = {}
    for table, column in rows:
        columns.setdefault(table, set()).add(column)
    return columns if all(c in columns.get(t, ()) for t, c in LOADED_MARKS) else None


@hookimpl
def startup(datasette):
    """A `model` named in the plugin's settings must load: a missing one stops the
    server with the message that says how to install it, instead of every SQL
    function failing later. Datasette 1.0: the same descriptions through the
    metadata API, and default facets through the configuration (1.0 dropped the
    get_metadata hook)."""
    config = datasette.plugin_config(PLUGIN_NAME) or {}
    from ..analyze import check_pipeline
    from ..nlp import PipelineError

    if config.get("model"):
        try:
            check_pipeline(config["model"])
        except PipelineError as error:
            # One line, naming the setting to change, instead of a traceback.
            raise click.ClickException(f"plugins: {PLUGIN_NAME}: model: {config['model']}: "
                                       f"{str(error).replace(' with --model', ' with this setting')}") from None
    else:
        # The SQL functions' spaCy pipeline and encoder, loaded beside the starting
        # server rather than by the first query that scores text (most of a second).
        threading.Thread(target=check_pipeline, name="attribution-warm-up", daemon=True).start()

    async def inner():
        for name, db in datasette.databases.items():
            if not _plugin_columns(db):
                continue
            tables = await db.table_names()
            counts.answer_counts_from_summaries(db)
            # Datasette's facet suggestions group every column of every page by
            # value (a second a page on 130,000 sentences, most of a busy
            # instance's time); the plugin's default facets stay. The plugin
            # setting `suggest_facets: true` keeps Datasette's suggestions.
            if not config.get("suggest_facets"):
                # A private attribute, on purpose: Datasette's settings are public to
                # read (datasette.setting()) but are only set when it is constructed
                # (Datasette(settings=...), --setting, datasette.yaml), in 0.65 and the
                # 1.0 alphas alike; no hook or method changes one once it runs, and no
                # hook turns suggestions off per table, so this turns them off for the
                # whole instance when it serves a database the plugin loaded.
                datasette._settings["suggest_facets"] = False
            if not hasattr(datasette, "set_column_metadata"):
                continue
            for table, columns in column_descriptions().items():
                for column, description in columns.items():
                    await datasette.set_column_metadata(name, table, column, "description", description)
            config_database = datasette.config.setdefault("databases", {}).setdefault(name, {})
            config_tables = config_database.setdefault("tables", {})
            columns = {table: set(await db.table_columns(table)) for table in DEFAULT_FACETS if table in tables}
            for table, facets in default_facets(columns).items():
                if facets:
                    config_tables.setdefault(table, {}).setdefault("facets", facets)
            for table in HIDDEN_TABLES:
                config_tables.setdefault(table, {}).setdefault("hidden", True)
            for table, label in table_settings(columns).items():
                for key, value in label.items():
                    config_tables.setdefault(table, {}).setdefault(key, value)
            queries = config_database.setdefault("queries", {})
            for key, query in EXAMPLE_QUERIES.items():
                if key in queries:
                    continue  # the user's own query of that name stays
                queries[key] = query
                if hasattr(datasette, "add_query"):  # later alphas store queries at startup
                    await datasette.add_query(name, key, query["sql"], title=query["title"])

    return inner
