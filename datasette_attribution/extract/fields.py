"""A page's own metadata made fit to facet on: an outlet that is a name, a title
without the site's name or a section label around it, a byline of names only.

Pages fill these fields for search engines and social cards, not for
researchers: "Best tech gadgets of 2019 | ZDNet", "Opinion | ...", an outlet of
"Autoracing | F1 | Indy", authors "Condé Nast; Louise Matsakis". A wrong value
is worse than none in a facet, so what cannot be cleaned is dropped.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from .. import resources
from .metadata import BYLINE_PREFIX, DATE_WORDS

SEPARATORS = re.compile(r"\s+[|\u2013\u2014\u00b7\u2022:]\s+|\s+-\s+|\s*::\s*")
SITE_NAME_PARTS = re.compile(r"\s+[|\u2013\u2014-]\s+")  # "Remember 80/90 - Memorabilia anni 80/90"
AFTER_PREFIX = re.compile(r"\s*[|:\u2013\u2014-]\s+")
SECTION_LABELS = frozenset(
    "opinion analysis review editorial commentary comment exclusive live watch video "
    "breaking news breaking photos podcast explainer perspective column letters".split())
# A label of the page's media after the headline: "... to Show Finale [Watch]", "... miles away (video)".
MEDIA_TAIL = re.compile(r"\s*[\[(](?:video|videos|watch|photos?|pictures|gallery|listen|audio|podcast|poll)[\])]\s*$",
                        re.IGNORECASE)
# A breadcrumb before the headline: "News / India News / Navy, coast guard swing into action ...".
BREADCRUMB = re.compile(r"^(?:[^/\s][^/]{0,30}\s/\s)+(?=\S)")
BREAKING_PREFIX = re.compile(r"^(?:BREAKING(?: NEWS)?|UPDATE[D]?|WATCH|VIDEO|EXCLUSIVE)\s*[:|\-\u2013]\s+")
# A byline part that is a job, a desk or a publisher, not a person.
NOT_A_PERSON = frozenset(
    "writer reporter editor editors correspondent staff contributor contributors columnist bureau "
    "desk team media news newsroom nast admin administrator webmaster wires wire service press "
    "publishing published updated by text photo photos image images enlarge gallery video share "
    "print email comments текст автор фото texto autor foto testo auteur journalist journalists "
    "editorial guidelines graphics save article view all follow subscribe network fellow redazione redaktion "
    "redacción rédaction read full bio content sponsored partner".split())  # "Min Read", "Partner Content"
# News agencies are a byline's whole answer for wire copy.
AGENCIES = {"ap": "Associated Press", "associated press": "Associated Press",
            "the associated press": "Associated Press", "reuters": "Reuters",
            "afp": "AFP", "agence france-presse": "AFP", "bloomberg": "Bloomberg", "dpa": "dpa",
            "press association": "PA", "pa": "PA", "upi": "UPI"}
MAX_NAME_WORDS = 4
VOWEL = re.compile(r"[aeiouyà-ÿа-яё]", re.IGNORECASE)  # every name word has one, in any script we read
NAME_PARTICLES = frozenset("de la le du di da del der den van von ter dos das bin al y".split())


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def host_label(url: str | None) -> str | None:
    """"www.techcrunch.com" -> "techcrunch.com"."""
    if not url:
        return None
    host = urlparse(url if "//" in url else f"//{url}").hostname or ""
    return host[4:] if host.startswith("www.") else host or None


def _names_site(text: str, sites: list[str]) -> bool:
    key = _key(text)
    if len(key) < 3:
        return False
    for site in sites:
        site_key = _key(site)
        if len(site_key) >= 3 and (key == site_key or key.startswith(site_key) or site_key.startswith(key)):
            return True
    return False


def clean_outlet(outlet: str | None, url: str | None) -> str | None:
    """The site's name: the first part of a "Name | tagline" or "Name - tagline"
    site name; never a menu, a copyright line or a URL; else the domain."""
    host = host_label(url)
    text = " ".join((outlet or "").split()).strip(" _-|:;,.")
    parts = SITE_NAME_PARTS.split(text)
    text = parts[0].strip()
    junk = (not text or len(parts) > 2  # a menu: "Autoracing | F1 | Indy | MotoGP"
            or "://" in text or text.lower().startswith(("copyright", "©", "hosted"))
            or len(text.split()) > 6 or not any(c.isalpha() for c in text))
    if junk:
        return host
    return outlet_name(text)


# "ESPN.com", "CBSSports.com", "INQUIRER.net": a name written as its domain.
WEB_SUFFIX = re.compile(r"^([^\s.]+)\.(?:com|net|org|co\.uk|com\.au|co\.za|ca|news)$", re.IGNORECASE)


def outlet_name(name: str | None) -> str | None:
    """One name per outlet whatever the domain form: a name with capitals and a web
    suffix loses the suffix ("ESPN.com" is "ESPN", as "PolitiFact.com" is
    "PolitiFact"); a bare domain in lower case stays as it is (it has no name's
    capitals to give)."""
    if not name:
        return name
    found = WEB_SUFFIX.match(name)
    if found and any(c.isupper() for c in found.group(1)):
        return found.group(1)
    return name


def outlet_key(name: str) -> str:
    """What two spellings of one outlet share: "PolitiFact", "Politifact",
    "politifact.com", "www.politifact.com", "https://www.politifact.com/" and "The
    Hill", "thehill.com" give one key each."""
    text = _site_of_address(name.strip())
    found = WEB_SUFFIX.match(text)
    return _key(found.group(1) if found else text)


# A web address rather than a name: a scheme, or "www." before a host.
WEB_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$", re.IGNORECASE)


def _site_of_address(text: str) -> str:
    """"https://www.espn.com/" and "www.espn.com" -> "espn.com"; any other text as it is."""
    return (host_label(text) or text) if WEB_ADDRESS.match(text) else text


def record_outlet(outlet: str | None) -> str | None:
    """A record's outlet as given, but a web address is its site ("https://www.espn.com/"
    and "www.espn.com" are "espn.com") and a name written as its domain loses the suffix ("ESPN.com")."""
    return outlet_name(_site_of_address(outlet.strip())) if outlet else outlet


def name_of_domain(candidates: list[str], url: str | None) -> str | None:
    """Of names the page gives (its <title>'s parts, a copyright line), the one
    that spells its domain ("Townhall" for townhall.com, "The Crimson" for
    thecrimson.com): the site's name, where only its domain was declared."""
    host = host_label(url)
    if not host:
        return None
    labels = {_key(label) for label in host.split(".")[:-1] if len(label) > 1} - {"www", "co", "com"}
    for candidate in candidates:
        name = outlet_name(" ".join(candidate.split()).strip(" |-:,."))
        key = _key(name)
        if name and len(name.split()) <= MAX_DOMAIN_NAME_WORDS and any(c.isupper() for c in name) \
                and "." not in name and any(_spells(key, label) for label in labels):
            return name
    return None


MAX_DOMAIN_NAME_WORDS = 4
MIN_SPELLED_LETTERS = 6


def _spells(key: str, label: str) -> bool:
    """Whether a name's letters hold a domain's, in order and from the same first
    letter: "theharvardcrimson" holds "thecrimson", "townhall" is "townhall"."""
    if key == label or key.removeprefix("the") == label:
        return True
    if len(label) < MIN_SPELLED_LETTERS:
        return False  # "nj" is not spelled by "New Jersey News"
    for name in (key, key.removeprefix("the")):
        remaining = iter(name)
        if name and name[0] == label[0] and all(letter in remaining for letter in label):
            return True
    return False


def clean_title(title: str | None, outlet: str | None, url: str | None,
                site_name: str | None = None) -> str | None:
    """The headline without the site's name (`outlet`, or the page's own
    `site_name` with its tagline) after or before it, and without a section
    label before it ("Opinion | ", "BREAKING: ")."""
    if not title:
        return title
    sites = [s for s in (site_name, outlet, host_label(url), (host_label(url) or "").split(".")[0]) if s]
    text = " ".join(title.split())
    for site in sites:  # "LinkNaija | Nigeria's popular news platform: Headline"
        if len(site) > 3 and text.lower().startswith(site.lower()):
            rest = AFTER_PREFIX.match(text, len(site))
            if rest and rest.end() < len(text):
                text = text[rest.end():]
    for _ in range(3):  # "Section | Headline | Site"
        cuts = list(SEPARATORS.finditer(text))
        if not cuts:
            break
        first = cuts[0]
        tail = next((cut for cut in cuts if cut.start() > 0 and _names_site(text[cut.end():], sites)), None)
        if tail:
            text = text[:tail.start()]
        elif _names_site(text[:first.start()], sites) and first.end() < len(text):
            text = text[first.end():]
        elif text[:first.start()].lower() in SECTION_LABELS and "|" in first.group(0):
            text = text[first.end():]
        else:
            break
    text = MEDIA_TAIL.sub("", BREADCRUMB.sub("", BREAKING_PREFIX.sub("", text)))
    return text.strip() or title


# Where a name stops: an author box's label or a share button after it ("Saima
# Sidik Author Saima Sidik is ...", "John Sakellariadis Link Copied").
AFTER_NAME = frozenset("author authors link copied copy share follow email bio profile view posts "
                       "topic topics section category categories tags data".split())
# A role after a person's name: "Deborah Netburn Staff Writer".
# "Jason Cipriani Topic Hardware"
ROLE_AFTER_NAME = frozenset("staff senior writer reporter editor correspondent contributor columnist".split())
# Letters after a name: "Lauren Manaker MS, RDN, LD", "Robert E. Moffit, Ph.D.".
CREDENTIAL = re.compile(r"^(?:[A-Z]{2,4}|Ph\.?D\.?|M\.D\.|Jr\.?|Sr\.?)$")
# A social handle beside the name: "Karen Gilchrist@_karengilchrist", "EJ Antoni @RealEJAntoni".
HANDLE = re.compile(r"@[\w.]*")
INITIALS = re.compile(r"[A-Z]{2}")  # a first name of two initials: "JR Raphael", "EJ Antoni"
# Words of an organisation's name or a phrase, never of a person's: "National Institute of
# Allergy", "In Pictures".
FUNCTION_WORDS = frozenset("of for the on in at to with from".split())


def _ends_name(word: str, shouting: bool) -> bool:
    """Whether a word after a name's first two is no part of it: an author box's
    label, a date, a handle, a number, a lower-case word ("By Liz Stinson long
    Read"), a word in capitals after a name that is not ("Kayla Jimenez USA TODAY")."""
    bare = word.lower().strip(".")
    return (word.lower() in AFTER_NAME or bare in DATE_WORDS or word == "@"
            or any(c.isdigit() for c in word)
            or not (word[0].isupper() or word[0] in "'’" or word.lower() in NAME_PARTICLES)
            or (not shouting and len(bare) > 1 and word.isupper() and not CREDENTIAL.match(word)))


def _name_length(words: list[str]) -> int:
    """How many of the first words are the name: two, or three with a middle
    initial, a particle or a suffix ("Trevor J. Mitchell", "James Presbitero Jr.")."""
    if len(words) > 2 and (re.fullmatch(r"[A-Z]\.?", words[1]) or words[1].lower() in NAME_PARTICLES
                           or words[2].lower().strip(".") in ("jr", "sr", "ii", "iii")):
        return 3
    return 2


def _name_words(part: str) -> list[str]:
    """The words of a byline's piece up to where a name stops: before a label, a
    date, a handle, a role or a paper's name after it."""
    part = BYLINE_PREFIX.sub("", part.strip(" ,;"))
    part = re.split(r"\s+(?:is|was|has|covers|writes)\s+", part)[0]  # "Phil Helsel is a reporter"
    words = HANDLE.sub(" @ ", part).replace(",", " ").split()
    while words and (words[0].lower().strip(".,") in DATE_WORDS or words[0][:1].isdigit()):
        words.pop(0)  # "Monday Jane Doe"; not "May" inside "Laura May Randell"
    if any(w in FUNCTION_WORDS for w in words):
        return []  # "U.S. National Institute of Allergy": an organisation's
    labelled = next((at for at, w in enumerate(words) if w.endswith(":")), len(words))
    words = words[:labelled]  # "Posted: Dec 22", "Last Updated: January 2"
    shouting = all(w.isupper() for w in words if w != "@")  # "HEATHER HOLLINGSWORTH", "JERUSALEM POST STAFF"
    stop = next((at for at, w in enumerate(words) if at >= 2 and _ends_name(w, shouting)), len(words))
    if stop < len(words) and not (words[stop] == "@" or words[stop].lower() in AFTER_NAME
                                  or words[stop].lower().strip(".") in DATE_WORDS
                                  or words[0].lower() in resources.first_names()):
        stop = len(words)  # "World Dec 22": no name with a date after it
    # A role or a paper's name after the name is cut whole: "Jessica Rendall Wellness
    # Writer", "Greyson Steele Battle Creek Enquirer"; but "AP Auto Writer" and
    # "JERUSALEM POST STAFF" name no person.
    press = resources.words("press_words.txt")
    if (any(w.lower() in ROLE_AFTER_NAME or w.lower() in press for w in words[2:stop])
            and not shouting and words[0].lower() in resources.first_names()):  # not "Lead Draft Writer"
        stop = min(stop, _name_length(words))
    words = words[:stop]
    if 2 <= len(words) <= MAX_NAME_WORDS and all(w.isupper() for w in words) \
            and all(len(w.strip(".")) > 1 for w in words[:1] + words[-1:]):
        words = [w.title() if len(w.strip(".")) > 1 else w for w in words]
    while len(words) > 2 and CREDENTIAL.match(words[-1]) and words[-1].lower().strip(".") not in ("jr", "sr"):
        words.pop()
    return words


def _names_a_person(words: list[str], sites: list[str]) -> bool:
    """Whether a name's words can be a person's: not the site, an agency's
    staff, an institution, a phrase, or letters without a vowel."""
    name = " ".join(words)
    return not (
        len(words) > MAX_NAME_WORDS or _names_site(name, sites) or name.isupper()
        or any(w.lower().strip(".") in NOT_A_PERSON or "admin" in w.lower() for w in words)
        or words[-1].lower() in resources.words("institution_words.txt")  # "Grover M. Hermann Center"
        or words[0].lower() in FUNCTION_WORDS  # "The Russian", "In Pictures", "For Teachers"
        or not all(w[0].isupper() or w[0] in "'’" or w.lower() in NAME_PARTICLES for w in words)
        # "Rmb" is initials of something else; "JR Raphael", "James Presbitero Jr." are names
        or not all(VOWEL.search(w) for at, w in enumerate(words) if len(w.strip(".")) > 1
                   and w.lower().strip(".") not in ("jr", "sr") and not (at == 0 and INITIALS.fullmatch(w))))


def _person(part: str, sites: list[str]) -> str | None:
    """The person a byline's piece names, or None."""
    words = _name_words(part)
    # "Finian Cunningham Sputnik International": the name, without the site's.
    for cut in range(1, len(words)):
        if _names_site(" ".join(words[cut:]), sites):
            words = words[:cut]
            break
    if not words:
        return None
    name = " ".join(words)
    if name.lower() in AGENCIES:
        return AGENCIES[name.lower()]
    return name if _names_a_person(words, sites) else None


# A dateline's label or month glued to the name by the page's markup: "Emma
# BatyPublished", "By Desirée ODec. 18, 2023".
GLUED_LABEL = re.compile(r"(?<=[a-z])(?:Published|Updated|Posted|Modified)\b:?"
                         r"|(?<=\w)(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b)")
GLUED_BY = re.compile(r"^By(?=[A-Z][a-z])")  # "ByMiranda Sanchez"


def _joins(separator: str) -> bool:
    return separator.strip() in ("and", "&")


def clean_byline(byline: str | None, outlet: str | None, url: str | None,
                 site_name: str | None = None) -> str | None:
    """Names only, several joined with "; " in page order, each once; `site_name`
    is another name of the site, to be cut like the outlet's."""
    if not byline:
        return None
    byline = GLUED_BY.sub("", GLUED_LABEL.sub(" ", byline))
    sites = [s for s in (outlet, site_name, host_label(url), (host_label(url) or "").split(".")[0]) if s]
    if _names_site(byline.strip(" ,;"), sites):
        return None  # the site signing ("The Worcester Telegram & Gazette"), no person
    names: list[str] = []
    parts = re.split(r"(;|\s+and\s+|\s*&\s*|\s*[|·•]\s*|\s+[-–—]\s+)", byline)
    continued = False  # "and" joins this part to an institution's name before it
    for part, joiner in zip(parts[::2], [*parts[1::2], ""], strict=True):
        if continued:
            continued = _joins(joiner)
            continue  # "Center for Health and Welfare Policy"
        # After a comma, another author ("Jane Doe, Jim Roe"), an agency, or the
        # place or desk the story was filed from ("Reuters, Washington"): one
        # word that is no agency is not a name.
        # A piece after a comma that ends in a role is the role, not another
        # author ("Charles Fried, Contributing Opinion Writer"); after a role, the
        # desk ("Senior Research Fellow, Center for Health and Welfare Policy").
        first, *after_commas = part.split(",")
        first_person = _person(first, sites)
        if first_person is None:
            after_commas = []
        # An institution's name goes on after "and": "National Institute of Allergy
        # and Infectious Diseases", "Center for Health and Welfare Policy".
        continued = _joins(joiner) and re.search(r"\s(?:of|for)\s+[A-Z]", part.split(",")[-1]) is not None
        for name in [first_person, *(_person(p, sites) for p in after_commas
                                     if (len(p.split()) > 1 and p.split()[-1].lower() not in ROLE_AFTER_NAME)
                                     or p.strip().lower() in AGENCIES)]:
            # "Troy Smith; Troy L Smith": one person, as first written.
            if name and not any(_key(name.split()[-1]) == _key(n.split()[-1])
                                and _key(name.split()[0]) == _key(n.split()[0]) for n in names):
                names.append(name)
    if any(len(name.split()) > 1 for name in names):
        # Beside full names, a single word is a source or a brand ("Victor
        # Tangermann; Futurism"); alone, it may be how a blog signs ("Regan").
        names = [name for name in names if len(name.split()) > 1 or name in AGENCIES.values()]
    return "; ".join(names) or None


def title_words(text: str) -> list[str]:
    """A title's words, lower case, for telling whether two titles agree."""
    return re.findall(r"[^\W_]+", (text or "").lower())


CAPITALISED_RUN = re.compile(r"\b(?:The\s+)?[A-Z][\w&'’+-]*(?:\s+[A-Z][\w&'’+-]*){0,3}")


def name_spelling_domain(domain: str, lines: list[str]) -> str | None:
    """The name in the page's lines that spells its domain ("NPR" for npr.org,
    "The Washington Post" for washingtonpost.com), for a page that gave only its
    domain: a name of the domain's very letters first ("Fast Company" before
    "Fast Company Studio" for fastcompany.com), then the spelling the page uses on
    most lines ("L.A. Times" before "L.A. TIMES")."""
    candidates: dict[str, int] = {}
    for line in dict.fromkeys(lines):
        for found in CAPITALISED_RUN.finditer(line):
            if re.match(r"\.\w", line[found.end():]):
                continue  # the domain itself ("Fastcompany.com"), not a name
            words = found.group(0).split()
            # Every run's tails too: "Subscribe The Washington Post" holds the name.
            for at in range(len(words)):
                for end in range(len(words), at, -1):
                    candidate = " ".join(words[at:end])
                    candidates[candidate] = candidates.get(candidate, 0) + 1
    labels = {_key(label) for label in (host_label(domain) or "").split(".")[:-1]}
    spellings: dict[str, int] = {}  # one count for a name in any case
    for name, count in candidates.items():
        spellings[name.lower()] = spellings.get(name.lower(), 0) + count
    order = sorted(candidates, key=lambda name: (
        not ({_key(name), _key(name).removeprefix("the")} & labels), -spellings[name.lower()], name.isupper()))
    return name_of_domain(order, domain)
