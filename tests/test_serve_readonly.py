"""A published instance: `datasette serve -i` in a subprocess, every plugin page
and facet fetched over HTTP from an immutable database."""

import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager

import httpx
import pytest
from helpers import SEEDS

from datasette_attribution import pipeline
from datasette_attribution.pipeline import load

PAGES = [
    "/news",
    "/news/articles",
    "/news/sentences",
    "/news/sentences?_facet_score_band=hedging_score",
    "/news/sentences?_facet_score_band=polarity&_facet_score_band=anonymous_score",
    "/news/sentences?_facet_actor=actor",
    "/news/sentences?_actor=3",
    "/news/sentences?_outlet=News24",
    "/news/articles?_facet_actor=actor&_facet_score_band=anonymous_share&_facet_score_band=hedged_share",
    "/news/mentions?_facet_score_band=sentiment",
    "/news/quotes?_outlet=News24",
    "/news/sentences.csv?_outlet=News24",
    "/news/sentences.json?_facet_actor=actor",
    "/news.db",
    "/-/attribution/news",
    "/-/attribution/news.json",
    "/-/attribution/news.csv",
    "/-/static-plugins/datasette-attribution/vendor/vega.min.js",
    "/-/attribution/news/articles/1",
    "/-/attribution/news/articles/2",
    "/-/attribution/news/outlets",
    "/-/attribution/news/outlets.json",
    "/-/attribution/news/outlets.csv",
    "/-/static-plugins/datasette-attribution/attribution.css",
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "news.db"
    load(pipeline.open_database(path), [str(SEEDS)])  # as `load` makes it
    yield from serving(path)


def serving(path):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", "-i", str(path), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/-/versions.json", timeout=1)
            break
        except httpx.TransportError:
            time.sleep(0.2)
    else:
        process.kill()
        raise RuntimeError(process.stdout.read().decode())
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.parametrize("page", PAGES)
def test_every_plugin_page_and_facet_serves_read_only(server, page):
    response = httpx.get(server + page, timeout=10)
    assert response.status_code == 200, response.text[:500]
    assert "QueryInterrupted" not in response.text


def test_served_immutable_nothing_is_made_beside_the_file_and_every_feature_stays(tmp_path):
    """`datasette serve -i` of a file a load left in WAL mode: the plugin reads it as
    Datasette does, so no -wal or -shm file appears (nor is needed: a read-only disk
    serves), and the default facets, hidden tables and example queries are there."""
    folder = tmp_path / "published"
    folder.mkdir()
    path = folder / "news.db"
    database = pipeline.open_database(path)
    load(database, [str(SEEDS)])
    database.close()
    assert sorted(p.name for p in folder.iterdir()) == ["news.db"]
    with open(path, "rb") as file:
        assert file.read(20)[18:20] == b"\x02\x02"  # still in WAL mode
    with contextmanager(serving)(path) as base:
        sentences = httpx.get(base + "/news/sentences.json?_extra=facet_results", timeout=10).json()["facet_results"]
        tables = {t["name"]: t["hidden"] for t in httpx.get(base + "/news.json", timeout=10).json()["tables"]}
        query = httpx.get(base + "/news/hedged_claims", timeout=10)
    assert sorted(p.name for p in folder.iterdir()) == ["news.db"]
    assert {"attribution", "source_kind", "hedged", "is_quote"} <= set(sentences.get("results", sentences))
    assert (tables["articles"], tables["outlet_month_stats"], query.status_code) == (False, True, 200)


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars"]


def chromium(*args, profile):
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.skip("Debian's chromium package is not installed (.ci/run installs it)")
    result = subprocess.run([executable, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                            capture_output=True, text=True, timeout=90)
    return result.stdout


def is_screenshot(path) -> bool:
    """A PNG the browser drew, of a page with content (a blank page compresses to
    a few kilobytes)."""
    return path.exists() and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 10_000


def test_a_reader_sees_the_article_view_in_a_browser(server, tmp_path):
    dom = chromium("--dump-dom", server + "/-/attribution/news/articles/1", profile=tmp_path / "p")
    assert "<h1>Obama writes rare letter to Iran's supreme leader</h1>" in dom
    assert '<h3 class="attr-heading">Delicate negotiations</h3>' in dom
    assert ('<mark class="attr-hedge" title="hedge cue, negated certainty: says the matter is not known or not '
            'settled">not ruled out</mark>') in dom
    assert "<td>John McCain and Lindsey Graham</td>" in dom
    # Into the test's own folder: the committed screenshots in docs/ are refreshed
    # on purpose, never by a test run.
    chromium("--window-size=1200,1600", f"--screenshot={tmp_path / 'article-view.png'}",
             server + "/-/attribution/news/articles/1", profile=tmp_path / "p")
    assert is_screenshot(tmp_path / "article-view.png")


def test_a_reader_sees_the_outlet_comparison_in_a_browser(server, browser, tmp_path):
    page = browser.new_page(viewport=LAPTOP)
    page.goto(server + "/-/attribution/news/outlets")
    assert page.inner_text("h1") == "Outlets compared"
    page.wait_for_function("document.querySelectorAll('figure.attr-vl svg').length == 2")
    # The bars, drawn by Vega from the files the plugin ships: two outlets in each chart.
    bars = page.eval_on_selector_all("figure.attr-vl g.mark-rect path", "bars => bars.length")
    assert bars == 4
    labels = page.eval_on_selector_all("figure.attr-vl g.role-axis-label text", "t => t.map(x => x.textContent)")
    assert {"News24", "The Independent"} <= set(labels)
    page.screenshot(path=str(tmp_path / "outlet-comparison.png"), full_page=True)
    assert is_screenshot(tmp_path / "outlet-comparison.png")


LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture(scope="module")
def browser():
    """Playwright driving Debian's Chromium (no browser download: .ci/run installs it)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.skip("Debian's chromium package is not installed (.ci/run installs it)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


def test_at_laptop_width_a_reader_sees_sentences_with_their_evidence_without_scrolling_sideways(
        server, browser, tmp_path):
    page = browser.new_page(viewport=LAPTOP)
    page.goto(server + "/news/sentences")
    text_width = page.eval_on_selector("td.col-text", "cell => cell.getBoundingClientRect().width")
    assert text_width >= 350  # the sentence gets the room (it was about 90 px)
    rights = page.eval_on_selector_all(
        "table.rows-and-columns tbody tr",
        """rows => rows.slice(0, 10).map(row => Math.max(...['col-text', 'col-evidence', 'col-attribution',
             'col-hedge_cues'].map(c => row.querySelector('td.' + c).getBoundingClientRect().right)))""")
    assert len(rights) == 10 and max(rights) <= LAPTOP["width"]
    marked = page.eval_on_selector_all("td.col-text mark.attr-source", "marks => marks.length")
    assert marked >= 7
    legend_top = page.eval_on_selector(".attr-legend-box", "box => box.getBoundingClientRect().top")
    table_top = page.eval_on_selector("table.rows-and-columns", "table => table.getBoundingClientRect().top")
    assert legend_top < table_top
    assert page.eval_on_selector("details.attr-column-descriptions", "d => d.open") is False
    page.screenshot(path=str(tmp_path / "sentences-1366.png"))
    assert is_screenshot(tmp_path / "sentences-1366.png")


def test_at_laptop_width_the_readers_tables_come_first_and_the_article_view_explains_itself(server, browser):
    page = browser.new_page(viewport=LAPTOP)
    page.goto(server + "/news")
    listed = page.eval_on_selector_all("h3 a", "links => links.map(a => a.textContent.trim())")
    assert listed[:5] == ["actors", "articles", "attributions", "quotes", "sentences"]
    page.goto(server + "/-/attribution/news/articles/2")
    assert page.is_visible("text=Sentence shading:")
    shaded = page.eval_on_selector_all("span.attr-sentence.attr-anonymous", "spans => spans.length")
    assert shaded >= 3
    page.goto(server + "/-/attribution/news/outlets")
    styles = page.eval_on_selector_all(
        "table.attr-sentiment-grid td.attr-negative, table.attr-sentiment-grid td.attr-positive",
        "cells => cells.map(c => [getComputedStyle(c).boxShadow, getComputedStyle(c).borderRightColor])")
    outline_colours = ("rgb(192, 57, 43)", "rgb(30, 132, 73)")
    # Outlined inside the cell, never on the border it shares with the next one.
    assert styles and all("inset" in shadow and border not in outline_colours for shadow, border in styles)
    polarity = page.eval_on_selector_all("table.attr-comparison td.attr-number",
                                         "cells => cells.map(c => c.textContent)")
    assert polarity == ["+0.046", "+0.023"]  # signed, three decimals, aligned
    page.goto(server + "/news/sentences?_facet_actor=actor")
    breaks = page.eval_on_selector_all(".facet-info li, .facet-results li",
                                       "items => items.map(li => getComputedStyle(li).wordBreak)")
    assert breaks and set(breaks) == {"normal"}  # labels wrap between words, never mid-word


def test_the_query_box_opens_on_an_example_a_reader_asks(server, browser):
    page = browser.new_page(viewport=LAPTOP)
    page.goto(server + "/news")
    sql = page.eval_on_selector("textarea#sql-editor", "box => box.value")
    assert sql.startswith("select outlet, articles, attributed, anonymous, anonymous_share")
    assert "anonymous_share" in page.inner_text(".CodeMirror, .cm-editor, form.sql")


DESKTOP = {"width": 1920, "height": 1080}
# Dated records of three outlets and one without, over four months with November
# missing: a time axis must show the gap.
DATED = [(outlet, day, text) for outlet, days in (
    ("Gazette", ("2016-09-05", "2016-10-11", "2016-12-12")),
    ("Courier", ("2016-09-19", "2016-10-24", "2016-12-19")),
    (None, ("2016-09-26", "2016-12-05")),
) for day, text in zip(days, (
    "Officials said President Barack Obama may visit Iran next month. John McCain said the trip was a mistake.",
    "Senator John McCain said the deal was a mistake. Sources said Barack Obama could defend it on Monday.",
    "Barack Obama said the agreement would hold, according to a White House statement. It might not last.",
), strict=False)]  # the outlet without a name has two days: the first two texts


@pytest.mark.parametrize("viewport", [LAPTOP, DESKTOP], ids=["1366", "1920"])
def test_a_sentence_shows_its_article_and_outlet_beside_its_text_without_scrolling(server, browser, viewport):
    page = browser.new_page(viewport=viewport)
    page.goto(server + "/news/sentences?_sort=id")
    headings = page.eval_on_selector_all("table.rows-and-columns thead th", "t => t.map(x => x.dataset.column)")
    assert headings[:4] == ["id", "text", "article_id", "evidence"]
    cells = page.eval_on_selector_all(
        "table.rows-and-columns tbody td.col-article_id",
        "cells => cells.map(c => [c.getBoundingClientRect().right, c.querySelector('.attr-outlet').textContent])")
    # The seeds' first 31 sentences are News24's, the next 12 The Independent's.
    assert [outlet for _, outlet in cells] == ["· News24"] * 31 + ["· The Independent"] * 12
    assert max(right for right, _ in cells) <= viewport["width"]
    assert page.evaluate("window.scrollX") == 0


@pytest.fixture(scope="module")
def dated_server(tmp_path_factory):
    import json

    folder = tmp_path_factory.mktemp("dated")
    records = folder / "records.jsonl"
    records.write_text("".join(json.dumps({"outlet": outlet, "published": day, "title": f"{outlet} {day}",
                                           "text": text}) + "\n" for outlet, day, text in DATED), "utf-8")
    load(pipeline.open_database(folder / "news.db"), [str(records)])
    yield from serving(folder / "news.db")


@pytest.mark.parametrize("viewport", [LAPTOP, DESKTOP], ids=["1366", "1920"])
def test_the_dashboard_answers_in_a_browser_with_a_true_time_axis_and_a_safe_palette(
        dated_server, browser, tmp_path, viewport):
    from datasette_attribution.web.charts import NO_OUTLET_COLOUR, OTHER_COLOUR

    page = browser.new_page(viewport=viewport)
    page.goto(dated_server + "/news")
    page.click("p.attr-dashboard-link a")  # the database page leads to the dashboard
    assert page.url == dated_server + "/-/attribution/news"
    page.wait_for_function("document.querySelectorAll('figure.attr-vl svg').length == 4")
    # Nothing wider than the window.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    outlets = page.eval_on_selector_all("#attr-outlets tbody tr td:first-child",
                                        "cells => cells.map(c => c.textContent.trim())")
    assert sorted(outlets) == ["(no outlet)", "Courier", "Gazette"]
    # The "(no outlet)" row's articles lead to exactly its two articles.
    row = page.locator("#attr-outlets tbody tr", has_text="(no outlet)")
    assert row.locator("td").nth(1).inner_text() == "2"
    # Sorting by a column reorders the rows.
    page.click("#attr-outlets thead th:nth-child(2)")
    counts = page.eval_on_selector_all("#attr-outlets tbody tr td:nth-child(2)",
                                       "cells => cells.map(c => Number(c.textContent))")
    assert counts == sorted(counts, reverse=True)
    # Over time: points placed by date, so the missing November is a gap twice as
    # wide as September to October.
    chart = page.locator("figure.attr-vl", has_text="by month").first
    xs = sorted({round(x) for x in chart.locator("g.mark-symbol.role-mark path").evaluate_all(
        "points => points.map(p => p.transform.baseVal.consolidate().matrix.e)")})
    assert len(xs) == 3
    assert abs((xs[2] - xs[1]) / (xs[1] - xs[0]) - 61 / 30) < 0.1
    fills = set(chart.locator("g.mark-symbol.role-mark path").evaluate_all(
        "points => points.map(p => p.getAttribute('fill'))"))
    # Okabe and Ito's colours (not the code's own list: a red and green palette must fail here).
    okabe_ito = {"#000000", "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7"}
    assert fills and {f.lower() for f in fills} <= okabe_ito | {OTHER_COLOUR.lower(), NO_OUTLET_COLOUR.lower()}
    legend = chart.locator("g.role-legend-label text").evaluate_all("t => t.map(x => x.textContent)")
    assert set(legend) == {"Gazette", "Courier", "(no outlet)"}
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
    assert is_screenshot(tmp_path / "dashboard.png")


@pytest.mark.parametrize("viewport", [LAPTOP, DESKTOP], ids=["1366", "1920"])
def test_a_story_compares_its_outlets_side_by_side_in_a_browser(dated_server, browser, tmp_path, viewport):
    import json

    stories = httpx.get(dated_server + "/news/stories.json?_shape=array&_sort_desc=outlet_count").json()
    story = stories[0]
    page = browser.new_page(viewport=viewport)
    page.goto(dated_server + f"/-/attribution/news/stories/{story['id']}")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    # document.querySelectorAll: Playwright's own selector engine trips on 1.0's custom elements.
    crumbs = page.evaluate("[...document.querySelectorAll('p.crumbs a')].map(a => a.textContent.trim())")
    assert crumbs[:3] == ["home", "news", "dashboard"]
    data = json.loads(httpx.get(dated_server + f"/-/attribution/news/stories/{story['id']}.json").text)
    outlets = [o["outlet"] or "(no outlet)" for o in data["outlets"]]
    headings = page.evaluate("[...document.querySelectorAll('section.attr-story-outlet h2')]"
                             ".map(x => x.textContent.trim())")
    assert headings == outlets and len(outlets) >= 2
    # The same sentence told by two outlets sits side by side.
    pairs = page.evaluate("document.querySelectorAll('table.attr-shared tbody tr').length")
    assert pairs == data["shared_count"] >= 1
    # The sections' side by side: their tops line up at both widths.
    tops = page.evaluate("[...document.querySelectorAll('section.attr-story-outlet')]"
                         ".map(x => Math.round(x.getBoundingClientRect().top))")
    assert len(set(tops[:2])) == 1
    page.screenshot(path=str(tmp_path / "story.png"), full_page=True)
    assert is_screenshot(tmp_path / "story.png")


def test_the_readers_tables_lead_with_words_outlets_and_links_to_the_article_view(dated_server, browser):
    page = browser.new_page(viewport=LAPTOP)
    page.goto(dated_server + "/news/articles")
    headings = page.eval_on_selector_all("table.rows-and-columns thead th", "t => t.map(x => x.dataset.column)")
    assert headings[1:4] == ["title", "outlet", "published"]
    # The bookkeeping columns are left out, said so, and a click away; the
    # page's links do not carry the ?_nocol= the plugin added, so its CSV has them.
    assert not {"source", "content_hash", "language", "paragraph_count"} & set(headings)
    assert page.inner_text("p.attr-hidden-columns").startswith(
        "Hidden to give the text room: source, content_hash, language, paragraph_count")
    assert page.evaluate("[...document.querySelectorAll('a[href], link[href]')]"
                         ".filter(a => a.getAttribute('href').includes('_nocol')).length") == 0
    csv_link = page.evaluate("[...document.querySelectorAll('a[href*=\".csv\"]')].map(a => a.href)[0]")
    assert httpx.get(csv_link).text.splitlines()[0].split(",")[-1] == "content_hash"
    with page.expect_navigation():
        page.click("p.attr-hidden-columns a")
    every = page.eval_on_selector_all("table.rows-and-columns thead th", "t => t.map(x => x.dataset.column)")
    assert every[-1] == "content_hash" and set(every) > set(headings)
    page.goto(dated_server + "/news/sentences")
    article = page.eval_on_selector("td.col-article_id",
                                    "td => [td.querySelector('a').getAttribute('href'), td.textContent]")
    assert article[0].startswith("/-/attribution/news/articles/")
    assert "·" in article[1]  # the outlet beside the title
    with page.expect_navigation():
        page.click("p.attr-facet-offers a:has-text('actors mentioned')")
    assert "_facet_actor=actor" in page.url
    actors = page.evaluate("[...document.querySelectorAll('.facet-info li, .facet-results li')]"
                           ".map(li => li.textContent)")
    assert any("Barack Obama (person)" in label for label in actors)
    assert not any("sentiment" in label for label in actors)
    page.goto(dated_server + "/news/sentences?_facet=hedged")
    labels = page.eval_on_selector_all(".facet-info li a, .facet-results li a", "a => a.map(x => x.textContent.trim())")
    assert {"yes", "no"} <= set(labels)
    page.goto(dated_server + "/news/attributions")
    cell = page.eval_on_selector("td.col-sentence_id", "td => [td.getBoundingClientRect().width, td.textContent]")
    assert cell[0] >= 300 and "·" in cell[1]
