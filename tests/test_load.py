"""The load command: every input format, idempotent reloads, and bad input."""

import json

import pytest
import sqlite_utils
from click.testing import CliRunner
from helpers import INDEPENDENT_SEED, SEEDS

from datasette_attribution import store
from datasette_attribution.cli import cli
from datasette_attribution.ingest.structured import read_csv, read_jsonl

ARTICLE = ("Officials said the talks would resume on Monday.\n"
           "The minister told reporters the deal was close.")


def run_load(db_path, *args):
    return CliRunner().invoke(cli, ["load", str(db_path), *map(str, args)])


def counts(db_path):
    db = sqlite_utils.Database(db_path)
    return db["articles"].count, db["sentences"].count


@pytest.fixture
def seeds_db(tmp_path):
    path = tmp_path / "seeds.db"
    result = run_load(path, SEEDS)
    assert result.exit_code == 0, result.output
    return path


def test_seeds_load_with_a_summary_line(seeds_db):
    db = sqlite_utils.Database(seeds_db)
    assert [r["outlet"] for r in db.query("select outlet from articles order by id")] == [
        "News24", "The Independent"]
    assert counts(seeds_db) == (2, 43)


def test_every_sentence_offset_points_into_its_article_body(seeds_db):
    db = sqlite_utils.Database(seeds_db)
    rows = db.query("select s.text, s.start, s.end, a.body from sentences s "
                    "join articles a on a.id = s.article_id")
    for row in rows:
        assert row["body"][row["start"]:row["end"]] == row["text"]


def test_no_furniture_becomes_a_sentence_or_title(seeds_db):
    db = sqlite_utils.Database(seeds_db)
    texts = " ".join(r["text"] for r in db.query("select text from sentences"))
    titles = " ".join(r["title"] for r in db.query("select title from articles"))
    for furniture in ("Regional partners", "File: AP", "(AP)", "Your support", "24.com",
                      "Facebook", "Jon Stone", "Notifications"):
        assert furniture not in texts
        assert furniture not in titles


def test_reloading_adds_nothing_and_replace_rescores(seeds_db):
    again = run_load(seeds_db, SEEDS)
    assert again.exit_code == 0
    assert again.output.strip().endswith(
        "0 articles added, 0 replaced, 2 skipped (already loaded), 0 failed; 0 sentences")
    assert counts(seeds_db) == (2, 43)
    replaced = run_load(seeds_db, INDEPENDENT_SEED, "--replace")
    assert "0 articles added, 1 replaced" in replaced.output
    assert counts(seeds_db) == (2, 43)


def test_replace_with_a_corrected_title_or_a_missing_outlet_rewrites_the_article_instead_of_adding_a_copy(tmp_path):
    wire = tmp_path / "wire.jsonl"
    wire.write_text(json.dumps({"id": "w1", "title": "Talks to resume", "text": ARTICLE}) + "\n", "utf-8")
    database = tmp_path / "news.db"
    db = sqlite_utils.Database(database)

    def articles():
        return [(r["source"], r["outlet"], r["title"]) for r in db.query(
            "select source, outlet, title from articles order by id")]

    assert run_load(database, wire).exit_code == 0
    replaced = run_load(database, wire, "--replace", "--title", "Talks to resume on Monday")
    assert "0 articles added, 1 replaced" in replaced.output, replaced.output
    assert articles() == [("w1", None, "Talks to resume on Monday")]
    replaced = run_load(database, wire, "--replace", "--outlet", "Wire Service")
    assert "0 articles added, 1 replaced" in replaced.output, replaced.output
    assert articles() == [("w1", "Wire Service", "Talks to resume")]
    # Under another outlet it is another article: a wire story syndicated under the same record id.
    added = run_load(database, wire, "--replace", "--outlet", "Daily Gazette")
    assert "1 article added, 0 replaced" in added.output, added.output
    assert articles() == [("w1", "Wire Service", "Talks to resume"), ("w1", "Daily Gazette", "Talks to resume")]
    # Without --replace a corrected title is another article, as before.
    added = run_load(database, wire, "--title", "A third title", "--outlet", "Wire Service")
    assert "1 article added" in added.output
    assert counts(database) == (3, 6)


def test_an_interrupted_load_says_what_it_kept_and_how_to_go_on(tmp_path, monkeypatch):
    from datasette_attribution import pipeline

    real_load = pipeline.load

    def interrupted_after_one_article(database, paths, **kwargs):
        real_load(database, [str(INDEPENDENT_SEED)], **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "load", interrupted_after_one_article)
    result = CliRunner().invoke(cli, ["load", str(tmp_path / "news.db"), str(SEEDS), "--workers", "1"])
    assert result.exit_code == 130
    assert result.stderr == ("interrupted: the articles added before it are kept, each whole (1 article); run the "
                             "same command again to load the rest (the articles already loaded are skipped)\n")
    assert counts(tmp_path / "news.db") == (1, 12)


def test_an_interrupted_rescore_says_what_it_kept_as_an_interrupted_load_does(tmp_path, monkeypatch):
    from datasette_attribution import pipeline

    path = tmp_path / "news.db"
    assert CliRunner().invoke(cli, ["load", str(path), str(SEEDS), "--workers", "1"]).exit_code == 0
    real_rescore = pipeline.rescore

    def interrupted_after_one_article(database, **kwargs):
        seen = []

        def second_stops(location):
            seen.append(location)
            if len(seen) == 2:
                raise KeyboardInterrupt
        return real_rescore(database, **{**kwargs, "on_document": second_stops})

    monkeypatch.setattr(pipeline, "rescore", interrupted_after_one_article)
    result = CliRunner().invoke(cli, ["rescore", str(path), "--workers", "1"])
    assert result.exit_code == 130
    assert result.stderr == ("interrupted: the articles rescored before it are kept, each whole (1 article of 2), "
                             "the others as they were; run the same command again to rescore the rest\n")
    assert counts(path) == (2, 43)
    assert sqlite_utils.Database(path).execute(
        "select count(*) from actors where mention_count is null or mention_count != "
        "(select count(*) from mentions where mentions.actor_id = actors.id)").fetchone() == (0,)
    # Run again, it goes on where it stopped, and ends as one rescore does: the
    # articles in their first order, the same stories.
    monkeypatch.undo()
    resumed = CliRunner().invoke(cli, ["rescore", str(path), "--workers", "1"])
    assert resumed.exit_code == 0, resumed.output
    assert resumed.stderr == "going on with the rescore interrupted before: 1 article left to rescore\n"
    assert resumed.stdout.startswith("0 articles added, 1 replaced")
    whole = tmp_path / "whole.db"
    for command in (["load", str(whole), str(SEEDS)], ["rescore", str(whole)]):
        assert CliRunner().invoke(cli, [*command, "--workers", "1"]).exit_code == 0

    def stories(db_path):
        return sqlite_utils.Database(db_path).execute(
            "select articles.source, stories.title, stories.article_count from articles "
            "left join stories on stories.id = articles.story_id order by articles.id").fetchall()
    assert stories(path) == stories(whole) and stories(path)[0][2] == 2


def test_jsonl_records_of_one_sentence_load_as_one_article_each(tmp_path):
    records = tmp_path / "wire.jsonl"
    records.write_text("\n".join(json.dumps({"id": f"r{i}", "text": text, "outlet": "Wire",
                                             "extra": "ignored"})
                                 for i, text in enumerate([
                                     "Police said the road was closed.",
                                     "The mayor may resign, sources said.",
                                     "Rain fell overnight."])))
    result = run_load(tmp_path / "r.db", records)
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(tmp_path / "r.db")
    rows = list(db.query("select source, outlet, sentence_count from articles order by id"))
    assert rows == [{"source": f"r{i}", "outlet": "Wire", "sentence_count": 1} for i in range(3)]


def test_json_array_and_csv_records(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps([{"text": ARTICLE, "title": "Talks",
                                                  "published": "Nov. 24, 2014"}]))
    (tmp_path / "b.csv").write_text('id,text,outlet\nc1,"' + ARTICLE + '",Daily\n')
    result = run_load(tmp_path / "r.db", tmp_path)
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(tmp_path / "r.db")
    rows = list(db.query("select title, outlet, published, sentence_count from articles "
                         "order by id"))
    assert rows == [
        {"title": "Talks", "outlet": None, "published": "2014-11-24", "sentence_count": 2},
        {"title": None, "outlet": "Daily", "published": None, "sentence_count": 2},
    ]


def test_csv_files_are_read_by_line_a_bad_line_or_row_reported_and_the_others_loaded(tmp_path):
    """An undecodable CSV, one saved with Excel's byte-order mark, a row with more
    fields than the header, a record over two lines, a number as text: each
    reported by its file and line, every good record loaded."""
    (tmp_path / "a_good.csv").write_text(f'id,text\ng1,"{ARTICLE}"\n')
    (tmp_path / "b_cp1252.csv").write_bytes(
        b"id,text\nw1,Rain fell on Monday.\nw2,The mayor\x92s office said the road was closed.\n"
        b"w3,Snow closed the pass overnight.\n")
    (tmp_path / "c_bom.csv").write_text("text,id\nThe bridge reopened on Friday.,b1\n", encoding="utf-8-sig")
    (tmp_path / "d_ragged.csv").write_text("id,title,text\nr1,Fine,The port stayed open.\n"
                                           "r2,Too,many,columns,here\n"
                                           'r3,Two lines,"The ferry ran late.\nIt docked at noon."\n'
                                           "r4,,The tunnel shut.\n")
    (tmp_path / "e_number.jsonl").write_text('{"id": "n1", "text": 123}\n')
    result = run_load(tmp_path / "r.db", tmp_path)
    assert result.exit_code == 1
    errors = sorted(line.split(str(tmp_path) + "/")[-1] for line in result.output.splitlines()
                    if line.startswith("  failed:"))
    assert errors == [
        "b_cp1252.csv:3: not valid utf-8 (it decodes as Windows-1252: pass --encoding cp1252 if that is right)",
        "d_ragged.csv:3: row has 5 fields, the header 3 (a comma in a field that is not quoted?); not loaded",
        'e_number.jsonl:1: record\'s "text" is a number, not a string']
    db = sqlite_utils.Database(tmp_path / "r.db")
    assert [row[0] for row in db.execute("select source from articles order by source")] == [
        "b1", "g1", "r1", "r3", "r4", "w1", "w3"]
    records = read_csv("ferry.csv", 'id,text\nf1,"The ferry ran late.\nIt docked."\nf2,It sailed.\n')
    assert [record.location for record in records] == ["ferry.csv:2", "ferry.csv:4"]


def test_a_csv_quote_left_open_reports_the_lines_it_swallowed_and_loads_none_of_them(tmp_path):
    """A field's quote never closed runs on through the rows below it: at the end of
    the file they would all be one article's text, before a later quote one ragged
    row; either way the lines are named, and the rows after the closing quote load."""
    open_to_the_end = ('id,title,text\nk1,Fine,The port stayed open.\n'
                       'k2,Open,"He said ""yes"" and left.\nk3,Next,She said no.\nk4,Last,It rained.\n')
    closed_later = ('id,title,text\nk1,Open,"He said ""yes"" and left.\nk2,Next,She said no.\n'
                    'k3,Quoted,"It rained, officials said."\nk4,After,The tunnel shut.\n')
    multi_line = 'id,text\nk1,"The ferry ran ""late"".\nIt docked, at noon."\nk2,It sailed.\n'
    (tmp_path / "a.csv").write_text(open_to_the_end)
    (tmp_path / "b.csv").write_text(closed_later)
    (tmp_path / "c.csv").write_text(multi_line)
    result = run_load(tmp_path / "r.db", tmp_path)
    assert result.exit_code == 1
    errors = sorted(line.split(str(tmp_path) + "/")[-1] for line in result.output.splitlines()
                    if line.startswith("  failed:"))
    swallowed = ("a quoted field opened here is not closed where it should be: lines {} to {} were read "
                 "as one row; not loaded (close the quote, or double a quote inside the field)")
    assert errors == ["a.csv:3: " + swallowed.format(3, 5), "b.csv:2: " + swallowed.format(2, 4)]
    db = sqlite_utils.Database(tmp_path / "r.db")
    assert [tuple(row) for row in db.execute("select source, body from articles order by source, body")] == [
        ("k1", "The ferry ran \"late\".\n\nIt docked, at noon."), ("k1", "The port stayed open."),
        ("k2", "It sailed."), ("k4", "The tunnel shut.")]


def test_an_xml_feed_named_on_its_own_is_refused_by_name_and_an_xhtml_page_is_read(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?>\n<rss><channel><item><title>Talks</title>'
                    f"<description>{ARTICLE}</description></item></channel></rss>\n")
    page = tmp_path / "talks.xhtml"
    page.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html><head><title>Talks</title>'
                    f"</head><body><article><p>{ARTICLE.replace(chr(10), '</p><p>')}</p></article></body></html>\n")
    result = run_load(tmp_path / "r.db", feed, page)
    assert result.exit_code == 1
    assert (f"  failed: {feed}: an XML document (a feed or a sitemap?), not a page; load the pages or records it "
            "lists") in result.output
    assert result.stdout.startswith("1 article added")
    body = sqlite_utils.Database(tmp_path / "r.db").execute("select body from articles").fetchone()[0]
    assert "<" not in body and body.startswith("Officials said")


def test_a_records_placeholder_of_no_value_is_none_and_a_byline_loses_its_by(tmp_path):
    """What a script writes for a missing field (str(None), pandas' NaN) is no
    value: never a byline "None", nor a date refused."""
    (tmp_path / "wire.csv").write_text(
        "id,text,byline,outlet,published,title\n"
        f'w1,"{ARTICLE}",None,NaN,None,Talks\n'
        f'w2,"{ARTICLE} Rain fell.",By JAMES B. STEWART,null,N/A,  \n')
    result = run_load(tmp_path / "r.db", tmp_path / "wire.csv")
    assert result.exit_code == 0, result.output
    rows = sqlite_utils.Database(tmp_path / "r.db").execute(
        "select byline, outlet, published, title from articles order by id").fetchall()
    assert rows == [(None, None, None, "Talks"), ("JAMES B. STEWART", None, None, None)]


def test_a_record_whose_published_is_not_a_date_is_reported_by_line_and_the_others_load(tmp_path):
    records = tmp_path / "wire.jsonl"
    dated = [("Police said the road was closed.", "yesterday"),
             ("The mayor may resign, sources said.", "2016-07-01T09:30:00Z"),
             ("Rain fell overnight.", "Nov. 24, 2014"), ("Snow closed the pass.", "2015-02"),
             ("Fog delayed the ferry.", "March 2015")]
    records.write_text("".join(json.dumps({"id": f"r{i}", "text": text, "published": published}) + "\n"
                               for i, (text, published) in enumerate(dated)))
    result = run_load(tmp_path / "r.db", records)
    assert result.exit_code == 1
    assert "wire.jsonl:1: \"published\" is not a date: 'yesterday'" in result.output
    assert "4 articles added" in result.output
    db = sqlite_utils.Database(tmp_path / "r.db")
    assert [r["published"] for r in db.query("select published from articles order by id")] == [
        "2016-07-01T09:30:00+00:00", "2014-11-24", "2015-02", "2015-03"]  # a month named, as ISO writes it
    assert [r["month"] for r in db.query("select distinct month from outlet_month_stats order by month")] == [
        "2014-11", "2015-02", "2015-03", "2016-07"]
    # Given for every article on the command line, the record's own is never read.
    again = run_load(tmp_path / "r.db", records, "--published", "2016-07-02")
    assert again.exit_code == 0, again.output
    assert again.output.startswith("1 article added, 0 replaced, 4 skipped")


def test_a_json_line_that_cannot_be_read_says_where_in_words_that_read():
    # Lines as a file gives them, each with its line end: a string left open is
    # unterminated, not ended by a "control character" (the newline).
    errors = [str(e) for e in read_jsonl("wire.jsonl", ['{"text": "a\tb"}\n', '{"text": "open\n', '{"text" "x"}\r\n'])]
    assert errors == ["wire.jsonl:1: not valid JSON (Invalid control character at column 12)",
                      "wire.jsonl:2: not valid JSON (Unterminated string starting at column 10)",
                      "wire.jsonl:3: not valid JSON (Expecting ':' delimiter, column 9)"]


def test_stdin_and_overrides(tmp_path):
    result = CliRunner().invoke(
        cli, ["load", str(tmp_path / "s.db"), "-", "--outlet", "Gazette",
              "--published", "Friday 07 November 2014 08:13 EST"],
        input=json.dumps({"text": ARTICLE, "outlet": "Ignored"}) + "\n")
    assert result.exit_code == 0, result.output
    row = next(sqlite_utils.Database(tmp_path / "s.db").query(
        "select outlet, published from articles"))
    assert row == {"outlet": "Gazette", "published": "2014-11-07T08:13:00-05:00"}


def test_a_csv_on_stdin_is_read_as_records_by_its_header(tmp_path):
    result = CliRunner().invoke(cli, ["load", str(tmp_path / "s.db"), "-"], input=(
        'id,text,outlet\n'
        '1,"Officials said the talks may resume on Monday, according to people familiar with the matter.",Foo\n'
        '2,"The minister said the plan would fail.",Bar\n'))
    assert result.exit_code == 0, result.output
    assert [tuple(r) for r in sqlite_utils.Database(tmp_path / "s.db").execute(
        "select source, outlet, body from articles order by source").fetchall()] == [
        ("1", "Foo", "Officials said the talks may resume on Monday, according to people familiar with the matter."),
        ("2", "Bar", "The minister said the plan would fail.")]


PAGE = ("Police, fire crews and text messages: how the town was warned\n\n"
        "The flood warning reached most homes in the valley within twenty minutes of the river "
        "breaking its banks on Tuesday night, the county's emergency office said.\n\n"
        "Officials said the text messages went out to every phone in the valley, and fire crews "
        "knocked on the doors of the streets nearest the water.\n\n"
        "Residents told reporters the sirens were hard to hear over the rain, and the council said "
        "it would review how the warning was given.\n")


def test_a_file_of_an_unknown_suffix_is_told_by_its_content():
    from datasette_attribution.ingest.formats import sniff

    told = {content: sniff("input.data", content).name for content in (
        '[\n {"text": "A record."}\n]', "[]", '{"text": "A record."}\n{"text": "Another."}',
        "id,text,outlet\n1,A record.,Wire", "<!doctype html><html><body><p>A page.</p></body></html>",
        '[project]\nname = "a settings file"', "Police, fire crews and text messages: how the town was warned")}
    assert list(told.values()) == ["json", "json", "jsonl", "csv", "html", "text", "text"]


def test_a_page_on_stdin_whose_first_line_has_commas_is_still_a_page(tmp_path):
    result = CliRunner().invoke(cli, ["load", str(tmp_path / "s.db"), "-"], input=PAGE)
    assert result.exit_code == 0, result.output
    assert sqlite_utils.Database(tmp_path / "s.db").execute("select count(*) from articles").fetchone() == (1,)


def test_files_a_folder_walk_leaves_are_named_and_an_unknown_encoding_is_refused_before_any_write(tmp_path):
    folder = tmp_path / "scraped"
    folder.mkdir()
    (folder / "story.txt").write_text(PAGE)
    (folder / "story.xhtml").write_text("<html><body><p>" + PAGE + "</p></body></html>")
    (folder / "README").write_text("Scraped on Monday.")
    (folder / "NOTES.md").write_text("# Notes\n\nScraped on Monday from the wire.")
    result = CliRunner().invoke(cli, ["load", str(tmp_path / "a.db"), str(folder)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 article added")
    assert result.stderr == (
        "  not read: 3 files in the folders given, whose names end in none of .csv .htm .html .json .jsonl "
        ".ndjson .text .txt (NOTES.md, README, story.xhtml); name a file on its own to have its format told "
        "from its content\n")
    result = CliRunner().invoke(cli, ["load", str(tmp_path / "b.db"), str(folder),
                                                      "--encoding", "klingon"])
    assert result.exit_code == 2
    assert "Invalid value for '--encoding': no such encoding: 'klingon'" in result.stderr
    assert not (tmp_path / "b.db").exists()


def test_bad_files_are_reported_and_the_rest_still_loads(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_text("")
    (inputs / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (inputs / "latin.txt").write_bytes("Caf\xe9 owners said prices rose.".encode("cp1252"))
    (inputs / "broken.jsonl").write_text(
        json.dumps({"text": "Good record one."}) + "\n{not json\n" + json.dumps({"title": "no text"}) + "\n")
    (inputs / "notext.csv").write_text("title,body\nA,B\n")
    (inputs / "ok.json").write_text(json.dumps([{"text": ARTICLE}]))
    result = run_load(tmp_path / "b.db", inputs)
    assert result.exit_code == 1
    errors = sorted(line for line in result.output.splitlines() if line.startswith("  failed:"))
    assert errors == [
        f"  failed: {inputs / 'binary.txt'}: looks like a binary file, not text, HTML or records",
        f"  failed: {inputs / 'broken.jsonl'}:2: not valid JSON (Expecting property name enclosed in double quotes, "
        "column 2)",
        f"  failed: {inputs / 'broken.jsonl'}:3: record has no \"text\" (or it is empty)",
        f"  failed: {inputs / 'empty.txt'}: file is empty",
        f"  failed: {inputs / 'latin.txt'}:1: not valid utf-8 (it decodes as Windows-1252: pass --encoding cp1252 "
        "if that is right)",
        f"  failed: {inputs / 'notext.csv'}:1: CSV has no \"text\" column (columns: title, body)",
    ]
    # Without a progress bar (a log) each failure is printed once, in the summary.
    assert not [line for line in result.output.splitlines() if line.startswith("error:")]
    assert "2 articles added, 0 replaced, 0 skipped (already loaded), 6 failed; 3 sentences" in result.output
    assert counts(tmp_path / "b.db") == (2, 3)


def test_encoding_option_reads_windows_1252(tmp_path):
    path = tmp_path / "latin.jsonl"
    path.write_bytes(json.dumps({"text": "Café owners said prices rose."},
                                ensure_ascii=False).encode("cp1252"))
    result = run_load(tmp_path / "l.db", path, "--encoding", "cp1252")
    assert result.exit_code == 0, result.output
    assert next(sqlite_utils.Database(tmp_path / "l.db").query("select text from sentences"))[
        "text"] == "Café owners said prices rose."


def test_a_failure_while_writing_leaves_no_half_loaded_article(tmp_path):
    db = store.open_database(tmp_path / "f.db")
    # The last table written for an article refuses the write, as a full disk would.
    db.execute("create trigger refuse before insert on quotes begin "
               "select raise(abort, 'disk full'); end")
    from datasette_attribution import pipeline

    report = pipeline.load(db, [str(INDEPENDENT_SEED)])
    assert [e.message for e in report.errors] == ["IntegrityError: disk full"]
    assert counts(tmp_path / "f.db") == (0, 0)
    assert db["paragraphs"].count == 0


def write_records(path, texts):
    path.write_text("".join(json.dumps({"id": f"r{i}", "title": f"Report {i}", "text": text}) + "\n"
                            for i, text in enumerate(texts)), "utf-8")
    return path


def test_a_failing_article_among_others_leaves_nothing_and_the_others_stay(tmp_path):
    records = write_records(tmp_path / "r.jsonl", [
        "Officials said the talks would resume.", "The minister said the levee broke.",
        "Aides said the ceasefire held."])
    db = store.open_database(tmp_path / "b.db")
    # The second article's sentences are refused after its article and paragraph rows.
    db.execute("create trigger refuse before insert on sentences when new.text like '%levee%' "
               "begin select raise(abort, 'disk full'); end")
    from datasette_attribution import pipeline

    report = pipeline.load(db, [str(records)])
    assert [(e.location, e.message) for e in report.errors] == [
        (f"{records}:2", "IntegrityError: disk full")]
    assert [r["title"] for r in db.query("select title from articles order by id")] == [
        "Report 0", "Report 2"]
    assert db["paragraphs"].count == 2 and db["sentences"].count == 2


def loaded_until_the_fourth(records, path):
    """The database at `path` after a load of `records` interrupted (Ctrl+C) as its
    fourth article comes."""
    from datasette_attribution import pipeline

    def interrupt_at_the_fourth(location):
        if location.endswith(":4"):
            raise KeyboardInterrupt

    db = store.open_database(path)
    with pytest.raises(KeyboardInterrupt):
        pipeline.load(db, [str(records)], on_document=interrupt_at_the_fourth)
    return db


def test_an_interrupted_load_keeps_the_articles_it_finished(tmp_path):
    from datasette_attribution import pipeline

    records = write_records(tmp_path / "r.jsonl", [f"Officials said talk {i} went well."
                                                   for i in range(5)])
    db = loaded_until_the_fourth(records, tmp_path / "i.db")
    assert counts(tmp_path / "i.db") == (3, 3)
    assert "sentences_ai" in db.triggers_dict  # and full-text search is whole again
    assert [r["rowid"] for r in db.query(
        "select rowid from sentences_fts where sentences_fts match 'talk'")] == [1, 2, 3]
    assert pipeline.load(db, [str(records)]).added == 2  # a rerun adds the rest


def test_an_interrupted_load_settles_the_actors_and_summaries_of_the_articles_it_kept(tmp_path):
    """Ctrl+C: the articles written are finished as at the end of a load, so no
    actor's mention count or summary waits for the next load."""
    records = write_records(tmp_path / "r.jsonl", [
        "Senator Maria Lopez said the budget would pass. Lopez spoke in Albany.",
        "Governor Tom Reyes said Maria Lopez was wrong about the budget.",
        "Lopez and Reyes met in Albany on Monday, officials said.",
        "Reyes told reporters the talks would go on."])
    db = loaded_until_the_fourth(records, tmp_path / "i.db")
    assert counts(tmp_path / "i.db") == (3, 4)
    stored = db.execute("select actors.name, actors.mention_count, count(mentions.id) from actors "
                        "left join mentions on mentions.actor_id = actors.id group by actors.id "
                        "order by actors.name").fetchall()
    assert stored == [("Albany", 2, 2), ("Maria Lopez", 2, 2), ("Reyes", 1, 1), ("Tom Reyes", 1, 1)]
    assert db.execute("select name, mentions from actor_stats order by name").fetchall() == [
        ("Albany", 2), ("Maria Lopez", 2), ("Reyes", 1), ("Tom Reyes", 1)]


def test_every_command_has_help():
    runner = CliRunner()
    for args in ([], ["load"], ["demo"]):
        result = runner.invoke(cli, [*args, "--help"])
        assert result.exit_code == 0
        assert "Usage:" in result.output


def test_missing_path_is_a_clear_usage_error(tmp_path):
    result = run_load(tmp_path / "x.db", tmp_path / "nope.txt")
    assert result.exit_code == 2
    assert "nope.txt: no such file or folder" in result.output


def test_quotes_are_stored_with_speakers_and_linked_to_named_people(seeds_db):
    db = sqlite_utils.Database(seeds_db)
    rows = list(db.query(
        "select quotes.speaker, actors.name, quotes.anonymous from quotes "
        "left join actors on actors.id = quotes.actor_id order by quotes.id"))
    assert [(r["speaker"], r["name"], r["anonymous"]) for r in rows] == [
        ("Josh Earnest", "Josh Earnest", 0),
        ("Josh Earnest", "Josh Earnest", 0),
        ("John McCain and Lindsey Graham", None, 0),
        ("John McCain and Lindsey Graham", None, 0),
        ("Obama", "Barack Obama", 0),
        ("unnamed individuals", None, 1),
    ]


def test_two_workers_load_the_same_rows_and_report_the_same_errors(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "seed.txt").write_text(INDEPENDENT_SEED.read_text("utf-8"))
    (inputs / "broken.jsonl").write_text('{"text": "Police said it was over."}\n{oops\n')
    (inputs / "empty.txt").write_text("")
    outputs = {}
    for workers in ("1", "2"):
        path = tmp_path / f"w{workers}.db"
        result = run_load(path, inputs, "--workers", workers)
        assert result.exit_code == 1
        errors = sorted(line for line in result.output.splitlines() if line.startswith("  failed:"))
        db = sqlite_utils.Database(path)
        outputs[workers] = (errors, list(db.query(
            "select a.source, s.position, s.text, s.attribution, s.hedging_score from sentences s "
            "join articles a on a.id = s.article_id order by a.source, s.position")))
    assert outputs["1"] == outputs["2"]
    assert len(outputs["2"][0]) == 2 and len(outputs["2"][1]) == 13


def test_a_badly_encoded_jsonl_line_fails_alone(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"text": "Police said the road was closed."}\n'
                     + '{"text": "Caf\xe9 owners said prices rose."}\n'.encode("cp1252")
                     + b'{"text": "The council met on Monday."}\n')
    result = run_load(tmp_path / "m.db", path)
    assert result.exit_code == 1
    assert (f"  failed: {path}:2: not valid utf-8 (it decodes as Windows-1252: pass --encoding "
            "cp1252 if that is right)") in result.output
    assert counts(tmp_path / "m.db") == (2, 2)


def search(db_path, table, words):
    db = sqlite_utils.Database(db_path)
    return [r["rowid"] for r in db.query(
        f"select rowid from {table}_fts where {table}_fts match ? order by rowid", [words])]


def check_search_index(db_path):
    """SQLite raises if an index disagrees with its table."""
    db = sqlite_utils.Database(db_path)
    for table in ("sentences", "articles"):
        db.execute(f"insert into {table}_fts({table}_fts, rank) values ('integrity-check', 1)")


def test_full_text_search_finds_loaded_replaced_and_later_rows(tmp_path):
    path = tmp_path / "fts.db"
    records = tmp_path / "r.jsonl"
    records.write_text("\n".join(json.dumps({"id": f"r{i}", "title": f"Talks day {i}", "text": text})
                                 for i, text in enumerate([ARTICLE, "Aides said the ceasefire held."]))
                       + "\n", "utf-8")
    assert run_load(path, records).exit_code == 0
    assert search(path, "sentences", "ceasefire") == [3]
    assert search(path, "articles", "talks") == [1, 2]
    # An article replaced in the same load as new ones, then a row written by hand:
    # the index follows each, and is whole.
    assert run_load(path, records, SEEDS, "--replace").exit_code == 0
    check_search_index(path)
    assert len(search(path, "sentences", "ceasefire")) == 1
    assert len(search(path, "sentences", "Earnest")) == 1
    db = sqlite_utils.Database(path)
    db["sentences"].insert({"article_id": 1, "position": 99, "text": "A hand-made armistice."})
    assert len(search(path, "sentences", "armistice")) == 1


def test_a_killed_load_is_indexed_when_the_database_is_next_opened(tmp_path):
    path = tmp_path / "k.db"
    db = store.open_database(path)
    # What a load killed outright leaves: insert triggers set aside, rows unindexed.
    db.execute("drop trigger sentences_ai")
    db.execute("drop trigger articles_ai")
    db["articles"].insert({"title": "Sanctions", "content_hash": "x"})
    db["sentences"].insert({"article_id": 1, "position": 0, "text": "Sanctions were lifted."})
    db.conn.commit()
    assert search(path, "sentences", "sanctions") == []
    store.open_database(path)
    assert search(path, "sentences", "sanctions") == [1]
    assert search(path, "articles", "sanctions") == [1]
    assert {"sentences_ai", "articles_ai"} <= set(sqlite_utils.Database(path).triggers_dict)


def test_the_actor_filter_reads_sentence_ids_from_an_index_alone(tmp_path):
    from datasette_attribution.web.filters import ACTOR_SUBQUERIES

    db = store.open_database(tmp_path / "a.db")
    plan = " ".join(row[3] for row in db.execute(
        f"explain query plan select count(*) from sentences where {ACTOR_SUBQUERIES['sentences']}",
        {"attr_actor": 1}).fetchall())
    assert "COVERING INDEX idx_mentions_actor_id_sentence_id" in plan


def test_an_older_database_gets_the_indexes_added_since(tmp_path):
    path = tmp_path / "old.db"
    store.open_database(path).execute("drop index idx_mentions_actor_id_sentence_id")
    assert ["actor_id", "sentence_id"] not in [i.columns for i in sqlite_utils.Database(path)["mentions"].indexes]
    store.open_database(path)
    assert ["actor_id", "sentence_id"] in [i.columns for i in sqlite_utils.Database(path)["mentions"].indexes]


def test_sources_are_named_relative_to_the_folder_given_never_by_absolute_path(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "2024" / "may").mkdir(parents=True)
    (folder / "2024" / "may" / "talks.txt").write_text(INDEPENDENT_SEED.read_text("utf-8"), "utf-8")
    records = tmp_path / "wire.jsonl"
    records.write_text(json.dumps({"text": "Police said the road was closed."}) + "\n"
                       + json.dumps({"id": "wire-7", "text": "The minister said the deal was close."}) + "\n",
                       "utf-8")
    path = tmp_path / "p.db"
    assert run_load(path, folder, records.resolve()).exit_code == 0
    sources = [r["source"] for r in sqlite_utils.Database(path).query("select source from articles order by id")]
    assert sources == ["2024/may/talks.txt", "wire.jsonl:1", "wire-7"]


GERMAN = ("Die Bundesregierung hat am Montag neue Regeln für den Kohleausstieg beschlossen. "
          "Die Opposition kritisierte den Plan als zu zögerlich und forderte einen früheren Termin.")


def test_articles_in_other_languages_are_stored_unscored_and_left_out_of_summaries(tmp_path):
    records = tmp_path / "mixed.jsonl"
    records.write_text(json.dumps({"id": "de-1", "outlet": "Gazette", "text": GERMAN}) + "\n"
                       + json.dumps({"id": "en-1", "outlet": "Gazette", "text": ARTICLE}) + "\n", "utf-8")
    path = tmp_path / "lang.db"
    result = run_load(path, records)
    assert result.exit_code == 0
    assert result.output.strip().endswith("2 articles added, 0 replaced, 0 skipped (already loaded), 0 failed; "
                                          "2 sentences; 1 not scored (not English: de 1)")
    db = sqlite_utils.Database(path)
    assert [tuple(r.values()) for r in db.query(
        "select source, language, sentence_count, body = ? from articles order by id", [GERMAN])] == [
        ("de-1", "de", None, 1), ("en-1", "en", 2, 0)]
    assert [r["articles"] for r in db.query("select articles from outlet_summary")] == [1]
    assert db["sentences"].count == 2


def test_a_short_text_in_another_script_is_not_taken_for_english():
    from datasette_attribution import analyze_text
    from datasette_attribution.text.language import detect_language

    short = ["中国政府周一宣布新的交通规定。", "Вчера в Москве прошёл митинг.", "서울에서 시위가 열렸다.",
             "Officials said.", "Café owners in Zürich said so.", "Der Plan ist gut."]
    # Too short to tell English from German; another script is never English.
    assert [detect_language(text) for text in short] == ["zh", "ru", "ko", "en", "en", "en"]
    assert analyze_text(short[0]) == [] and len(analyze_text(short[3])) == 1


def test_arguments_in_the_wrong_order_are_a_one_line_error_that_says_what_to_do(tmp_path):
    records = tmp_path / "trap.jsonl"
    records.write_text('{"text": "Officials said the talks went well."}\n', "utf-8")
    page = tmp_path / "trap.html"
    page.write_text("<html><body><p>The minister said the deal was close.</p></body></html>", "utf-8")
    result = run_load(records, page)
    assert result.exit_code == 1
    assert result.output == (f"Error: {records} is not a SQLite database; the database file comes first, "
                             "then the pages: load DB PATH...\n")
    assert records.read_text("utf-8") == '{"text": "Officials said the talks went well."}\n'
    database = tmp_path / "news.db"
    assert run_load(database, SEEDS).exit_code == 0
    before = database.read_bytes()
    result = run_load(database, database)
    assert result.exit_code == 1
    assert result.output == (f"Error: {database} is the database to load into, and is named as a page too: "
                             "load DB PATH...\n")
    assert database.read_bytes() == before


def test_one_outlet_whatever_the_case_or_domain_form_its_pages_give(tmp_path):
    records = tmp_path / "checks.jsonl"
    records.write_text("\n".join(json.dumps({"id": f"r{i}", "text": text, "outlet": outlet})
                                 for i, (outlet, text) in enumerate([
                                     ("PolitiFact", "The claim about the budget is false."),
                                     ("Politifact", "The senator's figure on jobs is mostly true."),
                                     ("politifact.com", "The governor's statement on taxes is half true."),
                                     ("www.politifact.com", "The mayor's claim on crime is false."),
                                     ("https://www.politifact.com/", "The ad's figure on wages is true."),
                                     ("The Hill", "The vote was delayed until Friday."),
                                     ("https://thehill.com/homenews", "The hearing was moved to Monday."),
                                     ("www.ESPN.com", "The match was postponed."),
                                     ("ESPN.com", "The coach resigned.")])))
    result = run_load(tmp_path / "r.db", records)
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(tmp_path / "r.db")
    assert [row["outlet"] for row in db.query("select outlet from articles order by id")] == [
        "PolitiFact", "PolitiFact", "PolitiFact", "PolitiFact", "PolitiFact", "The Hill", "The Hill",
        "espn.com", "espn.com"]


def test_rescore_refuses_a_file_holding_no_loaded_articles_and_changes_nothing(tmp_path):
    other = tmp_path / "other.db"
    sqlite_utils.Database(other)["notes"].insert({"text": "kept as it is"})
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    for path in (other, empty):
        before = path.read_bytes()
        result = CliRunner().invoke(cli, ["rescore", str(path)])
        assert result.exit_code == 1
        assert result.output == (f"Error: {path} holds no articles loaded by datasette-attribution, so there is "
                                 f"nothing to rescore; nothing was changed (datasette-attribution load {path} "
                                 "PATH... loads some)\n")
        assert path.read_bytes() == before
    assert sqlite_utils.Database(other).table_names() == ["notes"]


def test_an_article_whose_outlet_is_written_in_another_case_is_the_same_article(tmp_path):
    records = tmp_path / "wire.jsonl"
    lines = [{"id": f"r{i}", "title": f"Report {i}", "text": text} for i, text in enumerate([
        "Officials said the bridge would reopen on Monday.", "The mayor may resign, sources said."])]
    records.write_text("".join(json.dumps({**line, "outlet": "breitbart"}) + "\n" for line in lines))
    first = run_load(tmp_path / "r.db", records)
    again = CliRunner().invoke(cli, ["load", str(tmp_path / "r.db"), "-", "--outlet", "Breitbart"],
                               input="".join(json.dumps(line) + "\n" for line in lines))
    replaced = run_load(tmp_path / "r.db", records, "--replace", "--outlet", "BREITBART.com")
    assert first.exit_code == again.exit_code == replaced.exit_code == 0, again.output
    assert again.output.startswith("0 articles added, 0 replaced, 2 skipped")
    assert replaced.output.startswith("0 articles added, 2 replaced, 0 skipped")
    db = sqlite_utils.Database(tmp_path / "r.db")
    assert [(r["outlet"], r["title"]) for r in db.query("select outlet, title from articles order by title")] == [
        ("breitbart", "Report 0"), ("breitbart", "Report 1")]
