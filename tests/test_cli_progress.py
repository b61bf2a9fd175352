"""The load command's progress bar, its failure summary, and the demo's port."""

import io
import shutil
import socket

import pytest
import sqlite_utils
from click.testing import CliRunner
from helpers import SEEDS

from datasette_attribution.cli import Progress, cli, expected_documents, free_port


def test_the_bar_counts_articles_and_estimates_from_the_rate_seen_after_the_first():
    now = [0.0]
    out = io.StringIO()
    bar = Progress(10, out, clock=lambda: now[0])
    now[0] = 50.0  # the workers load their models before the first article is done
    bar.advance("a.jsonl:1")
    for _ in range(3):
        now[0] += 0.5
        bar.advance("a.jsonl:1")
    # Three articles in the 1.5 s since the first: 2 a second, six left.
    assert bar.line() == "Loading [###########-----------------] 4/10 articles, 2.0/s, 0:03 left"
    # Too few articles for a rate: no guess.
    assert Progress(163, io.StringIO(), clock=lambda: 0.0).line().endswith("0/163 articles")


def test_articles_written_in_bursts_are_timed_from_the_end_of_the_first_burst():
    now = [22.0]
    bar = Progress(67, io.StringIO(), clock=lambda: now[0])
    for _ in range(15):  # the first batch, written together after the models load
        now[0] += 0.003
        bar.advance()
    # One burst says nothing of the rate.
    assert bar.line().endswith("15/67 articles")
    now[0] += 8.0
    for _ in range(16):
        now[0] += 0.003
        bar.advance()
    # Sixteen articles in the 8 s since the first burst: 2 a second, 36 left.
    assert bar.line() == "Loading [############----------------] 31/67 articles, 2.0/s, 0:18 left"


def test_records_are_counted_by_line_and_pages_one_each(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n{"text": "y"}\n{"text": "z"}\n', "utf-8")
    (tmp_path / "b.csv").write_text("text,outlet\nx,A\ny,B\n", "utf-8")
    shutil.copy(next(SEEDS.glob("*.txt")), tmp_path / "page.txt")
    assert expected_documents([str(tmp_path)]) == 3 + 2 + 1


def test_an_error_has_its_own_line_and_the_summary_names_each_failed_file(tmp_path):
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "empty.txt").write_text("\n\n", "utf-8")
    result = CliRunner().invoke(cli, ["load", str(tmp_path / "news.db"), str(tmp_path),
                                                      "--progress", "--workers", "1"])
    assert result.exit_code == 1
    lines = result.stderr.replace("\x1b[K", "").split("\n")
    error = next(line for line in lines if "error:" in line)
    # The bar is cleared before the error: it starts its line.
    assert error.split("\r")[-1] == f"error: {tmp_path / 'empty.txt'}: file is empty"
    assert f"  failed: {tmp_path / 'empty.txt'}: file is empty" in lines
    assert "2 articles added" in result.stdout and "1 failed" in result.stdout


def test_a_busy_port_is_answered_with_a_free_one():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        chosen = free_port("127.0.0.1", taken)
        assert chosen != taken
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", chosen))  # really free


def test_the_demo_on_a_busy_port_serves_on_a_free_one_and_says_so(tmp_path, monkeypatch):
    from datasette.cli import cli as datasette_cli

    served = []
    monkeypatch.setattr(datasette_cli, "main", lambda args, **kwargs: served.append(args))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["demo", "--db", str(tmp_path / "d.db"), "--port", str(taken)])
    assert result.exit_code == 0, result.output
    (args,) = served
    chosen = int(args[args.index("--port") + 1])
    assert chosen != taken
    assert f"port {taken} on 127.0.0.1 is in use; serving on port {chosen} instead" in result.stderr
    assert f"Serving {tmp_path / 'd.db'} at http://127.0.0.1:{chosen}/" in result.stdout


@pytest.mark.parametrize("option, message", [
    (["--port", "99999"], "Invalid value for '-p' / '--port': 99999 is not in the range 1<=x<=65535."),
    (["--port", "0"], "Invalid value for '-p' / '--port': 0 is not in the range 1<=x<=65535."),
    (["--host", "nosuchhost.invalid"], "Invalid value for --host: cannot serve on 'nosuchhost.invalid':"),
])
def test_the_demo_refuses_a_port_or_host_it_cannot_serve_on_in_one_line_before_making_anything(
        tmp_path, option, message):
    result = CliRunner().invoke(cli, ["demo", "--db", str(tmp_path / "d.db"), *option])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split()) and "Traceback" not in result.output
    assert not (tmp_path / "d.db").exists()


def test_the_demo_leaves_another_programs_database_as_it_is_and_reuses_its_own(tmp_path):
    other = tmp_path / "notes.db"
    sqlite_utils.Database(other)["notes"].insert({"text": "kept as it is"})
    before = other.read_bytes()
    refused = CliRunner().invoke(cli, ["demo", "--db", str(other), "--load-only"])
    assert refused.exit_code == 1
    assert (f"Error: {other} is another program's database (it holds tables and no loaded articles); the demo "
            "writes a new file or one it wrote before: pass another --db") in " ".join(refused.stderr.split())
    assert other.read_bytes() == before
    ours = tmp_path / "demo.db"
    runs = [CliRunner().invoke(cli, ["demo", "--db", str(ours), "--load-only"])
            for _ in range(2)]
    assert [run.exit_code for run in runs] == [0, 0], runs[0].output
    assert runs[1].stdout.startswith("0 articles added, 0 replaced, 2 skipped")
    # A corpus a load wrote does not take the demo's two articles into its figures.
    corpus = tmp_path / "corpus.db"
    records = tmp_path / "r.jsonl"
    records.write_text('{"text": "Officials said the talks went well."}\n', "utf-8")
    assert CliRunner().invoke(cli, ["load", str(corpus), str(records)]).exit_code == 0
    mixed = CliRunner().invoke(cli, ["demo", "--db", str(corpus), "--load-only"])
    assert mixed.exit_code == 1
    assert (f"Error: {corpus} holds 1 article a load stored besides the demo's, which would join their figures; "
            "nothing was changed: pass another --db for the demo") in " ".join(mixed.stderr.split())
    assert sqlite_utils.Database(corpus).execute("select count(*) from articles").fetchone()[0] == 1
