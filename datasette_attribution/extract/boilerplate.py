"""Tell article lines from page furniture in a plain-text dump of a web page.

Each non-empty line is a block. Gradient-boosted trees (trained by
`training/train_boilerplate.py` on labelled pages, weights in
`models/boilerplate.json`) scores each block from its own shape (length, stop-word
and web-vocabulary density, punctuation, bullets, photo credits) and from its
neighbourhood (how much running prose surrounds it, whether it lies in the page's
densest run of prose). Short title-like lines inside the article become headings.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from ..resources import check_feature_names, feature_check, model_file, words
from ..text.segment import sentence_spans

# Scripts written without spaces between words (Chinese, Japanese, Thai): each
# character counts as a word, so that a line of prose in them is a long line.
UNSPACED = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORD = re.compile(rf"[{UNSPACED}]|[^\W_{UNSPACED}]+(?:['’][^\W_{UNSPACED}]+)*")
TERMINAL = re.compile(r"[.!?…。！？][\"'”’)\]」』]*$|[\"”’]$")
BULLET = re.compile(r"^\s*(?:[*+•·>|–—-]|\d+[.)])\s")
SEPARATORS = re.compile(r"\s[|·•»/]\s")
TITLE_SEPARATOR = re.compile(r"\s+[|\u2013\u2014-]\s+")  # "Headline | Site", "Headline - Site"
# "(AP)", "(Manu Fernandez/AP)", "File: AP", "Photo: Reuters": picture credits.
PHOTO_CREDIT = re.compile(
    r"\((?:[^()]{0,40}/)?[A-Z][\w .&-]{0,30}\)$|^(?:file|photo|image|picture|credit)s?\s*:",
    re.IGNORECASE,
)
# Quoted speech is removed before counting words that address the reader, so an
# interviewee's "we" does not count against a paragraph.
QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
READER_ADDRESS = frozenset({"we", "our", "us", "you", "your", "yours"})
URL_OR_MAIL = re.compile(r"https?://|www\.|\S@\S|\.(?:com|org|net|co\.uk)\b")
LONG_LINE_WORDS = 12
CONTEXT_WINDOW = 3
MAX_HEADING_WORDS = 8
# A page saved as one line (a text dump with its line breaks lost) is cut into
# paragraphs of whole sentences, about this long, so that the body is told from
# the furniture block by block as on any other page.
LONG_LINE_CHARS = 2000
PARAGRAPH_CHARS = 600


def paragraphs_of_line(line: str) -> list[str]:
    """`line` itself, or, when longer than LONG_LINE_CHARS, runs of its sentences."""
    if len(line) <= LONG_LINE_CHARS:
        return [line] if line else []
    pieces, start, end = [], 0, 0
    for sentence_start, sentence_end in sentence_spans(line):
        if sentence_end - start > PARAGRAPH_CHARS and end > start:
            pieces.append(line[start:end].strip())
            start = sentence_start
        end = sentence_end
    pieces.append(line[start:].strip())
    return [piece for piece in pieces if piece]


@dataclass
class Block:
    index: int  # line number in the page, from 0
    text: str
    words: list[str]


def blocks_of(text: str) -> list[Block]:
    blocks = []
    for index, line in enumerate(text.splitlines()):
        stripped = " ".join(line.split())
        for piece in paragraphs_of_line(stripped):
            blocks.append(Block(index, piece, WORD.findall(piece)))
    return blocks


def _prose_run(blocks: list[Block]) -> tuple[int, int]:
    """The run of blocks with the most words in long lines, net of short lines.

    Maximum-sum subarray over +words for long lines and a fixed cost for short
    ones: the article body is usually the one long stretch of running prose.
    """
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, block in enumerate(blocks):
        gain = len(block.words) if len(block.words) >= LONG_LINE_WORDS else -4.0
        if total <= 0:
            total, start = 0.0, i
        total += gain
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def _reader_address(text: str) -> float:
    unquoted = WORD.findall(QUOTED.sub(" ", text))
    if not unquoted:
        return 0.0
    # "US" in capitals is the country, not the reader and the site.
    return sum(w.lower() in READER_ADDRESS and not (w.isupper() and len(w) > 1) for w in unquoted) / len(unquoted)


# What each number of block_features' rows is, in order: the model file names the
# features its trees split on by position, and loading checks them against these.
BLOCK_FEATURES = (
    "log_words", "is_long", "ends_like_sentence", "stopword_share", "web_word_share", "capitalised_share",
    "digit_share", "bullet", "separator", "photo_credit", "url_or_mail", "repeated", "reader_address",
    "call_to_action", "long_neighbours", "previous_long", "next_long", "in_prose_run", "log_run_distance",
    "position", "log_chars", "commas_per_word", "mean_word_length", "upper_word_share", "ends_with_colon",
    "quote_mark", "log_previous_words", "log_next_words", "previous_ends_like_sentence",
    "next_ends_like_sentence",
)
# And of neighbour_features' rows, which the second pass reads after BLOCK_FEATURES.
NEIGHBOUR_FEATURES = ("first_pass", "previous_first_pass", "next_first_pass", "max_before", "max_after",
                      "mean_around", "min_of_max_around")
MODEL_FILE = "boilerplate.json"


@feature_check
def line_model() -> dict:
    """The two passes' trees (models/boilerplate.json), their features checked
    against BLOCK_FEATURES and NEIGHBOUR_FEATURES."""
    model = model_file("boilerplate")
    for part, names in (("first", BLOCK_FEATURES), ("second", BLOCK_FEATURES + NEIGHBOUR_FEATURES)):
        check_feature_names(MODEL_FILE, model[part].get("feature_names", ()), names, model.get("command"))
    return model


def block_features(blocks: list[Block]) -> list[list[float]]:
    stopwords = words("stopwords.txt")
    web_words = words("web_vocabulary.txt")
    calls_to_action = words("calls_to_action.txt")
    repeats = Counter(block.text.lower() for block in blocks)
    run_start, run_end = _prose_run(blocks)
    is_long = [len(b.words) >= LONG_LINE_WORDS for b in blocks]
    count = len(blocks)
    rows = []
    for i, block in enumerate(blocks):
        n = len(block.words)
        lower = [w.lower() for w in block.words]
        window = range(max(0, i - CONTEXT_WINDOW), min(count, i + CONTEXT_WINDOW + 1))
        neighbours = [j for j in window if j != i]
        prev_long = float(i > 0 and is_long[i - 1])
        next_long = float(i + 1 < count and is_long[i + 1])
        if run_start <= i < run_end:
            run_distance = 0.0
        else:
            run_distance = min(abs(i - run_start), abs(i - (run_end - 1)))
        rows.append([
            math.log1p(n),
            float(is_long[i]),
            float(bool(TERMINAL.search(block.text))),
            sum(w in stopwords for w in lower) / n if n else 0.0,
            sum(w in web_words for w in lower) / n if n else 0.0,
            sum(w[0].isupper() for w in block.words) / n if n else 0.0,
            sum(c.isdigit() for c in block.text) / len(block.text),
            float(bool(BULLET.match(block.text))),
            float(bool(SEPARATORS.search(block.text))),
            float(bool(PHOTO_CREDIT.search(block.text))),
            float(bool(URL_OR_MAIL.search(block.text))),
            float(repeats[block.text.lower()] > 1),
            _reader_address(block.text),
            float(bool(lower) and lower[0] in calls_to_action),
            sum(is_long[j] for j in neighbours) / max(1, len(neighbours)),
            prev_long,
            next_long,
            float(run_start <= i < run_end),
            math.log1p(run_distance),
            i / count,
            # The shape of the line and of its neighbours, which hold across sites
            # where a site's own words do not: prose has commas and long words,
            # and lies between lines that end like sentences.
            math.log1p(len(block.text)),
            block.text.count(",") / n if n else 0.0,
            sum(len(w) for w in block.words) / n if n else 0.0,
            sum(w.isupper() and len(w) > 1 for w in block.words) / n if n else 0.0,
            float(block.text.rstrip().endswith(":")),
            float(bool(QUOTE_MARK.search(block.text))),
            math.log1p(len(blocks[i - 1].words)) if i > 0 else 0.0,
            math.log1p(len(blocks[i + 1].words)) if i + 1 < count else 0.0,
            float(i > 0 and bool(TERMINAL.search(blocks[i - 1].text))),
            float(i + 1 < count and bool(TERMINAL.search(blocks[i + 1].text))),
        ])
    return rows


QUOTE_MARK = re.compile(r"[\"“”]")


def _raw_score(model: dict, row: list[float]) -> float:
    """Log-odds of content: the prior plus each tree's leaf value."""
    total = 0.0
    for tree in model["trees"]:
        node = 0
        left, right = tree["left"], tree["right"]
        while left[node] != -1:
            if row[tree["feature"][node]] <= tree["threshold"][node]:
                node = left[node]
            else:
                node = right[node]
        total += tree["value"][node]
    return model["bias"] + model["learning_rate"] * total


def neighbour_features(probabilities: list[float]) -> list[list[float]]:
    """What the first pass thought of each line and of the lines around it: a
    line of prose among content is content even when its own shape is unsure
    (a paragraph between embedded tweets), a lone line among furniture is not."""
    count = len(probabilities)

    def at(j: int) -> float:
        return probabilities[j] if 0 <= j < count else 0.0

    rows = []
    for i, own in enumerate(probabilities):
        before = [at(i - k) for k in range(1, CONTEXT_WINDOW + 1)]
        after = [at(i + k) for k in range(1, CONTEXT_WINDOW + 1)]
        rows.append([own, before[0], after[0], max(before), max(after),
                     (sum(before) + sum(after)) / (2 * CONTEXT_WINDOW), min(max(before), max(after))])
    return rows


def _probability(model: dict, row: list[float]) -> float:
    return 1.0 / (1.0 + math.exp(-_raw_score(model, row)))


def content_probabilities(blocks: list[Block]) -> list[float]:
    """Two passes: each line from its own shape and place, then again with what the
    first pass made of its neighbours (the second model was trained on first-pass
    probabilities of pages the first model had not seen). The second pass only
    adds: it recovers prose among content, but it would also drop a short body's
    last paragraph, with furniture after it, that the first pass was sure of."""
    return two_pass_probabilities(line_model(), block_features(blocks))


def two_pass_probabilities(model: dict, rows: list[list[float]]) -> list[float]:
    """The two passes of content_probabilities over one page's feature rows."""
    first = [_probability(model["first"], row) for row in rows]
    return [max(own, _probability(model["second"], row + context))
            for own, row, context in zip(first, rows, neighbour_features(first), strict=True)]


def _looks_like_heading(block: Block) -> bool:
    return (
        0 < len(block.words) <= MAX_HEADING_WORDS
        and not TERMINAL.search(block.text)
        and not BULLET.match(block.text)
        and not PHOTO_CREDIT.search(block.text)
        and not SEPARATORS.search(block.text)
        and block.text[0].isupper()
    )


def classify_blocks(blocks: list[Block]) -> list[str]:
    """'content', 'heading' or 'boilerplate' for each block.

    A heading is a short title-like line with article content directly before and
    after it: it is kept, but as a heading, so it never joins the next sentence.
    """
    threshold = line_model()["threshold"]
    if len({block.index for block in blocks}) == 1:
        # A page saved as one line: its pieces were cut by length, not by the page,
        # so there are no lines of furniture to tell from the text's.
        labels = ["content"] * len(blocks)
    else:
        labels = ["content" if p >= threshold else "boilerplate" for p in content_probabilities(blocks)]
    repeats = Counter(block.text.lower() for block in blocks)
    for i, block in enumerate(blocks):
        if (
            0 < i < len(blocks) - 1
            and labels[i - 1] == "content"
            and labels[i + 1] == "content"
            and repeats[block.text.lower()] == 1
            and _looks_like_heading(block)
        ):
            labels[i] = "heading"
    return labels


def _addresses_reader(block: Block) -> bool:
    return _reader_address(block.text) > 0


# A picture agency closing a line after a name and a bar or slash: "Alex Wong |
# Getty Images", "Leonhard Foeger / Reuters file", or "AP Photo/..." opening it.
AGENCY_CREDIT = re.compile(
    r"[|/]\s*(?:Getty Images|Reuters|AP|AFP|EPA|Shutterstock|iStock|Alamy|Bloomberg|Associated Press)"
    r"(?:\s+(?:file|photo|images?))*\s*$|^(?:AP|AFP|Reuters|EPA) Photo\b", re.IGNORECASE)


def is_caption(block: Block, texts: set[str]) -> bool:
    """A picture caption: ends in a credit such as "(AP)" or "| Getty Images", or
    repeats another line with a credit added."""
    if PHOTO_CREDIT.search(block.text) and not TERMINAL.search(block.text[:-1].rsplit("(", 1)[0].strip()):
        return True
    if AGENCY_CREDIT.search(block.text):
        return True
    return any(_with_credit_added(block.text, other) or _with_credit_added(other, block.text) for other in texts)


MAX_TITLE_BAR_TAIL_WORDS = 4


def title_bars(texts: set[str]) -> set[str]:
    """The lines that are another line of the page, a separator and a short tail
    ("Like British cheddar? ... | CBC News Loaded"): the page's <title> as a copy
    of the page shows it. The line it repeats is the headline, not a caption
    repeated with its credit: leave these out of the lines `is_caption` compares."""
    return {text for text in texts
            if any(text[:cut.start()] in texts and 0 < len(WORD.findall(text[cut.end():])) <= MAX_TITLE_BAR_TAIL_WORDS
                   for cut in TITLE_SEPARATOR.finditer(text))}


MIN_CAPTIONED_WORDS = 3
MAX_CREDIT_WORDS = 8


def _with_credit_added(longer: str, shorter: str) -> bool:
    """`longer` is `shorter` and a few words more (a caption repeated with its
    credit); a name alone ("Mélanie Laurent") is no caption of every line
    that starts with it."""
    return (longer != shorter and longer.startswith(shorter)
            and len(shorter.split()) >= MIN_CAPTIONED_WORDS
            and len(longer[len(shorter):].split()) <= MAX_CREDIT_WORDS)


def remove_self_promotion(blocks: list[Block], labels: list[str], site_names) -> list[str]:
    """Mark as boilerplate the page talking about itself inside the article area.

    A donation plea or a comment policy reads like prose, but it names the site
    (by name while addressing the reader, or by its domain) or sits right beside
    such a line while still addressing the reader; captions and short calls to
    action ("Join the conversation!") go too.
    """
    labels = list(labels)
    calls_to_action = words("calls_to_action.txt")
    texts = {block.text for block in blocks}
    names = [name for name in site_names]
    for i, block in enumerate(blocks):
        if labels[i] == "boilerplate":
            continue
        names_site = [name for name in names if re.search(rf"(?<![\w.]){re.escape(name)}\b", block.text)]
        domain_named = any("." in name for name in names_site)
        lower = [w.lower() for w in block.words]
        short_call = (
            bool(lower) and lower[0] in calls_to_action and len(lower) <= MAX_HEADING_WORDS
            and (block.text.endswith("!") or not TERMINAL.search(block.text))
        )
        if domain_named or (names_site and _addresses_reader(block)) or short_call or is_caption(block, texts):
            labels[i] = "promotion"
    changed = True
    while changed:  # a plea runs over several paragraphs: spread to its neighbours
        changed = False
        for i, block in enumerate(blocks):
            if labels[i] in ("content", "heading") and _addresses_reader(block) and (
                (i > 0 and labels[i - 1] == "promotion")
                or (i + 1 < len(blocks) and labels[i + 1] == "promotion")
            ):
                labels[i] = "promotion"
                changed = True
    return ["boilerplate" if label == "promotion" else label for label in labels]


# Lines inside or at the end of a body that are the page's, not the story's.
CREDIT_LINE = re.compile(
    r"^\(?(?:reporting|additional reporting|writing|editing|compiled|produced) by\b.*\)?$", re.IGNORECASE)
PAYWALL_STUB = re.compile(r"^\S+(?:\s+\S+){0,2}\s*(?:\.\.\.|…)$")  # "All...", "The company said…"
CALL_TO_ACTION = re.compile(
    r"^(?:related|read more|more|see also|also read|watch|click here|sign up|subscribe|get our"
    r"|follow us|download (?:the|our))\b.{0,120}$", re.IGNORECASE)
# The site's copyright notice, which some pages print under the article.
COPYRIGHT_NOTICE = re.compile(
    r"^(?:copyright|\(c\)|©)\s*(?:©\s*)?(?:\d{4}|\d{4}\s*-\s*\d{4})\b|\ball rights reserved\b", re.IGNORECASE)
MAX_SUBHEAD_WORDS = 8


def furniture_kind(text: str) -> str | None:
    """"boilerplate" for a credit line, a paywall stub, a copyright notice or a
    newsletter or related link; "heading" for an all-capital subhead ("NISSAN SENTRA"); else None."""
    if CREDIT_LINE.match(text) or PAYWALL_STUB.match(text) or COPYRIGHT_NOTICE.search(text):
        return "boilerplate"
    labelled_link = text.lower().startswith(("related:", "read more:", "also read:", "see also:", "watch:"))
    if labelled_link or (CALL_TO_ACTION.match(text) and not TERMINAL.search(text)):
        return "boilerplate"
    words = WORD.findall(text)
    if 0 < len(words) <= MAX_SUBHEAD_WORDS and text.isupper() and not TERMINAL.search(text):
        return "heading"
    return None


def prose_run_or_nothing(blocks: list[Block], labels: list[str], min_words: int = 30) -> list[str]:
    """When the classifier kept nothing (a short body among much furniture, as on
    a paywalled page), the page's longest run of running prose is its body."""
    if any(label == "content" for label in labels):
        return labels
    start, end = _prose_run(blocks)
    if sum(len(block.words) for block in blocks[start:end]) < min_words:
        return labels
    return ["content" if start <= i < end else label for i, label in enumerate(labels)]
