"""The README documents what a user meets: every command of the command line, each
of their options, and every plugin setting; one missing fails here (the way
sqlite-utils' and Datasette's tests/test_docs.py hold their docs to the code)."""

from pathlib import Path

from datasette_attribution.cli import cli
from datasette_attribution.web.hooks import PLUGIN_NAME, PLUGIN_SETTINGS

README = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
COMMANDS = sorted(cli.commands)
# (command, the option's long names): a flag pair (--progress/--no-progress) is
# documented by either of its names.
OPTIONS = [(name, tuple(n for n in param.opts + param.secondary_opts if n.startswith("--")))
           for name, command in sorted(cli.commands.items())
           for param in command.params if param.param_type_name == "option"]


def undocumented(readme: str) -> list[str]:
    missing = [f"datasette-attribution {c}" for c in COMMANDS if f"datasette-attribution {c}" not in readme]
    missing += [f"{c} {'/'.join(names)}" for c, names in OPTIONS if not any(n in readme for n in names)]
    missing += [f"plugins: {PLUGIN_NAME}: {s}:" for s in PLUGIN_SETTINGS
                if f"plugins: {PLUGIN_NAME}: {s}:" not in readme]
    return missing


def test_the_commands_and_settings_are_the_ones_known():
    assert COMMANDS == ["demo", "load", "rescore", "scorers"]
    assert PLUGIN_SETTINGS == ("model", "suggest_facets")
    assert ("load", ("--replace",)) in OPTIONS and ("demo", ("--db",)) in OPTIONS
    assert ("load", ("--progress", "--no-progress")) in OPTIONS


def test_the_readme_documents_every_command_option_and_setting():
    assert undocumented(README) == []


def test_an_option_a_command_or_a_setting_left_out_of_the_readme_is_caught():
    readme = README.replace("--load-only", "").replace("datasette-attribution scorers", "") \
        .replace(f"plugins: {PLUGIN_NAME}: model:", "")
    assert undocumented(readme) == ["datasette-attribution scorers", "demo --load-only",
                                    f"plugins: {PLUGIN_NAME}: model:"]
