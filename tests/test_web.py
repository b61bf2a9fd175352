"""The plugin's pages, facets, filters and cells, in-process against the seeds."""

import asyncio
import re

import sqlite_utils
from helpers import chart_points, chart_specs, edited_copy, facet_results, fetch
from datasette.app import Datasette

from datasette_attribution import store
from datasette_attribution.analyze import builtin_scorers
from datasette_attribution.pipeline import load
from datasette_attribution.web.render import highlight
from datasette_attribution.web.descriptions import column_descriptions


def test_article_text_is_escaped():
    html = highlight('He said <script>alert("x")</script> was "fine".', source="He")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert html.startswith('<mark class="attr-source" title="source of the claim">He</mark>')


def test_a_quotation_continuing_the_sentence_before_marks_no_word_of_its_own_as_the_source(tmp_path):
    """Its speaker ("he") is the sentence before's: never the "he" inside "the",
    and its evidence says whose quotation it continues."""
    records = tmp_path / "rally.jsonl"
    records.write_text('{"id": "rally", "outlet": "Daily Example", "title": "Rally", "text": '
                       '"\\"We are poisoning our country,\\" he said at the rally in Durham. '
                       '\\"We are poisoning the blood of our country.\\""}\n')
    path = tmp_path / "news.db"
    load(store.open_database(path), [str(records)])
    rows = sqlite_utils.Database(path).execute(
        "select id, attribution, source, cue from sentences order by position").fetchall()
    assert [row[1:] for row in rows] == [("named", "he", "said"), ("named", "he", "said")]
    continued = rows[1][0]
    table, article = fetch(path, f"/news/sentences?id={continued}", "/-/attribution/news/articles/1")
    assert 't<mark' not in table.text and 't<mark' not in article.text
    assert "&hellip; said &larr; he" in table.text
    assert "continues the quotation of the sentence before: said &lt;- he" in article.text


def test_sentence_cells_mark_source_cues_and_mentions(seeds_path):
    (response,) = fetch(seeds_path, "/news/sentences?id=19")
    assert response.status_code == 200
    html = response.text
    assert '<mark class="attr-source" title="source of the claim">US officials</mark>' not in html
    assert ('<mark class="attr-hedge" title="hedge cue, negated certainty: says the matter is not known or not '
            'settled">not ruled out</mark>') in html
    # A mention's mark says its stored label and score.
    assert re.search(r'<mark class="attr-mention attr-(negative|neutral|positive)" '
                     r'title="Iran: \1 \([+-]\d\.\d\d\) toward this actor(; carried by: [^"]+)?">Iran</mark>',
                     html)
    assert '<span class="attr-chip attr-chip-noun" title="noun: puts the claim in doubt">possibility</span>' in html


def test_score_band_facet_counts_and_filters(seeds_path):
    (response,) = fetch(seeds_path, "/news/sentences.json?_facet_score_band=hedging_score")
    band = facet_results(response)["hedging_score"]
    assert [(v["label"], v["count"]) for v in band["results"]] == [
        ("[0, 0.2)", 34), ("[0.2, 0.4)", 0), ("[0.4, 0.6)", 2), ("[0.6, 0.8)", 0), ("[0.8, 1]", 7)]
    assert "hedging_score__gte=0.4" in band["results"][2]["toggle_url"]
    assert "hedging_score__lt=0.6" in band["results"][2]["toggle_url"]
    (filtered,) = fetch(seeds_path, "/news/sentences.json?hedging_score__gte=0.4&hedging_score__lt=0.6")
    assert len(filtered.json()["rows"]) == 2


def test_actor_facet_counts_mean_sentiment_and_filters(seeds_path):
    (response,) = fetch(seeds_path, "/news/sentences.json?_facet_actor=actor")
    actors = facet_results(response)["actor"]["results"]
    assert [(a["label"].split(" (")[0], a["count"]) for a in actors[:4]] == [
        ("Iran", 23), ("United States", 17), ("Barack Obama", 12), ("Islamic State", 9)]
    obama = actors[2]
    assert "_actor=" in obama["toggle_url"]
    (filtered,) = fetch(seeds_path, f"/news/sentences.json?_actor={obama['value']}")
    assert len(filtered.json()["rows"]) == 12
    (articles,) = fetch(seeds_path, "/news/articles.json?_facet_actor=actor")
    assert facet_results(articles)["actor"]["results"][0]["count"] == 2




def test_the_actor_outlet_and_story_filters_hold_on_attributions_and_paragraphs(seeds_path):
    """?_actor= on attributions keeps those whose source is the actor, on
    paragraphs those with a sentence mentioning the actor; both said on the page."""
    obama = 4  # Barack Obama in the seeds, by the actors table
    by_actor = fetch(seeds_path, f"/news/attributions.json?_actor={obama}&_shape=objects",
                     f"/news/paragraphs.json?_actor={obama}&_shape=objects",
                     "/news/attributions.json?_outlet=The+Independent&_shape=objects",
                     "/news/paragraphs.json?_outlet=The+Independent&_shape=objects&_size=max",
                     "/news/paragraphs.json?_story=99&_shape=objects",
                     f"/news/attributions?_actor={obama}")
    attributions, paragraphs, independent, independent_paragraphs, no_story, page = by_actor
    assert sorted(row["source"] for row in attributions.json()["rows"]) == ["Mr Obama", "Obama"]
    assert len(paragraphs.json()["rows"]) == 11
    assert all("Obama" in row["text"] for row in paragraphs.json()["rows"])
    assert len(independent.json()["rows"]) == 5
    assert len(independent_paragraphs.json()["rows"]) == 11
    assert no_story.json()["rows"] == []
    assert "attributed to Barack Obama (person, actor 4)" in page.text


def test_actor_facet_under_default_facet_filters_reads_the_summary_and_agrees(seeds_path, tmp_path):
    url = "/news/sentences.json?attribution=anonymous&hedged=0&_facet_actor=actor"
    counted_live = edited_copy(seeds_path, tmp_path / "live", "drop table facet_actor_sentences")
    summarised = facet_results(fetch(seeds_path, url)[0])["actor"]["results"]
    counted = facet_results(fetch(counted_live, url)[0])["actor"]["results"]
    def as_pairs(results):
        return [(a["label"], a["count"]) for a in results]
    assert as_pairs(summarised) == as_pairs(counted)
    assert [(a["label"].split(" (")[0], a["count"]) for a in summarised[:3]] == [
        ("Barack Obama", 2), ("Iran", 2), ("Ali Khamenei", 1)]
    # The counts do come from the summary table: scaled there, scaled on the page.
    scaled = edited_copy(seeds_path, tmp_path / "scaled",
                         "update facet_actor_sentences set sentences = sentences * 10")
    assert facet_results(fetch(scaled, url)[0])["actor"]["results"][0]["count"] == 20


def test_outlet_filter_joins_through_articles(seeds_path):
    (response,) = fetch(seeds_path, "/news/sentences.json?_outlet=The+Independent&attribution=anonymous")
    assert len(response.json()["rows"]) == 3


def test_article_view(seeds_path):
    (response,) = fetch(seeds_path, "/-/attribution/news/articles/1")
    assert response.status_code == 200
    html = response.text
    assert "Obama writes rare letter to Iran&#39;s supreme leader" in html
    assert '<h3 class="attr-heading">Regional partners</h3>' in html
    assert "6 of 15 attributed sentences rest on unnamed or vague sources" in html
    assert "<td>Josh Earnest</td>" in html
    # Every attribution's cue and source are marked; a pronoun's tooltip names who it is.
    assert '<mark class="attr-cue" title="attribution cue">according to</mark>' in html
    # "diplomatic sources" are official-ish: an unnamed official, as the labelled sources have it
    assert ('<mark class="attr-source" title="source (unnamed official, anonymous): diplomatic sources">'
            'diplomatic sources</mark>') in html
    assert '<mark class="attr-source" title="source (organisation): it = Obama administration">it</mark>' in html
    (missing,) = fetch(seeds_path, "/-/attribution/news/articles/99")
    assert missing.status_code == 404


def test_the_plugins_pages_name_the_datasette_version_in_their_footer_as_datasettes_own_do(seeds_path):
    from datasette.version import __version__
    pages = fetch(seeds_path, "/", "/-/attribution/news", "/-/attribution/news/articles/1",
                  "/-/attribution/news/outlets", "/-/attribution/news/stories/1")
    assert [f'title="Datasette v{__version__}"' in page.text for page in pages] == [True] * 5


def test_the_article_view_as_json_holds_every_sentence_with_its_evidence(seeds_path):
    page, as_json = fetch(seeds_path, "/-/attribution/news/articles/1", "/-/attribution/news/articles/1.json")
    assert '<a href="/-/attribution/news/articles/1.json">JSON</a>' in page.text
    data = as_json.json()
    assert sorted(data) == ["actors", "article", "quotes", "sentences", "story"]
    assert data["article"]["title"] == "Obama writes rare letter to Iran's supreme leader"
    sentences = data["sentences"]
    assert len(sentences) == 31 and [s["position"] for s in sentences] == list(range(31))
    assert sum(s["attribution"] == "anonymous" for s in sentences) == 6
    assert "evidence" not in sentences[0]
    (sourced,) = [a for s in sentences for a in s["attributions"] if a["source"] == "diplomatic sources"]
    assert (sourced["cue"], sourced["source_kind"], sourced["anonymous"]) == ("according to", "unnamed official", 1)
    assert {m["actor"] for s in sentences for m in s["mentions"]} >= {"Barack Obama", "Ali Khamenei", "Iran"}
    assert all(isinstance(m["sentiment_cues"], list) for s in sentences for m in s["mentions"])
    assert all(isinstance(s["hedge_cues"], list) for s in sentences)
    assert [q["speaker"] for q in data["quotes"]][:1] == ["Josh Earnest"]
    assert data["actors"][0]["name"] == "Iran" and data["actors"][0]["page"] == "/-/attribution/news/actors/2"
    (missing,) = fetch(seeds_path, "/-/attribution/news/articles/99.json")
    assert missing.status_code == 404


def test_articles_table_links_to_the_article_view(seeds_path):
    (response,) = fetch(seeds_path, "/news/articles")
    assert 'href="/-/attribution/news/articles/2"' in response.text


def test_outlet_comparison_in_html_json_and_csv(seeds_path):
    html, as_json, as_csv = fetch(seeds_path, "/-/attribution/news/outlets",
                                  "/-/attribution/news/outlets.json",
                                  "/-/attribution/news/outlets.csv")
    assert html.status_code == as_json.status_code == as_csv.status_code == 200
    assert "cdn" not in html.text.lower()
    assert '<script src="/-/static-plugins/datasette-attribution/vendor/vega.min.js">' in html.text
    bars = chart_specs(html.text)[:2]
    assert [b["title"] for b in bars] == ["Anonymous share of attributed sentences (line: 95% interval)",
                                          "Hedged share of sentences (line: 95% interval)"]
    assert [(p["label"], p["part"], p["whole"], p["link"]) for p in chart_points(bars[0])] == [
        ("News24", 6, 15, "/news/sentences?_outlet=News24&attribution=anonymous"),
        ("The Independent", 3, 5, "/news/sentences?_outlet=The+Independent&attribution=anonymous")]
    assert '/news/sentences?_outlet=News24&amp;attribution=anonymous' in html.text
    data = as_json.json()
    assert [(o["outlet"], o["anonymous_share"], o["hedged_share"]) for o in data["outlets"]] == [
        ("News24", 0.4, 0.129), ("The Independent", 0.6, 0.4167)]
    assert data["actors"][0]["name"] == "Iran"
    lines = as_csv.text.splitlines()
    assert lines[0].startswith("outlet,articles,sentences,attributed,anonymous,anonymous_share,hedged,hedged_share,"
                               "quotes_per_article,polarity,articles_link,sentences_link,anonymous_share_link,hedged_share_link,"
                               "quotes_per_article_link,Iran: negative share,Iran: positive share,"
                               "Iran: labelled mentions,Iran: mentions link,")
    assert lines[1].startswith("News24,1,31,15,6,0.4,4,0.129,5.0,0.0456,http://localhost/news/articles?outlet=News24,"
                               "http://localhost/news/sentences?_outlet=News24,"
                               "http://localhost/news/sentences?_outlet=News24&attribution=anonymous,")
    # Every number of the page links to its rows, the sentences and their mean polarity too.
    assert html.text.count('<a href="/news/sentences?_outlet=News24">') == 2


def test_the_outlet_csvs_name_the_articles_without_an_outlet_as_the_pages_do(tmp_path):
    (tmp_path / "wire.jsonl").write_text("".join(
        '{"id": "w%d", "published": "2014-%s", "text": "Officials said the talks would resume on day %d."}\n'
        % (n, day, n) for n, day in enumerate(("11-06", "12-20"))), "utf-8")  # weeks apart: charted by week
    path = tmp_path / "news.db"
    load(store.open_database(path), [str(tmp_path / "wire.jsonl")])
    outlets, over_time, page = fetch(path, "/-/attribution/news/outlets.csv", "/-/attribution/news/over-time.csv",
                                     "/-/attribution/news/outlets")
    assert outlets.text.splitlines()[1].startswith("(no outlet),2,2,2,2,1.0,")
    assert [line.split(",")[:2] for line in over_time.text.splitlines()[1:]] == [
        ["(no outlet)", "2014-W44"], ["(no outlet)", "2014-W50"]]  # SQLite's %W weeks
    assert "<td>(no outlet)</td>" in page.text


def test_column_descriptions_and_default_facets(seeds_path):
    (response,) = fetch(seeds_path, "/news/sentences.json?_size=0&_extra=facet_results")
    assert set(facet_results(response)) >= {"attribution", "source_kind", "hedged", "is_quote"}
    (page,) = fetch(seeds_path, "/news/sentences")
    assert "Probability that the sentence presents a claim as uncertain" in page.text
    (articles,) = fetch(seeds_path, "/news/articles")
    assert "Sentences whose source is unnamed or vague (attribution anonymous)" in articles.text
    # Every column the built-in scorers add says what it counts, not only who fills it.
    generic = {(table, column) for scorer in builtin_scorers() for table, columns in scorer.columns.items()
               for column in columns if column_descriptions()[table][column].startswith("From the ")}
    assert generic == set()


def test_sentence_cells_are_drawn_from_their_rows_without_a_query_per_row(seeds_path):
    async def run():
        datasette = Datasette(immutables=[str(seeds_path)], settings={"trace_debug": True})
        await datasette.invoke_startup()
        from_rows = await datasette.client.get("/news/sentences?_trace=1")
        queried = await datasette.client.get("/news/sentences?_nocol=evidence&_trace=1")
        return from_rows.text, queried.text

    from_rows, queried = asyncio.run(run())

    def text_cells(html):
        return re.findall(r'<td class="col-text[^"]*">(.*?)</td>', html, re.S)

    cells = text_cells(from_rows)
    # 18 sentences have a source in their words: each is marked but the one whose
    # hedge cue holds it ("according to reports"), and an actor named in a source is
    # marked inside it.
    assert len(cells) == 43 and sum("attr-source" in c for c in cells) == 17
    assert ('<mark class="attr-source" title="source (person): White House spokesperson Josh Earnest = Josh Earnest">'
            '<mark class="attr-mention attr-neutral" title="White House: neutral (-0.01) toward this actor">'
            'White House</mark> spokesperson <mark class="attr-mention attr-neutral" title="Josh Earnest: '
            'neutral (0.00) toward this actor">Josh Earnest</mark></mark>') in from_rows
    assert cells == text_cells(queried)  # the same marks as from the tables
    assert from_rows.count("from mentions join actors") == 0
    assert queried.count("from mentions join actors") >= 43
    assert ('<span class="attr-chip attr-chip-source" title="source (unnamed official, anonymous): diplomatic '
            'sources">according to &larr; diplomatic sources</span>') in from_rows


def test_an_article_in_another_language_is_shown_unscored_with_its_text(tmp_path):
    text = ("Die Bundesregierung hat am Montag neue Regeln für den Kohleausstieg beschlossen. "
            "Die Opposition kritisierte den Plan als zu zögerlich.")
    (tmp_path / "de.jsonl").write_text('{"id": "de-1", "text": "%s"}\n' % text, "utf-8")
    path = tmp_path / "news.db"
    load(store.open_database(path), [str(tmp_path / "de.jsonl")])
    page = fetch(path, "/-/attribution/news/articles/1")[0]
    assert page.status_code == 200
    assert "Not scored: language de." in page.text
    assert "Die Opposition kritisierte den Plan als zu zögerlich." in page.text
    assert "attr-scores" not in page.text


def test_the_readers_tables_lead_and_internal_tables_are_hidden_but_queryable(seeds_path):
    database, index, hidden_query = fetch(
        seeds_path, "/news", "/", "/news.json?sql=select+count(*)+as+n+from+facet_actor_sentences&_shape=array")
    listed = re.findall(r'<h3><a href="/news/(\w+)"', database.text)
    assert listed == ["actors", "articles", "attributions", "quotes", "sentences", "stories"]
    assert not {"mentions", "paragraphs", "actor_stats"} & set(re.findall(r'href="/news/(\w+)"', index.text))
    for title in ("Anonymous share of attributed sentences, by outlet", "Who the unnamed sources are, by outlet",
                  "Hedged sentences with their cues"):
        assert title in database.text
    assert hidden_query.status_code in (200, 302)


def test_filters_and_foreign_keys_read_as_names_not_ids(seeds_path):
    actor = sqlite_utils.Database(seeds_path).execute(
        "select id, name, kind from actors where name = 'Barack Obama'").fetchone()
    filtered, mentions = fetch(seeds_path, f"/news/sentences?_actor={actor[0]}", "/news/mentions")
    assert f"where mentions Barack Obama (person, actor {actor[0]})" in filtered.text
    first_cell = re.findall(r'<td class="col-sentence_id[^>]*>(.*?)</td>', mentions.text, re.S)[0]
    assert first_cell.startswith('<a href="/news/sentences/1">Washington - In a rare outreach')


def test_the_article_view_explains_its_shading_and_missing_metadata(seeds_path):
    page = fetch(seeds_path, "/-/attribution/news/articles/1")[0].text  # News24 names no author
    assert "Sentence shading:" in page
    assert '<span class="attr-sentence attr-anonymous">rests on an unnamed or vague source</span>' in page
    assert "<dt>Byline</dt><dd>not found on the page</dd>" in page


def test_a_quantity_beside_nothing_that_hedges_is_not_marked(seeds_path):
    # "several other nations": a quantity, scored but never shown as a hedge alone.
    (response,) = fetch(seeds_path, "/news/sentences?text__contains=several+other+nations")
    html = response.text
    assert "several other nations" in html
    assert 'class="attr-hedge"' not in html
    assert 'attr-chip-approximator' not in html
    # Beside a hedge it adds to, it is shown with its reason.
    (response,) = fetch(seeds_path, "/news/sentences?text__contains=often+seen+as")
    assert ('title="hedge cue, approximator: a quantity or frequency: adds to the other cues, '
            'never hedges alone">often</mark>') in response.text


def test_dates_read_in_one_format_in_the_tables_and_pages_and_are_stored_as_found(seeds_path, tmp_path):
    # The seeds' pages give 2014-11-07T09:24:00 (News24) and 2014-11-07T08:13:00-05:00
    # (The Independent); a record may give a date alone or a time to the microsecond.
    dated = edited_copy(seeds_path, tmp_path / "dated",
                        "update articles set published = '2014-11-06' where outlet = 'News24';"
                        "update stories set last_published = '2014-11-07T18:30:00.205000+00:00'")
    table, story_rows, as_json, as_csv, article, story = fetch(
        dated, "/news/articles?_sort=id", "/news/stories", "/news/articles.json?_shape=array&_sort=id",
        "/news/articles.csv?_sort=id", "/-/attribution/news/articles/2", "/-/attribution/news/stories/1")
    cells = re.findall(r'<td class="col-published[^"]*">(.*?)</td>', table.text, re.S)
    assert [c.strip() for c in cells] == [
        '<time datetime="2014-11-06" title="2014-11-06">2014-11-06</time>',
        '<time datetime="2014-11-07T08:13:00-05:00" title="2014-11-07T08:13:00-05:00">2014-11-07 08:13</time>']
    last = re.findall(r'<td class="col-last_published[^"]*">(.*?)</td>', story_rows.text, re.S)
    assert [c.strip() for c in last] == [
        '<time datetime="2014-11-07T18:30:00.205000+00:00" title="2014-11-07T18:30:00.205000+00:00">'
        '2014-11-07 18:30</time>']
    # Stored, exported and in JSON as found.
    assert [a["published"] for a in as_json.json()] == ["2014-11-06", "2014-11-07T08:13:00-05:00"]
    assert "2014-11-07T08:13:00-05:00" in as_csv.text and "<time" not in as_csv.text
    # The plugin's pages too hold the stored value in the tooltip.
    assert ('<time datetime="2014-11-07T08:13:00-05:00" title="2014-11-07T08:13:00-05:00">2014-11-07 08:13'
            '</time>') in article.text
    assert '<small><time datetime="2014-11-06" title="2014-11-06">2014-11-06</time></small>' in story.text
    assert ('<small><time datetime="2014-11-07T08:13:00-05:00" title="2014-11-07T08:13:00-05:00">2014-11-07 08:13'
            '</time></small>') in story.text
    assert ('to <time datetime="2014-11-07T18:30:00.205000+00:00" title="2014-11-07T18:30:00.205000+00:00">'
            '2014-11-07 18:30</time>.') in story.text


def test_sentiment_and_polarity_read_signed_the_same_way_on_every_page(seeds_path):
    from datasette_attribution.web.render import signed

    assert [signed(v) for v in (0.1499, -0.4, 0.004, -0.004, None)] == ["+0.15", "-0.40", "0.00", "0.00", "n/a"]
    article, story, sentences, facet = fetch(
        seeds_path, "/-/attribution/news/articles/1", "/-/attribution/news/stories/1",
        "/news/sentences?id__in=17,19", "/news/sentences.json?_facet_actor=actor")
    # News24's article: polarity 0.0456, as the story view shows it too.
    assert re.findall(r"<td>Polarity</td>\s*<td>(.*?)</td>", article.text) == ["+0.05"]
    assert re.findall(r"<td>Hedged share</td>\s*<td>(.*?)</td>", article.text) == ["0.13"]
    assert "polarity +0.05</small>" in story.text and "polarity +0.02</small>" in story.text
    cells = re.findall(r'<td class="col-polarity[^"]*">(.*?)</td>', sentences.text, re.S)
    assert [c.strip() for c in cells] == ['<span class="attr-signed" title="-0.5625">-0.56</span>',
                                          '<span class="attr-signed" title="-0.1417">-0.14</span>']
    labels = [a["label"] for a in facet_results(facet)["actor"]["results"]]
    (bands,) = fetch(seeds_path, "/news/sentences.json?_facet_score_band=polarity")
    assert [v["label"] for v in facet_results(bands)["polarity"]["results"]] == [
        "[-1, -0.6)", "[-0.6, -0.2)", "[-0.2, +0.2)", "[+0.2, +0.6)", "[+0.6, +1]"]
    # An actor's name and kind, no mean of sentiment scores (DESIGN.md: it misleads alone).
    assert labels[:3] == ["Iran (place)", "United States (place)", "Barack Obama (person)"]
    assert not any("sentiment" in label for label in labels)


def test_a_flag_filters_by_the_yes_or_no_its_cells_show_and_articles_take_the_joined_filters(seeds_path):
    urls = ["/news/sentences.json?hedged=yes", "/news/sentences.json?hedged=1", "/news/sentences.json?is_quote=No",
            "/news/quotes.json?anonymous=yes", "/news/attributions.json?anonymous__not=true",
            "/news/articles.json?_outlet=The+Independent", "/news/articles.json?_story=1",
            "/news/sentences.json?text__contains=no&_size=max"]
    by_word, by_number, not_quotes, anonymous, named, independent, story, text = (
        response.json() for response in fetch(seeds_path, *urls))
    exported, hedged = fetch(seeds_path, "/news/sentences.csv?hedged=yes&_col=hedged&_size=max",
                             "/news/sentences.json?hedged=1&_shape=array&_size=max")
    assert exported.text.splitlines()[1:] == [f"{row['id']},1" for row in hedged.json()]
    assert len(by_word["rows"]) == len(by_number["rows"]) == 9
    assert len(not_quotes["rows"]) == 37 and len(anonymous["rows"]) == 1 and len(named["rows"]) == 13
    assert len(independent["rows"]) == 1 and len(story["rows"]) == 2
    assert len(text["rows"]) == 10  # only a flag's value is read as a word


def test_flags_read_yes_and_no_in_their_cells_and_however_their_facet_is_asked_for(seeds_path):
    sentences, quotes, attributions, page = fetch(
        seeds_path, "/news/sentences.json?_facet=hedged", "/news/quotes.json?_facet=anonymous",
        "/news/attributions.json?_facet=anonymous&_facet=source_kind", "/news/quotes?_facet=anonymous&_sort=id")

    def flag(response, column):
        found = facet_results(response)
        return [name for name in found if name.startswith(column)], [
            (v["label"], v["count"]) for v in found[column]["results"]]

    # ?_facet=hedged beside the default facet on hedged is one facet, read yes/no.
    assert flag(sentences, "hedged") == (["hedged"], [("no", 34), ("yes", 9)])
    assert flag(quotes, "anonymous") == (["anonymous"], [("no", 5), ("yes", 1)])
    # the "they" of "US officials ..., but they have sought" is the officials', anonymous
    # ("officials from both countries discussed the issue" is an act, not an attribution)
    assert flag(attributions, "anonymous") == (["anonymous"], [("no", 13), ("yes", 11)])
    assert [(v["label"], v["count"]) for v in facet_results(attributions)["source_kind"]["results"]][:3] == [
        ("unnamed official", 8), ("organisation", 5), ("person", 5)]
    # Choosing "yes" keeps the facet and filters to the one anonymous quote.
    chosen = facet_results(quotes)["anonymous"]["results"][1]["toggle_url"]
    (filtered,) = fetch(seeds_path, chosen.replace("http://localhost", ""))
    assert "anonymous=1" in chosen and len(filtered.json()["rows"]) == 1
    assert facet_results(filtered)["anonymous"]["results"][0]["label"] == "yes"
    cells = re.findall(r'<td class="col-anonymous[^"]*">(.*?)</td>', page.text, re.S)
    assert [c.strip() for c in cells] == ["no", "no", "no", "no", "no", "yes"]
    (hedged,) = fetch(seeds_path, "/news/sentences?hedged=1&_size=2")
    assert [c.strip() for c in re.findall(r'<td class="col-hedged[^"]*">(.*?)</td>', hedged.text, re.S)] == [
        "yes", "yes"]
    # Stored and exported as 0 and 1.
    (as_csv,) = fetch(seeds_path, "/news/quotes.csv?_facet=anonymous&_sort=id")
    assert [line.split(",")[-1] for line in as_csv.text.splitlines()[1:]][-1] == "1"


def test_the_example_ranking_of_outlets_puts_a_share_of_few_sentences_after_the_others(tmp_path):
    from datasette_attribution.web.descriptions import EXAMPLE_QUERIES

    db = sqlite_utils.Database(tmp_path / "ranked.db")
    db["outlet_summary"].insert_all([
        {"outlet": "Tiny Blog", "articles": 1, "attributed": 2, "anonymous": 2, "anonymous_share": 1.0,
         "hedged_share": 0.0},
        {"outlet": "Daily", "articles": 40, "attributed": 300, "anonymous": 60, "anonymous_share": 0.2,
         "hedged_share": 0.1},
        {"outlet": "Herald", "articles": 35, "attributed": 250, "anonymous": 75, "anonymous_share": 0.3,
         "hedged_share": 0.1},
    ])
    ranked = [row[0] for row in db.execute(EXAMPLE_QUERIES["anonymous_sources_by_outlet"]["sql"]).fetchall()]
    assert ranked == ["Herald", "Daily", "Tiny Blog"]
