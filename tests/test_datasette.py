"""The Datasette side: SQL functions on every connection and `datasette attribution`."""

import asyncio
import inspect
import sqlite3

import click
import pytest
from click.testing import CliRunner
from helpers import SEEDS
from datasette.app import Datasette
from datasette.cli import cli as datasette_cli

from datasette_attribution import store
from datasette_attribution.analyze import score_sentence
from datasette_attribution.pipeline import load


def query(db_path, sql):
    async def run():
        datasette = Datasette([str(db_path)], immutables=[])
        database = datasette.get_database()
        return (await database.execute(sql)).rows

    return asyncio.run(run())


def test_sql_functions_score_text_on_the_fly(tmp_path):
    path = tmp_path / "f.db"
    store.open_database(path)
    rows = query(path, "select hedging_score('It may rain'), "
                       "attribution('Officials said the talks failed.'), "
                       "attribution('Police said the road was closed.'), "
                       "attribution('The road was closed.')")
    assert tuple(rows[0]) == (score_sentence("It may rain")["hedging_score"], "anonymous", "named", "none")
    assert rows[0][0] >= 0.5


def test_the_seeds_are_browsable_read_only(tmp_path):
    path = tmp_path / "seeds.db"
    load(store.open_database(path), [str(SEEDS)])

    async def fetch():
        datasette = Datasette(immutables=[str(path)])
        response = await datasette.client.get("/seeds/outlet_summary.json?_shape=array")
        return response.status_code, response.json()

    status, rows = asyncio.run(fetch())
    assert status == 200
    assert [row["outlet"] for row in rows] == ["News24", "The Independent"]


def test_commands_are_offered_as_datasette_attribution():
    result = CliRunner().invoke(datasette_cli, ["attribution", "--help"])
    assert result.exit_code == 0
    assert "load" in result.output and "demo" in result.output


def test_the_sql_functions_parse_with_the_pipeline_the_plugin_setting_names(tmp_path):
    path = tmp_path / "m.db"
    store.open_database(path)

    async def run(model):
        settings = {"plugins": {"datasette-attribution": {"model": model}}}
        # Plugin settings live in the configuration from Datasette 1.0, in metadata before.
        takes_config = "config" in inspect.signature(Datasette.__init__).parameters
        datasette = Datasette([str(path)], **({"config": settings} if takes_config else {"metadata": settings}))
        await datasette.invoke_startup()
        response = await datasette.client.get(
            "/m.json?sql=select+attribution('Officials said the talks failed.')+as+a&_shape=array",
            follow_redirects=True)
        return response.status_code, response.text

    from datasette_attribution.nlp import load_pipeline

    status, body = asyncio.run(run(str(load_pipeline().path)))
    assert status == 200 and '"a": "anonymous"' in body
    # `datasette serve` prints it as one line ("Error: ...") and exits 1.
    with pytest.raises(click.ClickException) as refused:
        asyncio.run(run("en_core_web_xl_missing"))
    assert refused.value.message.startswith(
        "plugins: datasette-attribution: model: en_core_web_xl_missing: spaCy pipeline en_core_web_xl_missing "
        "is not installed. Install its package, or name another installed English pipeline (a package or a "
        "path) with this setting, or leave it out for the default pipeline, which installs with pip install")


def test_datasettes_column_facet_suggestions_are_off_unless_the_plugin_setting_keeps_them(tmp_path):
    path = tmp_path / "s.db"
    load(store.open_database(path), [str(SEEDS)])
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (a)").connection.close()

    async def suggestions(paths, plugin_settings):
        settings = {"plugins": {"datasette-attribution": plugin_settings}}
        takes_config = "config" in inspect.signature(Datasette.__init__).parameters
        datasette = Datasette([str(p) for p in paths],
                              **({"config": settings} if takes_config else {"metadata": settings}))
        await datasette.invoke_startup()
        response = await datasette.client.get(f"/{paths[0].stem}/sentences.json?_extra=suggested_facets"
                                              if paths[0] == path else f"/{paths[0].stem}.json")
        return datasette.setting("suggest_facets"), response.json().get("suggested_facets")

    setting, suggested = asyncio.run(suggestions([path], {}))
    assert setting is False and not suggested
    setting, suggested = asyncio.run(suggestions([path], {"suggest_facets": True}))
    assert setting is True and "paragraph" in [s["name"] for s in suggested]
    assert asyncio.run(suggestions([other], {}))[0] is True  # a database the plugin did not load
