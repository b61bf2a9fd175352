"""Direct quotations, across sentences and paragraphs, and who speaks them.

A quotation that runs over several sentences or paragraphs is one quote
(common/quotations.py finds them).

The speaker is the attribution source of the sentences the quote spans (filled by
the sourcing scorer, which runs first), or, for a bare quotation, the speaker of
the quotation just before it. Descriptions and pronouns ("the two senators",
"he") are resolved to the names given earlier in the article.
"""

from __future__ import annotations

import re

from ..records import QuoteRecord
from .common.quotations import PARAGRAPH_BREAK, REOPENING, quote_spans
from .sourcing import person_names

DESCRIBED = re.compile(r"^(?:the|this|that|these|those)\s+(?:(?:two|three|four)\s+)?(\w+?)s?$",
                       re.IGNORECASE)
PRONOUN_SPEAKERS = frozenset({"he", "she", "they"})


def _people_named(speaker: str | None, sentences) -> list[str]:
    """The actor behind a surname-only speaker ("Obama" -> "Barack Obama"), from
    the actor mentions the actor scorer found in the article."""
    if not speaker:
        return []
    for sentence in sentences:
        for mention in sentence.get("mentions", []):
            if mention["kind"] == "person" and mention["text"] == speaker:
                return [mention["actor"]]
    return []


def _speaking(sentence: dict, start: int, end: int) -> dict:
    """The sentence's attribution whose claim is the quotation at body[start:end]:
    the aside right after it (“...,” the union wrote; “...,” said Ms. Roe), else the
    one whose content holds most of it, else the one whose cue stands nearest it
    ("... the impact it said Clinton would have: “...,” the union wrote" is the
    union's); the sentence's main attribution where none tells (a sentence without
    its rows)."""
    rows = [a for a in sentence.get("attributions") or () if a.get("source") and a.get("cue_start") is not None]
    if not rows:
        return (sentence.get("attributions") or [{}])[0]
    text = sentence["text"]
    start, end = start - sentence["start"], end - sentence["start"]

    def aside(a):
        # the cue, or its source when that comes first, right after the quotation
        first = a["cue_start"]
        if a.get("source_start") is not None and end <= a["source_start"] < first:
            first = a["source_start"]
        return first >= end and not any(c.isalnum() for c in text[max(end, 0):first])

    def held(a):
        if a.get("content_start") is None:
            return 0
        return max(0, min(end, a["content_end"]) - max(start, a["content_start"]))

    def distance(a):
        return max(a["cue_start"] - end, start - a["cue_end"], 0)
    return max(rows, key=lambda a: (aside(a), held(a), -distance(a), -rows.index(a)))


def _quote_text(inside: str) -> str:
    """The quote's words, with paragraph breaks and reopening marks taken out."""
    joined = re.sub(rf"{re.escape(PARAGRAPH_BREAK)}(?:{REOPENING})?", " ", inside)
    return " ".join(joined.split()).strip(" \"“”‘’'`")


def resolve_speaker(source: str | None, earlier_text: str, last_person: str | None,
                    resolved: str | None = None) -> str | None:
    """A name for the speaker where the article gives one; `resolved` is the person
    the sourcing scorer found a pronoun source to point to."""
    if not source:
        return None
    names = person_names(source)
    if names:
        return " and ".join(names)
    lowered = source.lower()
    if lowered in PRONOUN_SPEAKERS and (resolved or last_person):
        return resolved or last_person
    described = DESCRIBED.match(source)
    if described:
        noun = described.group(1)
        # "the two senators" -> the names that follow "Senator(s)" earlier on.
        # The noun in any case ("Senators"), the names after it in capitals: "union
        # endorses Clinton" names no union.
        found = re.findall(rf"\b(?i:{noun})s?\s+((?:[A-Z][\w'’-]+\s?)+(?:and\s+(?:[A-Z][\w'’-]+\s?)+)?)",
                           earlier_text)
        if found:
            return " and ".join(person_names(found[-1].strip()) or [found[-1].strip()])
    return source


class QuoteScorer:
    """Direct quotations as rows of `quotes`; reads the sourcing scorer's sources
    and the actor scorer's mentions."""

    name = "quotes"
    requires = ("actors", "sourcing")
    columns = {"sentences": {"is_quote": int}, "articles": {"quote_count": int}}

    def score(self, sentences, analysis):
        body = analysis.body
        spans = quote_spans(body)
        last_speaker = last_person = last_speaker_source = None
        last_anonymous = 0
        last_quote_end_sentence = None
        for start, end in spans:
            covered = [i for i, s in enumerate(sentences) if s["start"] < end and s["end"] > start]
            if not covered:
                continue
            for i in covered:
                sentences[i]["is_quote"] = 1
            attributed = [sentences[i] for i in covered if sentences[i].get("attribution") != "none"]
            continues = last_quote_end_sentence is not None and covered[0] - last_quote_end_sentence <= 1
            if attributed and not (continues and attributed[0].get("source") == last_speaker_source):
                main = _speaking(attributed[0], start, end)
                source = main.get("source") or attributed[0].get("source")
                resolved = main.get("speaker") or (attributed[0].get("speaker_actor") or (None,))[0]
                speaker = resolve_speaker(source, body[:sentences[covered[0]]["start"]], last_person, resolved)
                anonymous = int(attributed[0].get("attribution") == "anonymous")
            elif continues:
                source, speaker, anonymous = last_speaker_source, last_speaker, last_anonymous
            else:
                source, speaker, anonymous = None, None, 0
            speakers = person_names(speaker or "") or _people_named(speaker, sentences)
            analysis.quotes.append(QuoteRecord(
                sentence_position=sentences[covered[0]]["position"],
                text=_quote_text(body[start:end]),
                speaker=speaker,
                # One named person: the store links the quote to that actor.
                speaker_person=speakers[0] if len(speakers) == 1 else None,
                anonymous=anonymous,
            ))
            last_speaker, last_speaker_source, last_anonymous = speaker, source, anonymous
            if speaker and person_names(speaker):
                last_person = speaker
            last_quote_end_sentence = covered[-1]
        for sentence in sentences:
            sentence.setdefault("is_quote", 0)
        analysis.summary["quote_count"] = len(analysis.quotes)
