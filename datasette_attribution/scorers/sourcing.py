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

from ..resources import labelled, words
from .lexicon import PhraseMatcher
from .names import strip_titles
from .summary import share

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


def cue_and_source_by_words(text: str) -> tuple[str | None, str | None]:
    """(cue, source words) of the sentence's attribution, from the words alone: for
    the phrase cues ("in a statement", "ruled out") and where the parse finds no
    subject.

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


# Dependencies from a cue verb to the source, and to what it reports.
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
CONTENT = frozenset({"ccomp", "xcomp", "parataxis", "advcl"})
# Children of a source phrase that are not part of its words: relative clauses,
# parenthetical asides ("Rep. Emanuel Cleaver II (D-Mo.)") and punctuation.
NOT_SOURCE = frozenset({"relcl", "punct", "parataxis", "advcl"})
QUOTE_CHARS = frozenset('"“”')


@lru_cache(maxsize=1)
def _cue_verbs() -> tuple[frozenset[str], frozenset[str]]:
    """The lexicon's one-word reporting cues, and the verbs of stance that need a clause."""
    reporting = frozenset(word for word in words("reporting_verbs.txt") if " " not in word)
    return reporting, words("stance_verbs.txt")


def _is_cue_verb(token) -> bool:
    if token.pos_ not in ("VERB", "AUX") or token.text[:1].isupper() and token.i > token.sent.start:
        return False
    reporting, stance = _cue_verbs()
    lemma = token.lemma_.lower()
    return token.lower_ in reporting or lemma in reporting or lemma in stance


def _governs_clause(token) -> bool:
    return any(child.dep_ in ("ccomp", "xcomp") for child in token.children)


def _reports_something(token) -> bool:
    """A cue verb that reports a claim: it governs a clause ("said the talks
    failed", "believes she will win"), stands beside one as an aside or an "as"
    clause ('"...," he said', "as Politico observed"), introduces what follows a
    colon, or sits in a sentence holding a quotation. "added 25 points" or "wrote
    a book" reports nothing; a verb of stance only ever with a clause."""
    if _governs_clause(token):
        return True
    reporting, _ = _cue_verbs()
    if token.lower_ not in reporting and token.lemma_.lower() not in reporting:
        return False
    if token.dep_ in ("parataxis", "ccomp", "advcl") or any(c.dep_ == "parataxis" for c in token.children):
        return True
    following = [t for t in token.sent[token.i - token.sent.start + 1:] if not t.is_space]
    if following and following[0].text == ":" or any(
            child.dep_ == "prt" for child in token.children) and following[1:2] and following[1].text == ":":
        return True
    has_object = any(child.dep_ in ("dobj", "attr") for child in token.children)
    if has_object:
        return token.lemma_.lower() in words("claim_object_verbs.txt")
    return any(t.text in QUOTE_CHARS for t in token.sent)


def _inside_quotation(token) -> bool:
    """Within quotation marks in its sentence: a cue there is the quoted person's
    ("I think"), not the attribution of the sentence."""
    marks = sum(t.text in QUOTE_CHARS for t in token.sent[: token.i - token.sent.start])
    return marks % 2 == 1


def _source_phrase(head) -> tuple[int, int]:
    """(start, end) character offsets in the document of the source phrase headed
    by `head`: its subtree without relative clauses, asides or edge punctuation."""
    left, right = head.i, head.i
    for child in head.children:
        if child.dep_ in NOT_SOURCE or child.dep_ == "appos" and child.i > head.i and any(
                t.text == "(" for t in child.subtree) or child.dep_ == "cc" and child.i > head.i:
            continue
        if child.dep_ == "conj" and child.i > head.i:
            pass  # "McCain and Graham": both speak
        edge = list(child.subtree)
        left, right = min(left, edge[0].i), max(right, edge[-1].i)
    doc = head.doc
    # A dateline or an aside before a dash is not the source ("MACAU (Reuters) - Top
    # donor ..."), nor anything past a quotation mark or a comma after the head.
    for index in range(head.i - 1, left - 1, -1):
        if doc[index].is_punct and (doc[index].text in ("–", "—", "-", ":", ";")
                                    or doc[index].text in QUOTE_CHARS):
            left = index + 1
            break
    # A name in apposition stays: "the mayor, Ann Hughes, said".
    named_apposition = {t.i for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                        for t in c.subtree}
    for index in range(head.i + 1, right + 1):
        if index + 1 in named_apposition and doc[index].text == ",":
            continue
        if doc[index].text in QUOTE_CHARS or doc[index].text in (",", ";", ":", "(", "–", "—"):
            right = index - 1
            break
    while left < right and (doc[left].is_punct or doc[left].lower_ in ("and", "but", "however")):
        left += 1
    while right > left and doc[right].is_punct:
        right -= 1
    if right - left >= MAX_SOURCE_TOKENS + 3:  # a long clause is not a source phrase
        left = max(left, head.i - MAX_SOURCE_TOKENS + 1)
    return doc[left].idx, doc[right].idx + len(doc[right])


def _subject_of(verb):
    """The token heading who speaks: the verb's subject, the agent of a passive
    ("was told by aides"), the noun a relative clause hangs on ("officials who
    said"), or the subject of the verb it is coordinated with ("declined and said")."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            if child.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                return verb.head
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    if any(child.dep_ == "nsubjpass" for child in verb.children):
        return None  # "is expected", "was reported": passive with nobody named
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head
    if verb.dep_ == "conj" and verb.head != verb:
        return _subject_of(verb.head)
    return None


def cue_and_source_by_parse(span) -> tuple[str | None, tuple[int, int] | None]:
    """(cue, source offsets in the sentence) of the sentence's main attribution:
    "according to" and its object win; otherwise the cue verb nearest the root of
    the tree whose subject the parse gives."""
    base = span.start_char
    for token in span:
        if token.lower_ == "according" and token.i + 1 < span.end and token.nbor().lower_ == "to":
            objects = [c for c in token.nbor().children if c.dep_ == "pobj"]
            if objects:
                start, end = _source_phrase(objects[0])
                return "according to", (start - base, end - base)
    candidates = []
    for token in span:
        if not _is_cue_verb(token) or not _reports_something(token):
            continue
        subject = _subject_of(token)
        if token.lemma_.lower() in ("cite", "quote"):
            # "The newspaper cited unnamed individuals as its source": the one cited speaks.
            subject = next((c for c in token.children if c.dep_ == "dobj"), subject)
        if subject is None or not span.start <= subject.i < span.end:
            continue
        depth = len(list(token.ancestors))
        candidates.append((_inside_quotation(token), depth, token.i, token, subject))
    if not candidates:
        return None, None
    *_, verb, subject = min(candidates)
    start, end = _source_phrase(subject)
    return verb.lower_, (start - base, end - base)


def find_cue_and_source(span) -> tuple[str | None, str | None]:
    """(cue, source words) of a parsed sentence's attribution: from the parse, else
    from the words."""
    cue, offsets = cue_and_source_by_parse(span)
    if cue is not None:
        return cue, span.text[offsets[0]:offsets[1]]
    cue, source = cue_and_source_by_words(span.text)
    if cue is not None and " " not in cue and not any(
            token.lower_ == cue and _is_cue_verb(token) and _reports_something(token) for token in span):
        return None, None  # the parse reads it as no verb of reporting: "added 25 points"
    return cue, source


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


def attribute(span, previous: dict | None = None) -> dict:
    """attribution, source, source_kind, cue and anonymous_score for one parsed sentence.

    `previous` is the last attributed sentence of the same article, for pronouns
    and descriptions that point back to its source.
    """
    result = {"attribution": "none", "source": None, "source_kind": None, "cue": None,
              "anonymous_score": 0.0}
    text = span.text
    if NON_CLAIMS.search(text):
        return result
    impersonal = IMPERSONAL.search(text)
    cue, source = find_cue_and_source(span)
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
    requires = ()
    columns = {
        "sentences": {"attribution": str, "source": str, "source_kind": str, "cue": str,
                      "anonymous_score": float},
        "articles": {"attributed_count": int, "anonymous_count": int, "anonymous_share": float},
    }

    def score(self, sentences, analysis):
        previous = None
        for index, sentence in enumerate(sentences):
            sentence.update(attribute(sentence["span"], previous))
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
        attributed = sum(s["attribution"] != "none" for s in sentences)
        anonymous = sum(s["attribution"] == "anonymous" for s in sentences)
        analysis.summary.update(attributed_count=attributed, anonymous_count=anonymous,
                                anonymous_share=share(anonymous, attributed))
