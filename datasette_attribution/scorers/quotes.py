"""Direct quotations and who speaks them."""

from __future__ import annotations

import re

QUOTATION = re.compile(r"\"([^\"]+)\"|“([^”]+)”")
MIN_QUOTE_WORDS = 3  # shorter quoted runs are usually scare quotes or titles


def quotations(text: str) -> list[str]:
    found = []
    for match in QUOTATION.finditer(text):
        quoted = (match.group(1) or match.group(2)).strip()
        if len(quoted.split()) >= MIN_QUOTE_WORDS:
            found.append(quoted)
    return found


class QuoteScorer:
    """Runs after sourcing: a quote's speaker is its sentence's source, or, for a
    bare quotation, the speaker of the quotation just before it."""

    name = "quotes"
    order = 20

    def score(self, sentences, article):
        last_speaker = None
        for sentence in sentences:
            found = quotations(sentence["text"])
            sentence["is_quote"] = int(bool(found))
            if not found:
                last_speaker = None
                continue
            speaker = sentence.get("source") or last_speaker
            anonymous = int(sentence.get("attribution") == "anonymous")
            for text in found:
                article.quotes.append({
                    "sentence_position": sentence["position"],
                    "text": text,
                    "speaker": speaker,
                    "anonymous": anonymous,
                })
            last_speaker = speaker
