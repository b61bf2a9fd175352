"""Plain-text pages: the article body, its headings and metadata, and no furniture."""

import pytest
from helpers import INDEPENDENT_SEED, NEWS24_SEED, SEEDS

from datasette_attribution.ingest.formats import to_article
from datasette_attribution.extract.articles import header_length
from datasette_attribution.records import RawDocument
from datasette_attribution.extract.boilerplate import blocks_of
from datasette_attribution.extract.metadata import date_in_line, parse_date


def test_news24_metadata(news24):
    assert news24.title == "Obama writes rare letter to Iran's supreme leader"
    assert news24.outlet == "News24"
    assert news24.published == "2014-11-07T09:24:00"
    assert news24.byline is None
    assert news24.standfirst is None


def test_independent_metadata(independent):
    assert independent.title == (
        "Obama 'wrote to Iran’s supreme leader Ayatollah Ali Khamenei' over anti-Isis co-operation"
    )
    assert independent.outlet == "The Independent"
    assert independent.byline == "Jon Stone"
    assert independent.published == "2014-11-07T08:13:00-05:00"
    assert independent.standfirst == (
        "Move seen as an effort by the administration to push Iran towards a deal on its "
        "nuclear programme"
    )


def _lines_between(path, first, last):
    lines = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(i for i, line in enumerate(lines) if line.startswith(last))
    return lines[start:end + 1]


def test_news24_body_is_every_line_from_dateline_to_last_paragraph(news24):
    expected = _lines_between(NEWS24_SEED, "Washington - In a rare outreach", "Despite Rouhani's")
    assert [p.text for p in news24.paragraphs] == expected
    assert len(expected) == 21


def test_section_headings_are_kept_as_headings(news24):
    headings = [p.text for p in news24.paragraphs if p.kind == "heading"]
    assert headings == ["Regional partners", "Delicate negotiations", "First direct communication"]


def test_independent_body_excludes_donation_plea_and_caption(independent):
    expected = _lines_between(INDEPENDENT_SEED, "Barack Obama secretly wrote", "While relations")
    assert [p.text for p in independent.paragraphs] == expected
    assert len(expected) == 11
    body = independent.body
    for furniture in ("Your support", "The Independent is trusted", "(AP)",
                      "during a meeting in Tehran", "Jon Stone", "Comments"):
        assert furniture not in body


def test_news24_body_excludes_comment_policy_and_credits(news24):
    body = news24.body
    for furniture in ("File: AP", "24.com", "We reserve editorial discretion",
                      "Join the conversation", "Read more on", "Multimedia"):
        assert furniture not in body


def test_dates_in_either_form_become_iso_8601():
    assert parse_date("2014-11-07 09:24") == "2014-11-07T09:24:00"
    assert parse_date("Friday 07 November 2014 08:13 EST") == "2014-11-07T08:13:00-05:00"
    assert parse_date("Nov. 24, 2014") == "2014-11-24"  # a date alone stays a date
    assert parse_date("the looming deadline") is None


@pytest.mark.parametrize("written, iso", [
    ("Mon 18 Nov 2019 18.54 GMT Last modified on Mon 18 Nov 2019 19.10 GMT", "2019-11-18T18:54:00+00:00"),
    ("Published 3:04 PM EST, Tue December 17, 2023", "2023-12-17T15:04:00-05:00"),
    ("Dec. 22, 2023, 5:24 AM UTC / Updated Dec. 22, 2023, 2:01 PM UTC", "2023-12-22T05:24:00+00:00"),
    ("Updated Jul. 6, 2023 6:00 a.m. PT", "2023-07-06T06:00:00-07:00"),  # Pacific Daylight Time
    ("Thu, Dec 21, 2023, 9:42 PM · 2 min read", "2023-12-21T21:42:00"),
    ("12/22/2023 14:30:02", "2023-12-22T14:30:02"),
    ("Sept. 26, 2021", "2021-09-26"),
    ("2023-10-16T21:56:19.537007Z EST", "2023-10-16T21:56:19+00:00"),
    ("2023-12-21T11:00:45.954Z", "2023-12-21T11:00:45+00:00"),  # to the second, as a reader reads it
    # Other languages: a record's "published" as its outlet wrote it.
    ("2016年7月1日", "2016-07-01"), ("2023年7月31日 10:25", "2023-07-31T10:25:00"), ("2016년 7월 1일", "2016-07-01"),
    ("1 июля 2016", "2016-07-01"), ("25 décembre 2023", "2023-12-25"), ("1 de julio de 2016", "2016-07-01"),
    ("1. Juli 2016", "2016-07-01"), ("3 maggio 2021", "2021-05-03"),
])
def test_dates_in_every_common_form(written, iso):
    assert parse_date(written) == iso


def test_seed_files_are_the_shipped_demo_data():
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == [
        "000_85e21476b82cfa0b.txt", "003_f0de7d366924c62c.txt"]


@pytest.mark.parametrize("line, kind", [
    ("(Reporting by Greg Roumeliotis in New York; Editing by Richard Chang)", "boilerplate"),
    ("Additional reporting by Jane Doe", "boilerplate"),
    ("All...", "boilerplate"),
    ("Sign up for our daily newsletter", "boilerplate"),
    ("Related: Senate passes the budget", "boilerplate"),
    ("READ MORE: How the vote unfolded", "boilerplate"),
    ("NISSAN SENTRA", "heading"),
    ("THE VERDICT", "heading"),
    ("More than 100 people were evacuated on Monday.", None),
    ("Watch the video below.", None),
    ("The minister said the deal was close.", None),
    ("NATO said it would not comment.", None),
])
def test_furniture_lines_are_told_from_text(line, kind):
    from datasette_attribution.extract.boilerplate import furniture_kind

    assert furniture_kind(line) == kind


def test_a_paywalled_dump_with_a_short_body_among_much_furniture_still_loads():
    menu = "\n".join(f"* {item}" for item in ("Home", "World", "U.S.", "Politics", "Economy", "Business",
                                               "Tech", "Markets", "Opinion", "Life & Arts", "Real Estate"))
    page = (f"{menu}\nSubscribe Sign In\n\nTalks on the port deal stall as unions dig in\n\nBy\nJane Doe\n"
            "Nov. 19, 2019 8:03 am ET\n\n"
            "Negotiations over the future of the city's container port stalled on Tuesday, as the two largest "
            "unions refused to return to the table without a written guarantee on jobs.\n\n"
            "The port authority said it had offered to keep every current position for five years, an offer "
            "the unions called too vague to put to their members.\n\nAll...\n\nTo Read the Full Story\n"
            f"Subscribe Sign In\n\nMost Popular Videos\n{menu}\n")
    article = to_article(RawDocument("port.txt", "port.txt", "text", page))
    assert [p.text[:40] for p in article.paragraphs] == [
        "Negotiations over the future of the city", "The port authority said it had offered t"]


MENU = "\n".join(f"* {item}" for item in ("Home", "World", "U.S.", "Politics", "Economy", "Business",
                                          "Tech", "Markets", "Opinion", "Life & Arts", "Real Estate"))
BODY = ("Negotiations over the future of the city's container port stalled on Tuesday, as the two largest "
        "unions refused to return to the table without a written guarantee on jobs for their members.\n\n"
        "The port authority said it had offered to keep every current position for five years, an offer "
        "the unions called too vague to put to their members at a meeting next week.\n\n"
        "A spokesman for the dockers' union said talks could resume once the authority put its offer in "
        "writing, and that no strike had been called so far.\n\n")


def test_a_header_the_line_classifier_kept_as_text_is_cut_from_the_body():
    # As on a real dump: headline, standfirst and signature kept at the top of the
    # body. They are the article's header: the text starts after the dateline.
    header = ("Talks on the Port Deal Stall as Unions Dig In\n"
              "Both sides say a deal is close. Neither will move first, and the ships are waiting.\n"
              "By\nJane Doe\nThe Harbour Times\nNov. 19, 2019 8:03 am ET\n")
    blocks = blocks_of(header + BODY)
    assert header_length(blocks, list(range(len(blocks)))) == 6
    # A body that starts with its text keeps it, dates further down and all.
    blocks = blocks_of(BODY + "Nov. 19, 2019\n" + BODY)
    assert header_length(blocks, list(range(len(blocks)))) == 0


@pytest.mark.parametrize("above_the_body, title", [
    # A lead ending in a full stop is prose, not a headline: none is better than it.
    ("The port authority said on Tuesday that talks with the unions had stalled.\n\nBy Jane Doe", None),
    # A teaser ending in an ellipsis is not one either.
    ("Port talks stall as unions and the authority trade blame ...\n\nBy Jane Doe", None),
    # Of two headline-like lines in a row, the first is the headline, the second its deck.
    ("Port Talks Stalled as Unions Want Jobs Guarantee in Writing\n\n"
     "Unions Refused to Return to the Table Without a Written Guarantee on Jobs\n\nBy Jane Doe",
     "Port Talks Stalled as Unions Want Jobs Guarantee in Writing"),
    # A gallery's captions are a list, not headlines (nor is the short line above them).
    ("Port Unions Hold Out\n\nAnn Hughes Dockers Union\n\nTom Price Port Authority\n\n"
     "Ann Hughes Dockers Union Meeting", None),
    # A headline may end in an abbreviation.
    ("Port Talks Stall as Unions Seek Guarantees From the U.S.\n\nBy Jane Doe",
     "Port Talks Stall as Unions Seek Guarantees From the U.S."),
    # A photo's credit above the byline is no headline; a headline of two sentences
    # ends like prose and is one ("New obesity drugs are coming. Here's how ...").
    ("Unions Say the Port Deal Is Dead. The Authority Is Not So Sure.\n\nJustin Sullivan | Getty Images\n\n"
     "By Jane Doe", "Unions Say the Port Deal Is Dead. The Authority Is Not So Sure."),
    # A list of other stories, each over its date, is not this one's headline.
    ("No Deal Yet for the Container Port as Talks Drag On\nJane Doe View More Articles\n"
     "The authority offered five years. The unions want it in writing.\nPorts Nov. 19, 2019 13:42\n"
     "MORE STORIES LIKE THIS ONE\n"
     "Dockers Union Calls a Strike Vote Over Port Jobs\nNov. 2, 2019\n"
     "Port Authority Names a New Chief as Unions Wait for Jobs Guarantee\nOct. 28, 2019\n"
     "Unions and Port Sign Jobs Deal for Five Years\nJuly 30, 2010",
     "No Deal Yet for the Container Port as Talks Drag On"),
    # Share buttons between the headline and its byline; a video's title below.
    ("Port Talks Stalled as Unions Want Jobs Guarantee in Writing\n"
     "The authority offered five years. The unions want it in writing.\n"
     "* Facebook\n* Twitter\n* Comments\n* Print\n* Email\nBy Jane Doe\nvideo\n"
     "Dockers' Union Leader on Why the Port Authority's Offer Is Too Vague for Members\n"
     "The union leader explains why the offer was turned down.",
     "Port Talks Stalled as Unions Want Jobs Guarantee in Writing"),
])
def test_the_headline_of_a_text_dump(above_the_body, title):
    body = BODY.replace("A spokesman for the dockers' union", "Ann Hughes of the dockers' union")
    page = f"{MENU}\n\n{above_the_body}\nNov. 19, 2019\n\n{body}{MENU}\n"
    assert to_article(RawDocument("port.txt", "port.txt", "text", page)).title == title


@pytest.mark.parametrize("beside_the_date, byline", [
    ("By Jane Doe", "Jane Doe"),
    # A photo's caption beside the dateline, naming the union leader the story quotes.
    ("Ann Hughes Dockers", None),
])
def test_a_name_beside_the_dateline_is_the_byline_unless_the_story_is_about_them(beside_the_date, byline):
    body = BODY.replace("A spokesman for the dockers' union", "Ann Hughes, who leads the dockers' union,")
    page = (f"{MENU}\n\nPort Talks Stalled as Unions Want Jobs Guarantee in Writing\n\n{beside_the_date}\n"
            f"Nov. 19, 2019\n\n{body}{MENU}\n")
    assert to_article(RawDocument("port.txt", "port.txt", "text", page)).byline == byline


@pytest.mark.parametrize("under_the_headline, standfirst", [
    ("Both sides say a deal is close. Neither will move first, and the ships are waiting.",
     "Both sides say a deal is close. Neither will move first, and the ships are waiting."),
    # A byline or a picture's credit under the headline is no standfirst.
    ("By Jane Doe and Tom Roe, Harbour Times staff writers", None),
    ("By: Jane Doe , Tom Roe - @harbourtimes", None),
    ("Dockers gather at the gate on Monday. (John Smith/Harbour Times via AP)", None),
])
def test_the_line_under_a_text_dumps_headline_is_its_standfirst_unless_it_signs_or_credits(
        under_the_headline, standfirst):
    page = (f"{MENU}\n\nPort Talks Stalled as Unions Want Jobs Guarantee in Writing\n\n{under_the_headline}\n"
            f"Nov. 19, 2019\n\n{BODY}{MENU}\n")
    assert to_article(RawDocument("port.txt", "port.txt", "text", page)).standfirst == standfirst


def test_a_dateline_closing_the_text_is_metadata_and_checks_the_headlines_date():
    signed_body = BODY + "Posted 2019-11-19 17:27:46 by Jane Doe\n\n"  # kept by the line classifier
    # No dateline above: the closing one dates the article and leaves the text.
    page = f"{MENU}\n\nPort Talks Stalled as Unions Want Jobs Guarantee in Writing\n\n{signed_body}{MENU}\n"
    article = to_article(RawDocument("port.txt", "port.txt", "text", page))
    assert (article.published, article.byline) == ("2019-11-19T17:27:46", "Jane Doe")
    assert article.paragraphs[-1].text.startswith("A spokesman for the dockers' union")
    # A dateline above that is another day's heads another story: that headline is
    # not this article's.
    page = (f"{MENU}\n\nPort Talks Stalled as Unions Want Jobs Guarantee in Writing\n\nJuly 30, 2010\n\n"
            f"{signed_body}{MENU}\n")
    article = to_article(RawDocument("port.txt", "port.txt", "text", page))
    assert (article.title, article.published) == (None, "2019-11-19T17:27:46")


@pytest.mark.parametrize("closing", [
    # A correction's date, a later day's, under a header that says the story was updated.
    "Nov. 21, 2019 9:25 AM ET\n\n",
    # A related post listed after the story: an earlier day's.
    "James Maguire - July 30, 2018 0\n\n",
])
def test_a_closing_dateline_that_is_no_other_storys_leaves_the_headline_and_its_date(closing):
    page = (f"{MENU}\n\nPort Talks Stalled as Unions Want Jobs Guarantee in Writing\n\n"
            f"Jane Doe · Posted: Nov 19, 2019 8:25 AM EST | Last Updated: November 21\n\n{BODY}{closing}{MENU}\n")
    article = to_article(RawDocument("port.txt", "port.txt", "text", page))
    assert (article.title, article.published) == (
        "Port Talks Stalled as Unions Want Jobs Guarantee in Writing", "2019-11-19T08:25:00-05:00")


def test_an_embedded_posts_credit_closing_the_text_does_not_date_the_story():
    tweet = ("The port is open for business and our members are ready to work.\n"
             "— Ann Hughes (@annhughes_docks) November 18, 2019\n\n")
    page = f"{MENU}\n\nPort Talks Stalled as Unions Want Jobs Guarantee in Writing\n\n{BODY}{tweet}{MENU}\n"
    assert to_article(RawDocument("port.txt", "port.txt", "text", page)).published is None


def test_a_dateline_just_after_the_text_signs_it_even_when_left_out_of_the_text():
    page = (f"{MENU}\n\nPort Talks Stalled as Unions Want Jobs Guarantee in Writing\n\n{BODY}"
            f"Nov. 19, 2019 8:03 am ET\n\n{MENU}\n")
    article = to_article(RawDocument("port.txt", "port.txt", "text", page))
    assert article.published == "2019-11-19T08:03:00-05:00"  # "ET" in November: Eastern Standard Time
    assert article.paragraphs[-1].text.startswith("A spokesman for the dockers' union")


def test_a_newsletter_the_furniture_advertises_is_not_the_outlet():
    furniture = ("* Pick Six Podcast\n* Pick Six Newsletter\n"
                 'I agree that we can send me the "Pick Six Newsletter" newsletter.\n')
    page = (f"{MENU}\n{furniture}\nPort Talks Stalled as Unions Want Jobs Guarantee in Writing\n\n"
            f"By Jane Doe\nNov. 19, 2019\n\n{BODY}{MENU}\n{furniture}")
    assert to_article(RawDocument("port.txt", "port.txt", "text", page)).outlet is None


def test_a_blogs_header_line_of_name_date_and_labels_is_its_dateline():
    # As on a real blog: an advert above the headline in the body's own words, then
    # the author, the date and the post's labels on one line.
    advert = 'Download the free ebook "Unions, Jobs and the Port: What the Talks Mean for the City"'
    page = (f"{MENU}\n\n{advert}\n\nPort Talks Stalled as Unions Want Jobs Guarantee in Writing\n\n"
            f"Jane Doe 19/11/2019 Comment! Ports , Unions , City Economy\n\n{BODY}{MENU}\n")
    article = to_article(RawDocument("port.txt", "port.txt", "text", page))
    assert (article.title, article.published, article.byline) == (
        "Port Talks Stalled as Unions Want Jobs Guarantee in Writing", "2019-11-19", "Jane Doe")


@pytest.mark.parametrize("line, found", [
    ("Jane Doe 19/11/2019 Comment! Ports , Unions , City Economy", ("2019-11-19", "Jane Doe")),
    ("By Jane Doe | Nov. 19, 2019 | 4 comments | Ports, Unions, City Economy", ("2019-11-19", "By Jane Doe")),
    # A sentence that names someone and a date is no dateline.
    ("Jane Doe said on 19/11/2019 that the unions would not sign before the meeting", None),
    ("By Jane DoeDec 22, 2023", ("2023-12-22", "By Jane Doe")),  # glued by the page's markup
    ("Daisy-Mae Schmitt Dec 05, 2023 2 Shares 1530 Views", ("2023-12-05", "Daisy-Mae Schmitt")),
    ("Politics Dec 22, 2023 10:59 AM EST", ("2023-12-22T10:59:00-05:00", "Politics")),
])
def test_a_dateline_is_a_date_with_at_most_a_name_before_it(line, found):
    assert date_in_line(line) == found


def test_a_page_in_a_script_written_without_spaces_loads_with_its_body():
    page = (f"{MENU}\nログイン\n\n東京の港湾労組、雇用保証を求めて交渉を中断\n\n2023年12月22日 18時54分\n\n"
            "東京港の将来をめぐる交渉は火曜日に行き詰まり、二つの最大労働組合は雇用の書面による保証がない限り"
            "交渉の席に戻らないと表明した。\n\n"
            "港湾当局は現在のすべての職を五年間維持すると提案したが、組合側は組合員に示すにはあいまいすぎると"
            "反発している。\n\n"
            "組合の広報担当者は、当局が提案を文書で示せば交渉を再開できると述べ、これまでにストライキは"
            "予定されていないと説明した。\n\n"
            f"関連記事\n{MENU}\n")
    article = to_article(RawDocument("minato.txt", "minato.txt", "text", page))
    assert [p.text[:6] for p in article.paragraphs][-3:] == ["東京港の将来", "港湾当局は現", "組合の広報担"]


def test_a_caption_repeats_a_line_with_a_credit_added_but_a_name_alone_makes_no_captions():
    from datasette_attribution.extract.boilerplate import is_caption

    texts = {"Firefighters at the scene on Monday", "Mélanie Laurent",
             "Firefighters at the scene on Monday Photo by Jane Doe for The Tribune",
             "Mélanie Laurent is rumored to have dated Bradley Cooper in November 2011."}
    found = {text: is_caption(blocks_of(text)[0], texts) for text in texts}
    assert found == {"Firefighters at the scene on Monday": True, "Mélanie Laurent": False,
                     "Firefighters at the scene on Monday Photo by Jane Doe for The Tribune": True,
                     "Mélanie Laurent is rumored to have dated Bradley Cooper in November 2011.": False}


def test_a_dateline_in_chinese_at_the_top_of_the_body_is_the_date_and_never_text():
    body = ("港口谈判周二陷入僵局。\n\n双方表示，协议已接近达成，但谁都不愿先让步。\n\n"
            "码头工人说，他们希望得到书面保证。\n")
    page = f"{MENU}\n\n港口谈判陷入僵局\n\n2023年7月31日 10:25 来源：新华网\n\n{body}{MENU}\n"
    article = to_article(RawDocument("port.txt", "port.txt", "text", page))
    assert article.published == "2023-07-31T10:25:00"
    assert "2023年" not in article.body and article.body.startswith("港口谈判周二")


def test_a_dateline_at_the_top_of_the_body_is_the_date_and_never_text():
    page = (f"{MENU}\n\nPort Talks Stalled as Unions Want Jobs Guarantee in Writing\n\n"
            "Both sides say a deal is close, but neither will move first while the ships wait offshore.\n\n"
            f"Mon 18 Nov 2019 18.54 GMT Last modified on Mon 18 Nov 2019 19.10 GMT\n\n{BODY}{MENU}\n")
    article = to_article(RawDocument("port.txt", "port.txt", "text", page))
    assert article.published == "2019-11-18T18:54:00+00:00"
    assert article.paragraphs[0].text.startswith("Negotiations over the future")
    assert "GMT" not in article.body


def _dump(furniture_top: str, furniture_bottom: str, headline="Port Talks Stalled as Unions Want Jobs Guarantee"):
    page = f"{MENU}\n{furniture_top}\n\n{headline}\n\nBy Jane Doe\nNov. 19, 2019\n\n{BODY}{furniture_bottom}\n{MENU}\n"
    return to_article(RawDocument("port.txt", "port.txt", "text", page))


def test_a_text_dumps_outlet_is_the_copyright_holder_that_names_itself_elsewhere_never_its_parent():
    own = _dump("The Harbour Post\nSubscribe to our newsletters", "About The Harbour Post\n"
                "Copyright © 2019 The Harbour Post, Inc. All rights reserved.")
    parent = _dump("Subscribe to our newsletters", "About Ziff Davis\n"
                   "© 2001-2019 Ziff Davis, LLC., a Ziff Davis company. All rights reserved.")
    alone = _dump("Subscribe to our newsletters", "© 2019 Hearst Communications, Inc. All rights reserved.")
    assert (own.outlet, parent.outlet, alone.outlet) == ("The Harbour Post", None, None)


@pytest.mark.parametrize("top, bottom, outlet", [
    # Menus and a footer that frame the name as a site's own, with the parent's copyright.
    ("Harbour Gamer THE GLOBAL AUTHORITY ON PORTS\n* About Harbour Gamer",
     "Harbour Gamer is part of Future plc, an international media group and leading digital publisher.\n"
     "© Future Publishing Limited Quay House, The Ambury, Bath BA1 1UA. All rights reserved.", "Harbour Gamer"),
    ("* Harbour Life Shop\n* Contact Harbour Life", "More from Harbour Life\n"
     "© 2023 Condé Nast. All rights reserved. Harbour Life may earn a portion of sales from products.", "Harbour Life"),
    # "The" where the page writes it before the name alone, not in another name.
    ("+ Work for The Harbour\n* Contributors to The Harbour", "* The Harbour Apps\n"
     "© 1998 - 2024 Nexstar Media Inc. | All Rights Reserved.", "The Harbour"),
    # A short name the copyright line spells out in full; one name whatever the case.
    ("* HPT Store\n* Advertise with HPT",
     "All material Copyright © Harbour Port Times LLC. All rights reserved.", "Harbour Port Times"),
    # A masthead line beside the copyright line; a domain written as a name.
    ("Harbour Newsnet", "Copyright 2023 Harbour Newsnet - tutti i diritti riservati", "Harbour Newsnet"),
    ("Harbour Company", "Harbourcompany.com adheres to NewsGuard's nine standards of credibility.\n"
     "About Harbourcompany.com", "Harbour Company"),
    # A holder the page writes in a longer name almost wherever it writes it: that name.
    ("* CBS Sports Home\n+ CBS Sports HQ\n+ College Basketball on CBS\n+ Watch CBS Sports Network",
     "© 2004-2024 CBS Interactive. All Rights Reserved.\n"
     "CBS Sports is a registered trademark of CBS Broadcasting Inc.", "CBS Sports"),
    # Frames of a site's search box, its sign-in and its newsletter pitch; a name of a word
    # the web uses everywhere ("News") beside one of its own.
    ("Search Search Harbour's Hardware", "Join the experts who read Harbour's Hardware for the inside track",
     "Harbour's Hardware"),
    ("Harbour Post - Back to home Harbour Post", "* Log in to your Harbour Post account", "Harbour Post"),
    ("* Harbour News Tipline\n* Follow Harbour News", "* Harbour News Site Map", "Harbour News"),
    ("* Get the best of HarbourStreet to your inbox",
     "Sign up now to get the HarbourStreet's breaking news", "HarbourStreet"),
    # ... but not when it writes it in several ("NFL Films", "NFL Shop") or alone as often.
    ("* NFL Power Rankings\n+ NFL Films\n+ NFL Shop\n+ NFL Network\n* NFL Power Rankings, Week 16",
     "© 2023 NFL Enterprises LLC. NFL and the NFL shield design are registered trademarks.", "NFL"),
])
def test_a_text_dumps_outlet_is_the_name_its_furniture_frames_as_the_sites_own(top, bottom, outlet):
    assert _dump(f"{top}\nSubscribe to our newsletters", bottom).outlet == outlet


@pytest.mark.parametrize("top, bottom", [
    # Topics, people, product menus, platforms and links are framed too, never the outlet.
    ("* Follow The Finals\n* More On The Finals", "More from Emily Price\n* About Emily Price"),
    ("o Android Apps\n- All Android Apps\n* Smart Home", "+ Smart Home\n- The Best Android Apps for 2023"),
    ("shared a link: https://www.unifrance.org/annuaires/personne/201704",
     "shared a link: https://www.unifrance.org/annuaires/personne/19001"),
    ("pic.twitter.com/xUq2 — Harbour Ports (@ports) December 22, 2023", "pic.twitter.com/9aBc"),
    ("* College Shop", "+ College Shop\nCommissioner.com is a registered trademark of CBS Interactive Inc."),
    ("", "Reprinted by permission. Copyright 2022 Amy Gallo. All rights reserved.\n* About Amy Gallo"),
])
def test_a_text_dump_framing_topics_people_menus_or_links_has_no_outlet(top, bottom):
    assert _dump(f"{top}\nSubscribe to our newsletters", bottom).outlet is None


@pytest.mark.parametrize("line", [
    "By Thomas W. Smith", "Review by Rick Lane Contributor", "Starr Bowenbank , Rania Aniftos , Anna Chan",
    "Seattle Times staff reporter",
    "Legal challenges are pending in at least 16 states. Credit... Doug Mills/The New York Times",
    "Illustration on port unions by Alexander Hunter/The Harbour Times … more >",
])
def test_a_byline_an_authors_box_or_a_credit_is_never_the_title(line):
    assert _dump("Subscribe to our newsletters", "", headline=line).title is None


def test_a_byline_away_from_any_dateline_still_signs_the_story():
    page = (f"{MENU}\n\nPort Talks Stalled as Unions Want Jobs Guarantee\n\nBy Jane Doe Staff Writer\n\n"
            f"Share this article\n\n{BODY}{MENU}\n")
    assert to_article(RawDocument("port.txt", "port.txt", "text", page)).byline == "Jane Doe"


@pytest.mark.parametrize("signature, byline", [
    ("Jessica Ramos Wellness Writer", "Jessica Ramos"), ("Sarah Blake Worcester Telegram & Gazette", "Sarah Blake"),
    ("Karen Hollis@_karenhollis", "Karen Hollis"), ("* By Jessica Ramos", "Jessica Ramos"),
])
def test_a_byline_with_the_writers_desk_paper_or_handle_beside_the_name_signs_the_story(signature, byline):
    page = (f"{MENU}\n\nPort Talks Stalled as Unions Want Jobs Guarantee\n\n{signature}\nNov. 19, 2019\n\n"
            f"{BODY}{MENU}\n")
    assert to_article(RawDocument("port.txt", "port.txt", "text", page)).byline == byline


@pytest.mark.parametrize("section", ["World", "Arts", "Politics"])
def test_a_section_beside_the_dateline_never_signs_the_story(section):
    page = (f"{MENU}\n\nPort Talks Stalled as Unions Want Jobs Guarantee\n\n{section} Dec 22, 2023\n\n"
            f"{BODY}{MENU}\n")
    article = to_article(RawDocument("port.txt", "port.txt", "text", page))
    assert (article.byline, article.published) == (None, "2023-12-22")


def test_a_byline_above_a_long_header_of_pictures_and_share_buttons_still_signs_the_story():
    buttons = "\n".join(f"Share on {site}\nPhoto: {site} Images" for site in ("Facebook", "Twitter", "Reddit",
                                                                             "LinkedIn", "Email", "WhatsApp")
                        for _ in range(3))
    page = (f"{MENU}\n\nPort Talks Stalled as Unions Want Jobs Guarantee\n\nBy Rick Dunn\n\n{buttons}\n\n"
            f"Nov. 19, 2019\n\n{BODY}{MENU}\n")
    assert to_article(RawDocument("port.txt", "port.txt", "text", page)).byline == "Rick Dunn"


@pytest.mark.parametrize("opening, text", [
    ("H ong Kong's port unions said on Tuesday", "Hong Kong's port unions said on Tuesday"),
    ("F our unions said on Tuesday", "Four unions said on Tuesday"),
    ("A fter four days of talks, the unions said", "After four days of talks, the unions said"),
    # A letter that is a word, or a name of one letter, stays.
    ("A new offer came on Tuesday, the unions said", "A new offer came on Tuesday, the unions said"),
    ("X is where the unions said", "X is where the unions said"),
])
def test_a_drop_cap_set_apart_from_its_word_is_joined_to_it(opening, text):
    body = BODY.replace("Negotiations over the future", f"{opening} negotiations over the future", 1)
    page = f"{MENU}\n\nPort Talks Stalled as Unions Want Jobs Guarantee\n\nBy Jane Doe\nNov. 19, 2019\n\n{body}{MENU}\n"
    article = to_article(RawDocument("port.txt", "port.txt", "text", page))
    assert article.paragraphs[0].text.startswith(f"{text} negotiations over the future")


@pytest.mark.parametrize("dateline, published", [
    ("By Jane ODec. 18, 2023 9:00 am EST", "2023-12-18T09:00:00-05:00"),  # the month glued to an initial
    ("Published Fri, Dec 22 20234:46 AM ESTUpdated 1 Min Ago", "2023-12-22T04:46:00-05:00"),  # year glued to time
])
def test_a_dateline_glued_together_by_the_pages_markup(dateline, published):
    assert date_in_line(dateline)[0] == published


def test_a_dateline_that_gives_the_updated_time_first_dates_the_story_by_its_publication():
    line = "Last Updated: Dec. 23, 2023 at 6:33 a.m. ET First Published: Dec. 18, 2023 at 4:12 p.m. ET"
    assert date_in_line(line)[0] == "2023-12-18T16:12:00-05:00"
    assert date_in_line("Published Dec. 18, 2023 Updated Dec. 23, 2023")[0] == "2023-12-18"


COAST_STORY = [
    "Storm closes Highway 1 near Big Sur for the second time this winter", "Kent German", "Dec. 22, 2023",
    "Caltrans closed a 20-mile stretch of Highway 1 south of Big Sur on Thursday after a rockslide buried both "
    "lanes near Lucia, the agency said in a statement.",
    "Crews began clearing the debris on Friday morning, but officials said the road would likely stay closed "
    "through the weekend while geologists checked the slope above it.",
    "Residents of the small coastal communities south of the slide were told to use Nacimiento-Fergusson Road, "
    "a narrow mountain route, to reach Highway 101.",
    "The same stretch was closed for nearly three months last winter after storms sent a series of slides onto "
    "the road, cutting off businesses that depend on tourists."]


@pytest.mark.parametrize("furniture, outlet", [
    # A staff writer's box beside a menu's frame names the site.
    ((["* News", "* Travel", "* About SFGATE"],
      ["Kent German is a News Editor at SFGATE. A California native, he covers the coast.", "* Privacy"]), "SFGATE"),
    # Three menu lines frame it ("About", "Contact", "Best of"), each of which pages also use for people.
    ((["* About SFGATE", "* Contact SFGATE", "* News"], ["BEST OF SFGATE", "* Privacy"]), "SFGATE"),
    # Once, in a writer's box alone, it may be where the writer works, not this page's site.
    ((["* News", "* Travel"], ["Kent German is a News Editor at SFGATE.", "* Privacy"]), None),
])
def test_a_text_dumps_outlet_from_its_writers_box_and_its_menus(furniture, outlet):
    header, footer = furniture
    page = "\n\n".join(header + COAST_STORY + footer)
    assert to_article(RawDocument("story.txt", "story.txt", "text", page)).outlet == outlet
