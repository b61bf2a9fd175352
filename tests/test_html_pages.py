"""HTML pages: trafilatura finds the body; headings stay headings; metadata is kept."""

from pathlib import Path

from conftest import page_article

from datasette_attribution.ingest.formats import to_article
from datasette_attribution.model import RawDocument

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
                          '<meta name="twitter:site" content="@NJdotcom">', "<h1>Harbour bridge to close for repairs</h1>")
    named = html_article('<title>Harbour bridge to close for repairs</title>'
                         '<meta property="og:site_name" content="The Coastal Tribune">'
                         '<meta name="twitter:site" content="@CoastalTrib">', "<h1>Harbour bridge to close for repairs</h1>")
    assert (slug.outlet, handle.outlet, named.outlet) == ("nj.com", "nj.com", "The Coastal Tribune")


def test_a_short_h1_the_pages_title_does_not_have_is_the_sites_logo():
    article = html_article("<title>Harbour bridge to close for repairs - Coastal Tribune</title>",
                           "<h1>Coastal Tribune</h1>")
    assert article.title == "Harbour bridge to close for repairs"
