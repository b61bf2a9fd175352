"""HTML pages: trafilatura finds the body; headings stay headings; metadata is kept."""

from pathlib import Path

from conftest import page_article

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
