"""The headline as a choice among the lines that could be it, learned from pages'
true titles (`training/train_titles.py`; weights in `models/title_html.npz` and
`models/title_text.npz`, each listing the features it was trained on and the
command that trained it, checked on load).

An HTML page offers its <title> (whole, and cut at its separators), og:title,
twitter:title, its JSON-LD headline, its <h1>s and trafilatura's title; a text
dump the lines above its body. Each candidate is described by what holds on any
site: where it comes from and how many of the page's titles say it, its place,
length and shape, how much of it the URL's slug, the page's other titles and the
body's opening share, and whether it signs, credits, dates or speaks of the site.
A logistic model scores each; the best is the title when it is sure enough, none
otherwise (a wrong title is worse than none in a facet or a story's name).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlparse

import numpy

from ..resources import (
    ModelFileError,
    check_feature_names,
    feature_check,
    model_arrays,
    model_path,
    words,
)
from . import fields
from .boilerplate import BULLET, URL_OR_MAIL, WORD, Block, is_caption, title_bars
from .metadata import (
    BYLINE_PREFIX,
    date_in_line,
    ends_like_sentence,
    listed_lines,
    looks_like_name,
    signs_or_credits,
)

HTML_SOURCES = ("h1", "og", "twitter", "json_ld", "title_whole", "title_first", "title_part", "title_last",
                "trafilatura")
# The titles a page declares besides its <h1>s: a headline one of them says too is
# the page's own, as it shows it and as it gives it to search engines and cards.
AGREEING_SOURCES = ("og", "twitter", "json_ld", "title_whole", "title_first")
LEAD_CHARS = 1500
MAX_TEXT_CANDIDATES = 30  # lines above the body, nearest first
MIN_WORDS, MAX_WORDS = 2, 40
MAX_SITE_WORDS = 3
TEASER_END = re.compile(r"(?:\.\.\.|…)[\s\"'”’)]*$")
SENTENCE_BREAK = re.compile(r"[.!?][\"'”’]?\s+[\"'“‘]?[A-Z]")
BRACKETED_TAIL = re.compile(r"[\[(][^\])]{1,20}[\])]\s*$")  # "[Watch]", "(video)"


# The features, by name, in the order the model files list them (loading checks).
SHAPE_FEATURES = ("words", "log_chars", "few_words", "many_words", "ends_sentence", "ends_ask", "ends_colon",
                  "bracketed_tail", "capitalised", "all_caps", "name_like", "web_share", "lead_share", "body_share",
                  "first_sentence_share", "names_site", "separator")
RELATIVE = ("lead_share", "body_share", "first_sentence_share", "capitalised", "words")
HTML_RELATIVE = RELATIVE + ("slug_share", "sources")
HTML_FEATURES = (SHAPE_FEATURES + tuple(f"from_{source}" for source in HTML_SOURCES)
                 + ("first_h1", "sources", "slug_share", "has_slug", "in_other_titles", "holds_other_title",
                    "h1_agreed", "rule_pick") + tuple(f"{name}_below_best" for name in HTML_RELATIVE))
TEXT_FEATURES = (SHAPE_FEATURES + ("distance", "nearest", "signature_after", "signature_before", "repeated",
                 "rule_score", "rule_out", "rule_pick", "rule_score_above", "rule_score_below", "next_longer")
                 + tuple(f"{name}_below_best" for name in RELATIVE))


def feature_names(kind: str) -> tuple[str, ...]:
    return HTML_FEATURES if kind == "html" else TEXT_FEATURES


class TitleModelError(ModelFileError):
    """A shipped title model cannot be used (missing, corrupt, or trained on other features)."""


@dataclass
class Candidate:
    text: str  # cleaned of the site's name and section labels
    features: dict[str, float] = field(default_factory=dict)
    block: Block | None = None  # a text dump's line


def _content(text: str) -> list[str]:
    stopwords = words("stopwords.txt")
    return [w.lower() for w in WORD.findall(text) if w.lower() not in stopwords]


def _share(own: list[str], other: set[str]) -> float:
    return sum(w in other for w in own) / len(own) if own else 0.0


@dataclass
class _Body:
    """The body's words that a headline shares: all of them, the lead's, the first sentence's."""
    words: set[str]
    lead: set[str]
    first_sentence: set[str]

    @classmethod
    def of(cls, body_text: str) -> _Body:
        first = re.split(r"(?<=[.!?])\s", body_text[:600], maxsplit=1)[0]
        return cls(set(_content(body_text)), set(_content(body_text[:LEAD_CHARS])), set(_content(first)))


def _shape(text: str, body: _Body, site: str | None) -> dict[str, float]:
    """What any candidate says of itself and of its agreement with the body."""
    tokens = WORD.findall(text)
    content = _content(text)
    stripped = text.rstrip()
    return {
        "words": min(len(tokens), MAX_WORDS) / 10,
        "log_chars": math.log1p(len(text)),
        "few_words": float(len(tokens) <= 3),
        "many_words": float(len(tokens) > 20),
        "ends_sentence": float(ends_like_sentence(text)),
        "ends_ask": float(stripped[-1:] in ("?", "!")),
        "ends_colon": float(stripped.endswith(":")),
        "bracketed_tail": float(bool(BRACKETED_TAIL.search(text))),
        "capitalised": sum(t[0].isupper() for t in tokens) / len(tokens) if tokens else 0.0,
        "all_caps": float(text.isupper()),
        "name_like": float(looks_like_name(text)),
        "web_share": _share(content, words("web_vocabulary.txt")),
        "lead_share": _share(content, body.lead),
        "body_share": _share(content, body.words),
        "first_sentence_share": _share(content, body.first_sentence),
        "names_site": float(bool(site) and len(site) > 2 and site.lower() in text.lower()),
        "separator": float(bool(fields.SEPARATORS.search(text))),
    }


def never_a_headline(text: str) -> bool:
    """A byline, an author's box, a picture's caption or credit, a dateline, a link,
    a menu's bullet, a teaser cut short ("...") or a lead: whatever the model
    would make of it, never the headline."""
    return (signs_or_credits(text) or bool(date_in_line(text)) or bool(URL_OR_MAIL.search(text))
            or bool(BULLET.match(text)) or bool(TEASER_END.search(text)) or _is_lead(text))


def _is_lead(text: str) -> bool:
    """One sentence ending in a full stop: a story's lead or a caption. (Headlines
    of two sentences end like prose: "New obesity drugs are coming. Here's how
    they could change everything.")"""
    return ends_like_sentence(text) and not SENTENCE_BREAK.search(text.rstrip(" .\"'”’)"))


def _slug_words(url: str | None) -> set[str]:
    path = urlparse(url or "").path
    return {w.lower() for w in re.split(r"[^A-Za-z0-9]+", path) if w and not w.isdigit()}


def html_candidates(proposals: list[tuple[str, str | None]], rule_title: str | None, body_text: str,
                    url: str | None, outlet: str | None, site_name: str | None) -> list[Candidate]:
    """The candidates of an HTML page: `proposals` are (source, text) in the
    page's order, source one of HTML_SOURCES; the same cleaned text from several
    sources is one candidate that all of them propose."""
    merged: dict[str, Candidate] = {}
    body = _Body.of(body_text)
    site_keys = {_site_key(name) for name in (outlet, site_name) if name}
    h1_seen = 0
    slug = _slug_words(url)
    rule_key = title_key(fields.clean_title(rule_title, outlet, url, site_name=site_name)) if rule_title else None
    for source, text in proposals:
        text = " ".join((text or "").split())
        if not text:
            continue
        cleaned = fields.clean_title(text, outlet, url, site_name=site_name)
        key = title_key(cleaned)
        if not key or (key != rule_key and never_a_headline(cleaned)):
            continue
        if key not in merged:
            merged[key] = Candidate(cleaned, {**_shape(cleaned, body, outlet),
                                              **{f"from_{s}": 0.0 for s in HTML_SOURCES}, "first_h1": 0.0})
        candidate = merged[key]
        candidate.features[f"from_{source}"] = 1.0
        if source == "h1":
            h1_seen += 1
            candidate.features["first_h1"] = max(candidate.features["first_h1"], float(h1_seen == 1))
    # The site's name, as the page names it or where a <title> puts it (its short
    # last part), is never the headline: a logo's <h1>, a <title>'s tail.
    others = [candidate for candidate in merged.values()
              if _site_key(candidate.text) not in site_keys and not _names_only_site(candidate.text, site_keys)
              and not (candidate.features["from_title_last"] and len(WORD.findall(candidate.text)) <= MAX_SITE_WORDS)]
    # A section's label glued before a headline the page also gives alone ("News
    # Feat Pictures to Open ..." over "Feat Pictures to Open ...") is not the headline.
    keys = {title_key(candidate.text) for candidate in others}
    others = [candidate for candidate in others if not _labelled_twin(candidate.text, keys)]
    for candidate in others:
        own = _content(candidate.text)
        sources = sum(candidate.features[f"from_{s}"] for s in HTML_SOURCES)
        candidate.features["sources"] = sources / len(HTML_SOURCES)
        candidate.features["slug_share"] = _share(own, slug)
        candidate.features["has_slug"] = float(len(slug) >= 3)
        candidate.features["in_other_titles"] = max(
            (_share(own, set(_content(other.text))) for other in others if other is not candidate), default=0.0)
        candidate.features["holds_other_title"] = max(
            (_share(_content(other.text), set(own)) for other in others if other is not candidate), default=0.0)
        candidate.features["h1_agreed"] = float(bool(candidate.features["from_h1"]) and any(
            candidate.features[f"from_{source}"] for source in AGREEING_SOURCES))
        candidate.features["rule_pick"] = float(title_key(candidate.text) == rule_key)

    return _relative(others, HTML_RELATIVE[len(RELATIVE):])


def text_candidates(before_body: list[Block], body_text: str, outlet: str | None,
                    rule_title: Block | None, rule_scores: list[float | None]) -> list[Candidate]:
    """The candidates of a text dump: the lines above the body (the nearest
    MAX_TEXT_CANDIDATES); `rule_scores` are the headline rules' scores of each
    line of `before_body` (None where the rules rule a line out)."""
    texts = [block.text for block in before_body]
    dated = [bool(date_in_line(text)) for text in texts]
    signing = [bool(d or BYLINE_PREFIX.match(t) or t.lower() == "by") for d, t in zip(dated, texts, strict=True)]
    repeated = {text: texts.count(text) for text in texts}
    text_set = set(texts)
    listed = listed_lines(before_body)
    twins = text_set - title_bars(text_set)  # a title bar's headline is no caption
    candidates = []
    body = _Body.of(body_text)
    start = max(0, len(before_body) - MAX_TEXT_CANDIDATES)
    for position in range(len(before_body) - 1, -1, -1):
        block = before_body[position]
        if block is not rule_title and (position < start or not MIN_WORDS <= len(block.words) <= MAX_WORDS):
            continue
        cleaned = fields.clean_title(block.text, outlet, None)
        if block is not rule_title and (never_a_headline(cleaned) or is_caption(block, twins)
                                        or position in listed
                                        or (outlet and _site_key(cleaned) == _site_key(outlet))):
            continue
        features = _shape(cleaned, body, outlet)
        distance = len(before_body) - position
        score = rule_scores[position]
        following = signing[position + 1:position + 3]
        preceding = signing[max(0, position - 2):position]
        features.update({
            "distance": min(distance, MAX_TEXT_CANDIDATES) / 10,
            "nearest": float(distance == 1),
            "signature_after": float(any(following)),
            "signature_before": float(any(preceding)),
            "repeated": float(repeated[block.text] > 1),
            "rule_score": score if score is not None else -1.0,
            "rule_out": float(score is None),
            "rule_pick": float(rule_title is block),
            # A headline heads its deck: the line under it is often as plausible.
            "rule_score_above": _score_at(rule_scores, position - 1),
            "rule_score_below": _score_at(rule_scores, position + 1),
            "next_longer": float(position + 1 < len(before_body)
                                 and len(before_body[position + 1].words) > len(block.words)),
        })
        candidates.append(Candidate(cleaned, features, block))
    return _relative(candidates)


# How a candidate compares with the page's others: what makes a headline is often
# that it agrees with the body more than any other line of its page does.
def _relative(candidates: list[Candidate], extra: tuple[str, ...] = ()) -> list[Candidate]:
    for name in RELATIVE + extra:
        top = max((c.features[name] for c in candidates), default=0.0)
        for candidate in candidates:
            candidate.features[f"{name}_below_best"] = top - candidate.features[name]
    return candidates


def _score_at(scores: list[float | None], position: int) -> float:
    if 0 <= position < len(scores) and scores[position] is not None:
        return scores[position]
    return -1.0


LOGO_WORDS = frozenset("logo home homepage".split())


def _names_only_site(text: str, site_keys: set[str]) -> bool:
    """Every word of `text` part of the site's name, but for a logo's ("POLITICO
    Politico Logo"): the masthead's alternative text, never a headline."""
    tokens = [title_key(token) for token in WORD.findall(text) if token.lower() not in LOGO_WORDS]
    return bool(tokens) and any(all(token and token in site for token in tokens)
                                for site in site_keys if len(site) > 2)


def _labelled_twin(text: str, keys: set[str]) -> bool:
    label, _, rest = text.partition(" ")
    return label.lower() in fields.SECTION_LABELS and title_key(rest) in keys


def _site_key(name: str) -> str:
    """A site's name whatever its case, domain form or article ("The Coastal Tribune")."""
    return fields.outlet_key(name).removeprefix("the")


def title_key(text: str | None) -> str:
    """A title's letters and digits, lower case: two writings of one title agree."""
    return re.sub(r"[^\w]", "", (text or "").lower())


MODEL_FILES = {"html": "title_html", "text": "title_text"}


def read_chooser(name: str, features: tuple[str, ...], field: str) -> dict:
    """The chooser model `name`.npz (a title's or a byline's), its features checked
    against the code's."""
    try:
        model = dict(model_arrays(name))
    except (OSError, ValueError, KeyError) as error:
        raise TitleModelError(f"{model_path(name + '.npz')}: cannot read the {field} model ({error})") from error
    command = str(model["command"]) if "command" in model else None
    check_feature_names(f"{name}.npz", model.get("feature_names", ()), features, command)
    return model


@cache
def load_model(kind: str) -> dict:
    """The title model of `kind` ("html" or "text")."""
    return read_chooser(MODEL_FILES[kind], feature_names(kind), "title")


@feature_check
def check_title_models() -> None:
    for kind in MODEL_FILES:
        load_model(kind)


def _vector(candidate: Candidate, names) -> numpy.ndarray:
    if len(candidate.features) != len(names):
        raise TitleModelError(f"the title model weighs {len(names)} features, the code computed "
                              f"{len(candidate.features)}; retrain it with training/train_titles.py")
    try:
        return numpy.asarray([candidate.features[name] for name in names], numpy.float64)
    except KeyError as error:
        raise TitleModelError(f"the title model weighs a feature the code never computes ({error}); "
                              "retrain it with training/train_titles.py") from error


def probabilities(candidates: list[Candidate], model: dict) -> list[float]:
    """Each candidate's probability of being the headline (a logistic model)."""
    names = [str(name) for name in model["feature_names"]]
    rows = numpy.stack([_vector(candidate, names) for candidate in candidates])
    utilities = ((rows - model["mean"]) / model["scale"]) @ model["weight"] + float(model["bias"])
    return list(1.0 / (1.0 + numpy.exp(-numpy.clip(utilities, -50.0, 50.0))))


def likeliest(candidates: list[Candidate], model: dict) -> Candidate | None:
    """The candidate `model` finds likeliest, when at least as likely as its
    threshold; None otherwise."""
    scores = probabilities(candidates, model)
    best = max(range(len(candidates)), key=scores.__getitem__)
    return candidates[best] if scores[best] >= float(model["threshold"]) else None


def rule_pick(candidates: list[Candidate]) -> Candidate | None:
    """The candidate the hand-written rules picked (its `rule_pick` feature)."""
    return next((candidate for candidate in candidates if candidate.features.get("rule_pick")), None)


def choose(candidates: list[Candidate], kind: str, model: dict | None = None) -> Candidate | None:
    """The candidate the model finds likeliest to be the headline (see likeliest)."""
    return likeliest(candidates, model or load_model(kind)) if candidates else None


def choose_by_rules(candidates: list[Candidate], kind: str) -> Candidate | None:
    """The candidate the hand-written rules pick (find_title, markup.agreed_headline),
    as the loader chose before the model: for measuring and training against it."""
    return rule_pick(candidates)
