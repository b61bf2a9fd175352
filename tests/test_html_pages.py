"""HTML pages: trafilatura finds the body; headings stay headings; metadata is kept."""

from pathlib import Path

from helpers import page_article

from datasette_attribution.extract import markup
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


def html_article(head: str, headline: str, url: str = "https://www.nj.com/news/x"):
    page = HARBOUR.read_text("utf-8")
    page = page.replace(page[page.index("<title>"):page.index("</head>")], head)
    page = page.replace("<h1>Harbour bridge to close for repairs</h1>", headline)
    return to_article(RawDocument("page.html", "page.html", "html", page, {"url": url}))


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
    # a JSON-LD publisher named by the slug too, with titles that spell the domain "NJ.com"
    publisher = html_article('<title>Harbour bridge to close for repairs - NJ.com</title>'
                             '<meta property="og:site_name" content="nj">'
                             '<script type="application/ld+json">{"@context": "https://schema.org", "@type": '
                             '"NewsArticle", "headline": "Harbour bridge to close for repairs", '
                             '"publisher": {"@type": "Organization", "name": "nj"}}</script>',
                             "<h1>Harbour bridge to close for repairs</h1>")
    assert (slug.outlet, handle.outlet, named.outlet, publisher.outlet) == (
        "nj.com", "nj.com", "The Coastal Tribune", "NJ")


def test_a_site_trafilatura_names_by_its_domain_keeps_the_spelling_the_page_gives():
    """trafilatura capitalises a site name declared as the domain's letters in lower
    case ("mlssoccer" -> "Mlssoccer"), and respells some declared names so ("Eweek"
    for "eWEEK"): the page's own spelling is the name, or that in its title."""
    headline = "<h1>Harbour bridge to close for repairs</h1>"
    declared = html_article('<title>Harbour bridge to close for repairs | eWEEK</title>'
                            '<meta property="og:site_name" content="eWEEK">', headline,
                            url="https://www.eweek.com/news/harbour-bridge")
    in_title = html_article('<title>Harbour bridge to close for repairs | MLSSoccer.com</title>'
                            '<meta property="og:site_name" content="mlssoccer">', headline,
                            url="https://www.mlssoccer.com/news/harbour-bridge")
    assert (declared.outlet, in_title.outlet) == ("eWEEK", "MLSSoccer")
    assert (declared.title, in_title.title) == ("Harbour bridge to close for repairs",) * 2


def test_a_time_declared_in_utc_is_put_at_the_offset_of_the_time_the_page_shows_for_it():
    """"2023-12-21T18:54:34Z" in the markup, "Dec 21, 2023 10:54am PT" by the headline:
    the same moment, written as the reader in Los Angeles reads it."""
    article = html_article('<title>Harbour bridge to close for repairs</title>'
                           '<meta property="article:published_time" content="2023-12-21T18:54:34Z">'
                           '<script type="application/ld+json">{"@type": "NewsArticle", '
                           '"datePublished": "2023-12-21T18:54:34Z"}</script>',
                           "<h1>Harbour bridge to close for repairs</h1><p>Dec 21, 2023 10:54am PT</p>")
    assert article.published == "2023-12-21T10:54:34-08:00"


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


def test_a_page_that_declares_only_itself_as_author_is_signed_by_the_byline_it_shows():
    # Gannett's pages declare ", USA TODAY" as the author and show "Kayla Jimenez USA TODAY".
    head = "<title>Harbour bridge to close for repairs</title>" + json_ld(
        headline="Harbour bridge to close for repairs", author=[{"@type": "Person", "name": ", Coastal Tribune"}],
        publisher={"@type": "Organization", "name": "Coastal Tribune"})
    shown = html_article(head, "<h1>Harbour bridge to close for repairs</h1>")
    page = HARBOUR.read_text("utf-8").replace('<p class="byline">By Maria Lopez</p>', "")
    page = page.replace(page[page.index("<title>"):page.index("</head>")], head)
    unsigned = to_article(RawDocument("page.html", "page.html", "html", page))
    assert (shown.byline, unsigned.byline) == ("Maria Lopez", None)


def test_the_page_names_all_its_authors_where_its_json_ld_names_one_of_them():
    def signed(meta: str):
        return html_article("<title>Harbour bridge to close for repairs</title>" + meta + json_ld(
            headline="Harbour bridge to close for repairs", author=[{"@type": "Person", "name": "Maria Lopez"}]),
            "<h1>Harbour bridge to close for repairs</h1>").byline

    assert signed('<meta name="author" content="Maria Lopez, Tom Reed">') == "Maria Lopez; Tom Reed"
    assert signed('<meta name="author" content="Tom Reed">') == "Maria Lopez"  # not all of the declared


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
    # The page shows its reader "© 2023 The Coastal Tribune": the name that spells the domain.
    shown = html_article('<title>Harbour bridge to close for repairs</title>'
                         '<meta property="og:site_name" content="CoastalTribune.com">',
                         "<h1>Harbour bridge to close for repairs</h1>")
    assert shown.outlet == "The Coastal Tribune"
    page = HARBOUR.read_text("utf-8").replace("© 2023 The Coastal Tribune.", "© 2023.")
    page = page.replace(page[page.index("<title>"):page.index("</head>")],
                        '<title>Harbour bridge to close for repairs</title>'
                        '<meta property="og:site_name" content="CoastalTribune.com">')
    suffixed = to_article(RawDocument("page.html", "page.html", "html", page))
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


def test_a_time_without_a_zone_that_the_page_writes_in_utc_elsewhere_is_that_utc_time():
    utc_elsewhere = HARBOUR.read_text("utf-8").replace("2023-03-14T08:30:00+00:00", "2023-03-14 20:15:00").replace(
        "<article>", '<article><time datetime="2023-03-14 20:15:00 UTC">3:15 pm ET</time>')
    nowhere = HARBOUR.read_text("utf-8").replace("2023-03-14T08:30:00+00:00", "2023-03-14 20:15:00")
    assert [to_article(RawDocument("harbour.html", "harbour.html", "html", page)).published
            for page in (utc_elsewhere, nowhere)] == ["2023-03-14T20:15:00+00:00", "2023-03-14T20:15:00"]


def harbour_with(published_meta: str, dateline: str, above: bool = False, url: str | None = None):
    page = HARBOUR.read_text("utf-8").replace("2023-03-14T08:30:00+00:00", published_meta)
    headline = "<h1>Harbour bridge to close for repairs</h1>"
    line = f'<div class="dateline">{dateline}</div>'
    page = page.replace(headline, line + headline if above else headline + line)
    return to_article(RawDocument("harbour.html", "harbour.html", "html", page, {"url": url} if url else {}))


def test_the_date_the_page_shows_under_its_headline_is_the_publishers_day():
    # 1 am UTC on the 15th is 9 pm on the 14th in New York, as the page shows its reader.
    article = harbour_with("2023-03-15T01:00:00+00:00", "Published 9:00 PM EDT, Tue March 14, 2023")
    assert article.published == "2023-03-14T21:00:00-04:00"


def test_a_dateline_above_the_headline_and_a_date_the_page_shows_as_updated():
    kicker = harbour_with("2023-03-14T08:30:00+00:00", "Published March 15, 2023 5:00am EDT", above=True)
    updated = harbour_with("2023-03-14T08:30:00+00:00", "Last Updated: March 16, 2023 at 6:33 a.m. ET "
                                                        "First Published: March 14, 2023 at 4:30 a.m. ET")
    # The first published time is the declared one, as the page shows it (4:30 a.m. ET is 08:30 UTC).
    assert (kicker.published, updated.published) == ("2023-03-15T05:00:00-04:00", "2023-03-14T04:30:00-04:00")


def test_a_date_shown_far_from_any_the_page_declares_is_not_its_date():
    article = harbour_with("2023-03-14T08:30:00+00:00", "July 10, 2022")
    assert article.published == "2023-03-14T08:30:00+00:00"


def test_a_date_in_the_pages_address_is_one_it_declares():
    shown = "By Maria Lopez • March 21, 2023"
    dated = harbour_with("2023-03-14T08:30:00+00:00", shown, url="https://example.org/news/2023/mar/21/bridge/")
    undated = harbour_with("2023-03-14T08:30:00+00:00", shown, url="https://example.org/news/bridge/")
    assert (dated.published, undated.published) == ("2023-03-21", "2023-03-14T08:30:00+00:00")


def test_a_headline_after_the_pages_first_300000_characters_is_read():
    styles = "<style>" + ".x{color:red}" * 30_000 + "</style>"
    page = HARBOUR.read_text("utf-8").replace("</head>", styles + "</head>")
    assert markup.headings(markup.page_tree(page)) == ["Harbour bridge to close for repairs"]
    lines, h1_at = markup.visible_lines(markup.page_tree(page))
    assert (lines[h1_at[0]], lines[h1_at[0] + 1]) == ("Harbour bridge to close for repairs", "By Maria Lopez")


def profile_page(under_headline: str, comment: str = "Oct 28, 2022", head: str = "",
                 description: str = "Maria Lopez news, gossip and photos."):
    """A page about a person with no article dates in its markup, a comment's date far below."""
    facts = "".join(f"<p>{text}</p>" for text in (
        "Maria Lopez is a 41 year old Welsh engineer, born on 3rd May 1982 in Swansea.",
        "She has been married to Tom Price since 2015, and the couple have two children.",
        "Before that she dated the footballer Dan Hughes for three years, from 2009 to 2012.",
        "Lopez studied civil engineering at Cardiff and worked on the harbour bridge repairs.",
        "She was named engineer of the year by the regional institute in 2019 and 2021.",
        "Her first book, about the bridges of the Welsh coast, came out in the spring.",
        "She lives near the harbour with her family and two dogs, and swims every morning.",
        "Lopez is a member of the following lists: Welsh engineers, 1982 births and authors.",
        "Help us build her profile: add what you know about her relationships and career.",
        "Her height is 1.68 m and her star sign is Taurus, according to her birth date.",
        "Her favourite bridge is the Menai, which she has called the most beautiful in Britain.",
        "She has spoken about the harbour repairs on the radio and on the regional news.",
    ))
    page = ('<html><head><title>Maria Lopez dating history | Who Dates</title>'
            f'<meta name="description" content="{description}">'
            f'{head}</head><body><nav><a href="/">Home</a></nav><article><h1>Maria Lopez dating history</h1>'
            f'<div class="byline">{under_headline}</div>{facts}</article>'
            '<section class="comments"><div class="comment"><span class="name">harbourfan</span>'
            f'<span class="time">{comment}</span><p>Great engineer, lovely family.</p></div></section>'
            '</body></html>')
    return to_article(RawDocument("page.html", "page.html", "html", page))


def test_a_date_the_page_neither_declares_nor_shows_by_its_headline_is_none():
    # trafilatura dates the page by a comment's date (or its blurb's): a profile, not a story.
    blurb = "24 December 2023... Maria Lopez news, gossip and photos."
    assert profile_page("Who is she dating right now?").published is None
    assert profile_page("Who is she dating right now?", comment="", description=blurb).published is None


def test_a_date_only_trafilatura_finds_is_kept_when_written_by_the_headline_or_stamped():
    glued = profile_page("Daisy-Mae SchmittMar 14, 20232 Shares1530 Views", comment="")
    stamped = profile_page("Who is she dating right now?",
                           head='<meta name="sailthru.date" content="2022-10-28 05:53:15">')
    assert (glued.published, stamped.published) == ("2023-03-14", "2022-10-28")
