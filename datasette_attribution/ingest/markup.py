"""What an HTML page declares of itself in its markup that trafilatura reads but
does not return, or returns as it found it: the <h1> headings, the <title>, the
meta tags. Used to check trafilatura's title and site name."""

from __future__ import annotations

import lxml.html
from lxml import etree

from ..text import fields

HEAD_CHARS = 300_000  # where a page's metadata is looked for
SITE_TITLE_MARKS = ("site-title", "site-name", "logo")
MAX_SLUG_CHARS = 3
MAX_LOGO_WORDS = 3


def page_tree(html: str):
    """The page parsed by lxml (trafilatura's own parser), for what trafilatura
    reads but does not return: the <h1> headings, the meta tags."""
    try:
        return lxml.html.fromstring(html[:HEAD_CHARS])
    except (etree.ParserError, ValueError):
        return None


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _meta(tree, name: str) -> str | None:
    for element in tree.iter("meta"):
        if name in (element.get("property"), element.get("name")):
            return " ".join((element.get("content") or "").split()) or None
    return None


def headline(tree, title: str | None) -> str | None:
    """trafilatura's title, but not the site's logo (a short <h1> that the page's
    og:title or <title> does not have: that title instead; an <h1> marked as the
    site's title: no headline), and not a headline with a section or the site after
    it when the page's <h1> is the headline alone ("... Nissan PH - Auto News"
    over the <h1> "... Nissan PH")."""
    if not title or tree is None:
        return title
    declared = _declared_title(tree)
    if declared and len(title.split()) <= MAX_LOGO_WORDS and title not in declared:
        return declared  # a short <h1> the page's own <title> does not have: its logo
    for element in tree.iter("h1"):
        text = _text(element)
        marks = f"{element.get('id', '')} {element.get('class', '')}".lower()
        if text == title and any(mark in marks for mark in SITE_TITLE_MARKS):
            return None
        if text and title != text and title.startswith(text) and fields.SEPARATORS.match(title, len(text)):
            return text
    return title


def _declared_title(tree) -> str | None:
    """The page's og:title, else its <title>."""
    title = _meta(tree, "og:title")
    if title:
        return title
    element = next(tree.iter("title"), None)
    text = _text(element) if element is not None else ""
    if not text:
        return None
    # "Headline - Site", the <title>'s usual form: a short last part is the site.
    parts = list(fields.SEPARATORS.finditer(text))
    if parts and len(text[parts[-1].end():].split()) <= MAX_LOGO_WORDS:
        return text[:parts[-1].start()]
    return text


def site_name(tree, site_name: str | None, url: str | None) -> str | None:
    """The site's name as the page gives it, or its domain when what the page
    gives is an abbreviated slug ("nj" for nj.com) or the Twitter handle that
    trafilatura falls back on ("SputnikInt")."""
    host = fields.host_label(url)
    if tree is None or not site_name or not host:
        return site_name
    declared = _meta(tree, "og:site_name")
    if declared and declared.islower() and len(declared) <= MAX_SLUG_CHARS:
        return host
    handle = (_meta(tree, "twitter:site") or "").lstrip("@")
    if not declared and handle.lower() == site_name.lower():
        return host
    return site_name
