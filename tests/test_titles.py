"""The headline as a learned choice among the page's candidates: what the pages
declare in HTML, the lines above the body in a text dump."""

import numpy
import pytest
from test_html_pages import HARBOUR
from test_page_extraction import BODY, MENU

from datasette_attribution.extract import bylines, titles
from datasette_attribution.extract.boilerplate import blocks_of
from datasette_attribution.ingest.formats import to_article
from datasette_attribution.records import RawDocument


def text_page(above_the_body: str) -> str:
    return f"{MENU}\n\n{above_the_body}\nNov. 19, 2019\n\n{BODY}{MENU}\n"


@pytest.mark.parametrize("header", [
    # A picture's caption with its credit, between the headline and the byline.
    ("Port Talks Stalled as Unions Want Jobs Guarantee in Writing\n"
     "Dockers at the container port on Monday. Credit... Anna Moneymaker/The Harbour Times\nBy Jane Doe"),
    # The reporters and their paper on one line under the headline.
    ("Port Talks Stalled as Unions Want Jobs Guarantee in Writing\n"
     "Lisa Kaczke and Trevor J. Mitchell Sioux Falls Argus Leader"),
    # A deck under the headline, and a link to another story above it.
    ("* Dockers Vote on Strike Next Week\n"
     "Port Talks Stalled as Unions Want Jobs Guarantee in Writing\n"
     "The authority offered five years, but the unions want the promise in writing first\nBy Jane Doe"),
])
def test_a_text_dumps_headline_is_neither_a_caption_a_byline_nor_a_link(header):
    article = to_article(RawDocument("port.txt", "port.txt", "text", text_page(header)))
    assert article.title == "Port Talks Stalled as Unions Want Jobs Guarantee in Writing"


def test_an_html_pages_headline_is_its_h1_over_a_title_rewritten_for_search():
    page = HARBOUR.read_text("utf-8")
    head = ('<title>Harbour Bridge Closure 2023: Dates, Diversions and Buses | The Coastal Tribune</title>'
            '<meta property="og:title" content="Harbour bridge closure: what you need to know">'
            '</head>')
    page = page.replace(page[page.index("<title>"):page.index("</head>") + len("</head>")], head)
    article = to_article(RawDocument("harbour.html", "harbour.html", "html", page,
                                     {"url": "https://www.coastaltribune.com/news/harbour-bridge-to-close"}))
    assert article.title == "Harbour bridge to close for repairs"


def test_the_sites_name_is_never_a_candidate():
    candidates = titles.html_candidates(
        [("h1", "The Coastal Tribune"), ("title_whole", "Harbour bridge to close | Coastal Tribune"),
         ("title_first", "Harbour bridge to close"), ("title_last", "Coastal Tribune")],
        None, "The harbour bridge will close for repairs.", "https://coastaltribune.com/x", "The Coastal Tribune",
        None)
    assert [c.text for c in candidates] == ["Harbour bridge to close"]


def test_never_a_headline():
    assert [titles.never_a_headline(line) for line in (
        "By Jane Doe", "Nov. 19, 2019 8:03 am ET", "Port talks stall as unions trade blame ...",
        "The port authority said on Tuesday that talks had stalled.",
        "New port rules are coming. Here's how they could change everything.",
        "Port Talks Stall as Unions Seek Guarantees From the U.S.")] == [True, True, True, True, False, False]


def test_a_model_trained_on_other_features_is_refused():
    model = dict(titles.load_model("text"))
    model["feature_names"] = numpy.asarray(["words", "lead_share"])
    blocks = blocks_of("Port Talks Stalled as Unions Want Jobs Guarantee\nBy Jane Doe")
    candidates = titles.text_candidates(blocks, BODY, None, None, [None, None])
    with pytest.raises(titles.TitleModelError, match="retrain it with training/train_titles.py"):
        titles.choose(candidates, "text", model)


@pytest.mark.parametrize("signature, byline", [
    # The name over the author's role, no "By" and no date beside it.
    ("Jane Doe\nContributing Reporter", "Jane Doe"),
    # "By" alone on its line, the name and the site under it.
    ("By\n* Jane Doe, harbourtimes.com", "Jane Doe"),
    # The dateline's label glued to the name by the page's markup.
    ("By Jane DoePublished Nov. 19, 2019", "Jane Doe"),
])
def test_a_text_dumps_byline_is_chosen_among_the_names_around_its_header(signature, byline):
    page = (f"{MENU}\n\nPort Talks Stalled as Unions Want Jobs Guarantee in Writing\n\n{signature}\n\n"
            f"{BODY}{MENU}\n")
    assert to_article(RawDocument("port.txt", "port.txt", "text", page)).byline == byline


def test_a_name_the_story_speaks_of_is_no_byline_unless_signed():
    body = BODY.replace("A spokesman for the dockers' union", "Ann Hughes, who leads the dockers' union,")
    header = "Port Talks Stalled as Unions Want Jobs Guarantee in Writing\n\nAnn Hughes Dockers\nNov. 19, 2019"
    signers = [bylines.Line(block, "above", i) for i, block in enumerate(blocks_of(header))]
    assert bylines.text_candidates(signers, blocks_of(header), 0, 4, body, None, None) == []


@pytest.mark.parametrize("headline", [
    # A comma between capitalised phrases lists no names.
    "On Abortion, One Size Won’t Fit All",
    # "Credit" and "fellow" as a headline's words, not a credit's or an author's box.
    "‘Revenge Spending’ Drives Ballooning US Credit Card Balances",
    "How Seahawks’ remaining schedule compares with fellow contenders in push for playoffs",
])
def test_a_headlines_words_are_no_credit_nor_byline(headline):
    assert not titles.never_a_headline(headline)


def test_a_text_dumps_headline_repeated_in_its_title_bar_is_no_caption():
    header = ("Port Talks Stalled as Unions Want Jobs Guarantee in Writing | Harbour Times Loaded\n\n"
              "Port Talks Stalled as Unions Want Jobs Guarantee in Writing\n\nBy Jane Doe")
    article = to_article(RawDocument("port.txt", "port.txt", "text", text_page(header)))
    assert article.title == "Port Talks Stalled as Unions Want Jobs Guarantee in Writing"


def test_a_logos_text_and_a_section_label_glued_to_the_headline_are_no_candidates():
    candidates = titles.html_candidates(
        [("h1", "COASTAL TRIBUNE Coastal Tribune Logo"), ("h1", "News Harbour bridge to close for repairs"),
         ("og", "Harbour bridge to close for repairs")],
        None, "The harbour bridge will close for repairs.", "https://coastaltribune.com/x", "The Coastal Tribune",
        None)
    assert [c.text for c in candidates] == ["Harbour bridge to close for repairs"]


def test_the_rules_score_a_headline_its_title_bar_repeats():
    from datasette_attribution.extract.metadata import headline_scores

    header = blocks_of("Port Talks Stalled as Unions Want Jobs Guarantee | Harbour Times Loaded\n\n"
                       "Port Talks Stalled as Unions Want Jobs Guarantee\n\nBy Jane Doe")
    scores = headline_scores(header, BODY)
    assert scores[0] is None and scores[1] is not None and scores[1] > 1.0



def test_an_h1_another_declared_title_agrees_with_is_marked_agreed():
    candidates = titles.html_candidates(
        [("h1", "Harbour bridge to close for repairs"), ("og", "Harbour bridge to close for repairs"),
         ("twitter", "Everything you need to know about the bridge")],
        None, "The harbour bridge will close for repairs.", "https://coastaltribune.com/x", "The Coastal Tribune",
        None)
    assert [(c.text, c.features["h1_agreed"]) for c in candidates] == [
        ("Harbour bridge to close for repairs", 1.0), ("Everything you need to know about the bridge", 0.0)]

