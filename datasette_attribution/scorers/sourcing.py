"""Attribution: does a sentence attribute its claim, to whom, and is the source named?

A sentence is attributed when a cue (a speech, belief or stance predicate such as
"said", "believe", "have not ruled out", or "according to") has a source, or when
the claim leans on an impersonal or vague source ("it is widely believed", "is
said to", "seen by commentators"). The source is the cue's subject (or the words
after "according to", or after an inverted "said"); it is anonymous when it is an
unnamed person or group ("US officials", "diplomatic sources", "people familiar
with"), when the sentence invokes anonymity ("on condition of anonymity"), or
when it is a pronoun or description pointing back to such a source.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .lexicon import PhraseMatcher, labelled, words
from .names import strip_titles

TOKEN = re.compile(r"[A-Za-z0-9][\w'’.-]*[\w]|[A-Za-z0-9]")
NON_CLAIMS = re.compile(
    r"\bdeclined to (?:comment|discuss|elaborate|be drawn)|\bdid not (?:respond|reply|return)"
    r"|\bcould not be reached|\bno comment\b|\bwere not available for comment",
    re.IGNORECASE,
)
ANONYMITY = re.compile(
    r"\bcondition of anonymity|\bspeaking anonymously|\bnot authori[sz]ed to|\bdeclined to be (?:named|identified)"
    r"|\bwho asked not to be (?:named|identified)|\bspoke anonymously|\bunnamed\b|\banonymous\b",
    re.IGNORECASE,
)
IMPERSONAL = re.compile(
    r"\bit\s+(?:is|was|has been)\s+(?:widely\s+|generally\s+|commonly\s+)?"
    r"(?:believed|thought|understood|said|reported|claimed|rumou?red|alleged)\b"
    r"|\b(?:is|are|was|were)\s+(?:widely\s+)?(?:said|believed|thought|rumou?red|reported)\s+to\b"
    r"|\b(?:being\s+|is\s+|are\s+|was\s+)?seen\s+by\s+(?:some\s+|many\s+)?"
    r"(?:commentators|critics|observers|analysts|experts|many|some)\b",
    re.IGNORECASE,
)
# Words that end a subject when walking back from a cue.
SUBJECT_BOUNDARY = frozenset("""
that which who whom whose while but because since after before when where if although though
however with in on at for to by from as than so yet nor or this last next week month year
today yesterday earlier later then now also despite amid during under over into about
""".split())
# Words between a subject and its cue: auxiliaries, negation, adverbs.
BETWEEN = frozenset("""
has have had is are was were will would could may might did do does also not never still
repeatedly separately previously again already publicly privately first further long
""".split())
PRONOUNS = {"he": "person", "she": "person", "they": "organisation", "it": "organisation",
            "we": "organisation", "i": "person"}
DESCRIPTION = re.compile(r"^(?:the|this|that|these|those)\s+(?:two\s+|three\s+|four\s+)?(\w+)$", re.IGNORECASE)
NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+))+\b")
MAX_SOURCE_TOKENS = 9
PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
INVERTIBLE = frozenset({"said", "says", "added", "adds", "told", "wrote", "writes", "asked",
                        "insisted", "stated", "explained", "noted", "warned"})
# Capitalised modifiers that are not names ("US officials", "White House
# officials", "Diplomatic sources").
NON_NAME_CAPITALS = frozenset({"us", "u.s.", "uk", "eu", "un", "white", "house", "diplomatic",
                               "western", "american", "british", "iranian", "israeli",
                               "russian", "chinese", "european", "senior", "administration"})


class Lexicons(NamedTuple):
    cues: PhraseMatcher  # reporting verbs and phrases
    anonymous_kinds: dict[str, str]  # unnamed-source word -> source_kind
    anonymous: PhraseMatcher
    named_kinds: dict[str, str]  # on-record source noun -> source_kind
    named: PhraseMatcher


@lru_cache(maxsize=1)
def _lexicons() -> Lexicons:
    anonymous = dict(labelled("anonymous_sources.txt"))
    named = dict(labelled("named_sources.txt"))
    return Lexicons(
        cues=PhraseMatcher(words("reporting_verbs.txt")),
        anonymous_kinds={k.lower(): v for k, v in anonymous.items()},
        anonymous=PhraseMatcher(anonymous),
        named_kinds={k.lower(): v for k, v in named.items()},
        named=PhraseMatcher(named),
    )


def _subject_before(text: str, cue_start: int) -> str:
    """Walk back from the cue over auxiliaries and adverbs, then over the subject.

    An empty chunk right before the cue means an apposition ("..., Republican
    Senators John McCain and Lindsey Graham, called it"), and a relative clause
    ("The Wall Street Journal, which first reported ..., said") means its
    antecedent: both step back one chunk.
    """
    chunks = re.split(r"[,;:\"“”()—–]|\s-\s", text[:cue_start])
    index = len(chunks) - 1
    while index > 0 and (
        not chunks[index].strip()
        or chunks[index].split()[0].lower() in ("which", "who")
    ):
        index -= 1
    chunk = chunks[index]
    if chunk.split() and chunk.split()[0].lower() in ("which", "who"):
        return ""
    tokens = TOKEN.findall(chunk)
    while tokens and (tokens[-1].lower() in BETWEEN or tokens[-1].lower().endswith("ly")):
        tokens.pop()
    subject = []
    for position in range(len(tokens) - 1, -1, -1):
        token = tokens[position]
        if token.lower() in SUBJECT_BOUNDARY:
            # "people familiar with", "aides to the president", "sources close to":
            # a source noun's own complement, not the end of the subject.
            if not (token.lower() in ("with", "to", "on", "about", "of", "in")
                    and position > 0 and _takes_complement(tokens[position - 1])):
                break
        subject.insert(0, token)
        if len(subject) >= MAX_SOURCE_TOKENS:
            break
    while subject and subject[0].lower() in ("and", "but", "or", "however"):
        subject.pop(0)
    return " ".join(subject)


COMPLEMENT_TAKERS = frozenset({"familiar", "close", "briefed", "knowledgeable", "linked",
                               "loyal", "near", "opposed", "involved"})


def _takes_complement(word: str) -> bool:
    lowered = word.lower()
    return lowered in COMPLEMENT_TAKERS or lowered in _lexicons().anonymous_kinds


def _words_after(text: str, position: int) -> str:
    chunk = re.split(r"[,;:.\"“”()—–]|\s(?:that|as|on|in|at|to|about)\s", text[position:])[0]
    return " ".join(TOKEN.findall(chunk)[:MAX_SOURCE_TOKENS])


def find_cue_and_source(text: str) -> tuple[str | None, str | None]:
    """(cue, source words) of the sentence's attribution.

    "according to" governs the whole claim, so it wins over other cues ("Obama
    wrote to Khamenei ..., according to reports"); otherwise the first cue with a
    source. A capitalised cue word inside a sentence is part of a name ("the
    United States"), not a verb.
    """
    cues = _lexicons().cues
    matches = sorted(cues.finditer(text), key=lambda m: m.group(0).lower() != "according to")
    for match in matches:
        cue = " ".join(match.group(0).lower().split())
        if match.start() > 0 and match.group(0)[0].isupper():
            continue
        if PASSIVE_BEFORE.search(text[:match.start()]) and cue.endswith("ed"):
            continue  # "rain is expected to spread": a passive forecast, no source
        if cue == "according to":
            source = _words_after(text, match.end())
        elif cue in ("cited", "citing", "quoted", "quoting"):
            # "The newspaper cited unnamed individuals ... as its source": the real
            # source is the one cited.
            source = _words_after(text, match.end()) or _subject_before(text, match.start())
        else:
            source = _subject_before(text, match.start())
            if not source and cue in INVERTIBLE:  # '"...," said Josh Earnest.'
                source = _words_after(text, match.end())
        if source and source.split()[-1].lower() not in SUBJECT_BOUNDARY:
            return cue, source
    return None, None


def _has_name(source: str) -> bool:
    """A person's or organisation's proper name, not just a capitalised modifier."""
    for match in NAME.finditer(source):
        tokens = match.group(0).split()
        if any(t.lower() not in NON_NAME_CAPITALS for t in tokens):
            return True
    tokens = source.split()
    # A single capitalised word that is not sentence-initial or a modifier: "Obama".
    return any(t[:1].isupper() and t.lower() not in NON_NAME_CAPITALS and i > 0
               for i, t in enumerate(tokens)) or (
        len(tokens) == 1 and tokens[0][:1].isupper() and tokens[0].lower() not in NON_NAME_CAPITALS
        and tokens[0].lower() not in PRONOUNS and tokens[0].lower() not in _lexicons().anonymous_kinds)


def person_names(text: str) -> list[str]:
    """Full names in a phrase, titles removed: "Republican Senators John McCain and
    Lindsey Graham" -> ["John McCain", "Lindsey Graham"]."""
    names = []
    for match in NAME.finditer(text):
        tokens, _ = strip_titles(match.group(0).split())
        if len(tokens) >= 2 and not all(t.lower() in NON_NAME_CAPITALS for t in tokens):
            names.append(" ".join(tokens))
    return names


def classify_source(source: str) -> tuple[str, str]:
    """(attribution, source_kind) for a source phrase on its own."""
    lexicons = _lexicons()
    anonymous_kinds, named_kinds = lexicons.anonymous_kinds, lexicons.named_kinds
    lowered = source.lower()
    anonymous = lexicons.anonymous.search(source)
    named = lexicons.named.search(source)
    has_name = _has_name(source)
    if anonymous and not has_name:
        return "anonymous", anonymous_kinds[" ".join(anonymous.group(0).lower().split())]
    named_kind = named_kinds[" ".join(named.group(0).lower().split())] if named else None
    if named_kind == "media":
        return "named", "media"
    if person_names(source):
        return "named", "person"
    if named_kind:
        return "named", named_kind
    if has_name:
        names = [t for t in source.split() if t[:1].isupper() and t.lower() not in NON_NAME_CAPITALS]
        if names and all(t.isupper() and len(t) > 1 for t in names):
            return "named", "organisation"  # an acronym: NATO, BBC
        return "named", "person"
    if lowered in PRONOUNS:
        return "named", PRONOUNS[lowered]
    return "named", "organisation"


def attribute(text: str, previous: dict | None = None) -> dict:
    """attribution, source, source_kind, cue and anonymous_score for one sentence.

    `previous` is the last attributed sentence of the same article, for pronouns
    and descriptions that point back to its source.
    """
    result = {"attribution": "none", "source": None, "source_kind": None, "cue": None,
              "anonymous_score": 0.0}
    if NON_CLAIMS.search(text):
        return result
    impersonal = IMPERSONAL.search(text)
    cue, source = find_cue_and_source(text)
    anonymity = ANONYMITY.search(text)
    if cue is None and impersonal is None and anonymity is None:
        return result
    if impersonal is not None:
        # "it is widely believed", "is said to": the claim rests on nobody in particular.
        cue, source = " ".join(impersonal.group(0).lower().split()), impersonal.group(0)
        result.update(attribution="anonymous", source=source, source_kind="vague", cue=cue,
                      anonymous_score=0.8)
        return result
    points_back = source is None or source.lower() in PRONOUNS or bool(DESCRIPTION.match(source or ""))
    if points_back and previous is not None:
        attribution, kind = previous["attribution"], previous["source_kind"]
        source = source or previous["source"]
    elif source:
        attribution, kind = classify_source(source)
    else:
        attribution, kind = "anonymous", "unnamed other"
    if anonymity and attribution == "named":
        # "speaking on condition of anonymity", "not authorised to speak": stated anonymity.
        attribution, kind = "anonymous", "unnamed official" if "official" in text.lower() else "unnamed other"
    if anonymity and cue is None:
        cue = anonymity.group(0).lower()
    result.update(attribution=attribution, source=source, source_kind=kind, cue=cue,
                  anonymous_score={"anonymous": 1.0 if kind != "vague" else 0.8}.get(attribution, 0.0))
    return result


QUOTE_OPENING = ("\"", "“")


class SourcingScorer:
    name = "sourcing"
    order = 10

    def score(self, sentences, article):
        previous = None
        for index, sentence in enumerate(sentences):
            sentence.update(attribute(sentence["text"], previous))
            before = sentences[index - 1] if index else None
            if (
                sentence["attribution"] == "none"
                and sentence["text"].startswith(QUOTE_OPENING)
                and before is not None
                and before is previous
                and any(q in before["text"] for q in ("\"", "”"))
            ):
                # A bare quotation continues the quoted speaker just before it.
                for key in ("attribution", "source", "source_kind", "cue", "anonymous_score"):
                    sentence[key] = before[key]
            if sentence["attribution"] != "none":
                previous = sentence
