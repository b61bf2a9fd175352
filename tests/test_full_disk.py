"""A load that runs out of room (a database held under a size limit, as a full disk
would): one line says how many articles were committed and that a rerun adds the
rest, the status is 1, the file passes SQLite's integrity check, and the rerun
equals a clean load."""

import sqlite3

import pytest
from click.testing import CliRunner
from helpers import table_rows, write_seed_corpus

from datasette_attribution import pipeline
from datasette_attribution.cli import cli

ARTICLES = 160
COMPARED_TABLES = ["articles", "paragraphs", "sentences", "mentions", "quotes", "attributions", "actors",
                   "stories", "story_terms", "actor_stats", "outlet_actor_stats", "facet_actor_sentences",
                   "outlet_summary"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_seed_corpus(tmp_path_factory.mktemp("full") / "corpus.jsonl", range(ARTICLES))


def load(db_path, corpus):
    return CliRunner().invoke(cli, ["load", str(db_path), str(corpus), "--workers", "1", "--no-progress"])


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory):
    path = tmp_path_factory.mktemp("clean") / "clean.db"
    result = load(path, corpus)
    assert result.exit_code == 0, result.output
    with sqlite3.connect(path) as conn:
        pages = conn.execute("pragma page_count").fetchone()[0]
    return table_rows(path, COMPARED_TABLES), pages


def test_a_load_that_fills_the_disk_says_what_it_kept_and_a_rerun_adds_the_rest(
        corpus, clean, tmp_path, monkeypatch):
    clean_tables, clean_pages = clean
    path = tmp_path / "full.db"
    opened = pipeline.open_database

    def open_limited(db_path):
        db = opened(db_path)
        # The file may grow to 60% of what the whole load needs.
        db.execute(f"pragma max_page_count = {int(clean_pages * 0.6)}")
        return db

    monkeypatch.setattr(pipeline, "open_database", open_limited)
    result = CliRunner().invoke(
        cli, ["load", str(path), str(corpus), "--workers", "1", "--no-progress"])
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.stdout == ""
    with sqlite3.connect(path) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        committed = conn.execute("select count(*) from articles").fetchone()[0]
        # Whole batches only, every one searchable.
        assert conn.execute("select count(*) from sentences").fetchone()[0] == \
            conn.execute("select count(*) from sentences_fts").fetchone()[0]
    assert 0 < committed < ARTICLES and committed % pipeline.ARTICLES_PER_COMMIT == 0
    assert result.stderr == (
        f"Error: {path}: the disk is full (or the database reached its size limit): {committed} articles "
        "were committed before it filled, the rest were not; free some space and run the same command "
        "again to add the rest (the articles committed are skipped). Until then they may be in the "
        "write-ahead log beside the file (its -wal): copy or move the two together, and serve it without -i\n")

    rerun = load(path, corpus)
    assert rerun.exit_code == 0, rerun.output
    assert f"{ARTICLES - committed} articles added, 0 replaced, {committed} skipped" in rerun.output
    assert rerun.stderr == ""  # the articles committed are this release's: nothing to rescore
    assert table_rows(path, COMPARED_TABLES) == clean_tables


def test_a_disk_that_fills_while_the_last_batch_settles_counts_only_what_was_committed(
        corpus, clean, tmp_path, monkeypatch):
    """On a full disk SQLite may roll the open transaction back itself: the last
    batch, being settled, is then not committed, and is not counted as such."""
    clean_tables, _ = clean
    path = tmp_path / "full.db"

    def filling(db):
        db.conn.execute("ROLLBACK")  # what SQLite does itself on some SQLITE_FULL errors
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(pipeline, "update_summaries", filling)
    result = load(path, corpus)
    monkeypatch.undo()
    assert result.exit_code == 1
    committed = ARTICLES // pipeline.ARTICLES_PER_COMMIT * pipeline.ARTICLES_PER_COMMIT
    with sqlite3.connect(path) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == committed
    assert f"{committed} articles were committed before it filled" in " ".join(result.stderr.split())
    rerun = load(path, corpus)
    assert rerun.exit_code == 0, rerun.output
    assert table_rows(path, COMPARED_TABLES) == clean_tables
