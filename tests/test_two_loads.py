"""Two real `load` processes on one database: the second waits for the first (or,
with --no-wait, leaves at once and changes nothing), every article ends up stored
once, and a reader sees every table throughout."""

import sqlite3
import subprocess
import sys
import time

import pytest
from helpers import NEWS24_SEED, write_seed_corpus

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="flock")

READER_TABLES = {"articles", "sentences", "actor_stats", "outlet_actor_stats", "facet_actor_sentences",
                 "outlet_summary", "sentences_fts", "articles_fts", "stories"}


def start_load(db_path, corpus, *options):
    return subprocess.Popen([sys.executable, "-m", "datasette_attribution", "load", str(db_path),
                             str(corpus), "--workers", "1", "--no-progress", *options],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def tables_seen(db_path):
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as conn:
            return {name for (name,) in conn.execute("select name from sqlite_master")}
    except sqlite3.OperationalError:
        return set()


def articles_committed(db_path):
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def wait_until_writing(db_path, process, articles=1):
    """Until the load has committed `articles` (so it holds the database)."""
    deadline = time.monotonic() + 300
    while articles_committed(db_path) < articles and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the first load ended before the second started"


def test_a_second_load_waits_for_the_first_and_every_article_is_stored_once(tmp_path):
    path = tmp_path / "news.db"
    first = start_load(path, write_seed_corpus(tmp_path / "first.jsonl", range(0, 240)))
    wait_until_writing(path, first, articles=50)
    # Overlapping input: articles 200-239 are in both.
    second = start_load(path, write_seed_corpus(tmp_path / "second.jsonl", range(200, 280)))
    seen_during = []
    while first.poll() is None or second.poll() is None:
        seen_during.append(tables_seen(path))
        time.sleep(0.2)
    first_out, first_err = first.communicate()
    second_out, second_err = second.communicate()
    assert first.returncode == 0, first_err
    assert second.returncode == 0, second_err
    assert f"waiting for another load of {path} to finish" in second_err
    assert "waiting" not in first_err
    assert "240 articles added, 0 replaced, 0 skipped" in first_out
    # The second load read the database only once the first was done.
    assert "40 articles added, 0 replaced, 40 skipped (already loaded)" in second_out
    with sqlite3.connect(path) as conn:
        sources = [source for (source,) in conn.execute("select source from articles order by id")]
        assert sources == [f"story-{i}" for i in range(280)]
        assert conn.execute("select count(*) from sentences").fetchone()[0] == \
            conn.execute("select count(*) from sentences_fts").fetchone()[0]
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert len(seen_during) > 5
    assert all(READER_TABLES <= tables for tables in seen_during)


def test_a_load_told_not_to_wait_leaves_at_once_and_changes_nothing(tmp_path):
    path = tmp_path / "news.db"
    first = start_load(path, write_seed_corpus(tmp_path / "first.jsonl", range(0, 200)))
    wait_until_writing(path, first, articles=50)
    second = subprocess.run(
        [sys.executable, "-m", "datasette_attribution", "load", str(path),
         str(write_seed_corpus(tmp_path / "second.jsonl", range(500, 520))), "--no-wait", "--no-progress"],
        capture_output=True, text=True, timeout=300)
    still_loading = first.poll() is None
    first_out, first_err = first.communicate()
    assert still_loading
    assert second.returncode == 1
    assert second.stdout == ""
    assert second.stderr.strip() == (f"Error: another load is writing {path}; nothing was changed "
                                     "(without --no-wait, this load would wait for it to finish)")
    assert first.returncode == 0, first_err
    with sqlite3.connect(path) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == 200
        assert conn.execute("select count(*) from articles where source like 'story-5__'").fetchone()[0] == 0


def test_a_database_that_cannot_be_opened_for_writing_is_a_one_line_error(tmp_path):
    from click.testing import CliRunner

    from datasette_attribution.cli import cli

    path = tmp_path / "no such folder" / "news.db"
    result = CliRunner().invoke(cli, ["load", str(path), str(NEWS24_SEED), "--no-progress"])
    assert result.exit_code == 1
    assert result.output == f"Error: {path}: cannot open it for writing (No such file or directory)\n"
