"""Sentence polarity and subjectivity: TextBlob's PatternAnalyzer, computed faster.

The scores are TextBlob's own: pattern's English sentiment lexicon (read from
TextBlob's data file), its tokenizer, and its rules for intensifiers ("very
good"), negation ("not good" is half as good, reversed), adverbs made from
adjectives and exclamation marks. Tests compare the two sentence by sentence.

Why not call TextBlob: its analyzer looks every word up through a lazy
dictionary wrapper, tests each number and dash against every emoticon, and
importing TextBlob imports NLTK and SciPy, two seconds before the first
sentence. This was the largest single cost of a load. A sentence with a line
break, an emoticon or the sarcasm mark "(!)" still goes to TextBlob's own
analyzer, where its rules for those live; its module (`textblob/_text.py`,
standard library only) is loaded from its file, so that NLTK is not imported
for it either, in each worker process of a load.

The tokenizer's constants are copied from TextBlob's `_text.py` (MIT; adapted
from pattern, BSD), so that importing them does not import TextBlob.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

PUNCTUATION = ".,;:!?()[]{}`''\"@#$^&*+-|=~_"
SPLIT_OFF_FRONT = tuple(PUNCTUATION.replace(".", ""))
SPLIT_OFF_BACK = SPLIT_OFF_FRONT + (".",)
ABBREVIATIONS = frozenset({
    "a.", "adj.", "adv.", "al.", "a.m.", "c.", "cf.", "comp.", "conf.", "def.", "ed.", "e.g.",
    "esp.", "etc.", "ex.", "f.", "fig.", "gen.", "id.", "i.e.", "int.", "l.", "m.", "Med.",
    "Mil.", "Mr.", "n.", "n.q.", "orig.", "pl.", "pred.", "pres.", "p.m.", "ref.", "v.",
    "vs.", "w/",
})
ABBREVIATION_SHAPES = (
    re.compile(r"^[A-Za-z]\.$"),  # "T. De Smedt"
    re.compile(r"^([A-Za-z]\.)+$"),  # "U.S."
    re.compile(r"^[A-Z][b|c|d|f|g|h|j|k|l|m|n|p|q|r|s|t|v|w|x|z]+.$"),  # "Mr." (sic: "|" too)
)
CONTRACTIONS = {"'d": " 'd", "'m": " 'm", "'s": " 's", "'ll": " 'll", "'re": " 're",
                "'ve": " 've", "n't": " n't"}
QUOTES = ("“", "”", "‘", "’", "'", '"')
NEGATIONS_IN_ORDER = ("no", "not", "n't", "never")
NEGATIONS = frozenset(NEGATIONS_IN_ORDER)
EMOTICONS = (
    "<3", "♥", ">:D", ":-D", ":D", "=-D", "=D", "X-D", "x-D", "XD", "xD", "8-D", ">:P", ":-P",
    ":P", ":-p", ":p", ":-b", ":b", ":c)", ":o)", ":^)", ">:)", ":-)", ":)", "=)", "=]", ":]",
    ":}", ":>", ":3", "8)", "8-)", ">;]", ";-)", ";)", ";-]", ";]", ";D", ";^)", "*-)", "*)",
    ">:o", ":-O", ":O", ":o", ":-o", "o_O", "o.O", "°O°", "°o°", ">:/", ":-/", ":/", ":\\",
    ">:\\", ":-.", ":-s", ":s", ":S", ":-S", ">.>", ">:[", ":-(", ":(", "=(", ":-[", ":[",
    ":{", ":-<", ":c", ":-c", "=/", ":'(", ":'''(", ";'(",
)
# Where TextBlob's rules for emoticons (spaced or not, any case) and the sarcasm
# mark could apply, TextBlob decides: its own patterns, lower-cased, so nothing is
# missed. Every one of them has a character or pair in SPECIAL_HINT, a quicker test.
SPECIAL = re.compile(r"\( ?! ?\)|(?:%s)(?:$|\s)" % "|".join(
    r" ?".join(map(re.escape, e)) for e in sorted({e.lower() for e in EMOTICONS})))
SPECIAL_HINT = re.compile(r"[<♥:=;*8°>_(]|x ?(?:- ?)?d|o ?\. ?o", re.IGNORECASE)


def _textblob_folder() -> Path:
    """Where TextBlob is installed, found without importing it."""
    spec = importlib.util.find_spec("textblob")
    return Path(next(iter(spec.submodule_search_locations)))


def _data_file() -> Path:
    return _textblob_folder() / "en" / "en-sentiment.xml"


def _average(values) -> float:
    values = list(values)
    return sum(values) / float(len(values) or 1)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, dict]:
    """word -> {part of speech or None: (polarity, subjectivity, intensity)}, as
    TextBlob's `en.sentiment` holds it once loaded."""
    senses: dict[str, dict] = {}
    for element in ElementTree.parse(_data_file()).getroot().findall("word"):
        form = element.attrib.get("form")
        if form:
            scores = (float(element.attrib.get("polarity", 0.0)),
                      float(element.attrib.get("subjectivity", 0.0)),
                      float(element.attrib.get("intensity", 1.0)))
            senses.setdefault(form, {}).setdefault(element.attrib.get("pos"), []).append(scores)
    table = {}
    for word, by_pos in senses.items():
        averaged = {pos: [_average(column) for column in zip(*scores, strict=True)] for pos, scores in by_pos.items()}
        averaged[None] = [_average(column) for column in zip(*averaged.values(), strict=True)]
        table[word] = averaged
    # "terrible" -> the adverb "terribly", as TextBlob's English loader adds it.
    for word, by_pos in list(table.items()):
        if "JJ" in by_pos:
            if word.endswith("y"):
                word = word[:-1] + "i"
            if word.endswith("le"):
                word = word[:-2]
            entry = table.setdefault(word + "ly", {})
            entry["RB"] = entry[None] = tuple(by_pos["JJ"])
    return table


@lru_cache(maxsize=1)
def _scores() -> tuple[dict[str, tuple], frozenset[str]]:
    """word -> averaged scores, and the words that can modify the next (adverbs)."""
    table = lexicon()
    return ({word: tuple(senses[None]) for word, senses in table.items() if None in senses},
            frozenset(word for word, senses in table.items() if "RB" in senses))


def _is_abbreviation(token: str) -> bool:
    return token in ABBREVIATIONS or any(shape.match(token) for shape in ABBREVIATION_SHAPES)


def tokens(text: str) -> list[str]:
    """TextBlob's tokens of one line of text (its `find_tokens`, sentences joined)."""
    for contraction, spaced in CONTRACTIONS.items():
        text = text.replace(contraction, spaced)
    for quote in QUOTES:
        text = text.replace(quote, f" {quote} ")
    found = []
    for token in text.split():
        if token.isalnum():
            found.append(token)
            continue
        tail = []
        while token.startswith(SPLIT_OFF_FRONT) and token not in CONTRACTIONS:
            found.append(token[0])
            token = token[1:]
        while token.endswith(SPLIT_OFF_BACK) and token not in CONTRACTIONS:
            if token.endswith(SPLIT_OFF_FRONT):
                tail.append(token[-1])
                token = token[:-1]
            if token.endswith("..."):
                tail.append("...")
                token = token[:-3].rstrip(".")
            if token.endswith("."):
                if _is_abbreviation(token):
                    break
                tail.append(token[-1])
                token = token[:-1]
        if token:
            found.append(token)
        found.extend(reversed(tail))
    return found


def polarity_subjectivity(text: str) -> tuple[float, float]:
    """(polarity -1..1, subjectivity 0..1) of a sentence, as TextBlob's PatternAnalyzer."""
    words = tokens(text)
    joined = " ".join(words)
    if "\n" in text or "\r" in text or (SPECIAL_HINT.search(joined) and SPECIAL.search(joined.lower())):
        return _textblob(text)
    scores, adverbs = _scores()
    found = []  # [polarity, subjectivity, intensity, negated]
    modifier = negation = None
    for word in map(str.lower, words):
        known = scores.get(word)
        if known is not None:
            polarity, subjectivity, intensity = known
            if modifier is None:
                found.append([polarity, subjectivity, intensity, False])
            else:  # "really good": the adverb's intensity scales the word
                last = found[-1]
                last[0] = max(-1.0, min(polarity * last[2], 1.0))
                last[1] = max(-1.0, min(subjectivity * last[2], 1.0))
                last[2] = intensity
            if negation is not None:  # "not (really) good"
                found[-1][2] = 1.0 / found[-1][2]
                found[-1][3] = True
            modifier = word if word in adverbs else None
            negation = word if word in NEGATIONS else None
            continue
        if word in NEGATIONS:
            negation = word
        elif negation and len(word.strip("'")) > 1:
            negation = None  # a negation reaches over small words only: "not a good"
        if negation is not None and modifier is not None and modifier.endswith("ly"):
            found[-1][3] = True  # "really not good"
            negation = None
        elif modifier and len(word) > 2:
            modifier = None
        if word == "!" and found:
            found[-1][0] = max(-1.0, min(found[-1][0] * 1.25, 1.0))
    if not found:
        return 0.0, 0.0
    polarity = sum(p * -0.5 if negated else p for p, _, _, negated in found) / float(len(found))
    subjectivity = sum(s for _, s, _, _ in found) / float(len(found))
    return polarity, subjectivity


def _textblob(text: str) -> tuple[float, float]:
    return tuple(_textblob_analyzer()(text)[:2])


@lru_cache(maxsize=1)
def _textblob_analyzer():
    """TextBlob's `en.sentiment`, built from its module file and holding the same
    lexicon (tests compare the two)."""
    spec = importlib.util.spec_from_file_location(
        "datasette_attribution_textblob_text", _textblob_folder() / "_text.py")
    text_module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(text_module)
    analyzer = text_module.Sentiment(
        path=str(_data_file()), synset="wordnet_id", negations=tuple(NEGATIONS_IN_ORDER),
        modifiers=("RB",), modifier=lambda word: word.endswith("ly"),
        tokenizer=text_module.find_tokens, language="en")
    dict.update(analyzer, lexicon())  # filled, so it never loads (or lacks the adverbs)
    return analyzer
