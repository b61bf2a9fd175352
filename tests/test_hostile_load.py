"""Hostile input to a load: files that are no files, oversized inputs, invisible
and unstorable characters, bad alias files, and reruns that must not rescore."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest
import sqlite_utils
from click.testing import CliRunner
from helpers import NEWS24_SEED, SEEDS

from datasette_attribution import pipeline, store
from datasette_attribution.cli import cli

PROSE = NEWS24_SEED.read_text("utf-8")
# The seed's long lines: running prose, which a text page of one line must keep.
PROSE_LINES = [line.strip() for line in PROSE.splitlines() if len(line) > 120]


def run_load(db_path, *args):
    return CliRunner().invoke(cli, ["load", str(db_path), *map(str, args)])


def rows(path, sql):
    return [tuple(r) for r in sqlite_utils.Database(path).execute(sql).fetchall()]


def write_records(path, texts):
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), "utf-8")
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_in_a_folder_is_reported_and_the_files_around_it_load(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_records(folder / "a.jsonl", ["Officials said the talks went well."])
    os.mkfifo(folder / "b.txt")
    os.mkfifo(folder / "c.jsonl")
    write_records(folder / "d.jsonl", ["The minister said the deal was close."])
    # A subprocess with a timeout: today's failure is a load that never ends.
    result = subprocess.run(
        [sys.executable, "-m", "datasette_attribution", "load", str(tmp_path / "f.db"), str(folder),
         "--workers", "1"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    errors = sorted(line for line in result.stderr.splitlines() if line.startswith("  failed:"))
    assert errors == [f"  failed: {folder / name}: not a regular file (a FIFO, socket or device); "
                      "pipe it to `load DB -` to read it" for name in ("b.txt", "c.jsonl")]
    assert rows(tmp_path / "f.db", "select count(*) from articles") == [(2,)]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_malformed_alias_file_is_a_usage_error_naming_file_and_line(tmp_path, workers):
    aliases = tmp_path / "aliases.txt"
    aliases.write_text("# extra actors\nAcme Corp | organization | Acme\nBob Smith\n", "utf-8")
    result = run_load(tmp_path / "a.db", SEEDS, "--aliases", aliases, "--workers", workers)
    assert result.exit_code == 2
    assert (f"Invalid value for --aliases: {aliases}:3: expected a name and a kind "
            "(a line reads: canonical name | kind | alias | ...)") in " ".join(result.output.split())
    assert not (tmp_path / "a.db").exists() or rows(tmp_path / "a.db", "select count(*) from articles") == [(0,)]
    aliases.write_text("Acme Corp | company | Acme\n", "utf-8")
    result = run_load(tmp_path / "a.db", SEEDS, "--aliases", aliases, "--workers", workers)
    assert result.exit_code == 2
    assert f"{aliases}:1: kind 'company' is not one of person, organization, place, group" in result.output
    aliases.write_bytes(b"Acme Corp | organization | Acme\nM\xfcller AG | organization\n")
    result = run_load(tmp_path / "a.db", SEEDS, "--aliases", aliases, "--workers", workers)
    assert result.exit_code == 2
    assert f"{aliases}:2: not valid UTF-8" in result.output
    aliases.write_text("Jane Doe | person | JD\nJohn Dee | person | JD\n", "utf-8")
    result = run_load(tmp_path / "a.db", SEEDS, "--aliases", aliases, "--workers", workers)
    assert result.exit_code == 2
    assert (f"{aliases}:2: 'JD' is already an alias of 'Jane Doe' (line 1): a name stands for one actor"
            in " ".join(result.output.split()))
    aliases.write_text("Jane Doe | person | Janet Roe  # her maiden name\n", "utf-8")
    result = run_load(tmp_path / "a.db", SEEDS, "--aliases", aliases, "--workers", workers)
    assert result.exit_code == 2
    assert f"{aliases}:1: a comment takes a line of its own, starting with #" in " ".join(result.output.split())
    assert not (tmp_path / "a.db").exists() or rows(tmp_path / "a.db", "select count(*) from articles") == [(0,)]


def test_an_alias_file_saved_with_a_byte_order_mark_reads_as_without_it(tmp_path):
    from datasette_attribution.scorers.actors import read_alias_file

    aliases = tmp_path / "aliases.txt"
    aliases.write_bytes("\ufeffJane Doe | person | Janet Roe\n# a comment\n".encode("utf-8"))
    assert read_alias_file(str(aliases)) == [("Jane Doe", "person", ["Janet Roe"])]
    aliases.write_bytes("\ufeff# extra people\nJane Doe | person | Janet Roe\n".encode("utf-8"))
    assert read_alias_file(str(aliases)) == [("Jane Doe", "person", ["Janet Roe"])]


def test_nul_bytes_and_controls_are_not_stored_and_offsets_agree_with_sqlite(tmp_path):
    page = tmp_path / "page.txt"
    # Past the first 8 KB, which is where binary files are told apart.
    page.write_text(PROSE * 2 + "\n" + "Officials said the vote\x00 would be held on Monday.\x07\n", "utf-8")
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"text": "Police said\u0000 the road was closed.",
                                   "title": "Road\u0000 closed"}) + "\n", "utf-8")
    path = tmp_path / "n.db"
    assert run_load(path, page, records).exit_code == 0
    assert rows(path, "select count(*) from articles where instr(body, char(0)) or instr(title, char(0))"
                      " or instr(body, char(7))") == [(0,)]
    assert rows(path, "select count(*) from sentences s join articles a on a.id = s.article_id "
                      "where substr(a.body, s.start + 1, s.end - s.start) != s.text") == [(0,)]
    for length, body in rows(path, "select length(body), body from articles"):
        assert length == len(body)  # SQLite counts the characters Python slices
    assert ("Police said the road was closed.",) in rows(path, "select text from sentences")
    assert rows(path, "select title from articles where title like 'Road%'") == [("Road closed",)]


def test_a_record_of_invisible_characters_is_no_article(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"text": "\u2003\u3000\u200b \u00a0\u200b"}) + "\n"
                       + json.dumps({"text": "Officials said the\u200b talks \u200bwent well.\u200b"}) + "\n",
                       "utf-8")
    result = run_load(tmp_path / "z.db", records)
    assert result.exit_code == 1
    assert f"  failed: {records}:1: no article text" in result.output
    assert rows(tmp_path / "z.db", "select text from sentences") == [
        ("Officials said the\u200b talks \u200bwent well.",)]


def test_inputs_over_the_size_limit_are_refused_and_the_rest_load(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"text": "Officials said the talks went well."}) + "\n"
                       + json.dumps({"text": "x " * 30_000}) + "\n"
                       + json.dumps({"text": "The minister said the deal was close."}) + "\n", "utf-8")
    big_page = tmp_path / "big.txt"
    big_page.write_text(PROSE * 10, "utf-8")
    path = tmp_path / "s.db"
    result = run_load(path, records, big_page, "--max-size", "50KB")
    assert result.exit_code == 1
    errors = sorted(line for line in result.output.splitlines() if line.startswith("  failed:"))
    assert errors == [
        f"  failed: {big_page}: {len((PROSE * 10).encode()):,} bytes, over the limit of "
        "50,000 bytes (load --max-size sets it)",
        f"  failed: {records}:2: 60,013 bytes, over the limit of 50,000 bytes (load --max-size sets it)"]
    assert rows(path, "select count(*) from articles") == [(2,)]
    assert run_load(path, records, "--max-size", "lots").exit_code == 2


def test_a_page_of_one_long_line_is_cut_into_paragraphs_not_dropped(tmp_path):
    page = tmp_path / "one-line.txt"
    text = " ".join(PROSE_LINES * 10)
    assert len(text) > 30_000 and "\n" not in text
    page.write_text(text, "utf-8")
    path = tmp_path / "l.db"
    result = run_load(path, page)
    assert result.exit_code == 0, result.output
    paragraphs = rows(path, "select length(text) from paragraphs where kind = 'text'")
    assert len(paragraphs) >= 30 and max(length for (length,) in paragraphs) < 2000
    body_words = rows(path, "select body from articles")[0][0].split()
    assert body_words == text.split()  # every word kept, in order


def test_a_rerun_finds_loaded_articles_before_scoring_them(tmp_path, monkeypatch):
    records = write_records(tmp_path / "r.jsonl", [f"Officials said talk {i} went well." for i in range(4)])
    db = store.open_database(tmp_path / "r.db")
    assert pipeline.load(db, [str(records)]).added == 4
    scored = []
    real = pipeline.analyze_article

    def counting(article, settings):
        scored.append(article.body)
        return real(article, settings)

    monkeypatch.setattr(pipeline, "analyze_article", counting)
    write_records(tmp_path / "r.jsonl", [f"Officials said talk {i} went well." for i in range(6)])
    report = pipeline.load(db, [str(records)])
    assert (report.added, report.skipped) == (2, 4)
    assert scored == ["Officials said talk 4 went well.", "Officials said talk 5 went well."]
    report = pipeline.load(db, [str(records)], options=pipeline.LoadOptions(replace=True))
    assert (report.replaced, report.skipped) == (6, 0)


def test_summary_tables_and_search_exist_before_the_first_article(tmp_path):
    db = pipeline.open_database(tmp_path / "new.db")
    assert {"actor_stats", "outlet_actor_stats", "facet_actor_sentences", "sentences_fts"} <= set(
        db.table_names())
    assert db["actor_stats"].count == 0


def test_another_programs_table_of_the_same_name_is_never_changed(tmp_path):
    path = tmp_path / "theirs.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table articles (id integer primary key, headline text, x int)")
        conn.execute("insert into articles values (1, 'hello', 3)")
    result = run_load(path, write_records(tmp_path / "r.jsonl", ["Officials said the talks went well."]))
    assert result.exit_code == 1
    assert result.output == (f"Error: {path} is another program's database: its articles table is not one a "
                             "load made, and a load would change it; nothing was changed (load into a new "
                             "file, or one a load wrote)\n")
    assert rows(path, "select * from articles") == [(1, "hello", 3)]
    assert rows(path, "select name from sqlite_master where type = 'table'") == [("articles",)]


def test_a_database_another_program_holds_locked_is_a_one_line_error(tmp_path):
    path = tmp_path / "news.db"
    records = write_records(tmp_path / "r.jsonl", ["Officials said the talks went well."])
    assert run_load(path, records).exit_code == 0
    holder = sqlite3.connect(path, isolation_level=None, timeout=0)
    holder.execute("begin exclusive")
    try:
        result = run_load(path, write_records(tmp_path / "s.jsonl", ["The minister said the deal was close."]))
    finally:
        holder.execute("rollback")
        holder.close()
    assert result.exit_code == 1
    assert result.output == (f"Error: {path} is locked by another program writing to it; the articles committed "
                             "before it, if any, are kept, each whole; run the same command again once that "
                             "program has finished\n")


def test_a_records_fields_are_text_a_list_of_authors_a_byline_and_by_goes(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text("\n".join(json.dumps(r) for r in [
        {"id": "f1", "text": "The mayor said the bridge may close.", "title": ["A", "B"]},
        {"id": "f2", "text": "The mayor said the road may close.", "byline": ["Jane Roe", "John Doe"]},
        {"id": 3, "text": "The mayor said the tunnel may close.", "url": False},
        {"id": "f4", "text": "The mayor said the port may close.", "outlet": {"name": "X"}}]) + "\n", "utf-8")
    path = tmp_path / "f.db"
    result = run_load(path, records)
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if line.startswith("  failed:")] == [
        f'  failed: {records}:1: record\'s "title" is a list, not a string',
        f'  failed: {records}:3: record\'s "url" is true or false, not a string',
        f'  failed: {records}:4: record\'s "outlet" is an object, not a string']
    assert rows(path, "select source, byline from articles") == [("f2", "Jane Roe, John Doe")]
    other = tmp_path / "g.jsonl"
    other.write_text(json.dumps({"id": "g1", "text": "The mayor said the bridge will open."}) + "\n", "utf-8")
    assert run_load(path, other, "--byline", "By Ann Lee").exit_code == 0
    assert rows(path, "select byline from articles where source = 'g1'") == [("Ann Lee",)]


def test_a_utf16_file_is_read_with_its_encoding_and_named_without_it(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"id": "u1", "text": "The mayor said the bridge may close."}) + "\n"
                       + json.dumps({"id": "u2", "text": "Officials said the road was shut."}) + "\n", "utf-16")
    path = tmp_path / "u.db"
    result = run_load(path, records)
    assert result.exit_code == 1
    assert f"  failed: {records}: written in UTF-16 (its first bytes say so): pass --encoding utf-16" in result.output
    assert run_load(path, records, "--encoding", "utf-16").exit_code == 0
    assert rows(path, "select source, body from articles order by id") == [
        ("u1", "The mayor said the bridge may close."), ("u2", "Officials said the road was shut.")]


def test_a_csv_header_is_no_record_under_the_size_limit(tmp_path):
    table = tmp_path / "r.csv"
    table.write_text("id,title,text\nm1,T,The mayor said the budget may be cut.\n"
                     "m2,T2,The mayor said the budget may be cut again this year and again next year too.\n")
    path = tmp_path / "c.db"
    result = run_load(path, table, "--max-size", "60")
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if "failed" in line] == [
        "1 article added, 0 replaced, 0 skipped (already loaded), 1 failed; 1 sentence",
        f"  failed: {table}:3: 84 bytes, over the limit of 60 bytes (load --max-size sets it)"]


def test_a_reader_that_keeps_the_log_from_being_folded_is_said(tmp_path):
    path = tmp_path / "news.db"
    assert run_load(path, write_records(tmp_path / "r.jsonl", ["Officials said the talks went well."])).exit_code == 0
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("begin")
    reader.execute("select count(*) from articles").fetchone()
    try:
        result = run_load(path, write_records(tmp_path / "s.jsonl", ["The minister said the deal was close."]))
    finally:
        reader.close()
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == (
        f"note: a reader held {path} open, so its newest rows are still in the write-ahead log beside it "
        "(news.db-wal): copy or move the two together and serve it without -i, or fold the log in once readers "
        "close (the next load or rescore does)")


def test_a_bad_record_of_a_json_array_is_named_by_its_line(tmp_path):
    array = tmp_path / "pretty.json"
    array.write_text('[\n  {"id": "p1", "text": "The mayor said the bridge may close."},\n  {"title": "no text"},\n'
                     '  {\n    "text": "Officials said the road was shut."\n  },\n  {"text": 7}\n]\n', "utf-8")
    result = run_load(tmp_path / "j.db", array)
    assert [line for line in result.output.splitlines() if line.startswith("  failed:")] == [
        f'  failed: {array}:3: record has no "text" (or it is empty)',
        f'  failed: {array}:7: record\'s "text" is a number, not a string']
    assert rows(tmp_path / "j.db", "select source from articles order by id") == [("p1",), ("pretty.json:3",)]


def test_sigterm_ends_a_load_as_ctrl_c_does(tmp_path, monkeypatch):
    import signal
    import time

    from datasette_attribution import cli as cli_module

    def terminated(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGTERM)  # what `timeout` sends
        time.sleep(5)

    before = signal.getsignal(signal.SIGTERM)
    monkeypatch.setattr(cli_module, "_load", terminated)
    result = run_load(tmp_path / "t.db", write_records(tmp_path / "r.jsonl", ["Officials said the talks went well."]))
    assert result.exit_code == 130
    assert result.output == ("interrupted: the articles added before it are kept, each whole (0 articles); run the "
                             "same command again to load the rest (the articles already loaded are skipped)\n")
    assert signal.getsignal(signal.SIGTERM) == before
