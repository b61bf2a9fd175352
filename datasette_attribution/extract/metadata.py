"""Title, standfirst, byline, date and outlet of a plain-text page.

The body has been found first (extract.boilerplate); metadata lives in the lines
around it: the headline is the line before the body that best shares the body's
vocabulary, the date is a line that is (almost) nothing but a date, the byline is
a short name beside the date, and the outlet is the name the page's furniture
keeps repeating.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


from ..resources import first_names, words
from .boilerplate import BULLET, URL_OR_MAIL, WORD, Block, is_caption, title_bars

MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april"
    "|june|july|august|september|october|november|december"
)
DATE_LIKE = re.compile(
    rf"\b\d{{4}}-\d{{1,2}}-\d{{1,2}}(?!\d)|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b"
    rf"|\b(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\.?,?\s+\d{{4}}\b",
    re.IGNORECASE,
)
# Zone abbreviations; offsets in hours.
ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8,
    "PDT": -7, "IST": 5.5, "JST": 9, "AEST": 10, "AEDT": 11, "SAST": 2,
}
DATE_WORDS = frozenset(
    MONTHS.split("|")
    + "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu"
    " thur thurs fri sat sun am pm a.m p.m at on updated published posted".split()
    + [z.lower() for z in ZONES]
)
# What signs a byline before the name: "By", "Review by", "Photos and Story By", "As told to".
SIGNING_LABEL = (r"(?:(?:review|news|words|written|photos?|story|text|reporting)\s+"
                 r"(?:and\s+(?:photos?|story|text)\s+)?)?")
BYLINE_PREFIX = re.compile(rf"^(?:{SIGNING_LABEL}by:?|as told to)\s+", re.IGNORECASE)  # and "By: Jane Doe"
NAME_WORD = re.compile(r"^[A-Z][a-zà-ÿ'’.-]+$|^[A-Z]\.$")
MAX_BYLINE_WORDS = 5


TIME_LIKE = re.compile(r"\d{1,2}:\d{2}|\b\d{1,2}\s*[ap]\.?m\b", re.IGNORECASE)
# A time beside a date: "5:24 AM UTC", "18.54 GMT", "12:55 pm ET", "T21:56:19Z".
TIME = (r"(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?)?\s*"
        r"(?P<half>[ap]\.?\s?m\b\.?)?\s*(?P<zone>(?-i:Z\b|[A-Z]{2,4}\b)|[+-]\d{2}:?\d{2}\b)?")
TIME_AFTER = re.compile(rf"(?:\s*(?:,|at|@|-|–|—|\||·|•|T)?\s*){TIME}", re.IGNORECASE)
TIME_BEFORE = re.compile(
    rf"{TIME}\s*(?:,|\||·)?\s*(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s*)?$",
    re.IGNORECASE)
MONTH_NUMBERS = {name: number for number, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
     "aug august", "sep sept september", "oct october", "nov november", "dec december"), start=1)
    for name in names.split()}
# US zones by region, whose offset follows daylight saving: "ET", "PT".
REGION_ZONES = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
                "PT": "America/Los_Angeles"}
# A name or label glued to the month by a page's markup: "By Kent GermanDec 22, 2023", "updatedSep 4".
# ... or to an initial ("By Desirée ODec. 18, 2023").
GLUED_MONTH = re.compile(rf"(?<=[a-z]|\b[A-Z])(?=(?:{MONTHS.title()})\.?\s+\d)")
# A year glued to the time after it: "Published Fri, Dec 22 20234:46 AM EST".
GLUED_YEAR = re.compile(r"(?<=\b(?:19|20)\d\d)(?=\d{1,2}:\d\d\b)")
GLUED_LABEL = re.compile(r"(?<=\b[AP]M [A-Z]{3})(?=[A-Z][a-z])")  # "4:46 AM ESTUpdated 1 Min Ago"


# Dates written in other languages, as English writes them: the day, month and
# year of Chinese, Japanese and Korean ("2016年7月1日", "2016년 7월 1일"), and month
# names of French, Spanish, Portuguese, Italian, German, Dutch and Russian (the
# genitive a date takes: "1 июля 2016"), with the "de" and the day's dot between.
CJK_DATE = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
FOREIGN_MONTHS = {english: names.split() for english, names in {
    "January": "janvier enero janeiro gennaio januar januari января",
    "February": "février fevrier febrero fevereiro febbraio februar februari февраля",
    "March": "mars marzo março marco märz maart марта",
    "April": "avril abril aprile апреля",
    "May": "mai mayo maio maggio mei мая",
    "June": "juin junio junho giugno juni июня",
    "July": "juillet julio julho luglio juli июля",
    "August": "août aout agosto augustus августа",
    "September": "septembre septiembre setiembre setembro settembre сентября",
    "October": "octobre octubre outubro ottobre oktober октября",
    "November": "novembre noviembre novembro ноября",
    "December": "décembre decembre diciembre dezembro dicembre dezember december декабря",
}.items()}
FOREIGN_MONTH = re.compile(
    r"(?<!\w)(\d{1,2})\.?\s+(?:de\s+)?(" + "|".join(n for names in FOREIGN_MONTHS.values() for n in names)
    + r")\.?(?:\s+de)?,?\s+(\d{4})(?!\d)", re.IGNORECASE)
ENGLISH_MONTH = {name: english for english, names in FOREIGN_MONTHS.items() for name in names}


def in_english(text: str, month_names: bool = True) -> str:
    """`text` with the dates written in the languages above written as English writes
    them ("25 décembre 2023" -> "25 December 2023", "2016年7月1日" -> "2016-07-01");
    without `month_names`, the Chinese, Japanese and Korean ones alone."""
    text = CJK_DATE.sub(lambda m: f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}", text)
    if not month_names:
        return text
    return FOREIGN_MONTH.sub(lambda m: f"{m.group(1)} {ENGLISH_MONTH[m.group(2).lower()]} {m.group(3)}", text)


MONTH_AND_YEAR = re.compile(rf"({MONTHS})\.?,?\s+(\d{{4}})", re.IGNORECASE)


def month_of(text: str) -> str | None:
    """"July 2016" -> "2016-07": a month named with its year and no day, as ISO 8601
    writes a month; None for anything else."""
    found = MONTH_AND_YEAR.fullmatch(text.strip())
    return f"{found.group(2)}-{MONTH_NUMBERS[found.group(1).lower()]:02d}" if found else None


def parse_date(text: str) -> str | None:
    """ISO 8601 for a date (and time, and zone) written in any common form, as
    precise as the text: a date alone stays a date.

    "2014-11-07 09:24" -> "2014-11-07T09:24:00";
    "Friday 07 November 2014 08:13 EST" -> "2014-11-07T08:13:00-05:00";
    "Mon 18 Nov 2019 18.54 GMT" -> "2019-11-18T18:54:00+00:00";
    "Published 3:04 PM EST, Tue December 17, 2023" -> "2023-12-17T15:04:00-05:00";
    "Nov. 24, 2014" -> "2014-11-24".
    Text with no day, month and year in it gives None.
    """
    text = (text or "").strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        # To the second, as a reader reads a story's time ("11:00:45.954Z" is 11:00:45).
        return parsed.replace(microsecond=0).isoformat() if TIME_LIKE.search(text) else parsed.date().isoformat()
    except ValueError:
        pass
    text = GLUED_MONTH.sub(" ", in_english(text))
    match = DATE_LIKE.search(text)
    if not match:
        return None
    return _stamp(text, match)


def _day(written: str) -> date | None:
    """The date of one DATE_LIKE match."""
    numbers = [int(n) for n in re.findall(r"\d+", written)]
    month_word = re.search(rf"\b(?:{MONTHS})\b", written.lower())
    try:
        if month_word:
            day_number, year = numbers[0], numbers[-1]
            return date(year, MONTH_NUMBERS[month_word.group(0)], day_number)
        if "-" in written:
            year, month, day_number = numbers
            return date(year, month, day_number)
        first, second, year = numbers
        if year < 100:
            year += 2000
        # Month first, as American pages write it, unless the first cannot be a month.
        month, day_number = (second, first) if first > 12 else (first, second)
        return date(year, month, day_number)
    except (ValueError, IndexError, KeyError):
        return None


def _stamp(text: str, match: re.Match) -> str | None:
    """The date matched in `text`, with the time written right after or before it."""
    day = _day(match.group(0))
    if day is None:
        return None
    time = TIME_AFTER.match(text, match.end())
    if not (time and _is_time(time)):
        time = TIME_BEFORE.search(text[: match.start()])
    if not (time and _is_time(time)):
        return day.isoformat()
    hour, minute = int(time.group("hour")), int(time.group("minute") or 0)
    second = int(time.group("second") or 0)
    half = (time.group("half") or "").lower()
    if half.startswith("p") and hour < 12:
        hour += 12
    elif half.startswith("a") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return day.isoformat()
    stamp = datetime(day.year, day.month, day.day, hour, minute, second)
    zone = _zone(time.group("zone"), stamp)
    return (stamp.replace(tzinfo=zone) if zone else stamp).isoformat()


def _is_time(found: re.Match) -> bool:
    """Hours and minutes, or an hour with am/pm: "5:24", "18.54", "9 pm"; never a bare number."""
    return bool(found.group("minute") or found.group("half"))


def _zone(name: str | None, stamp: datetime):
    if not name:
        return None
    name = name.upper()
    if name == "Z":
        return timezone.utc
    if name in ZONES:
        return timezone(timedelta(hours=ZONES[name]))
    if name in REGION_ZONES:
        try:
            return timezone(ZoneInfo(REGION_ZONES[name]).utcoffset(stamp))
        except (ZoneInfoNotFoundError, ValueError):
            return None  # no time zone database on this machine: the time stays naive
    offset = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", name)
    if offset:
        sign = 1 if offset.group(1) == "+" else -1
        return timezone(sign * timedelta(hours=int(offset.group(2)), minutes=int(offset.group(3))))
    return None  # a capitalised word beside the time ("CBS") is not a zone


# Words a dateline carries beside its date: "Updated", "Published", "Last modified
# on", "2 min read", "1530 Views", "Source:".
DATELINE_WORDS = DATE_WORDS | frozenset(
    "updated update published posted last modified on source min mins minute minutes read ago shares "
    "share views view comments comment et pt ct mt utc gmt".split())
SEPARATOR_MARKS = re.compile(r"[|•·/]")
PUBLISHED_LABEL = re.compile(r"\b(?:published|posted)\b", re.IGNORECASE)
UPDATED_LABEL = re.compile(r"\b(?:updated|modified)\b", re.IGNORECASE)


def date_in_line(line: str) -> tuple[str, str] | None:
    """(ISO date, what is left of the line) when a line is mostly a date: its
    first date (with the time beside it), and the words that are no date, time
    or dateline label ("Updated", "2 min read")."""
    # A page's lines in another language keep their month names: the rules that tell a
    # story's dateline from the date a site's header shows were made on English pages
    # ("24 Dicembre 2023" over an Italian site's menu is today's date, not the story's).
    line = GLUED_LABEL.sub(" ", GLUED_YEAR.sub(" ", GLUED_MONTH.sub(" ", in_english(line, month_names=False))))
    match = DATE_LIKE.search(line)
    if not match:
        return None
    # "Last Updated: Dec. 23, 2023 ... First Published: Dec. 18, 2023": the story's
    # date is the one the page says it was published on.
    published = PUBLISHED_LABEL.search(line, match.end())
    if published and UPDATED_LABEL.search(line[:match.start()]):
        match = DATE_LIKE.search(line, published.end()) or match
    iso = _stamp(line, match)
    leftover = _words_beside_date(line)
    if iso is None or len(leftover) > MAX_BYLINE_WORDS:
        # A name and the date first, the post's labels after it ("Carlos Nadalim
        # 27/09/2018 Comente! Alfabetização , Música"): prose never puts a date
        # straight after a name, a blog's header line does.
        signer = _words_beside_date(line[: match.start()])
        if not (signer and looks_like_name(" ".join(signer))):
            return None  # a sentence that mentions a date, not a dateline
        iso, leftover = _stamp(match.group(0), DATE_LIKE.search(match.group(0))), signer
    return (iso, " ".join(leftover)) if iso else None


def _words_beside_date(text: str) -> list[str]:
    """The words of a line that are not its dates, times or dateline labels,
    as written ("Daisy-Mae Schmitt")."""
    text = SEPARATOR_MARKS.sub(" ", DATE_LIKE.sub(" ", text))
    text = re.sub(TIME, " ", text, flags=re.IGNORECASE)
    return [word.strip(",.:;!?()") for word in text.split()
            if WORD.search(word) and not any(c.isdigit() for c in word)
            and word.lower().strip(",.:;!?()") not in DATELINE_WORDS]


def looks_like_name(text: str) -> bool:
    """A short run of capitalised words: a person's or an agency's name."""
    text = BYLINE_PREFIX.sub("", text.strip())
    tokens = text.replace(",", " ").replace(" and ", " ").split()
    return 1 < len(tokens) <= MAX_BYLINE_WORDS and all(NAME_WORD.match(t) for t in tokens)


# How sure a line must be to be the headline (see find_title); below it, none.
MIN_HEADLINE_SCORE = 0.8
DECK_MARGIN = 0.3  # a line just above the best, this close to it, is the headline over its deck
LEAD_CHARS = 1500


ABBREVIATION = re.compile(r"(?<![\w.])(?:[A-Z][a-z]{0,2}|[A-Z](?:\.[A-Z])+)\.$")  # "Co.", "Jr.", "U.S."


def ends_like_sentence(text: str) -> bool:
    """A line ending in a full stop or an ellipsis, as prose does and a headline
    does not ("... Austria says" is a headline; "... Disney said." is a lead)."""
    text = text.rstrip(" \"'”’)")
    if text.endswith(("...", "…")):
        return True
    return text.endswith(".") and not ABBREVIATION.search(text)


def find_title(before_body: list[Block], body_text: str, site: str | None = None) -> Block | None:
    """The headline: of the lines above the body, the one that best looks like
    it, or none when no line is sure enough (a wrong title is worse than none).

    A headline is mostly in the body's words, more so in the lead's; a byline or
    dateline follows it within a few lines; it does not end like a sentence
    (a standfirst does); its words are capitalised more often than prose's.
    Menus and links (a third of their words the web's), datelines, captions (a
    credit, or a line repeated with one), lines ending in a colon and lines ending
    like a sentence are never headlines. Of headline-like lines in a row, the
    first is the headline: what follows it is its deck, the author's box or
    captions ("Black Friday is Next Week, But..." under "Daily Deals: ...").
    """
    scores = headline_scores(before_body, body_text, site)
    best = max(range(len(before_body)), key=lambda position: (scores[position] or 0.0, position),
               default=None)
    if best is None or scores[best] is None or scores[best] < MIN_HEADLINE_SCORE:
        return None
    while (best > 0 and (scores[best - 1] or 0.0) >= max(MIN_HEADLINE_SCORE, scores[best] - DECK_MARGIN)
           and before_body[best].text not in before_body[best - 1].text):  # not a breadcrumb
        best -= 1
    return before_body[best]


def headline_scores(before_body: list[Block], body_text: str, site: str | None = None) -> list[float | None]:
    """Each line's headline score by the rules of find_title (None: never a headline)."""
    score = _headline_scorer(before_body, body_text, site)
    return [score(position) for position in range(len(before_body))]


LIST_LINE_WORDS = (3, 6)
MIN_LIST_LINES = 3


def _in_lists(blocks: list[Block]) -> set[int]:
    """Positions of lines in a run of three or more short lines that end like no
    sentence and are no dateline or byline: a menu, a tag list, a gallery's
    captions ("Aidan Gantenbein 100 backstroke", "Miguel Bernal North Diving"),
    none of them a headline."""
    listed, run = set(), []
    for position, block in enumerate([*blocks, None]):
        short = (block is not None and LIST_LINE_WORDS[0] <= len(block.words) <= LIST_LINE_WORDS[1]
                 and block.text.rstrip()[-1] not in ".!?:" and not date_in_line(block.text)
                 and not BYLINE_PREFIX.match(block.text))
        if short:
            run.append(position)
            continue
        if len(run) >= MIN_LIST_LINES:
            listed.update(run)
        run = []
    return listed


def listed_lines(blocks: list[Block]) -> set[int]:
    """Positions of lines in a menu, a gallery's captions or a list of other
    stories (see _in_lists and _teasers): none of them this article's headline."""
    return _in_lists(blocks) | _teasers([date_in_line(block.text) for block in blocks])


MIN_TEASERS = 3


def _teasers(dated: list) -> set[int]:
    """Positions of lines each straight above a dateline (`dated`: each line's
    date_in_line), when three or more are: a list of other stories (headline,
    date, headline, date), none of them this article's headline."""
    above = {position for position in range(len(dated) - 1) if dated[position + 1] and not dated[position]}
    return above if len(above) >= MIN_TEASERS else set()


MIN_HEADLINE_IN_BODY = 0.25
# What a byline, an author's box or a credit says and a headline does not.
ROLE_WORDS = frozenset(
    "reporter reporters contributor contributors correspondent editor editors fellow columnist staff "
    "writer writers author authors photographer producer".split())
SIGNED = re.compile(rf"^(?:{SIGNING_LABEL}by:?|as told to|author of)\s", re.IGNORECASE)  # and "By: Jane Doe"
# "Credit: ...", "Credit... Doug Mills", a credit closing a line; not "Credit Card Balances".
CREDITED = re.compile(r"\bcredits?\b(?=\s*(?:[:.\u2026|/]|$))|\w/(?:The\s)?[A-Z]|more\s*>$|[(\[]$"
                      r"|^(?:illustration|photo|image|picture)s?\b", re.IGNORECASE)
MAX_SIGNATURE_WORDS = 10  # a role word in a longer line is a headline's ("... with fellow contenders")
# Words of a headline that are never a person's name: "On Abortion, One Size Won't Fit All" lists no names.
NEVER_IN_A_NAME = frozenset("a an the of on in at to for with from over after about all not no is are was "
                            "won't won’t can't can’t don't don’t how why what when who".split())


def signs_or_credits(text: str) -> bool:
    """A byline ("By Thomas W. Smith", "Review by Rick Lane Contributor", "Starr
    Bowenbank , Rania Aniftos , Anna Chan"), an author's box ("Seattle Times staff
    reporter") or a picture's caption or credit ("... Credit... Doug Mills/The
    New York Times", "Illustration on ... more >")."""
    words = [w.lower() for w in WORD.findall(text)]
    if SIGNED.match(text) or CREDITED.search(text):
        return True
    if len(words) <= MAX_SIGNATURE_WORDS and any(w in ROLE_WORDS for w in words):
        return True
    parts = [part for part in re.split(r"\s*(?:,|;|\band\b|&)\s*", text) if part.strip()]
    return len(parts) > 1 and all(
        (looks_like_name(part) and not any(w.lower() in NEVER_IN_A_NAME for w in part.split()))
        or part.strip() in ("Associated Press", "Reuters") for part in parts)


def _headline_scorer(before_body: list[Block], body_text: str, site: str | None = None):
    """position -> how much the line there looks like the headline (see
    find_title), or None for a line that cannot be one."""
    stopwords = words("stopwords.txt")
    web_words = words("web_vocabulary.txt")
    body_words = {w.lower() for w in WORD.findall(body_text)}
    lead_words = {w.lower() for w in WORD.findall(body_text[:LEAD_CHARS])}
    texts = {block.text for block in before_body}
    twins = texts - title_bars(texts)
    dated = [date_in_line(block.text) for block in before_body]
    listed = listed_lines(before_body)
    # The lines after each, but for share buttons ("* Facebook", "* Email") between
    # a headline and its byline.
    unbulleted = [position for position, block in enumerate(before_body)
                  if not (BULLET.match(block.text) and all(w.lower() in web_words for w in block.words))]

    def score(position: int) -> float | None:
        block = before_body[position]
        content = [w.lower() for w in block.words if w.lower() not in stopwords]
        if not 4 <= len(block.words) <= 30 or len(content) < 2 or position in listed:
            return None
        if (BULLET.match(block.text) or URL_OR_MAIL.search(block.text)
                or 3 * sum(w in web_words for w in content) >= len(content)):
            return None  # menus and links: "+ Off-road bikes", "Log in or sign up"
        if dated[position] or block.text.endswith(":") or is_caption(block, twins):
            return None
        if ends_like_sentence(block.text):
            return None  # a lead, a teaser ("what a time to be alive ..."), a caption
        if site and re.search(rf"(?<![\w.]){re.escape(site)}(?!\w)", block.text) and site not in body_text:
            return None  # the site speaking of itself ("Why You Can Trust CNET")
        if signs_or_credits(block.text):
            return None  # a byline, an author's box or a picture's credit
        in_body = sum(w in body_words for w in content) / len(content)
        if in_body < MIN_HEADLINE_IN_BODY:
            return None  # the site's promotion, another story: not about this one
        following = [p for p in unbulleted if p > position][:4]
        signed = [dated[p] or BYLINE_PREFIX.match(before_body[p].text) or before_body[p].text.lower() == "by"
                  for p in following]
        return (in_body
                + 0.3 * sum(w in lead_words for w in content) / len(content)
                + (0.6 if any(signed[:2]) else 0.3 if any(signed) else 0.0)
                + 0.2 * sum(w[0].isupper() for w in block.words) / len(block.words)
                - (0.3 if block.text.rstrip()[-1] in "!?" else 0.0))

    return score


DOMAIN = re.compile(r"(?:[\w-]+\.)+(?:com|org|net|co\.uk|co\.za|news|info|ca)", re.IGNORECASE)
PLATFORM_DOMAINS = frozenset(
    "wordpress.com blogspot.com medium.com facebook.com twitter.com youtube.com instagram.com "
    "google.com apple.com amazon.com disqus.com linkedin.com pinterest.com reddit.com".split())
SITE_NAME = re.compile(
    r"(?<![\w.])(?:[\w-]+\.)+(?:com|org|net|co\.uk|co\.za|news)\b"  # a domain
    r"|\b[A-Z][\w&]*(?:\s+[A-Z][\w&]*)*"  # a run of capitalised words
)


def _distinctive(word: str) -> bool:
    """A word that is a name even at the start of a line: News24, BuzzFeed, 24.com."""
    if any(c.isdigit() or c == "." for c in word):
        return True
    inner = word[1:]
    return any(c.isupper() for c in inner) and any(c.islower() for c in inner)


def site_names(lines: list[str], article_lines: list[str]) -> Counter:
    """Names the page's furniture repeats more than the article uses them: the outlet.

    Every run of capitalised words (and every domain name) in the furniture is a
    candidate, with each of its shorter runs; each counts once per distinct line.
    A line's first word counts only when it is distinctive, since any sentence
    starts with a capital. A name needs two furniture lines, and at least as many
    as the article's lines that use one of its words (a donation plea inside the
    article area names the site too). Furniture lines mostly in the article's own
    words (headline, captions) are about the story and are not counted.
    """
    stopwords = words("stopwords.txt")
    web_words = words("web_vocabulary.txt")
    article_uses: Counter = Counter()
    for line in article_lines:
        article_uses.update({w.lower() for w in WORD.findall(line)})
    counts: Counter = Counter()
    for line in dict.fromkeys(lines):
        content = [w.lower() for w in WORD.findall(line) if w.lower() not in stopwords]
        if sum(article_uses[w] > 0 for w in content) * 2 >= len(content):
            continue  # a headline or caption: about the story, not the site
        found = set()
        for match in SITE_NAME.finditer(line):
            tokens = match.group(0).split()
            if match.start() == 0 and not _distinctive(tokens[0]):
                tokens = tokens[1:]
            for size in range(1, min(3, len(tokens)) + 1):
                for at in range(len(tokens) - size + 1):
                    name = tokens[at:at + size]
                    if any(t.lower() in stopwords or t.lower() in web_words for t in name):
                        continue
                    found.add(" ".join(name))
        counts.update(found)
    return Counter({
        name: n for name, n in counts.items()
        if n >= 2 and n >= max(article_uses[t.lower()] for t in name.split())
    })


# Words a site uses around its own name. Strong: "Join the X Community", "X
# readers", "Subscribe to X", its sign-in and newsletter pitch ("Log in to your X
# account", "Get the best of X to your inbox", "Join the experts who read X", "X -
# Back to home"), and a menu line that is nothing but the name in a site's own frame
# ("About X", "More from X", "Contact the X", "X Store", "Search X", "X Site Map",
# "PurseBlog on Instagram"), or a footer's sentence about the site ("X is part of Future plc",
# "X may earn a portion of sales", "All products featured on X are independently
# selected"). Weak, as they also name owners, menus, related links and a site's
# several newsletters and apps: "© 2019 X" (often the parent company: Dow Jones,
# Hearst, Condé Nast), "X Inc", "at X", "from X", "about X", "X Newsletter" (CBS
# Sports' "Pick Six Newsletter"), "X Apps" (PCMag's "Android Apps").
STRONG_BEFORE_WORDS = (r"join(?: the)?|welcome to|subscribe to|sign up for(?: the)?|download the"
                       r"|products featured on|(?:news )?alerts from|sourced for review by"
                       r"|(?:experts|people|readers) who read|get the best of|sign up (?:now )?to get(?: the)?"
                       r"|log in to your|sign in to your")
STRONG_AFTER_WORDS = (r"readers(?=\s+\w)|community|subscribers|is trusted|encourages|publishes|allows"
                      r"|is (?:a )?part of|is owned by|may earn"
                      r"|supports|welcomes|adheres to|has been a|[-–]\s*back to home")
# A menu line: the frame, the name and nothing else. Pages frame people, teams
# and topics so too ("Follow The Finals", "More from Emily Price"): those frames
# (TOPIC_WORDS) count only beside one that only a site uses.
TOPIC_WORDS = r"about|contact|more from|more on|follow|explore|back to|best of|inside|read more from"
LINE_BEFORE_WORDS = (rf"{TOPIC_WORDS}|support|join|work for|working at|jobs @|jobs at|advertise with"
                     r"|why you can trust|elsewhere on|contributors to|sign up to|search(?: search)?")
# "X is a registered trademark of Y": a site's footer says it of the site and of
# the owner's other brands alike ("Commissioner.com is a registered trademark").
TRADEMARK = re.compile(r"^\s*is an? (?:federally )?registered trademark\b", re.IGNORECASE)
TOPIC_FRAME = re.compile(rf"^(?:{TOPIC_WORDS})\s+(?:the\s+)?$", re.IGNORECASE)
LINE_AFTER_WORDS = (r"store|shop|jobs|media kit|homepage|staff|on social|site ?map|tipline"
                    r"|on (?:instagram|tiktok|youtube|facebook|twitter|x|snapchat|threads|linkedin|pinterest)")
# A staff writer's box: "Rose is a Senior Editor at ELLE", "... is a senior breaking news
# reporter for NBC News".
STAFF_BEFORE = re.compile(r"\bis (?:a|an|the)\s+(?:[\w-]+\s+){0,4}(?:editor|reporter|writer|correspondent"
                          r"|columnist|producer|journalist)\s+(?:at|for|with)\s+(?:the\s+)?$", re.IGNORECASE)
STRONG_BEFORE = re.compile(rf"(?:{STRONG_BEFORE_WORDS})\s*(?:the\s+)?$", re.IGNORECASE)
STRONG_AFTER = re.compile(rf"^(?:['’]s)?\s*(?:{STRONG_AFTER_WORDS})\b", re.IGNORECASE)
LINE_BEFORE = re.compile(rf"^(?:{LINE_BEFORE_WORDS})\s+(?:the\s+)?$", re.IGNORECASE)
LINE_AFTER = re.compile(rf"^\s*(?:{LINE_AFTER_WORDS})\s*[.:!]?$", re.IGNORECASE)
WEAK_BEFORE = re.compile(
    r"(?:©|\(c\)|copyright|inside|follow|about|from|more from|at)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s+)?"
    r"(?:the\s+)?$",
    re.IGNORECASE)
WEAK_AFTER = re.compile(r"^\s*(?:all rights reserved|inc\b|ltd\b|llc\b|media\b|group\b|\.\s*all rights"
                        r"|newsletters?\b|app\b|apps\b)",
                        re.IGNORECASE)


def _naming(name: str) -> re.Pattern:
    """The name as a page writes it, in its own case, in capitals or in title case
    ("Parade", "PARADE")."""
    spellings = "|".join(re.escape(s) for s in dict.fromkeys((name, name.upper(), name.title())))
    return re.compile(rf"(?<![\w.])(?:{spellings})(?![\w])")


def self_references(name: str, lines: list[str]) -> tuple[int, int, int, int]:
    """How many distinct lines speak of `name` as the page's own site in a frame
    only a site uses (own), in one that also frames people and topics (shared),
    as a trademark (mark), and how many mention it as sites and owners are
    mentioned (weak)."""
    pattern = _naming(name)
    own = shared = mark = weak = 0
    # A menu line once, whatever its bullet ("* College Shop", "+ College Shop").
    for line in dict.fromkeys(BULLET.sub("", line).strip() for line in lines):
        kinds = set()
        for match in pattern.finditer(line):
            before, after = line[:match.start()], line[match.end():]
            if (STRONG_BEFORE.search(before) or STRONG_AFTER.match(after) or STAFF_BEFORE.search(before)
                    or (not before.strip() and LINE_AFTER.match(after))):
                kinds.add("own")
            elif LINE_BEFORE.match(before) and not after.strip(" .:!"):
                kinds.add("shared" if TOPIC_FRAME.match(before) else "own")
            elif TRADEMARK.match(after):
                kinds.add("mark")
            elif WEAK_BEFORE.search(before) or WEAK_AFTER.match(after):
                kinds.add("weak")
        own += "own" in kinds
        shared += "shared" in kinds and "own" not in kinds
        mark += kinds == {"mark"}
        weak += kinds == {"weak"}
    return own, shared, mark, weak


def _written_bare(domain: str, lines: list[str]) -> int:
    """Lines that write a domain as a name ("washingtonpost.com © 1996-2024"), not
    inside a link or an address ("https://www.unifrance.org/...", "x@y.com")."""
    bare = re.compile(rf"(?<![\w.@/:-]){re.escape(domain)}(?![\w/@.-]|\.\w)", re.IGNORECASE)
    return sum(bool(bare.search(line)) for line in dict.fromkeys(lines))


def _registered(domain: str) -> str:
    """"pic.twitter.com" -> "twitter.com", "www.bbc.co.uk" -> "bbc.co.uk"."""
    labels = domain.lower().split(".")
    size = 3 if len(labels) > 2 and labels[-2] in ("co", "com", "org", "net") else 2
    return ".".join(labels[-size:])


# A name as menus write it: capitalised words, or one like "eWeek", "TheHill.com".
NAME_RUN = r"(?-i:(?:[A-Z0-9][\w&'’+.-]*|[a-z]+[A-Z][\w.-]*)(?:\s+(?:[A-Z0-9][\w&'’+.-]*|&)){0,3})"
FRAMED = (
    re.compile(rf"^(?:{LINE_BEFORE_WORDS})\s+(?:the\s+)?(?P<name>{NAME_RUN})\s*[.:!]?$", re.IGNORECASE),
    re.compile(rf"^(?:the\s+)?(?P<name>{NAME_RUN})\s+(?:{LINE_AFTER_WORDS})\s*[.:!]?$", re.IGNORECASE),
    re.compile(rf"(?:^|[.!?]\s+)(?:the\s+)?(?P<name>{NAME_RUN})(?:['’]s)?\s+(?:{STRONG_AFTER_WORDS}"
               rf"|is an? (?:federally )?registered trademark)\b", re.IGNORECASE),
    re.compile(rf"(?:{STRONG_BEFORE_WORDS})\s+(?:the\s+)?(?P<name>{NAME_RUN})", re.IGNORECASE),
)


def framed_names(lines: list[str]) -> set[str]:
    """The names menus and footers put in a site's own frame ("About Vanity Fair",
    "PC Gamer is part of Future plc"): candidates the furniture may repeat too
    seldom, or the article use too often, for `site_names`."""
    stopwords, web_words = words("stopwords.txt"), words("web_vocabulary.txt")
    found = set()
    for line in dict.fromkeys(lines):
        menu = BULLET.sub("", line).strip()
        for pattern in FRAMED:
            for match in pattern.finditer(menu):
                name = re.sub(r"^the\s+", "", match.group("name").strip(" .,:;'’"), flags=re.IGNORECASE)
                tokens = [t.lower() for t in name.split() if t != "&"]
                if tokens and not all(t in stopwords or t in web_words for t in tokens):
                    found.add(name)
    return found


def _a_person(name: str) -> bool:
    """"Emily Price": a first name and a surname, an author's box, not a site."""
    tokens = name.split()
    return 1 < len(tokens) <= 3 and tokens[0].lower() in first_names()


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in ("the", "of", "and", "&")).upper()


def outlet_from(names: Counter, lines: list[str]) -> str | None:
    """The site name the furniture repeats and speaks of as itself.

    A name (one the furniture repeats, or one a menu or footer frames as a site's,
    see `framed_names`) counts as the outlet only when two lines use it the way a
    site names itself (see STRONG_*, LINE_*), or when it is a domain (24.com) the
    page names as its own (a copyright line, "more from") and no platform it merely
    links to. Otherwise there is no outlet: a wrong outlet is worse than none in a
    facet. An abbreviation gives way to the name it abbreviates ("VF", "Vanity Fair").
    """
    spellings: dict[str, list[str]] = {}
    for name in sorted(set(names) | framed_names(lines)):
        spellings.setdefault(name.lower(), []).append(name)
    scores, seen = {}, {}
    for variants in spellings.values():
        # One name whatever its case: the spelling most lines use, else the one not
        # in capitals throughout ("L.A. Times", not "L.A. TIMES").
        name = max(variants, key=lambda v: (sum(v in line for line in lines), not v.isupper()))
        if _a_person(name):
            continue
        own, shared, mark, weak = self_references(name, lines)
        seen[name] = own + shared + mark + weak
        # Two strong self-references (one names newsletters and apps of others
        # too: "Pick Six Newsletter", "Amazon Music app"), or a domain that is
        # no platform the page merely links to.
        domain = DOMAIN.fullmatch(name) and _registered(name) not in PLATFORM_DOMAINS and (
            own or weak or shared + mark >= 2 or _written_bare(name, lines) >= 2)
        if ((own or mark) and own + shared + mark >= 2) or shared >= MENU_FRAMES or domain:
            count = max(names.get(variant, 0) for variant in variants)
            scores[name] = (own + mark, own + shared + mark, weak + count, len(name.split()), len(name), name)
    if not scores:
        return None
    best = max(scores, key=scores.get)
    if best.isupper() and len(best) <= 4:
        best = next((name for name in seen if seen[name] and len(name.split()) > 1
                     and _initials(name) == best), best)
    # "The Hill", "The Independent": the article where the page writes it with the
    # name standing alone ("Working at The Independent"), not in another name ("The
    # GQ Box" beside "GQ Recommends").
    alone = rf"{re.escape(best)}(?![\w&]|\s+[A-Z0-9&])"
    with_article = sum(bool(re.search(rf"\bThe {alone}", line)) for line in dict.fromkeys(lines))
    without = sum(bool(re.search(rf"(?<!\bThe )(?<![\w.]){alone}", line)) for line in dict.fromkeys(lines))
    return f"The {best}" if with_article and with_article * 2 >= without else best


# "© 2023 The Hill", "Copyright © 2023, Chicago Tribune", "© 1996 - 2023 NewsHour
# Productions LLC": the name that holds the page's copyright.
COPYRIGHT = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?(?:\d{4}\s*(?:[-–]\s*(?:\d{4})?)?\s*,?\s*)?(?:by\s+)?"
    r"(?P<name>[A-Z][\w&'’.+-]*(?:\s+(?:[A-Z][\w&'’.+-]*|&|of|and|the))*)", re.IGNORECASE)
CORPORATE = frozenset(
    "inc inc. llc ltd ltd. limited company co co. corp corporation media group productions communications "
    "enterprises holdings publishing interactive digital all plc gmbh news newspaper network networks"
    .split())
LEGAL_FORMS = frozenset("inc inc. llc ltd ltd. limited company co co. corp corporation plc gmbh".split())
MIN_SELF_REFERENCES = 3
# Words after a name that do not continue it ("CBS and NBC", "Fox in the morning").
NAME_JOINERS = frozenset("and or of in on at for to the a by is was".split())
# A name a site's menu frames on this many lines ("About SFGATE", "Contact SFGATE",
# "Best of SFGATE") is the site's, though each frame also names people and topics.
MENU_FRAMES = 3


def copyright_holder(line: str, legal_form_only: bool = False) -> str | None:
    """The name a copyright line gives, without its company form ("NewsHour
    Productions LLC" is "NewsHour", "VICE MEDIA GROUP" is "VICE")."""
    notice = re.match(r"^\W*(?:©|\(c\)|copyright\b)", line, re.IGNORECASE) or re.search(
        r"all rights reserved", line, re.IGNORECASE)
    found = COPYRIGHT.search(line) if notice else None
    if not found or re.search(r"\b(?:image|photo|picture|credit)s?\s*:", line, re.IGNORECASE):
        return None  # a picture's credit holds its own copyright
    # The name ends with its sentence: "Anime News Network LLC. All rights reserved."
    words = re.split(r"(?<=\w{3})\.\s|\ball rights reserved", found.group("name"), flags=re.IGNORECASE)[0].split()
    trimmed = LEGAL_FORMS if legal_form_only else CORPORATE
    while words and words[-1].lower().strip(",.") in trimmed | {"&", "of", "and", "the"}:
        words.pop()
    if not words or words[0].lower() in ("all", "policy", "notice") or len(words) > 5:
        return None
    return " ".join(words).strip(" ,.")


def copyright_holders(lines: list[str], legal_form_only: bool = False) -> list[str]:
    """The names the page's copyright lines give, but an owner of several sites ("a
    Ziff Davis company")."""
    holders = []
    for line in dict.fromkeys(lines):
        name = copyright_holder(line, legal_form_only)
        if not name or len(name) < 3:
            continue
        if re.search(rf"\ban?\s+{re.escape(name)}\s+company\b", line, re.IGNORECASE):
            continue  # "a Ziff Davis company": the owner of this and other sites
        holders.append(name)
    return list(dict.fromkeys(holders))


def outlet_from_furniture(lines: list[str]) -> str | None:
    """The page's own name in its copyright line, when the page names itself so
    elsewhere too: on two more lines, or once as a site names itself ("About The
    Harvard Crimson", "Chicago Tribune Store") or as a masthead, a line of the name
    alone. A parent company ("Hearst", "Condé Nast") is named by the copyright line
    alone."""
    for name in copyright_holders(lines):
        pattern = re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w])", re.IGNORECASE)
        naming = {other for other in lines if pattern.search(other) and not COPYRIGHT.search(other)}
        own, shared, mark, _ = self_references(name, [line for line in lines if not COPYRIGHT.search(line)])
        masthead = any(BULLET.sub("", line).strip().lower() == name.lower() for line in naming)
        if (len(naming) >= MIN_SELF_REFERENCES - 1 or own + shared + mark or masthead) and not _a_person(name):
            return _named_in_full(name, naming)
    return None


def _named_in_full(holder: str, naming: set[str]) -> str:
    """The holder's name as the page writes it for itself: "CBS Interactive" and "FOX
    News Network, LLC" hold CBS Sports' and Fox Business' copyright, whose lines
    write "CBS Sports", "FOX Business" in most of the places they write the holder's
    name at all."""
    after = Counter()
    alone = 0
    for line in naming:
        for found in re.finditer(rf"(?<![\w.])(?i:{re.escape(holder)})(?:\s+([A-Z][\w&'’+-]*))?", line):
            word = found.group(1)
            if word and word.lower() not in NAME_JOINERS:
                after[word.lower()] += 1
            else:
                alone += 1
    if not after:
        return holder
    word, count = after.most_common(1)[0]
    if count < MIN_SELF_REFERENCES - 1 or count * 2 <= alone + sum(after.values()):
        return holder  # most of its lines write it alone or in other names ("NFL Films", "NFL Shop")
    written = Counter(found.group(0) for line in naming for found in re.finditer(
        rf"(?<![\w.]){re.escape(holder)}\s+{re.escape(word)}(?![\w])", line, re.IGNORECASE))
    return max(written, key=lambda name: (written[name], not name.isupper()))


def _abbreviates(short: str, name: str) -> bool:
    """"L.A. Times" of "Los Angeles Times", "ANN" of "Anime News Network": a word
    of the short name for each of the long one's, the same word or its initial."""
    if short.isupper() and "." not in short and len(name.split()) > 1 and _initials(name) == short:
        return True
    letters = [part for token in short.split() for part in (
        [c for c in token if c.isalpha()] if re.fullmatch(r"(?:[A-Z]\.)+", token) else [token])]
    full = name.split()
    return len(full) == len(letters) and letters != full and all(
        word == part or (len(part) == 1 and word[0] == part) for part, word in zip(letters, full, strict=True))


def page_outlet(names: Counter, lines: list[str]) -> str | None:
    """The outlet a text dump names itself by (`outlet_from`), else its copyright
    holder where the page names itself so (`outlet_from_furniture`); the holder's
    full name where the other is its short form ("Los Angeles Times" for the menus'
    "L.A. Times", "Anime News Network" for "ANN")."""
    framed = outlet_from(names, lines)
    if framed:
        short = framed.removeprefix("The ")
        return next((holder for holder in copyright_holders(lines, legal_form_only=True)
                     if _abbreviates(short, holder)), framed)
    return outlet_from_furniture(lines)
