"""A real load process killed outright (SIGKILL) at several points, and a served
database read while a load writes to it."""

import signal
import socket
import sqlite3
import subprocess
import sys
import time

import httpx
import pytest
from helpers import table_rows, write_seed_corpus

from datasette_attribution import pipeline

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

ARTICLES = 160
COMPARED_TABLES = ["articles", "paragraphs", "sentences", "mentions", "quotes", "attributions", "actors",
                   "actor_stats", "outlet_actor_stats", "facet_actor_sentences", "outlet_summary"]
READER_TABLES = ["actor_stats", "outlet_actor_stats", "facet_actor_sentences", "outlet_summary",
                 "sentences_fts", "articles_fts"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Real sentences from the seeds, regrouped into many short articles of four
    outlets, each article distinct."""
    return write_seed_corpus(tmp_path_factory.mktemp("killed") / "corpus.jsonl", range(ARTICLES))


def start_load(db_path, corpus):
    return subprocess.Popen([sys.executable, "-m", "datasette_attribution", "load", str(db_path),
                             str(corpus), "--workers", "1", "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def count(db_path, table="articles"):
    if not db_path.exists():
        return -1
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute(f"select count(*) from [{table}]").fetchone()[0]
    except sqlite3.OperationalError:
        return -1


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory):
    path = tmp_path_factory.mktemp("clean") / "clean.db"
    process = start_load(path, corpus)
    assert process.wait(timeout=600) == 0, process.stderr.read()
    return table_rows(path, COMPARED_TABLES)


@pytest.mark.parametrize("kill_after", [0, 1, 60, 120])
def test_a_load_killed_at_any_point_leaves_a_readable_database_and_a_rerun_equals_a_clean_load(
        corpus, clean, tmp_path, kill_after):
    path = tmp_path / "killed.db"
    process = start_load(path, corpus)
    deadline = time.monotonic() + 300
    # kill_after 0: as soon as the schema is there; otherwise once that many
    # articles are committed (mid-batch: the next batch is being written).
    while count(path) < kill_after and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "the load ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        present = {name for (name,) in conn.execute("select name from sqlite_master")}
        assert set(READER_TABLES) <= present
        articles, sentences, indexed = (conn.execute(f"select count(*) from {t}").fetchone()[0]
                                        for t in ("articles", "sentences", "sentences_fts"))
        assert articles >= (50 if kill_after >= 60 else 0)
        assert indexed == sentences  # committed rows are searchable at once
        # Never half an article: every article has its sentences.
        assert conn.execute("select count(*) from articles where id not in "
                            "(select article_id from sentences)").fetchone()[0] == 0
    rerun = subprocess.run([sys.executable, "-m", "datasette_attribution", "load", str(path), str(corpus),
                            "--workers", "1", "--no-progress"], capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{ARTICLES - articles} articles added, 0 replaced, {articles} skipped" in rerun.stdout
    assert table_rows(path, COMPARED_TABLES) == clean


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_served_database_answers_every_request_while_a_load_writes_to_it(corpus, tmp_path):
    path = tmp_path / "live.db"
    pipeline.open_database(path).conn.close()  # what `load` creates before its first article
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(path), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/-/versions.json", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        load = start_load(path, corpus)
        pages = ["/live/sentences", "/live/articles?_facet_actor=actor", "/-/attribution/live/outlets",
                 "/-/attribution/live/outlets.json", "/live/sentences?_facet_actor=actor",
                 "/live/sentences?_search=Iran", "/-/attribution/live/articles/1"]
        answers = []
        with httpx.Client(base_url=base, timeout=30) as client:
            while load.poll() is None:
                for page in pages:
                    response = client.get(page)
                    answers.append((page, response.status_code, "database is locked" in response.text))
        assert load.returncode == 0, load.stderr.read()
        failures = [a for a in answers if a[1] >= 500 or a[2]
                    or (a[1] == 404 and not a[0].endswith("/articles/1"))]
        assert failures == []
        assert len(answers) >= 2 * len(pages)
        assert httpx.get(base + "/live/articles.json?_shape=array&_size=1&_col=id").status_code == 200
    finally:
        server.kill()
