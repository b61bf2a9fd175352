"""Hostile and malformed requests against a served database: a 4xx or a correct
page, never a 500; nothing a record holds runs in the reader's browser or
spreadsheet; and the database file is unchanged afterwards."""

import asyncio
import hashlib
import json
import re
import shutil
import sqlite3

import pytest
from helpers import SEEDS
from datasette.app import Datasette

from datasette_attribution import store
from datasette_attribution.pipeline import load

HOSTILE_RECORD = {
    "id": "hostile-1",
    "title": "<script>alert('title')</script> Council vote",
    "outlet": '=HYPERLINK("http://evil.example","x")',
    "url": "javascript:alert(document.domain)",
    "byline": "<img src=x onerror=alert(1)>",
    "text": "The council may delay the vote, officials said. <b>Mayor Ann Lee</b> said the plan was fine.",
}


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    records = folder / "hostile.jsonl"
    records.write_text(json.dumps(HOSTILE_RECORD) + "\n", "utf-8")
    path = folder / "news 2024.db"  # a name Datasette has to tilde-encode
    db = store.open_database(path)
    load(db, [str(SEEDS), str(records)])
    db.conn.close()
    return path


def fetch(paths, *urls, memory=False, follow_redirects=False):
    async def run():
        datasette = Datasette(immutables=[str(p) for p in paths], memory=memory)
        await datasette.invoke_startup()
        return [await datasette.client.get(url, follow_redirects=follow_redirects) for url in urls]

    return asyncio.run(run())


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def article_id(path, source):
    with sqlite3.connect(path) as conn:
        return conn.execute("select id from articles where source = ?", [source]).fetchone()[0]


ODD_ACTORS = ["99999999999999999999", "%C2%B2", "9" * 5000, "-1", "1%3B%20drop%20table%20actors",
              "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "1e3", "%20", "0x10"]


@pytest.mark.parametrize("table", ["sentences", "articles", "quotes", "mentions", "attributions", "paragraphs"])
def test_an_actor_filter_that_is_no_actor_id_matches_nothing_and_says_so(hostile_db, table):
    urls = [f"/news+2024/{table}.json?_actor={value}&_shape=objects" for value in ODD_ACTORS]
    for url, response in zip(urls, fetch([hostile_db], *urls), strict=True):
        assert response.status_code == 200, url[:80]
        assert response.json()["rows"] == [], url[:80]
    html = fetch([hostile_db], f"/news+2024/{table}?_actor=%C2%B2")[0]
    assert html.status_code == 200
    assert "is not an actor id" in html.text


def test_article_ids_past_sqlite_integers_are_not_found(hostile_db):
    urls = ["/-/attribution/news+2024/articles/99999999999999999999",
            "/-/attribution/news+2024/articles/" + "7" * 5000,
            "/-/attribution/news+2024/articles/-1",
            "/-/attribution/news+2024/articles/999999999"]
    assert [r.status_code for r in fetch([hostile_db], *urls)] == [404, 404, 404, 404]


def test_a_page_that_is_not_there_is_a_404_with_no_traceback_in_the_servers_log(hostile_db, capfd):
    # Datasette's own handler prints each with its local variables (rich), half a second a request.
    urls = ["/news+2024/nosuch", "/news+2024/sentences/999999", "/-/attribution/news+2024/actors/99999",
            "/nosuch/sentences.json"]
    responses = fetch([hostile_db], *urls)
    assert [r.status_code for r in responses] == [404] * 4
    messages = [re.search(r"border: 3px solid red;\">(.*?)</div>", r.text).group(1) for r in responses[:3]]
    assert messages in (["Table not found", "Record not found", "No actor 99999 in news 2024"],
                        ["Table not found", "Row not found", "No actor 99999 in news 2024"])  # 1.0's words
    assert responses[3].json()["error"] == "Database not found"
    printed = capfd.readouterr()
    assert "Traceback" not in printed.out + printed.err


def test_plugin_pages_on_a_database_the_plugin_did_not_load_are_not_found(hostile_db):
    urls = ["/-/attribution/_memory/outlets", "/-/attribution/_memory/outlets.json",
            "/-/attribution/_memory/outlets.csv", "/-/attribution/_memory/articles/1",
            "/-/attribution/_internal/articles/1", "/-/attribution/_internal/outlets",
            "/-/attribution/nosuch/outlets"]
    responses = fetch([hostile_db], *urls, memory=True)
    assert [r.status_code for r in responses] == [404] * len(urls)
    assert "not loaded by datasette-attribution" in responses[0].text


def test_another_programs_tables_of_the_same_names_are_served_as_datasette_serves_them(tmp_path):
    """The plugin reads only its own databases: another program's `sentences` with a
    `hedge_cues` or `evidence` column of plain words, and its ?_actor= and actor facet,
    are left to Datasette."""
    path = tmp_path / "notes.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table sentences (id integer primary key, text text, hedge_cues text, evidence text)")
        conn.execute("insert into sentences values (1, 'The budget may pass.', 'may', 'see the minutes')")
        conn.execute("create table articles (id integer primary key, title text)")
        conn.execute("insert into articles values (1, 'Budget vote')")
    responses = fetch([path], "/notes/sentences", "/notes/sentences.json?_shape=array",
                      "/notes/sentences?_facet_actor=actor", "/notes/articles?_facet_actor=actor",
                      "/notes/sentences.json?_actor=1&_shape=array")
    assert [r.status_code for r in responses] == [200] * 5
    assert "see the minutes" in responses[0].text and "attr-chip" not in responses[0].text
    assert responses[1].json() == [{"id": 1, "text": "The budget may pass.", "hedge_cues": "may",
                                    "evidence": "see the minutes"}]
    assert responses[4].json() == responses[1].json()  # ?_actor= is no filter of Datasette's
    assert "actors mentioned" not in responses[2].text


def test_only_http_urls_become_links_and_record_fields_are_escaped(hostile_db):
    page = fetch([hostile_db], f"/-/attribution/news+2024/articles/{article_id(hostile_db, 'hostile-1')}")[0]
    assert page.status_code == 200
    assert "javascript:alert" in page.text  # shown as text ...
    assert 'href="javascript:' not in page.text.lower()  # ... never a link
    for raw in ("<script>alert('title')</script>", "<img src=x onerror=alert(1)>", "<b>Mayor"):
        assert raw not in page.text
    seed_page = fetch([hostile_db], "/-/attribution/news+2024/articles/1")[0]
    seed_url = sqlite3.connect(hostile_db).execute("select url from articles where id = 1").fetchone()[0]
    if seed_url:
        assert f'href="{seed_url}"' in seed_page.text


def test_comparison_csv_neutralises_formulas(hostile_db):
    response = fetch([hostile_db], "/-/attribution/news+2024/outlets.csv")[0]
    assert response.status_code == 200
    lines = response.text.splitlines()
    formula_rows = [line for line in lines if "HYPERLINK" in line]
    assert len(formula_rows) == 1
    assert formula_rows[0].startswith('"\'=HYPERLINK(')
    assert not any(line.startswith(("=", "+", "@", '"=')) for line in lines)


def test_plugin_links_tilde_encode_the_database_name(hostile_db):
    articles, database = fetch([hostile_db], "/news+2024/articles", "/news+2024")
    assert "/-/attribution/news+2024/articles/1" in articles.text
    assert "/-/attribution/news 2024/" not in articles.text
    assert "/-/attribution/news+2024/outlets" in database.text
    article, outlets, outlets_json = fetch(
        [hostile_db], "/-/attribution/news+2024/articles/1", "/-/attribution/news+2024/outlets",
        "/-/attribution/news+2024/outlets.json")
    assert (article.status_code, outlets.status_code, outlets_json.status_code) == (200, 200, 200)
    assert "/-/attribution/news+2024/outlets.csv" in outlets.text
    assert {o["outlet"] for o in outlets_json.json()["outlets"]} >= {"News24", "The Independent"}


# Every plugin route, the query parameters the plugin reads and those Datasette
# hands to SQLite, with values a hostile user would try.
HOSTILE_VALUES = ["' or 1=1 --", "1); drop table articles; --", "x" * 20_000, "-1", "99999999999999999999",
                  "<script>alert(1)</script>", "javascript:alert(1)", "nosuchcolumn", "%00", "\u202e"]
PARAMETERS = ["_actor", "_outlet", "_facet_actor", "_facet_score_band", "_sort", "_sort_desc", "_facet",
              "_facet_array", "_facet_date", "hedging_score__gte", "position__in", "_search"]


def test_hostile_query_scan_gives_no_500_nothing_unescaped_and_no_change(hostile_db):
    before = digest(hostile_db)
    urls = []
    for value in HOSTILE_VALUES:
        quoted = value.replace("%", "%25").replace(" ", "%20").replace(";", "%3B").replace("<", "%3C")
        for parameter in PARAMETERS:
            for table in ("sentences", "articles", "quotes", "mentions"):
                urls.append(f"/news+2024/{table}.json?{parameter}={quoted}&_size=5")
            urls.append(f"/news+2024/sentences?{parameter}={quoted}&_size=5")
        for route in ("outlets", "outlets.json", "outlets.csv", "articles/1", f"articles/{quoted}"):
            urls.append(f"/-/attribution/news+2024/{route}?{PARAMETERS[0]}={quoted}")
            urls.append(f"/-/attribution/{quoted}/{route}")
    responses = fetch([hostile_db], *urls)
    failures = [(url[:100], r.status_code) for url, r in zip(urls, responses, strict=True) if r.status_code >= 500]
    assert failures == []
    reflected = [url[:100] for url, r in zip(urls, responses, strict=True)
                 if r.headers["content-type"].startswith("text/html") and "<script>alert(1)</script>" in r.text]
    assert sum(r.headers["content-type"].startswith("text/html") for r in responses) > 50
    assert reflected == []
    assert digest(hostile_db) == before


def test_sql_functions_return_null_for_anything_but_text_and_a_target_not_written_as_a_word(hostile_db):
    copy = hostile_db.with_name("functions.db")
    shutil.copy(hostile_db, copy)
    sql = ("select hedging_score(12345) as a, attribution(x'00ff') as b, hedging_score(null) as c, "
           "sentiment_toward(1.5, 'Obama') as d, sentiment_toward('Obama spoke.', 7) as e, "
           "attribution('Officials said the talks may fail.') as f, attribution('') as g, hedging_score('  ') as h, "
           "sentiment_toward('Critics attacked Obamacare.', 'Obama') as i, "
           "sentiment_toward('Christians protested the ban.', 'Ian') as j, "
           "sentiment_toward('Critics attacked Obama''s plan.', 'obama') < 0 as k")
    response = fetch([copy], "/functions.json?sql=" + sql.replace(" ", "%20") + "&_shape=objects",
                     follow_redirects=True)[0]  # Datasette 1.0 redirects to /db/-/query
    assert response.status_code == 200
    assert response.json()["rows"] == [{"a": None, "b": None, "c": None, "d": None, "e": None,
                                        "f": "anonymous", "g": None, "h": None, "i": None, "j": None, "k": 1}]


def test_datasettes_own_csv_exports_neutralise_formulas_and_keep_numbers(hostile_db):
    import csv
    import io

    articles, streamed, query = fetch([hostile_db], "/news+2024/articles.csv?_size=max",
                                      "/news+2024/sentences.csv?_stream=1&_sort=polarity",
                                      "/news+2024.csv?sql=select+outlet,+-0.25+as+n+from+articles",
                                      follow_redirects=True)  # 1.0 answers queries at /DB/-/query.csv
    rows = list(csv.DictReader(io.StringIO(articles.text)))
    assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in {r["outlet"] for r in rows}
    assert not any(v.startswith(("=", "+", "@", "-")) and not v.lstrip("-").replace(".", "").isdigit()
                   for r in rows for v in r.values())
    sentences = list(csv.DictReader(io.StringIO(streamed.text)))
    assert len(sentences) > 40 and float(sentences[0]["polarity"]) < 0  # numbers stay numbers
    assert [r["n"] for r in csv.DictReader(io.StringIO(query.text))][0] == "-0.25"


def test_a_csv_split_anywhere_in_its_stream_is_rewritten_whole():
    from datasette_attribution.web.exports import CsvRewriter

    original = ('id,text,polarity\r\n1,"@Michelle_4681. said\r\n=SUM(A1)",-0.5\r\n'
                '2,+Results vary,0.1\r\n3,"plain, ""quoted""",-1e-3\r\n')
    expected = ('id,text,polarity\r\n1,"\'@Michelle_4681. said\r\n=SUM(A1)",-0.5\r\n'
                "2,'+Results vary,0.1\r\n3,\"plain, \"\"quoted\"\"\",-1e-3\r\n")
    data = original.encode("utf-8")
    for size in (1, 3, 7, 16, len(data)):
        rewriter = CsvRewriter()
        chunks = [data[i:i + size] for i in range(0, len(data), size)]
        out = b"".join(rewriter.feed(chunk, final=False) for chunk in chunks) + rewriter.feed(b"", final=True)
        assert out.decode("utf-8") == expected, size
