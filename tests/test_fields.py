"""Page metadata made fit to facet on: outlets, titles and bylines as pages fill them."""

import pytest

from datasette_attribution.extract.fields import clean_byline, clean_outlet, clean_title


@pytest.mark.parametrize("title, outlet, url, expected", [
    ("Best tech gadgets of 2019 | ZDNet", "ZDNet", "https://www.zdnet.com/article/x", "Best tech gadgets of 2019"),
    ("Opinion | Republicans Are Following Trump to Nowhere", "The New York Times", "https://www.nytimes.com/x",
     "Republicans Are Following Trump to Nowhere"),
    ("New York State Attorney General reportedly investigating WeWork – TechCrunch", "TechCrunch",
     "https://techcrunch.com/x", "New York State Attorney General reportedly investigating WeWork"),
    ("Spiced Honey Pear Jam Recipe | The Anti-June Cleaver", "The Anti-June Cleaver", None,
     "Spiced Honey Pear Jam Recipe"),
    ("BREAKING: Senate adjourns over defections", "The Paradigm", None, "Senate adjourns over defections"),
    # A colon or dash inside a headline that names no site stays.
    ("Trump: the deal is off - analysis", "BBC", "https://www.bbc.co.uk/news/x", "Trump: the deal is off - analysis"),
    ("Harbour reopens after storm", None, None, "Harbour reopens after storm"),
    # A label of the page's media after the headline, a breadcrumb before it.
    ("Cat video beamed to Earth from 19 million miles away (video)", None, None,
     "Cat video beamed to Earth from 19 million miles away"),
    ("Dan + Shay Bring 'Bigger Houses' to Show Finale [Watch]", None, None,
     "Dan + Shay Bring 'Bigger Houses' to Show Finale"),
    ("News / India News / Navy, coast guard swing into action", None, None, "Navy, coast guard swing into action"),
    ("A Complete List of Solo Projects (So Far)", None, None, "A Complete List of Solo Projects (So Far)"),
])
def test_titles_lose_the_site_name_and_section_label(title, outlet, url, expected):
    assert clean_title(title, outlet, url) == expected


def test_a_title_that_starts_with_the_pages_site_name_and_tagline():
    assert clean_title("LinkNaija | Nigeria's popular news platform: Kate Henshaw Is Looking Stunning",
                       "LinkNaija", None, site_name="LinkNaija | Nigeria's popular news platform") == (
        "Kate Henshaw Is Looking Stunning")


@pytest.mark.parametrize("outlet, url, expected", [
    ("Autoracing | F1 | Indy | MotoGP | StockCar", "http://www.autoracing.com.br/x", "autoracing.com.br"),
    ("Copyright 2014", "https://www.wday.com/news/x", "wday.com"),
    ("https://www.hawaiinewsnow.com", "https://www.hawaiinewsnow.com/2019/x", "hawaiinewsnow.com"),
    ("Hosted", "https://apnews.com/x", "apnews.com"),
    ("Wday_", "https://www.wday.com", "Wday"),
    ("LinkNaija | Nigeria's popular news platform", None, "LinkNaija"),
    ("Remember 80/90 - Memorabilia anni 80/90", "http://www.remember8090.it/x", "Remember 80/90"),
    ("NBC 5 Dallas-Fort Worth", "https://www.nbcdfw.com/x", "NBC 5 Dallas-Fort Worth"),
    ("Business Insider", None, "Business Insider"),
    (None, "https://www.ascom.com/news/x", "ascom.com"),
    (None, None, None),
])
def test_outlets_are_names_never_menus_copyright_lines_or_urls(outlet, url, expected):
    assert clean_outlet(outlet, url) == expected


@pytest.mark.parametrize("byline, expected", [
    ("Phil Helsel is a reporter", "Phil Helsel"),
    ("Jeff Foust Monday; November", "Jeff Foust"),
    ("JERUSALEM POST STAFF NOVEMBER", None),
    ("Condé Nast; Louise Matsakis", "Louise Matsakis"),
    ("Tom Krisher; Ap Auto Writer", "Tom Krisher"),
    ("Troy Smith; Troy L Smith; Cleveland com", "Troy Smith"),
    ("By Anna Menin and Tom Krisher", "Anna Menin; Tom Krisher"),
    ("Finian Cunningham Sputnik International", "Finian Cunningham"),
    ("AP", "Associated Press"),
    ("Jean de la Fontaine", "Jean de la Fontaine"),
    ("Jdadmin", None),
    ("The Russian; Syrian defense ministries", None),
    ("Victor Tangermann; Futurism", "Victor Tangermann"),  # a source beside a name
    ("Regan", "Regan"),  # a blog's signature, alone
    ("Rmb", None),  # initials
    ("Reuters, Washington,", "Reuters"),  # an agency and the place it filed from
    ("By Jane Doe, Jim Roe and Ann Poe", "Jane Doe; Jim Roe; Ann Poe"),
    ("Текст Венера Ерофеева", None),  # "Text: ..."
    ("Jason Cipriani Topic Hardware", "Jason Cipriani"),  # the post's topic after the name
    ("John Sakellariadis Link Copied", "John Sakellariadis"),  # a share button
    ("Lauren Manaker MS, RDN, LD", "Lauren Manaker"),  # letters after a name
    ("HEATHER HOLLINGSWORTH", "Heather Hollingsworth"),
    ("The Associated Press", "Associated Press"),
    ("Save Article", None), ("View All", None), ("People Editorial Guidelines", None),  # buttons and links
    ("Min Read", None), ("Read Full", None), ("Partner Content", None),  # reading time, a link, a label
    ("Sandhya Kambhampati Data; Graphics Journalist", "Sandhya Kambhampati"),
    ("Charles Fried, Contributing Opinion Writer", "Charles Fried"),  # a role after a comma
    ("By Cam E. Kettles, Crimson Staff Writer", "Cam E. Kettles"),
])
def test_bylines_are_names_only(byline, expected):
    assert clean_byline(byline, "Sputnik International", "https://www.cleveland.com/x") == expected


@pytest.mark.parametrize("byline, expected", [
    # A desk's role, a paper's name, a handle or a date after the name.
    ("Jessica Ramos Wellness Writer", "Jessica Ramos"),
    ("Meredith Cole Senior Finance Writer", "Meredith Cole"),
    ("Sarah Blake Worcester Telegram & Gazette", "Sarah Blake"),
    ("Lisa Kemp and Trevor J. Mills Sioux Falls Argus Leader", "Lisa Kemp; Trevor J. Mills"),
    ("Vaughn Cole The Washington Times", "Vaughn Cole"),
    ("Kayla Moreno USA TODAY", "Kayla Moreno"),
    ("Karen Hollis@_karenhollis", "Karen Hollis"),
    ("Timothy Ross @ @TRossRT Featured Columnist IV December 22, 2023", "Timothy Ross"),
    ("By Liz Carter long Read", "Liz Carter"),
    ("Daisy Hart Dec 05, 2023 2 Shares 1530 Views", "Daisy Hart"),
    ("Jane Doe · CBC News · Posted: Dec 22, 2023 8:25 AM EST | Last Updated: January 2", "Jane Doe"),
    ("Rose MarlowPublished: Mar 09, 2023 4:13 PM EST", "Rose Marlow"),
    ("By Desirée ODec. 18, 2023 9:00 am EST", "Desirée O"),
    ("ByMiranda Sanchez, Laura May Randall, Brendan Graham", "Miranda Sanchez; Laura May Randall; Brendan Graham"),
    # What signs before the name.
    ("Review by Rick Dunn Contributor", "Rick Dunn"),
    ("News by Matt Rowe News Reporter", "Matt Rowe"),
    ("Photos and Story By David Hale", "David Hale"),
    ("As told to Rose Marlow", "Rose Marlow"),
    # Names a vowel test would refuse.
    ("James Porter Jr.", "James Porter Jr."),
    ("By JR Mendes , Contributing Editor, Computerworld |", "JR Mendes"),
    # No person: a role alone, a section and its date, a newsroom, an agency of the state.
    ("Lead Draft Writer", None),
    ("World Dec 22, 2023", None),
    ("TC Redazione", None),
    ("U.S. National Institute of Allergy", None),
    ("by Dennis Tate, U.S. National Institute of Allergy and Infectious Diseases", "Dennis Tate"),
    ("Senior Research Fellow, Center for Health and Welfare Policy", None),  # a role, then its desk
    ("Research Fellow, Grover M. Hermann Center", None),
    ("By: Carla Gomez , Jordeene B. Lagare - @inquirerdotnet", "Carla Gomez; Jordeene B. Lagare"),
    ("In Pictures", None), ("For Teachers", None),
])
def test_what_follows_or_precedes_a_name_in_a_byline_is_cut(byline, expected):
    assert clean_byline(byline, "Sputnik International", "https://www.cleveland.com/x") == expected
