"""HTML pages: trafilatura finds the body; headings stay headings; metadata is kept."""

from pathlib import Path

from helpers import page_article

from datasette_attribution.ingest.formats import to_article
from datasette_attribution.records import RawDocument

HARBOUR = Path(__file__).resolve().parent / "pages" / "harbour.html"


def test_html_metadata():
    article = page_article(HARBOUR)
    assert article.title == "Harbour bridge to close for repairs"
    assert article.outlet == "The Coastal Tribune"
    assert article.byline == "Maria Lopez"
    assert article.published == "2023-03-14T08:30:00+00:00"  # the page's own time, not midnight


def test_html_body_without_navigation_or_footer():
    article = page_article(HARBOUR)
    kinds = [(p.kind, p.text.split()[0]) for p in article.paragraphs]
    assert kinds == [("text", "The"), ("text", "Officials"), ("heading", "Diversions"),
                     ("text", "Buses"), ("text", '"We')]
    for furniture in ("Subscribe", "Most read", "Local team", "rights reserved"):
        assert furniture not in article.body


def html_article(head: str, headline: str):
    page = HARBOUR.read_text("utf-8")
    page = page.replace(page[page.index("<title>"):page.index("</head>")], head)
    page = page.replace("<h1>Harbour bridge to close for repairs</h1>", headline)
    return to_article(RawDocument("page.html", "page.html", "html", page, {"url": "https://www.nj.com/news/x"}))


def test_a_section_after_the_headline_goes_when_the_pages_h1_is_the_headline_alone():
    article = html_article('<meta property="og:title" content="Harbour bridge to close for repairs - Local News">'
                           '<meta property="og:site_name" content="The Coastal Tribune">',
                           "<h1 class='headline'>Harbour bridge to close for repairs</h1>")
    assert article.title == "Harbour bridge to close for repairs"


def test_a_site_named_by_a_slug_or_a_twitter_handle_is_named_by_its_domain():
    slug = html_article('<title>Harbour bridge to close for repairs</title>'
                        '<meta property="og:site_name" content="nj">', "<h1>Harbour bridge to close for repairs</h1>")
    handle = html_article('<title>Harbour bridge to close for repairs</title>'
                          '<meta name="twitter:site" content="@NJdotcom">',
                          "<h1>Harbour bridge to close for repairs</h1>")
    named = html_article('<title>Harbour bridge to close for repairs</title>'
                         '<meta property="og:site_name" content="The Coastal Tribune">'
                         '<meta name="twitter:site" content="@CoastalTrib">',
                         "<h1>Harbour bridge to close for repairs</h1>")
    assert (slug.outlet, handle.outlet, named.outlet) == ("nj.com", "nj.com", "The Coastal Tribune")


def test_a_short_h1_the_pages_title_does_not_have_is_the_sites_logo():
    article = html_article("<title>Harbour bridge to close for repairs - Coastal Tribune</title>",
                           "<h1>Coastal Tribune</h1>")
    assert article.title == "Harbour bridge to close for repairs"


def json_ld(**fields) -> str:
    import json
    return f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", **fields})}</script>'


def test_json_ld_gives_the_publisher_the_authors_and_the_date():
    article = html_article(
        "<title>Harbour bridge to close for repairs</title>" + json_ld(
            headline="Harbour bridge to close", datePublished="2023-03-14T09:00:00Z",
            author=[{"@type": "Person", "name": "MARIA LOPEZ"}, {"@type": "Person", "name": "Tom Reed MS, RDN"}],
            publisher={"@type": "Organization", "name": "Coastal Tribune"}),
        "<h1>Harbour bridge to close for repairs</h1>")
    assert article.outlet == "Coastal Tribune"  # not the domain trafilatura falls back on
    assert article.byline == "Maria Lopez; Tom Reed"
    assert article.title == "Harbour bridge to close for repairs"  # the <h1>, which the headline agrees with
    assert article.published == "2023-03-14T09:00:00+00:00"


LAST = ("The council will publish the diversion maps on its website before the closure begins, and ferry "
        "tickets will be free for season ticket holders during the six weeks of works on the span.")


def test_a_declared_article_body_keeps_trafilaturas_paragraphs_that_it_holds():
    body = ("The harbour bridge will close for six weeks from Monday after engineers found corrosion in the "
            "main span, the city council said on Tuesday.\n"
            "Officials familiar with the inspection said the damage was worse than expected, and that the "
            "repairs could cost more than two million pounds.\n"
            "Buses will be diverted through the old town, and a temporary ferry service will run every twenty "
            "minutes during the morning and evening peaks.\n"
            "\"We know this will be difficult for commuters,\" council leader Ann Hughes said. \"Safety has to "
            "come first.\"\n" + LAST)
    page = HARBOUR.read_text("utf-8").replace("</head>", json_ld(articleBody=body) + "</head>")
    page = page.replace("</article>", f"<p>{LAST}</p><p>Sign up for our morning briefing and get the day's top "
                        "stories from the Coastal Tribune newsroom delivered to your inbox every single "
                        "weekday.</p></article>")
    article = to_article(RawDocument("page.html", "page.html", "html", page))
    assert [p.text.split()[0] for p in article.paragraphs] == ["The", "Officials", "Diversions", "Buses", '"We', "The"]
    assert "morning briefing" not in article.body


def test_a_declared_body_in_escaped_markup_is_read_as_text_when_trafilatura_finds_none():
    paragraphs = "".join(f"&lt;p&gt;Paragraph {n} of the story, which tells the reader what happened at the "
                         f"harbour on Tuesday and what the council will do about the bridge.&lt;/p&gt;"
                         for n in range(1, 6))
    page = ("<html><head><title>Bridge closes | Coastal Tribune</title>" + json_ld(articleBody=paragraphs)
            + "</head><body><div id='app'></div></body></html>")
    article = to_article(RawDocument("page.html", "page.html", "html", page))
    assert [p.text[:11] for p in article.paragraphs] == [f"Paragraph {n}" for n in range(1, 6)]


def test_a_name_written_as_its_domain_loses_the_suffix_and_a_bare_domain_takes_the_titles_name():
    suffixed = html_article('<title>Harbour bridge to close for repairs</title>'
                            '<meta property="og:site_name" content="CoastalTribune.com">',
                            "<h1>Harbour bridge to close for repairs</h1>")
    bare = html_article('<title>Harbour bridge to close for repairs | NJ Advance Media | NJ.com</title>'
                        '<meta property="og:site_name" content="nj.com">',
                        "<h1>Harbour bridge to close for repairs</h1>")
    unnamed = html_article('<title>Harbour bridge to close for repairs | New Jersey News</title>'
                           '<meta property="og:site_name" content="nj.com">',
                           "<h1>Harbour bridge to close for repairs</h1>")
    assert (suffixed.outlet, bare.outlet, unnamed.outlet) == ("CoastalTribune", "NJ", "nj.com")


def test_a_copyright_notice_inside_the_article_is_no_text():
    notice = ("<p>Copyright 2024 Harbour Media Inc. All rights reserved. This material may not be published, "
              "broadcast, rewritten, or redistributed.</p>")
    page = HARBOUR.read_text("utf-8").replace("</article>", notice + "</article>")
    article = to_article(RawDocument("harbour.html", "harbour.html", "html", page))
    assert article.paragraphs[-1].text.startswith('"We know this will be difficult')
    assert "Copyright" not in article.body


def test_a_time_in_utc_is_given_at_the_offset_the_page_writes_its_times_in():
    # Posted at 10 pm in New York: the next day in UTC, the 13th where the paper is.
    page = HARBOUR.read_text("utf-8").replace("2023-03-14T08:30:00+00:00", "2023-03-14T02:30:00+00:00").replace(
        "<article>", '<article><time datetime="2023-03-13T22:30:00-04:00">March 13, 2023 10:30 pm</time>')
    article = to_article(RawDocument("harbour.html", "harbour.html", "html", page))
    assert article.published == "2023-03-13T22:30:00-04:00"
