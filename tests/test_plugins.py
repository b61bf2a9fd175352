"""Scorers are pluggy plugins: the contract of DESIGN.md, and a third-party scorer
installed through an entry point gets its columns stored and described."""

import asyncio
import json
from contextlib import contextmanager
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils
from datasette.app import Datasette

from datasette_attribution import analyze, hookimpl
from datasette_attribution.plugins import (
    ScorerError,
    plugin_manager,
    registered_scorers,
    run_order,
)

SCORER_MODULE = '''
from datasette_attribution import hookimpl


class ExclamationScorer:
    name = "exclamations"
    requires = ("sourcing",)
    columns = {
        "sentences": {"exclamations": int, "loud_source": bool},
        "articles": {"exclamation_total": int},
    }

    def score(self, sentences, analysis):
        for s in sentences:
            s["exclamations"] = s["text"].count("!")
            s["loud_source"] = s["exclamations"] > 0 and s["attribution"] != "none"
            s["undeclared"] = "never stored"
            s["verbs"] = sum(t.pos_ == "VERB" for t in s["span"])
        analysis.summary["exclamation_total"] = sum(s["exclamations"] for s in sentences)


@hookimpl
def register_scorers():
    return [ExclamationScorer()]
'''
ARTICLE = {"id": "rally-1", "outlet": "Daily Example", "title": "Rally",
           "text": "Officials said the rally was over! Really!\nThe crowd went home."}


@pytest.fixture(scope="module")
def installed_scorer(tmp_path_factory):
    """A package with an entry point in the group "datasette_attribution", installed
    the way pip leaves one: a module and a *.dist-info folder on the path."""
    folder = tmp_path_factory.mktemp("site")
    (folder / "exclamation_scorer.py").write_text(SCORER_MODULE)
    info = folder / "exclamation_scorer-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: exclamation-scorer\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[datasette_attribution]\nexclamations = exclamation_scorer\n")
    return folder


@pytest.fixture(scope="module")
def loaded_with_scorer(installed_scorer, tmp_path_factory):
    """A plain `load` run as a new user would, with the scorer package installed."""
    folder = tmp_path_factory.mktemp("db")
    records = folder / "records.jsonl"
    records.write_text(json.dumps(ARTICLE) + "\n")
    path = folder / "news.db"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(installed_scorer), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "datasette_attribution", "load", str(path), str(records),
                           "--workers", "1"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return path


def test_the_builtin_scorers_register_through_the_hook_in_dependency_order():
    assert [s.name for s in registered_scorers()] == ["actors", "sourcing", "quotes", "hedging", "sentiment"]
    quotes = next(s for s in registered_scorers() if s.name == "quotes")
    assert quotes.requires == ("actors", "sourcing")


def test_hookimpl_is_importable_from_the_package():
    from datasette_attribution.hookspecs import hookimpl as spec_hookimpl

    assert hookimpl is spec_hookimpl


def test_a_third_party_scorer_gets_its_columns_stored(loaded_with_scorer):
    db = sqlite_utils.Database(loaded_with_scorer)
    columns = db["sentences"].columns_dict
    assert columns["exclamations"] is int and columns["loud_source"] is int
    assert "undeclared" not in columns and "verbs" not in columns
    rows = list(db.query("select text, exclamations, loud_source from sentences order by position"))
    assert [(r["exclamations"], r["loud_source"]) for r in rows] == [(1, 1), (1, 0), (0, 0)]
    assert db.execute("select exclamation_total from articles").fetchone() == (2,)


def test_a_third_party_scorers_columns_are_added_to_an_existing_database(installed_scorer, tmp_path):
    from datasette_attribution.pipeline import open_database

    path = tmp_path / "old.db"
    db = open_database(path)  # made before the scorer was installed
    assert "exclamations" not in db["sentences"].columns_dict
    records = tmp_path / "more.jsonl"
    records.write_text(json.dumps(ARTICLE) + "\n")
    env = {**os.environ, "PYTHONPATH": str(installed_scorer)}
    done = subprocess.run([sys.executable, "-m", "datasette_attribution", "load", str(path), str(records),
                           "--workers", "1"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert sqlite_utils.Database(path).execute("select sum(exclamations) from sentences").fetchone() == (2,)


def test_a_load_after_a_scorer_was_installed_says_the_earlier_articles_want_rescore(installed_scorer, tmp_path):
    records = tmp_path / "first.jsonl"
    records.write_text(json.dumps(ARTICLE) + "\n")
    path = tmp_path / "news.db"
    command = [sys.executable, "-m", "datasette_attribution", "load", str(path), "--workers", "1"]
    before = subprocess.run([*command, str(records)], capture_output=True, text=True)
    assert before.returncode == 0, before.stderr
    later = tmp_path / "later.jsonl"
    later.write_text(json.dumps({**ARTICLE, "id": "rally-2", "text": "Crowds gathered again!"}) + "\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(installed_scorer), os.environ.get("PYTHONPATH", "")])}
    after, again = (subprocess.run([*command, str(later)], env=env, capture_output=True, text=True)
                    for _ in range(2))
    assert after.returncode == 0, after.stderr
    assert (f"{path} holds 1 article loaded before the columns of the 'exclamations' scorer existed "
            "(articles.exclamation_total, sentences.exclamations, sentences.loud_source: added now); articles "
            "loaded now fill them, the earlier ones leave them empty until you run: "
            f"datasette-attribution rescore {path}") in " ".join(after.stderr.split())
    assert "rescore" not in again.stderr  # said once, when the columns came
    assert sqlite_utils.Database(path).execute(
        "select title, exclamation_total from articles order by id").fetchall() == [("Rally", None), ("Rally", 1)]


def test_datasette_describes_a_third_party_scorers_columns(installed_scorer, loaded_with_scorer, monkeypatch):
    monkeypatch.syspath_prepend(str(installed_scorer))
    from datasette_attribution.web import descriptions

    analyze.scorers.cache_clear()
    descriptions.column_descriptions.cache_clear()
    try:
        async def fetch():
            datasette = Datasette([str(loaded_with_scorer)])
            await datasette.invoke_startup()
            rows = await datasette.client.get("/news/sentences.json?_shape=array&_sort=position")
            html = await datasette.client.get("/news/sentences")
            return rows.json(), html.text

        rows, html = asyncio.run(fetch())
        assert [row["exclamations"] for row in rows] == [1, 1, 0]
        assert "From the &#39;exclamations&#39; scorer (integer)" in html or \
            "From the 'exclamations' scorer (integer)" in html
    finally:
        analyze.scorers.cache_clear()
        descriptions.column_descriptions.cache_clear()


def test_installing_a_scorer_does_not_make_a_file_an_earlier_releases(installed_scorer, tmp_path, monkeypatch):
    """A file loaded before a plugin's scorer was installed lacks only that scorer's
    columns, which no page of the plugin reads: its pages carry no earlier-release
    notice (which would also have said, wrongly, that sentiment shares are left out)."""
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps(ARTICLE) + "\n")
    path = tmp_path / "news.db"
    done = subprocess.run([sys.executable, "-m", "datasette_attribution", "load", str(path), str(records),
                           "--workers", "1"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "exclamations" not in sqlite_utils.Database(path)["sentences"].columns_dict
    monkeypatch.syspath_prepend(str(installed_scorer))
    analyze.scorers.cache_clear()
    try:
        assert "exclamations" in [s.name for s in analyze.scorers()]

        async def fetch():
            datasette = Datasette(immutables=[str(path)])
            await datasette.invoke_startup()
            return [await datasette.client.get(url) for url in ("/-/attribution/news.json", "/-/attribution/news")]

        as_json, page = asyncio.run(fetch())
        assert as_json.status_code == page.status_code == 200
        assert "earlier_release" not in as_json.json()
        assert "earlier release" not in page.text
    finally:
        analyze.scorers.cache_clear()


class Named:
    columns = {}

    def __init__(self, name, *requires):
        self.name, self.requires = name, requires

    def score(self, sentences, analysis):
        pass


def test_run_order_follows_requires_not_registration():
    ordered = run_order([Named("c", "b"), Named("a"), Named("b", "a")])
    assert [s.name for s in ordered] == ["a", "b", "c"]


def test_a_circle_of_requires_is_refused_by_name():
    with pytest.raises(ScorerError, match="a -> b -> a"):
        run_order([Named("a", "b"), Named("b", "a")])


def test_a_missing_requirement_is_refused_by_name():
    with pytest.raises(ScorerError, match="'a' requires 'nowhere'"):
        run_order([Named("a", "nowhere")])


def test_a_scorer_may_add_columns_only_to_sentences_and_articles():
    intruder = Named("intruder")
    intruder.columns = {"mentions": {"x": int}}
    with pytest.raises(ScorerError, match="sentences and articles only"):
        run_order([intruder])


@contextmanager
def scorers_registered_in_process(monkeypatch, *scorers):
    """The built-in scorers and `scorers`, as a plugin registered in this process would add them."""
    class Plugin:
        @hookimpl
        def register_scorers(self):
            return list(scorers)

    manager = plugin_manager()
    manager.register(Plugin())
    monkeypatch.setattr(analyze, "registered_scorers", lambda: registered_scorers(manager))
    analyze.scorers.cache_clear()
    try:
        yield
    finally:
        analyze.scorers.cache_clear()


def test_a_scorer_registered_in_process_runs_after_what_it_requires(monkeypatch):
    class Shouting:
        name = "shouting"
        requires = ("hedging",)
        columns = {"sentences": {"shouted_hedge": bool}}

        def score(self, sentences, analysis):
            for s in sentences:
                s["shouted_hedge"] = s["hedged"] == 1 and s["text"].endswith("!")

    with scorers_registered_in_process(monkeypatch, Shouting()):
        from datasette_attribution import analyze_text

        sentences = analyze_text("The deal may collapse! The talks ended.")
        assert [s["shouted_hedge"] for s in sentences] == [True, False]


def test_analyze_text_returns_what_the_scorers_declare_never_a_field_they_only_set(monkeypatch):
    class Noting:
        name = "noting"
        requires = ()
        columns = {"sentences": {"exclaims": bool}}

        def score(self, sentences, analysis):
            for s in sentences:
                s["exclaims"], s["scratch"] = s["text"].endswith("!"), "not stored"

    with scorers_registered_in_process(monkeypatch, Noting()):
        from datasette_attribution import analyze_text

        (sentence,) = analyze_text("The deal may collapse!")
        assert sentence["exclaims"] is True and "scratch" not in sentence
        assert {"text", "hedged", "attribution", "mentions", "attributions"} <= set(sentence)


def test_a_scorer_that_raises_is_named_in_the_failure_and_the_other_articles_load(tmp_path, monkeypatch):
    class Fragile:
        name = "fragile"
        requires = ()
        columns = {}

        def score(self, sentences, analysis):
            if any("ferry" in s["text"] for s in sentences):
                raise RuntimeError("no rule for boats")

    with scorers_registered_in_process(monkeypatch, Fragile()):
        records, report = council_and_ferry_loaded(tmp_path, workers=1)
        assert report.added == 1
        assert [(e.location, e.message) for e in report.errors] == [
            (f"{records}:2", "scorer 'fragile' failed: RuntimeError: no rule for boats")]


def council_and_ferry_loaded(tmp_path, workers: int):
    """Two records loaded into a new database: the records' path and the report."""
    from datasette_attribution.pipeline import LoadOptions, load
    from datasette_attribution.store import open_database

    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"id": "r1", "text": "The council met on Monday."}) + "\n"
                       + json.dumps({"id": "r2", "text": "The ferry was late again."}) + "\n")
    return records, load(open_database(tmp_path / "n.db"), [str(records)], options=LoadOptions(workers=workers))


def test_a_scorer_that_fails_on_every_article_fails_each_with_its_name_in_worker_processes_too(tmp_path, monkeypatch):
    """The workers' warm-up scores a sample article: a scorer that fails on it is
    no traceback that stops the load, but each article's failure, as in one process."""
    class Broken:
        name = "broken"
        requires = ()
        columns = {}

        def score(self, sentences, analysis):
            raise ZeroDivisionError("division by zero")

    with scorers_registered_in_process(monkeypatch, Broken()):
        records, report = council_and_ferry_loaded(tmp_path, workers=2)
        assert report.added == 0
        assert sorted((e.location, e.message) for e in report.errors) == [
            (f"{records}:{line}", "scorer 'broken' failed: ZeroDivisionError: division by zero") for line in (1, 2)]


def test_load_refuses_a_missing_pipeline_before_reading(tmp_path):
    from click.testing import CliRunner

    from datasette_attribution.cli import cli

    result = CliRunner().invoke(cli, ["load", str(tmp_path / "x.db"), str(Path(__file__)),
                                      "--model", "en_core_web_xl_missing"])
    assert result.exit_code == 2
    assert "en_core_web_xl_missing is not installed" in result.output
    assert not (tmp_path / "x.db").exists()


BUILTIN_LISTING = """\
1. actors (from builtin)
   requires: nothing
   columns: none
2. sourcing (from builtin)
   requires: actors
   sentences: attribution str, source str, source_kind str, cue str, anonymous_score float
   articles: attributed_count int, anonymous_count int, anonymous_share float
3. quotes (from builtin)
   requires: actors, sourcing
   sentences: is_quote int
   articles: quote_count int
4. hedging (from builtin)
   requires: sourcing
   sentences: hedged int, hedging_score float, hedge_cues list
   articles: hedged_count int, hedged_share float
5. sentiment (from builtin)
   requires: actors
   sentences: polarity float, subjectivity float
   articles: polarity float, subjectivity float
"""


def test_the_scorers_command_lists_the_builtin_scorers_in_run_order_with_their_columns():
    from click.testing import CliRunner

    from datasette_attribution.cli import cli

    result = CliRunner().invoke(cli, ["scorers"])
    assert result.exit_code == 0, result.output
    assert result.output == BUILTIN_LISTING


def test_the_scorers_command_names_a_third_party_scorer_and_its_plugin(installed_scorer):
    env = {**os.environ, "PYTHONPATH": str(installed_scorer)}
    done = subprocess.run([sys.executable, "-m", "datasette_attribution", "scorers", "--json"], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)
    assert [s["name"] for s in listed] == ["actors", "sourcing", "quotes", "hedging", "sentiment", "exclamations"]
    assert listed[-1] == {
        "name": "exclamations", "plugin": "exclamations (exclamation-scorer 1.0)", "requires": ["sourcing"],
        "columns": {"sentences": {"exclamations": "int", "loud_source": "bool"},
                    "articles": {"exclamation_total": "int"}}}
    assert listed[0] == {"name": "actors", "plugin": "builtin", "requires": [], "columns": {}}


def _manager_with(*scorers, returned=None):
    class Plugin:
        @hookimpl
        def register_scorers(self):
            return list(scorers) if returned is None else returned

    manager = plugin_manager()
    manager.register(Plugin(), name="shaky-plugin")
    return manager


class Unscored:
    name = "unscored"
    requires = ()
    columns = {"sentences": {"x": int}}


def test_a_scorer_without_a_score_method_is_refused_naming_its_plugin():
    with pytest.raises(ScorerError) as refused:
        registered_scorers(_manager_with(Unscored()))
    assert str(refused.value) == "scorer 'unscored' from plugin shaky-plugin lacks score (see hookspecs.Scorer)"


@pytest.mark.parametrize("attribute, value, message", [
    ("name", "", "has name ''; a scorer's name is a non-empty string"),
    ("requires", "sourcing", "has requires 'sourcing'; it is a tuple of scorer names"),
    ("columns", {"sentences": {"when": object}}, "declares sentences.when of type <class 'object'>; "
                                                 "use int, float, str, bool, list, dict"),
    ("columns", {"sentences": ["x"]}, "declares sentences as ['x']; it is column -> type"),
])
def test_a_mistyped_attribute_is_refused_naming_the_plugin_and_the_attribute(attribute, value, message):
    scorer = Named("mistyped")
    setattr(scorer, attribute, value)
    with pytest.raises(ScorerError) as refused:
        registered_scorers(_manager_with(scorer))
    label = "scorer 'mistyped'" if attribute != "name" else f"scorer {scorer!r}"
    assert str(refused.value) == f"{label} from plugin shaky-plugin {message}"


def test_a_hook_that_returns_no_list_is_refused_naming_the_plugin():
    with pytest.raises(ScorerError, match=r"^plugin shaky-plugin: register_scorers\(\) returned Named, "
                                          r"not a list of scorers$"):
        registered_scorers(_manager_with(returned=Named("alone")))


def test_two_scorers_of_one_name_are_refused_naming_both_plugins():
    with pytest.raises(ScorerError, match=r"^two scorers are named 'hedging' \(from plugins builtin and "
                                          r"shaky-plugin\)$"):
        registered_scorers(_manager_with(Named("hedging")))


def test_a_scorer_declaring_a_column_another_scorer_owns_is_refused_naming_both():
    class Overwriting(Named):
        columns = {"sentences": {"hedged": int}}

    with pytest.raises(ScorerError, match=r"^scorers 'hedging' from plugin builtin and 'loud' from plugin "
                                          r"shaky-plugin both declare the column sentences.hedged: each column "
                                          r"is one scorer's$"):
        registered_scorers(_manager_with(Overwriting("loud")))


def test_the_builtin_scorers_keep_the_protocol():
    from datasette_attribution import Scorer

    assert all(isinstance(s, Scorer) for s in registered_scorers())
    assert not isinstance(Unscored(), Scorer)


def test_load_refuses_a_broken_scorer_before_reading(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from datasette_attribution.cli import cli

    manager = _manager_with(Unscored())
    monkeypatch.setattr(analyze, "registered_scorers", lambda: registered_scorers(manager))
    analyze.scorers.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["load", str(tmp_path / "x.db"), str(Path(__file__))])
    finally:
        analyze.scorers.cache_clear()
    assert result.exit_code == 1
    assert "Error: scorer 'unscored' from plugin shaky-plugin lacks score" in result.output
    assert not (tmp_path / "x.db").exists()
