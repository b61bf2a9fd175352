"""What an HTML page declares of itself in its markup that trafilatura reads but
does not return, or returns as it found it: the <h1> headings, the <title>, the
meta tags. Used to check trafilatura's title and site name."""

from __future__ import annotations

import html
import json

import lxml.html
from lxml import etree

from . import fields

HEAD_CHARS = 300_000  # where a page's meta tags are looked for by pattern (articles._published)
SITE_TITLE_MARKS = ("site-title", "site-name", "logo")
MAX_SLUG_CHARS = 3
MAX_LOGO_WORDS = 3


def page_tree(html: str):
    """The page parsed by lxml (trafilatura's own parser), for what trafilatura
    reads but does not return: the <h1> headings, the meta tags. Whole: a page's
    inline styles and scripts often fill its first 300,000 characters, and its
    headline comes after them (a 3 MB page parses in about 20 ms)."""
    try:
        return lxml.html.fromstring(html)
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


def site_name(tree, site_name: str | None, url: str | None, publisher: str | None = None) -> str | None:
    """The site's name as the page gives it: the publisher its JSON-LD names,
    else trafilatura's site name, but neither as an abbreviated slug ("nj" for nj.com)
    nor the Twitter handle trafilatura falls back on ("SputnikInt"). Where that
    leaves only the domain, the name in the page's titles that spells it
    ("Townhall" for townhall.com), else the domain."""
    host = fields.host_label(url)
    if tree is None or not host:
        return publisher or site_name
    if publisher and not (publisher.islower() and len(publisher) <= MAX_SLUG_CHARS):
        site_name = publisher
    elif site_name:
        declared = _meta(tree, "og:site_name")
        handle = (_meta(tree, "twitter:site") or "").lstrip("@")
        if declared and declared.islower() and len(declared) <= MAX_SLUG_CHARS:
            site_name = None
        elif not declared and handle.lower() == site_name.lower():
            site_name = None
        elif site_name == host.split(".")[0].capitalize():
            # trafilatura's own spelling of the domain ("Eweek", "Mlssoccer"): the page's
            # declared spelling of the same name ("eWEEK"), else as if none were given.
            site_name = declared if declared and fields.outlet_key(declared) == fields.outlet_key(site_name) \
                and not declared.islower() else None
    if not site_name or (site_name.islower() and fields.host_label(site_name) == host):
        return fields.name_of_domain(_title_parts(tree), url) or host
    return site_name


# What a page declares of its article in JSON-LD (schema.org), for search engines.
ARTICLE_TYPES = ("article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                 "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "report", "posting",
                 "socialmediaposting", "liveblogposting", "webpage", "medicalwebpage", "techarticle")


def _nodes(data):
    """Every object in a JSON-LD document, nested ones and @graph members included."""
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, (dict, list)):
                yield from _nodes(value)


def _types(node: dict) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def _names(value, by_id: dict) -> list[str]:
    """The names of a JSON-LD person or organisation value: a string, an object
    with a name, a reference by @id, or a list of those."""
    if isinstance(value, list):
        return [name for item in value for name in _names(item, by_id)]
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        if not value.get("name") and value.get("@id") in by_id:
            value = by_id[value["@id"]]
        name = value.get("name")
        if isinstance(name, list):
            name = next((n for n in name if isinstance(n, str)), None)
        return [" ".join(name.split())] if isinstance(name, str) and name.strip() else []
    return []


def json_ld(tree) -> dict:
    """The page's article as its JSON-LD declares it: `headline`, `body`
    (articleBody), `authors` (names), `published` (datePublished), `modified`
    (dateModified) and `publisher` (a name), each None or empty when the page does not say. Of several objects,
    the first of an article's type that has a field gives it; a script that is
    not valid JSON is skipped."""
    found = {"headline": None, "body": None, "authors": [], "published": None, "modified": None,
             "publisher": None}
    if tree is None:
        return found
    documents = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            documents.append(json.loads(script.text_content(), strict=False))
        except ValueError:
            continue
    nodes = [node for document in documents for node in _nodes(document)]
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str) and len(node) > 1}
    articles = [node for node in nodes if _types(node) & set(ARTICLE_TYPES)]
    # Articles proper before web pages, which carry the site's fields.
    articles.sort(key=lambda node: "webpage" in _types(node) and not _types(node) - {"webpage"})
    for node in articles:
        if not found["headline"] and isinstance(node.get("headline"), str):
            found["headline"] = " ".join(html.unescape(node["headline"]).split()) or None
        if not found["body"] and isinstance(node.get("articleBody"), str):
            found["body"] = _plain(node["articleBody"]) or None
        if not found["authors"]:
            found["authors"] = [html.unescape(name) for name in _names(node.get("author"), by_id)]
        for field, key in (("published", "datePublished"), ("modified", "dateModified")):
            if not found[field] and isinstance(node.get(key), str):
                found[field] = node[key].strip() or None
        if not found["publisher"]:
            publisher = _names(node.get("publisher"), by_id)
            found["publisher"] = html.unescape(publisher[0]) if publisher else None
    return found


def _plain(text: str) -> str:
    """articleBody as text: some pages put markup or entities in it."""
    for _ in range(2):  # escaped twice by some publishing systems: "&amp;lt;p&amp;gt;"
        text = html.unescape(text)
    if "<" in text and ">" in text:
        try:
            text = "\n".join(lxml.html.fromstring(f"<div>{text}</div>").itertext())
        except (etree.ParserError, ValueError):
            pass
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def headings(tree) -> list[str]:
    """The texts of the page's <h1> elements, in page order."""
    if tree is None:
        return []
    return [text for text in (_text(element) for element in tree.iter("h1")) if text]


def meta(tree, name: str) -> str | None:
    return _meta(tree, name) if tree is not None else None


MIN_HEADLINE_WORDS = 3
AGREEMENT = 0.6


def agreed_headline(tree, titles: list[str | None]) -> str | None:
    """The page's first <h1> that the titles it declares elsewhere (JSON-LD,
    og:title, twitter:title, <title>, trafilatura's) agree with: most of its
    words are in one of them. The <h1> is the headline as the reader sees it;
    the others are often rewritten for search and social cards. None when no
    <h1> is agreed with (a section's or the logo's)."""
    if tree is None:
        return None
    declared = [t for t in [*titles, _meta(tree, "og:title"), _meta(tree, "twitter:title")] if t]
    element = next(tree.iter("title"), None)
    if element is not None and _text(element):
        declared.append(_text(element))
    declared_words = [set(fields.title_words(t)) for t in declared]
    for text in headings(tree):
        own = fields.title_words(text)
        if len(own) < MIN_HEADLINE_WORDS:
            continue
        if any(sum(w in other for w in own) >= AGREEMENT * len(own) for other in declared_words):
            return text
    return None


MAX_H1_PROPOSALS = 3


def title_proposals(tree) -> list[tuple[str, str]]:
    """The page's titles as it declares them, (source, text) in the page's order:
    its first <h1>s, og:title, twitter:title, and its <title> whole and cut at
    its separators (its first part, its last, and those between)."""
    if tree is None:
        return []
    proposals = [("h1", text) for text in headings(tree)[:MAX_H1_PROPOSALS]]
    proposals += [("og", _meta(tree, "og:title")), ("twitter", _meta(tree, "twitter:title"))]
    element = next(tree.iter("title"), None)
    text = _text(element) if element is not None else ""
    if text:
        proposals.append(("title_whole", text))
        parts = [part for part in fields.SEPARATORS.split(text) if part.strip()]
        if len(parts) > 1:  # the site's name is usually the last part, a section the first
            proposals += [("title_first" if i == 0 else "title_last" if i == len(parts) - 1 else "title_part", part)
                          for i, part in enumerate(parts)]
    return [(source, value) for source, value in proposals if value]


def _title_parts(tree) -> list[str]:
    """The parts of the page's <title> and og:title between separators, last first
    (where a site puts its name)."""
    parts = []
    element = next(tree.iter("title"), None)
    for text in (_text(element) if element is not None else "", _meta(tree, "og:title") or ""):
        parts.extend(reversed(fields.SEPARATORS.split(text)))
    return parts


# Elements that start a line of their own when a page is rendered, and those a
# reader never sees.
BLOCK_TAGS = frozenset("address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 "
                       "h4 h5 h6 header hr li main nav ol p section table td th tr ul".split())
HIDDEN_TAGS = frozenset("head script style noscript template svg iframe select option button".split())


def visible_lines(tree) -> tuple[list[str], list[int]]:
    """The page's text as a reader sees it, a line per block (a paragraph, a
    heading, a list item), for what the page shows but does not declare (the
    dateline by its headline); and where its <h1>s are among those lines."""
    lines, current, h1_at = [], [], []
    if tree is None:
        return lines, h1_at

    def flush():
        text = " ".join("".join(current).split())
        if text:
            lines.append(text)
        current.clear()

    walker = etree.iterwalk(tree, events=("start", "end"))
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else None
        if event == "start":
            if tag in HIDDEN_TAGS or tag is None:
                walker.skip_subtree()  # its tail is read at its end
                continue
            if tag in BLOCK_TAGS:
                flush()
            if tag == "h1":
                h1_at.append(len(lines))
            current.append(element.text or "")
        else:
            if tag in BLOCK_TAGS:
                flush()
            current.append(element.tail or "")
    flush()
    return lines, [at for at in h1_at if at < len(lines)]
