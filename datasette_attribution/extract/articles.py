"""Scraped pages (plain-text dumps and HTML) into clean articles."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timedelta, timezone

import trafilatura
from trafilatura.xml import xmltotxt

from ..records import Article, LoadError, Paragraph, RawDocument
from . import boilerplate, bylines, fields, markup, metadata, titles

MIN_STANDFIRST_WORDS = 6
MAX_HEADER_LINES = 12


def article_from_text(raw: RawDocument, choose_title=titles.choose, choose_byline=bylines.choose) -> Article:
    """The article of a text dump; `choose_title(candidates, "text")` picks the
    headline among the lines above the body, `choose_byline` the byline among the
    names around the header (training passes its own)."""
    blocks = boilerplate.blocks_of(raw.content)
    labels, names = _line_labels(blocks)
    kept, signature = _body_lines(raw, blocks, labels)
    lines = [block.text for block in blocks]
    before_body = blocks[: kept[0]]
    body_text = " ".join(blocks[i].text for i in kept)
    outlet = metadata.page_outlet(names, lines)
    if outlet and metadata.DOMAIN.fullmatch(outlet):  # a domain, where the page names itself
        outlet = fields.name_spelling_domain(outlet.lower(), lines) or outlet  # "Fastcompany.com": Fast Company
    outlet = fields.outlet_name(outlet)
    rule_title = metadata.find_title(before_body, body_text, outlet)
    chosen = choose_title(titles.text_candidates(
        before_body, body_text, outlet, rule_title, metadata.headline_scores(before_body, body_text, outlet)), "text")
    title = chosen.block if chosen else None
    title_at = before_body.index(title) if title else -1
    standfirst = _standfirst(before_body, title_at, lines) if title is not None else None
    published, byline = _date_and_byline(before_body[title_at + 1:] or blocks[:10])
    signed, signed_by = _date_and_byline(signature)
    if signed and published and _heads_another_story(published, signed, before_body[title_at + 1:]):
        title = standfirst = None
        published, byline = signed, signed_by
    elif signed and not published:
        published, byline = signed, byline or signed_by
    near_start = _around_body_start(blocks, kept)
    if not published:
        published, near_by = _date_and_byline(near_start)
        byline = byline or near_by
    if not byline:  # "By Jane Doe" signing the story away from its dateline
        byline = next((metadata.BYLINE_PREFIX.sub("", block.text) for block in near_start
                       if metadata.BYLINE_PREFIX.match(block.text) and metadata.looks_like_name(block.text)), None)
    if byline and _named_in(byline, body_text):
        byline = None  # a caption beside the dateline names someone the story is about
    position_of = {id(block): i for i, block in enumerate(blocks)}
    start, top = kept[0], kept[min(TOP_LINES, len(kept) - 1)]
    # A line that signs itself ("By Rick Porter") may stand further up, above a
    # header of share buttons and pictures.
    signers = ([bylines.Line(blocks[i], "above", i) for i in range(max(0, start - FAR_SIGNED_LINES), start)
                if i >= start - NEAR_LINES or metadata.BYLINE_PREFIX.match(boilerplate.BULLET.sub("", blocks[i].text))]
               + [bylines.Line(blocks[i], "near", i) for i in range(start, top) if i not in kept]
               + [bylines.Line(block, "signature", position_of[id(block)]) for block in signature])
    chosen_byline = choose_byline(bylines.text_candidates(
        signers, blocks, title_at if title is not None else None, start, body_text, outlet, byline), "text")
    return Article(
        source=raw.source,
        paragraphs=[
            Paragraph(joined_drop_cap(blocks[i].text), "heading" if labels[i] == "heading" else "text")
            for i in kept
        ],
        title=fields.clean_title(title.text, outlet, None) if title else None,
        outlet=outlet,
        byline=chosen_byline.text if chosen_byline else None,
        published=published,
        standfirst=standfirst,
    )


def _heads_another_story(published: str, signed: str, under_headline) -> bool:
    """Whether the dateline under the line taken for the headline belongs to another
    story (a related link's headline and its 2010 date on a 2019 article), since the
    one closing the text is a later day's. A closing date earlier than the header's
    is a related post's or an embedded one's; a later one, under a header that says
    the story was updated ("Posted: Dec 22, 2023 | Last Updated: January 2"), is that
    update or a correction's."""
    if signed[:10] <= published[:10]:
        return False
    return not any(metadata.UPDATED_LABEL.search(block.text) and metadata.date_in_line(block.text)
                   for block in under_headline[:DATELINE_LINES])


def _line_labels(blocks) -> tuple[list[str], list[str]]:
    """Each line's label ("content", "heading", "boilerplate" or a kind of furniture),
    and the names the page's furniture gives the site."""
    labels = boilerplate.classify_blocks(blocks)
    article_lines = [b.text for b, label in zip(blocks, labels, strict=True) if label == "content"]
    furniture = [b.text for b, label in zip(blocks, labels, strict=True) if label == "boilerplate"]
    names = metadata.site_names(furniture, article_lines)
    labels = boilerplate.remove_self_promotion(blocks, labels, names)
    labels = boilerplate.prose_run_or_nothing(blocks, labels)
    labels = [boilerplate.furniture_kind(b.text) or label if label != "boilerplate" else label
              for b, label in zip(blocks, labels, strict=True)]
    labels = _trim_edge_headings(labels)
    # A page with a body always loads: what the rules above took for furniture,
    # its longest run of prose, when they left nothing.
    labels = boilerplate.prose_run_or_nothing(blocks, labels, min_words=boilerplate.LONG_LINE_WORDS)
    return labels, names


def _body_lines(raw: RawDocument, blocks, labels: list[str]) -> tuple[list[int], list]:
    """The body's lines (their positions), its header and datelines left out, and the
    dateline lines that sign it at its end."""
    kept = [i for i, label in enumerate(labels) if label != "boilerplate"]
    if not kept:
        raise LoadError(raw.location, "no article text found on this page")
    kept = kept[header_length(blocks, kept):]
    # The same with a dateline the classifier left out: a headline or standfirst
    # kept above it is the header's.
    for position in range(min(MAX_HEADER_ABOVE_DATELINE, len(kept) - 1), 0, -1):
        if any(metadata.date_in_line(blocks[i].text) for i in range(kept[position - 1] + 1, kept[position])):
            kept = kept[position:]
            break
    # A dateline among the body's first lines is the header's, never text.
    while len(kept) > 1 and any(metadata.date_in_line(blocks[i].text) for i in kept[:TOP_LINES]):
        kept.remove(next(i for i in kept[:TOP_LINES] if metadata.date_in_line(blocks[i].text)))
    signature = []  # a dateline closing the text, with or without a name, is not text
    while len(kept) > 1 and _signs(blocks[kept[-1]].text):
        signature.insert(0, blocks[kept.pop()])
    after_text = kept[-1] + 1
    if not signature and after_text < len(blocks) and _signs(blocks[after_text].text):
        signature = [blocks[after_text]]  # the same, left out of the text by the line classifier
    return kept, signature


# An embedded post's credit: "— Mayes Middleton (@mayes_middleton) December 20, 2023".
EMBEDDED_POST_CREDIT = re.compile(r"\(@\w+\)")


def _signs(line: str) -> bool:
    """A dateline that can close the story's text: not an embedded post's credit,
    which dates the post quoted, not the story."""
    return metadata.date_in_line(line) is not None and not EMBEDDED_POST_CREDIT.search(line)


def _standfirst(before_body, title_at: int, lines: list[str]) -> str | None:
    """The line under the headline when it reads as a standfirst: long enough, no
    dateline, name or byline ("By Christy Choi and Oscar Holland, CNN"), and not
    repeated elsewhere on the page."""
    if title_at + 1 >= len(before_body):
        return None
    candidate = before_body[title_at + 1]
    if (
        len(candidate.words) >= MIN_STANDFIRST_WORDS
        and not metadata.date_in_line(candidate.text)
        and not metadata.looks_like_name(candidate.text)
        and not metadata.signs_or_credits(candidate.text)
        and lines.count(candidate.text) == 1
    ):
        return candidate.text
    return None


# A paragraph's first letter set apart by the page's drop cap: "H ong Kong", "F our years".
DROP_CAP = re.compile(r"^([A-Z]) ([a-z]+)\b")
MIN_WORD_ZIPF = 3.0  # how common (wordfreq's Zipf scale) a word of English at least is


def joined_drop_cap(text: str) -> str:
    """The paragraph with its drop cap joined to the rest of its word, when the two
    make a word and the letter alone does not ("X is back" and "A new" stay)."""
    found = DROP_CAP.match(text)
    if not found:
        return text
    from wordfreq import zipf_frequency

    letter, rest = found.groups()
    if zipf_frequency(letter + rest, "en") < MIN_WORD_ZIPF:
        return text
    if letter in "AI" and zipf_frequency(rest, "en") >= MIN_WORD_ZIPF:
        return text  # "A new law", "I never said"
    return letter + text[found.start(2):]


TOP_LINES = 3
MAX_HEADER_ABOVE_DATELINE = 2
NEAR_LINES = 30
FAR_SIGNED_LINES = 60


def _around_body_start(blocks, kept: list[int]) -> list:
    """The lines about where the body starts, nearest first: the lines the
    classifier left out among the body's first few, then those above it (the
    dateline of a page whose headline was not found, or that sits under a
    standfirst the classifier kept)."""
    start, top = kept[0], kept[min(TOP_LINES, len(kept) - 1)]
    inside = [i for i in range(start, top) if i not in kept]
    above = list(range(start - 1, max(-1, start - 1 - NEAR_LINES), -1))
    return [blocks[i] for i in inside + above]


def header_length(blocks, kept: list[int]) -> int:
    """How many of the body's first lines are the article's header (headline,
    standfirst, byline, dateline) that the line classifier kept as text: those up
    to the last byline or dateline among the first few, when at most a headline
    and a standfirst of prose come before it. The header then goes where the
    metadata is looked for, and out of the text."""
    signed_after = 0
    prose = 0
    for position, i in enumerate(kept[:MAX_HEADER_LINES]):
        text = blocks[i].text
        if metadata.date_in_line(text) or metadata.BYLINE_PREFIX.match(text) or text.lower() == "by":
            signed_after = position + 1
        elif boilerplate.TERMINAL.search(text) and len(blocks[i].words) >= MIN_STANDFIRST_WORDS:
            prose += 1
            if prose > 1 or position > 1:
                break
    return signed_after if signed_after < len(kept) else 0


def _trim_edge_headings(labels: list[str]) -> list[str]:
    """A heading belongs inside the body; one before or after all text is furniture."""
    labels = list(labels)
    kept = [i for i, label in enumerate(labels) if label != "boilerplate"]
    for ends in (kept, list(reversed(kept))):
        for i in ends:
            if labels[i] != "heading":
                break
            labels[i] = "boilerplate"
    return labels


def _named_in(byline: str, text: str) -> bool:
    """Whether the text speaks of the byline's first person ("Ben Patton Trinity",
    a photo's caption, in a story about Ben Patton): an author seldom appears in
    the text they write."""
    name = " ".join(metadata.BYLINE_PREFIX.sub("", byline).split()[:2])
    return len(name.split()) == 2 and re.search(rf"\b{re.escape(name)}\b", text) is not None


def _date_and_byline(candidates) -> tuple[str | None, str | None]:
    """The first dateline, and the name beside it (same line, or just above or below)."""
    for position, block in enumerate(candidates):
        found = metadata.date_in_line(block.text)
        if not found:
            continue
        published, leftover = found
        if leftover and metadata.looks_like_name(leftover):
            return published, leftover
        for neighbour in (position - 1, position + 1):
            if 0 <= neighbour < len(candidates) and metadata.looks_like_name(candidates[neighbour].text):
                return published, metadata.BYLINE_PREFIX.sub("", candidates[neighbour].text)
        return published, None
    for block in candidates:
        if metadata.BYLINE_PREFIX.match(block.text) and metadata.looks_like_name(block.text):
            return None, metadata.BYLINE_PREFIX.sub("", block.text)
    return None, None


# The page's own publication time, which trafilatura reduces to a date.
PUBLISHED_META = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)=["'](?:article:published_time|datePublished|pubdate|"""
    r"""publish-date|date)["'][^>]*content=["']([^"']+)["']"""
    r'|"datePublished"\s*:\s*"([^"]+)"', re.IGNORECASE)
MODIFIED_META = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)=["'](?:article:modified_time|og:updated_time|dateModified)["']"""
    r"""[^>]*content=["']([^"']+)["']""", re.IGNORECASE)
DATELINE_LINES = 12  # how far under its headline a page shows its dateline
ZONE_DAYS = 1  # a day apart: the same time where the publisher is and in UTC


# A date in a story's address: "/2023/12/21/", "/2023/dec/21/", "/news/2023-12-20/".
URL_DATE = re.compile(rf"/((?:19|20)\d\d)[/-](\d\d?|{metadata.MONTHS})[/-](\d\d?)(?=[/-]|$)", re.IGNORECASE)


def _url_day(url: str | None) -> str | None:
    found = URL_DATE.search(url or "")
    if not found:
        return None
    year, month, day = found.groups()
    month = int(month) if month.isdigit() else metadata.MONTH_NUMBERS[month.lower()]
    try:
        return date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


def _published(html: str, extracted: str | None, declared: dict, shown: str | None = None,
               url: str | None = None, by_headline: list[str] | None = None, tree=None) -> str | None:
    """The page's publication date as precise as the page gives it: its
    published-time markup when that agrees with trafilatura's date (or the
    JSON-LD datePublished when trafilatura found none), at the page's own
    offset when it gives the time in UTC; but the date the page shows by its
    headline (`shown`) when it is a day the page declares (published or
    modified, in its markup or its address `url`) or a day from one (its time in
    UTC): the reader's date, in the publisher's zone, as the page itself dates
    the story. A date only trafilatura finds, that the page neither declares
    nor writes by its headline (`by_headline`, the lines about it) nor stamps
    in its markup (a <time> or <meta> of `tree`), is none: a profile's
    or a listing's, from a comment or the site's blurb."""
    stamp = _declared_time(html, extracted, declared["published"])
    head = html[:markup.HEAD_CHARS]
    known = [declared["published"], declared["modified"], _url_day(url),
             *(a or b for a, b in PUBLISHED_META.findall(head)), *MODIFIED_META.findall(head)]
    if not shown:
        if (stamp and by_headline is not None and not any(known)
                and not _written_by_headline(_day_of(stamp), by_headline) and not _stamped(_day_of(stamp), tree)):
            return None
        return stamp
    days = {day for day in (_day_of(metadata.parse_date(value)) for value in [extracted, *known] if value) if day}
    shown_day = _day_of(shown)
    if stamp and _day_of(stamp) == shown_day:
        return _at_shown_offset(stamp, shown)
    if shown_day and (not days or any(abs((shown_day - day).days) <= ZONE_DAYS for day in days)):
        return shown
    return stamp


def _at_shown_offset(stamp: str, shown: str) -> str:
    """A time the markup gives in UTC at the offset of the time the page shows its
    reader for the same moment ("2023-12-21T18:54:34+00:00" beside "Dec 21, 2023
    10:54am PT" is 10:54:34 in Los Angeles); else as it is."""
    try:
        stamped, seen = datetime.fromisoformat(stamp), datetime.fromisoformat(shown)
    except ValueError:
        return stamp
    if stamped.utcoffset() != timedelta(0) or seen.utcoffset() in (None, timedelta(0)):
        return stamp
    if abs((stamped - seen).total_seconds()) >= 60:
        return stamp
    return stamped.astimezone(seen.tzinfo).isoformat()


def _written_by_headline(day: date | None, lines: list[str]) -> bool:
    """Whether one of the lines writes the day, in any common form, glued to
    what is around it or not ("Daisy-Mae SchmittDec 05, 20232 Shares")."""
    if day is None:
        return False
    month = "|".join(name for name, number in metadata.MONTH_NUMBERS.items() if number == day.month)
    number = rf"(?<!\d)0?{day.day}(?:st|nd|rd|th)?(?!\d)"
    written = re.compile(
        rf"(?:{month})\.?\s+{number},?\s+{day.year}|{number}\s+(?:{month})\.?,?\s+{day.year}"
        rf"|{day.year}[-/.]0?{day.month}[-/.]0?{day.day}(?!\d)"
        rf"|(?<!\d)(?:0?{day.month}/0?{day.day}|0?{day.day}/0?{day.month})/{day.year}", re.IGNORECASE)
    return any(written.search(line) for line in lines)


MAX_STAMP_CHARS = 40  # a <meta> content longer than this is prose (a description), not a time


def _stamped(day: date | None, tree) -> bool:
    """Whether the page's markup stamps the day: a <time datetime> or a <meta>
    whose content is a date."""
    if day is None or tree is None:
        return False
    stamps = [element.get("datetime") for element in tree.iter("time")]
    stamps += [content for element in tree.iter("meta")
               if len(content := (element.get("content") or "").strip()) <= MAX_STAMP_CHARS]
    return any(_day_of(metadata.parse_date(stamp)) == day for stamp in stamps if stamp)


def headline_lines(lines: list[str], h1_at: list[int], headline: str | None) -> list[str]:
    """The lines about the page's headlines (each <h1>, and the line that is the
    `headline` chosen): where a page shows its dateline."""
    key = titles.title_key(headline)
    anchors = [*h1_at, *(i for i, line in enumerate(lines) if key and titles.title_key(line) == key)]
    return [line for at in sorted(set(anchors)) for line in lines[max(0, at - 2):at + 1 + DATELINE_LINES]]


def _day_of(stamp: str | None) -> date | None:
    try:
        return date.fromisoformat(stamp[:10]) if stamp else None
    except ValueError:
        return None


def _declared_time(html: str, extracted: str | None, declared: str | None) -> str | None:
    day = metadata.parse_date(extracted) if extracted else None
    if day is None and declared:
        return _in_page_zone(metadata.parse_date(declared), html)
    for match in PUBLISHED_META.finditer(html[:markup.HEAD_CHARS]):
        stamp = metadata.parse_date(match.group(1) or match.group(2))
        if stamp and (day is None or stamp.startswith(day)):
            return _in_page_zone(stamp, html)
    return day


def shown_date(lines: list[str], h1_at: list[int], headline: str | None) -> str | None:
    """The dateline a page shows its reader by its headline: the first date in
    the few lines under it, else in the two just above it (a kicker's). The
    headline is the page's first <h1> that is one (a logo's <h1> is not), else
    the first line that is the `headline` chosen."""
    key = titles.title_key(headline)
    anchor = next((at for at in h1_at if len(lines[at].split()) > markup.MAX_LOGO_WORDS), None)
    if anchor is None:
        anchor = next((i for i, line in enumerate(lines) if key and titles.title_key(line) == key), None)
    if anchor is None:
        return None
    for line in [*lines[anchor + 1:anchor + 1 + DATELINE_LINES], *lines[max(0, anchor - 2):anchor][::-1]]:
        found = metadata.date_in_line(line)
        if found:
            return found[0]
    return None


def _written_in_utc(stamp: str, html: str) -> bool:
    """Whether a time with no zone is one the page also writes in UTC."""
    if len(stamp) < len("2023-12-23T20:15") or "+" in stamp[10:] or "-" in stamp[10:]:
        return False
    day, time = stamp[:10], stamp[11:16]
    return re.search(rf"{day}[T ]{time}(?::\d\d(?:\.\d+)?)?(?:Z|\s?UTC|\s?GMT|\+00:?00)\b", html) is not None


# A time written with its offset anywhere in a page: "2023-12-22T22:22:07-0500".
OFFSET_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?([+-]\d\d:?\d\d)\b")


def _in_page_zone(stamp: str | None, html: str) -> str | None:
    """A time in UTC at the offset the page writes its other times in (the most
    common one not UTC's): a page's day is its publisher's, and a story posted at
    10 pm in New York is stamped the next day in UTC. A time written without a zone
    that the page writes elsewhere in UTC ("2023-12-23 20:15:00" in a <meta>, "2023-12-23
    20:15:00 UTC" in its <time>) is that UTC time, not a time of nowhere."""
    if stamp and _written_in_utc(stamp, html):
        stamp = datetime.fromisoformat(stamp).replace(tzinfo=timezone.utc).isoformat()
    if not stamp or not stamp.endswith("+00:00"):
        return stamp
    offsets = Counter(found.replace(":", "") for found in OFFSET_TIME.findall(html)
                      if found.replace(":", "") not in ("+0000", "-0000"))
    if not offsets:
        return stamp
    offset = offsets.most_common(1)[0][0]
    sign = 1 if offset[0] == "+" else -1
    zone = timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5])))
    return datetime.fromisoformat(stamp).astimezone(zone).isoformat()


def article_from_html(raw: RawDocument, choose_title=titles.choose) -> Article:
    """The article of an HTML page; `choose_title(candidates, "html")` picks the
    headline among the titles the page declares (training passes its own)."""
    document = trafilatura.bare_extraction(
        raw.content,
        url=raw.fields.get("url"),
        include_comments=False,
        include_tables=True,
        with_metadata=True,
    )
    tree = markup.page_tree(raw.content)
    declared = markup.json_ld(tree)
    paragraphs = []
    if document is not None and document.body is not None:
        headings = {
            " ".join("".join(head.itertext()).split()) for head in document.body.iter("head")
        }
        for line in xmltotxt(document.body, include_formatting=False).splitlines():
            text = " ".join(line.split())
            kind = "heading" if text in headings else boilerplate.furniture_kind(text) or "text"
            if text and kind != "boilerplate":
                paragraphs.append(Paragraph(text, kind))
    paragraphs = [Paragraph(joined_drop_cap(p.text), p.kind) for p in _agreed_body(paragraphs, declared["body"])]
    rule_title = markup.headline(tree, document.title if document else None)
    rule_title = markup.agreed_headline(tree, [declared["headline"], rule_title]) or rule_title or declared["headline"]
    standfirst = document.description if document else None
    # trafilatura may keep the headline and standfirst as the body's first headings.
    while paragraphs and paragraphs[0].kind == "heading" and paragraphs[0].text in (rule_title, standfirst):
        paragraphs.pop(0)
    while paragraphs and paragraphs[-1].kind == "heading":
        paragraphs.pop()
    if not any(p.kind == "text" for p in paragraphs):
        raise LoadError(raw.location, "no article text found in this HTML page")
    site = (document.url or document.hostname) if document else raw.fields.get("url")
    site_name = markup.site_name(tree, document.sitename if document else None, site, declared["publisher"])
    lines, h1_at = markup.visible_lines(tree)
    outlet = fields.clean_outlet(site_name, site)
    if outlet and site_name and fields.WEB_SUFFIX.match(site_name.strip()):
        # Declared as its domain ("CBSSports.com"): the name the page shows its reader
        # that spells it ("CBS Sports"), as a text dump's outlet is found.
        outlet = fields.name_spelling_domain(site_name.strip().lower(), lines) or outlet
    authors = _authors(declared["authors"], document.author if document else None)
    proposals = [*markup.title_proposals(tree), ("json_ld", declared["headline"]),
                 ("trafilatura", document.title if document else None)]
    body_text = " ".join(p.text for p in paragraphs if p.kind == "text")
    chosen = choose_title(titles.html_candidates(proposals, rule_title, body_text, site, outlet, site_name), "html")
    shown = shown_date(lines, h1_at, chosen.text if chosen else None)
    byline = fields.clean_byline(authors, outlet, site, site_name=site_name) or _shown_byline(
        raw, lines, outlet, site, site_name)
    return Article(
        source=raw.source,
        paragraphs=paragraphs,
        title=chosen.text if chosen else None,
        outlet=outlet,
        url=document.url if document else None,
        byline=byline,
        published=_published(raw.content, document.date if document else None, declared, shown, site,
                             headline_lines(lines, h1_at, chosen.text if chosen else None), tree),
        standfirst=standfirst,
    )


def _authors(declared: list[str], extracted: str | None) -> str | None:
    """The page's authors: those its JSON-LD declares, unless trafilatura's names
    (from the page's meta tags and byline) hold all of them and more, as when the
    JSON-LD names one of three writers ("Starr Bowenbank" of "Starr Bowenbank;
    Rania Aniftos; Anna Chan")."""
    if not declared:
        return extracted
    found = [name.strip() for name in (extracted or "").split(";") if name.strip()]
    keys = {titles.title_key(name) for name in found}
    if len(found) > len(declared) and all(titles.title_key(name) in keys for name in declared):
        return "; ".join(found)
    return "; ".join(declared)


def _shown_byline(raw: RawDocument, lines: list[str], outlet: str | None, site: str | None,
                  site_name: str | None) -> str | None:
    """The byline the page shows its reader where it declares none, or only itself
    ("Kayla Jimenez USA TODAY" under the headline, while its JSON-LD's author is
    ", USA TODAY"): the page's visible lines read as a text dump is."""
    try:
        shown = article_from_text(RawDocument(raw.source, raw.location, "text", "\n".join(lines)))
    except LoadError:
        return None
    return fields.clean_byline(shown.byline, outlet, site, site_name=site_name)


MIN_DECLARED_BODY_WORDS = 100  # shorter, it is often a summary
SHARED_SHINGLES = 0.5  # a paragraph mostly in the declared body is the article's
COVERED = 0.8  # the paragraphs kept must hold this much of the declared body


def _shingles(text: str, size: int = 4) -> set[tuple[str, ...]]:
    tokens = boilerplate.WORD.findall(text.lower())
    return {tuple(tokens[i:i + size]) for i in range(max(1, len(tokens) - size + 1))} if tokens else set()


def _agreed_body(paragraphs: list[Paragraph], declared: str | None) -> list[Paragraph]:
    """trafilatura's paragraphs, checked against the body the page declares in
    its JSON-LD (articleBody): those the declared body holds, when together they
    hold most of it (trafilatura's headings kept as headings); the declared body
    itself when trafilatura found little of it (a page built by script) or
    nothing. A declared body that is a teaser (cut short, "...") is not used."""
    if not declared or len(declared.split()) < MIN_DECLARED_BODY_WORDS or ends_cut_short(declared):
        return paragraphs
    wanted = _shingles(declared)
    kept, covered = [], set()
    for paragraph in paragraphs:
        own = _shingles(paragraph.text)
        if paragraph.kind == "heading" or (own and len(own & wanted) >= SHARED_SHINGLES * len(own)):
            kept.append(paragraph)
            covered |= own & wanted
    declared_lines = [line for line in declared.splitlines() if line.strip()]
    text_kept = sum(paragraph.kind == "text" for paragraph in kept)
    if len(covered) >= COVERED * len(wanted) and 2 * text_kept >= len(declared_lines):
        while kept and kept[0].kind == "heading":
            kept.pop(0)
        return kept
    if sum(len(p.text.split()) for p in paragraphs) >= 2 * len(declared.split()) and len(covered) < len(wanted) / 2:
        return paragraphs  # the declared body is another text (a summary, the site's blurb)
    return [Paragraph(line, "text") for line in declared_lines]


def ends_cut_short(text: str) -> bool:
    return text.rstrip().endswith(("...", "…", "[…]", "[...]"))
