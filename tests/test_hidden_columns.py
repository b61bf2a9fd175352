"""Columns a reader does not need, left out of the HTML pages of the plugin's
tables by default and nowhere else (web/hidden_columns.py), served read-only."""

import csv
import html
import io
import json
import re

import sqlite_utils
from helpers import fetch

from datasette_attribution.web.hidden_columns import columns_to_hide, every_column_query, table_page

ARTICLES_HIDDEN = ["source", "content_hash", "language", "paragraph_count"]
SENTENCES_HIDDEN = ["position", "paragraph", "start", "end"]
ATTRIBUTIONS_HIDDEN = ["cue_start", "cue_end", "source_start", "source_end", "content_start", "content_end"]


def headings(response) -> list[str]:
    """The columns an HTML table page shows, in order."""
    return re.findall(r'<th [^>]*\bdata-column="([^"]+)"', response.text)


def stored(path, table) -> list[str]:
    return list(sqlite_utils.Database(path)[table].columns_dict)


def left_out(response) -> list[str] | None:
    """The columns the page says it left out (its script's list), or None."""
    found = re.search(r"var hidden = (\[[^\]]*\]);", response.text)
    return json.loads(found.group(1)) if found else None


def test_the_readers_tables_leave_out_offsets_hashes_and_source_paths(seeds_path):
    articles, sentences, attributions, quotes = fetch(
        seeds_path, "/news/articles", "/news/sentences", "/news/attributions", "/news/quotes")
    assert {r.status_code for r in (articles, sentences, attributions, quotes)} == {200}
    assert headings(articles) == [c for c in stored(seeds_path, "articles") if c not in ARTICLES_HIDDEN]
    assert headings(sentences) == [c for c in stored(seeds_path, "sentences") if c not in SENTENCES_HIDDEN]
    assert headings(attributions) == ["id", "sentence_id", "cue", "source", "source_kind", "anonymous", "actor_id"]
    # The page names what it left out; quotes keep every column.
    assert left_out(articles) == ARTICLES_HIDDEN
    assert left_out(attributions) == ATTRIBUTIONS_HIDDEN
    assert headings(quotes) == stored(seeds_path, "quotes") and left_out(quotes) is None


def test_a_url_that_names_its_columns_or_sorts_by_one_shows_it(seeds_path):
    chosen, sorted_by, filtered, hiding_more = fetch(
        seeds_path, "/news/articles?_col=content_hash", "/news/sentences?_sort_desc=start",
        "/news/articles?language=en", "/news/attributions?_nocol=cue")
    assert headings(chosen) == ["id", "content_hash"] and left_out(chosen) is None
    assert headings(sorted_by)[:3] == ["id", "article_id", "start"]
    assert left_out(sorted_by) == ["position", "paragraph", "end"]
    assert "language" in headings(filtered) and left_out(filtered) == ["source", "content_hash", "paragraph_count"]
    # ?_nocol= hides a column beside the defaults.
    assert headings(hiding_more) == ["id", "sentence_id", "source", "source_kind", "anonymous", "actor_id"]


def test_the_page_links_to_every_column(seeds_path):
    (page,) = fetch(seeds_path, "/news/articles?outlet=News24&_sort=title")
    link = re.search(r'<a href=\\"(\?[^"\\]+)\\">Show all columns</a>', page.text.replace("\\u003c", "<"))
    query = html.unescape(link.group(1))
    assert query.startswith("?outlet=News24&_sort=title&_col=source&_col=url&")
    (every,) = fetch(seeds_path, "/news/articles" + query)
    assert headings(every) == stored(seeds_path, "articles")
    assert every_column_query([("_nocol", "url"), ("_size", "5")], ["id", "url", "title"], ["id"]) == (
        "_size=5&_col=url&_col=title")


def test_exports_and_row_pages_keep_every_column(seeds_path):
    as_json, as_csv, row = fetch(seeds_path, "/news/articles.json?_size=1&_shape=array",
                                 "/news/sentences.csv?_size=1", "/news/articles/1")
    assert list(as_json.json()[0]) == stored(seeds_path, "articles")
    assert next(csv.reader(io.StringIO(as_csv.text))) == stored(seeds_path, "sentences")
    assert headings(row) == stored(seeds_path, "articles") and left_out(row) is None


def test_a_database_the_plugin_did_not_make_shows_every_column(tmp_path):
    path = tmp_path / "other.db"
    db = sqlite_utils.Database(path)
    db["articles"].insert({"id": 1, "title": "A", "source": "a.txt", "content_hash": "ab12"}, pk="id")
    db["attributions"].insert({"id": 1, "cue": "said", "cue_start": 0, "cue_end": 4}, pk="id")
    articles, attributions = fetch(path, "/other/articles", "/other/attributions")
    assert headings(articles) == ["id", "title", "source", "content_hash"] and left_out(articles) is None
    assert headings(attributions) == ["id", "cue", "cue_start", "cue_end"] and left_out(attributions) is None


def test_only_table_pages_are_table_pages():
    assert table_page("/news/articles") == ("news", "articles")
    assert table_page("/prefix/news/sentences", "/prefix/") == ("news", "sentences")
    assert table_page("/news/my~2Etable") == ("news", "my.table")
    for path in ("/news/articles.json", "/news/articles.csv", "/news/articles/3", "/news", "/news/",
                 "/-/attribution/news", "/news/-", "/news/articles/"):
        assert table_page(path) is None, path
    assert columns_to_hide("articles", [("_format", "json")], ARTICLES_HIDDEN, ["id"]) == []
    assert columns_to_hide("articles", [("source__contains", "x"), ("_facet", "language")],
                           ["id", *ARTICLES_HIDDEN], ["id"]) == ["content_hash", "paragraph_count"]


def test_the_pages_own_links_and_form_carry_no_added_nocol_without_javascript(seeds_path):
    (page,) = fetch(seeds_path, "/news/sentences?_size=5&hedged=1")
    assert "attr-hidden-columns" in page.text or "Hidden to give the text room" in page.text
    assert "_nocol=" not in page.text.replace('"_nocol"', "")  # the script's own name for it aside
    export = re.search(r'href="(/news/sentences\.csv\?[^"]*)"', page.text)
    assert export is not None and html.unescape(export[1]).startswith("/news/sentences.csv?_size=5&hedged=1")
    (as_csv,) = fetch(seeds_path, html.unescape(export[1]))
    # Every stored column (the link also asks for the article's title beside its id).
    assert set(stored(seeds_path, "sentences")) <= set(next(csv.reader(io.StringIO(as_csv.text))))
    # A column the reader hid stays hidden on the next page and in the export.
    (page,) = fetch(seeds_path, "/news/sentences?_size=5&_nocol=hedge_cues")
    export = re.search(r'href="(/news/sentences\.csv\?[^"]*)"', page.text)
    assert html.unescape(export[1]).startswith("/news/sentences.csv?_size=5&_nocol=hedge_cues")
    assert "hedge_cues" not in next(csv.reader(io.StringIO(fetch(seeds_path, html.unescape(export[1]))[0].text)))
