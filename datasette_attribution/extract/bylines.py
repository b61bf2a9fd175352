"""A text dump's byline as a choice among the names around its header, learned from
pages' true authors (`training/train_titles.py --field byline`; weights in
`models/byline_text.npz`, which lists its features and the command that trained it).

Each line near the headline, the body's start or a dateline closing the text gives
a candidate: the names clean_byline keeps of it (of a dateline, of the words beside
the date). A candidate is described by what holds on any site: a "By" before it
(on its line or the line above), a date on or beside its line, a role under it
("Contributing Reporter"), how much of the line is names, where it stands from the
headline and the body, whether the story speaks of the person (a caption's subject)
or a picture's credit holds the name. The rules' own pick is one of its features.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..resources import feature_check, first_names
from . import fields
from .boilerplate import BULLET, WORD, Block
from .metadata import (
    BYLINE_PREFIX,
    CREDITED,
    ROLE_WORDS,
    date_in_line,
    ends_like_sentence,
    looks_like_name,
)
from .titles import Candidate, likeliest, read_chooser, rule_pick

MODEL_FILE = "byline_text"
PLACES = ("above", "near", "signature")  # above the body, among its first lines, closing it
MAX_DISTANCE = 30
MAX_ROLE_WORDS = 6
FEATURES = ("by_before", "by_line_above", "dated", "date_beside", "role_here", "role_below", "name_like",
            "names", "one_word_name", "first_name_share", "kept_share", "line_words", "credit", "ends_sentence",
            "after_title", "title_distance", "body_distance", "repeated", "agency", "separator", "rule_pick",
            *(f"place_{place}" for place in PLACES))


@dataclass
class Line:
    """A line that may sign the story: its block, where it stands, its position among
    the page's blocks."""
    block: Block
    place: str
    position: int


def _has_role(text: str) -> bool:
    return any(word.lower() in ROLE_WORDS for word in WORD.findall(text))


def text_candidates(lines: list[Line], blocks: list[Block], title_position: int | None, body_start: int,
                    body_text: str, outlet: str | None, rule_byline: str | None) -> list[Candidate]:
    """The byline candidates of a text dump's `lines` (see Line); the same names
    from several lines are one candidate, with the strongest of their evidence."""
    texts = [block.text for block in blocks]
    rule = fields.clean_byline(rule_byline, outlet, None) if rule_byline else None
    rule_key = _names_key(rule) if rule else None
    merged: dict[str, Candidate] = {}
    for line in lines:
        text, at = line.block.text, line.position
        if text.lower() == "by":
            continue
        dated = date_in_line(text)
        above = texts[at - 1] if at > 0 else ""
        below = texts[at + 1] if at + 1 < len(texts) else ""
        by_before = bool(BYLINE_PREFIX.match(BULLET.sub("", text)))  # "By Jane Doe", "* By Saima Sidik"
        signed = by_before or above.lower() in ("by", "by:")
        for beside_date, variant in enumerate([text, dated[1]] if dated and dated[1] else [text]):
            cleaned = fields.clean_byline(BYLINE_PREFIX.sub("", BULLET.sub("", variant)), outlet, None)
            if not cleaned or (not signed and _named_in(cleaned, body_text)):
                continue  # nothing of a name, or, unsigned, a caption's subject: the story speaks of them
            if beside_date and " " not in cleaned and cleaned not in fields.AGENCIES.values():
                continue  # one word beside a date is the section's ("World Dec 22, 2023"), no one's name
            features = {
                "by_before": float(by_before),
                "by_line_above": float(above.lower() in ("by", "by:")),
                "dated": float(bool(dated)),
                "date_beside": float(bool(date_in_line(above) or date_in_line(below))),
                "role_here": float(_has_role(text)),
                "role_below": float(_has_role(below) and len(WORD.findall(below)) <= MAX_ROLE_WORDS),
                "name_like": float(looks_like_name(text)),
                "names": (cleaned.count(";") + 1) / 3,
                "one_word_name": float(any(len(name.split()) == 1 for name in cleaned.split("; "))),
                "first_name_share": _first_name_share(cleaned),
                "kept_share": len(WORD.findall(cleaned)) / max(1, len(WORD.findall(text))),
                "line_words": min(len(WORD.findall(text)), MAX_DISTANCE) / 10,
                "credit": float(bool(CREDITED.search(text)) or "/" in text),
                "ends_sentence": float(ends_like_sentence(text)),
                "after_title": float(title_position is not None and at > title_position),
                "title_distance": (min(abs(at - title_position), MAX_DISTANCE) / 10
                                   if title_position is not None else MAX_DISTANCE / 10),
                "body_distance": min(abs(at - body_start), MAX_DISTANCE) / 10,
                "repeated": float(texts.count(text) > 1),
                "agency": float(cleaned in fields.AGENCIES.values()),
                "separator": float(bool(re.search(r"\s[|·•]\s", text))),
                "rule_pick": float(_names_key(cleaned) == rule_key),
                **{f"place_{place}": float(line.place == place) for place in PLACES},
            }
            key = _names_key(cleaned)
            if key in merged:
                old = merged[key].features
                merged[key].features = {name: max(old[name], value) for name, value in features.items()}
                for name in ("title_distance", "body_distance"):
                    merged[key].features[name] = min(old[name], features[name])
            else:
                merged[key] = Candidate(cleaned, features, line.block)
    if rule and _names_key(rule) not in merged:  # the rules found it further away
        far = {name: 0.0 for name in FEATURES}
        far.update(rule_pick=1.0, title_distance=MAX_DISTANCE / 10, body_distance=MAX_DISTANCE / 10,
                   names=(rule.count(";") + 1) / 3, agency=float(rule in fields.AGENCIES.values()))
        merged[_names_key(rule)] = Candidate(rule, far)
    return list(merged.values())


def _first_name_share(byline: str) -> float:
    """How many of the byline's names start with a common first name ("Emma", "Aaron")."""
    names = [name.split() for name in byline.split("; ")]
    return sum(bool(words) and words[0].lower() in first_names() for words in names) / len(names)


def _names_key(byline: str | None) -> str:
    return ";".join(sorted(re.sub(r"\W", "", name.lower()) for name in (byline or "").split(";") if name.strip()))


def _named_in(byline: str, text: str) -> bool:
    """Whether the story speaks of the byline's first person: an author seldom
    appears in the text they write, a caption's subject does."""
    name = " ".join(byline.split(";")[0].split()[:2])
    return len(name.split()) == 2 and re.search(rf"\b{re.escape(name)}\b", text) is not None


@cache
def load_model() -> dict:
    return read_chooser(MODEL_FILE, FEATURES, "byline")


@feature_check
def check_byline_model() -> None:
    load_model()


def choose(candidates: list[Candidate], kind: str = "text", model: dict | None = None) -> Candidate | None:
    """The candidate the model finds likeliest to be the byline, when at least as
    likely as its threshold; None otherwise."""
    return likeliest(candidates, model or load_model()) if candidates else None


def choose_by_rules(candidates: list[Candidate], kind: str = "text") -> Candidate | None:
    return rule_pick(candidates)
