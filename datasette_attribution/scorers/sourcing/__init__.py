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
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from ...resources import labelled, words
from ..common.names import first_name_pronoun, is_common_word, strip_titles, word_tags
from ..common.parse import token_at
from ..common.phrases import PhraseFinder
from ..common.summary import share
from ..common.quotations import quote_spans
from .cues import phrase_cues, quotation_depths
from .kinds import (antecedent, judge_source, names_no_one, phrase_head, phrase_tokens, source_nouns,
                    what_it_names)
from .phrases import attributions_in, source_of, source_phrase, unattributed_passive

NON_CLAIMS = re.compile(
    r"\bdeclined to (?:comment|discuss|elaborate|be drawn)|\bdid not (?:immediately )?(?:respond|reply|return)"
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
# A speaker's label before a colon, as transcripts and headlines write it
# ("PENCE: Well, look, ...", "Pat Caddell: Democrat Voters Worried ..."): one to four
# capitalised words at the sentence's start.
SPEAKER_LABEL = re.compile(r"^[\"“]?((?:[A-Z][\w.’'-]*)(?:\s+[A-Z][\w.’'-]*){0,3}):\s+\S")
NOT_SPEAKERS = frozenset({"note", "update", "updated", "photo", "video", "watch", "related", "read",
                          "correction", "editor’s", "editor's", "source", "sources", "credit", "warning",
                          "q", "a", "by", "from", "to", "subject", "date", "tags", "filed"})
NOT_A_LABEL = re.compile(r"^(?:[\w’'-]+\s+){0,2}(?:note|update|updated|correction|clarification):",
                         re.IGNORECASE)
PRONOUNS = {"he": "person", "she": "person", "they": "organisation", "it": "organisation",
            "we": "person", "i": "person"}
# The pronouns of a person the discourse resolves, as "he" or "she": a noun cue's
# owner is one too ("his comments", "Her attack on Sanders").
GENDERED_PRONOUNS = {"he": "he", "his": "he", "him": "he", "she": "she", "her": "she"}
# A speaker's own pronouns: a person, never an organisation, whoever they point back to.
FIRST_PERSON = frozenset({"i", "we", "you"})
# Outside a quotation "I think" and "we found" are the writer's own voice, and
# "You could argue", "you definitely noticed" the reader addressed, as "one could
# argue" is anyone: no claim rests on a source there (so two people labelling real
# pages read them, apart). So are their own nouns of saying: "I'd share my
# thoughts", "your preferences".
NO_SOURCE_OUTSIDE_QUOTES = frozenset({"i", "we", "you", "one", "my", "our", "your"})
# The writer's own piece, as the writer names it ("This post isn't to dismiss AI",
# "this column argues"): the writer's voice too.
WRITERS_OWN_PIECE = re.compile(r"(?:this|my|our)\s+(?:post|article|column|essay|piece|story|blog|newsletter|"
                               r"review|guide|explainer)", re.IGNORECASE)
# A demonstrative alone stands for what was said or done, never for who said it:
# "That explains why", "That said,", "Which is all to suggest". (A relative "that"
# or "which" is judged by the noun it stands for.)
DEMONSTRATIVES = frozenset({"this", "that", "which"})
# Pronouns that never stand for one person: "it" and "they" after a person's quote
# are the paper, the agency, the voters, not that person again.
NEVER_ONE_PERSON = frozenset({"it", "they"})
# The kinds of a body or a record on the record, as lexicons/source_nouns.txt names them.
BODY_KINDS = ("organisation", "media", "document")
DESCRIPTION = re.compile(r"^(?:the|this|that|these|those)\s+(?:two\s+|three\s+|four\s+)?(\w+)$", re.IGNORECASE)
NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+))+\b")
# Capitalised modifiers that are not names ("US officials", "White House
# officials", "Diplomatic sources").
NON_NAME_CAPITALS = frozenset({"us", "u.s.", "uk", "eu", "un", "white", "house", "diplomatic",
                               "western", "american", "british", "iranian", "israeli",
                               "russian", "chinese", "european", "senior", "administration"})


class Lexicons(NamedTuple):
    anonymous_kinds: dict[str, str]  # unnamed-source word -> source_kind
    anonymous: PhraseFinder
    named_kinds: dict[str, str]  # on-record source noun -> source_kind
    named: PhraseFinder


@lru_cache(maxsize=1)
def _lexicons() -> Lexicons:
    anonymous = dict(labelled("anonymous_sources.txt"))
    named = dict(labelled("named_sources.txt"))
    return Lexicons(
        anonymous_kinds={k.lower(): v for k, v in anonymous.items()},
        anonymous=PhraseFinder(anonymous),
        named_kinds={k.lower(): v for k, v in named.items()},
        named=PhraseFinder(named),
    )


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



def _phrase_attributions(span, text: str) -> list[dict]:
    """Attributions for the lexicon's phrase cues, where the model found no cue;
    `text` is the span's text."""
    found = []
    for match in phrase_cues().finditer(text):
        words_of_match = [t for t in span if match.start() <= t.idx - span.start_char < match.end()]
        if not words_of_match:
            continue
        verb = next((t for t in words_of_match if t.pos_ == "VERB"), words_of_match[0].head)
        head = source_of(verb)
        if head is None:
            continue
        start, end = source_phrase(head)
        base = span.start_char
        found.append({"cue": " ".join(match.group(0).lower().split()), "cue_start": match.start(),
                      "cue_end": match.end(), "source": text[start - base:end - base],
                      "source_start": start - base, "source_end": end - base,
                      "content_start": None, "content_end": None, "source_token": head,
                      "continues": False})
    return found


def _widen_to_phrases(text: str, found: list[dict]) -> None:
    """A cue inside one of the lexicon's phrases is the whole phrase: "ruled" in
    "have not ruled out", "called" in "called it"."""
    for match in phrase_cues().finditer(text):
        for attribution in found:
            if match.start() <= attribution["cue_start"] < match.end() or (
                    attribution["cue_start"] <= match.start() < attribution["cue_end"]):
                attribution["cue_start"] = min(attribution["cue_start"], match.start())
                attribution["cue_end"] = max(attribution["cue_end"], match.end())
                attribution["cue"] = " ".join(
                    text[attribution["cue_start"]:attribution["cue_end"]].lower().split())


def _actor_in(mentions: list[dict], start: int | None, end: int | None, span=None) -> dict | None:
    """The actor mentioned within a source phrase: the one its head word names
    ("Donald Trump's Republican Party" is the party, not its owner), else a person first
    ("Trump's campaign" speaks for Trump)."""
    if start is None:
        return None
    inside = [m for m in mentions if start <= m["start"] and m["end"] <= end]
    head = phrase_head(phrase_tokens(span, start, end)) if span is not None else None
    at = head.idx - span.start_char if head is not None else None
    heading = [m for m in inside if at is not None and m["start"] <= at < m["end"]]
    people = [m for m in inside if m["kind"] == "person"]
    chosen = (heading or people or inside or [None])[0]
    return {"name": chosen["actor"], "kind": chosen["kind"]} if chosen else None


def _classify(attribution: dict, mentions: list[dict], previous: dict | None, discourse: Discourse | None,
              span=None, encoding: dict | None = None, quoted: list[tuple[int, int]] = (),
              speakers: list[tuple[int, str]] = ()):
    """Fill attribution (named/anonymous), source_kind, anonymous and the actor of
    one attribution; a pronoun or description points back to an earlier source,
    and "he" or "she" to the person the discourse points to (Discourse.referent).
    With the sentence's parse, source_kinds judges the phrase; without it (a source
    phrase on its own) classify_source does."""
    source = attribution["source"]
    lowered = (source or "").lower()
    # "the senator", "the newspaper" point back; "the US" is a name. A body or a
    # record ("the agency", "the poll") never points back to a person or an
    # unnamed official: it is judged as written.
    description = DESCRIPTION.match(source or "")
    described = bool(description) and source.split()[-1].islower() and not (
        previous is not None and previous["source_kind"] not in BODY_KINDS
        and source_nouns().get(source.split()[-1].lower()) in BODY_KINDS)
    points_back = source is None or lowered in PRONOUNS or described
    # a relative "who" is judged, and its actor found, by the phrase it stands for
    stands_start, stands_end = _standing_for(attribution, span)
    actor = _actor_in(mentions, stands_start, stands_end, span)
    person = None
    if lowered in GENDERED_PRONOUNS and discourse is not None:
        person = discourse.referent(GENDERED_PRONOUNS[lowered], span, attribution["source_start"], mentions,
                                    quoted, speakers)
    thing = _subject_before(span, attribution["source_start"], mentions, quoted) \
        if lowered == "it" and discourse is not None else None
    together = discourse.together_before(span, attribution["source_start"], mentions, quoted) \
        if lowered == "they" and discourse is not None else []
    body = discourse.body_before(span, attribution["source_start"], mentions, quoted) \
        if lowered == "they" and not together and discourse is not None else None
    if together:
        # "Guerra and Robotti still do not know ..., but they think": the people
        # named together as the subject just before
        kind, named, actor = "person", "named", None
        attribution["speaker"] = " and ".join(together)
    elif body is not None:
        # "Hide.me is the only VPN to offer it. They state on their website": the
        # body the subject just before names
        kind, named, actor = "organisation", "named", {"name": body["actor"], "kind": body["kind"]}
        attribution["speaker"] = body["actor"]
    elif thing is not None:
        # "Although the IMF did not single out Trump, it referenced ...": the
        # organisation the sentence has made its subject, judged as written there
        named, kind, _ = judge_source(span, encoding, thing["start"], thing["end"])
        actor = {"name": thing["actor"], "kind": thing["kind"]}
        attribution["speaker"] = thing["actor"]
        if named == "anonymous" or kind == "person":
            named, kind = "named", "organisation"
    elif person is not None:
        kind, named = "person", "named"
        actor = discourse.person_actor(person)
        attribution["speaker"] = person
    elif points_back and previous is not None and not (
            (lowered in NEVER_ONE_PERSON or _several_described(span, attribution))
            and previous["source_kind"] == "person" and not _names_several(previous["source"])):
        kind, named = previous["source_kind"], previous["attribution"]
        earlier = previous.get("speaker_actor")
        actor = actor or ({"name": earlier[0], "kind": earlier[1]} if earlier else None)
        before = previous.get("attributions") or [{}]
        attribution["speaker"] = before[0].get("speaker")
    elif source and span is not None:
        named, kind, _ = judge_source(span, encoding, stands_start, stands_end)
        full = _named_in_full(source, span, stands_start, stands_end, discourse) if named == "anonymous" else None
        if full is not None:
            # "Price added", "Black explained": a surname the tagger read as a word
            named, actor = "named", full
            kind = "person" if full["kind"] == "person" or first_name_pronoun(full["name"]) else "organisation"
        if named == "named" and kind == "person" and discourse is not None and _describes_someone(source, actor):
            # "the Florida senator", "The former first lady and U.S. senator": the
            # person the article is writing about, not the place in the description
            person = discourse.last_person()
            actor = discourse.person_actor(person) if person else None
            attribution["speaker"] = person
    elif source:
        named, kind = classify_source(source)
    else:
        named, kind = "anonymous", "unnamed other"
    if lowered in FIRST_PERSON and kind == "organisation":
        kind = "person"
    if kind in ("organisation", "media"):
        # "the agency" after "the Environmental Protection Agency": the body of the
        # recent sentences whose name ends in the word
        body = _described_body(source, mentions, attribution["source_start"], discourse)
        if body is not None:
            named, actor = "named", body
            attribution["speaker"] = body["name"]
    attribution.update(attribution=named, source_kind=kind, anonymous=int(named == "anonymous"),
                       actor=(actor["name"], actor["kind"]) if actor and named == "named" else None)
    if "speaker" not in attribution:
        written = source if span is None or stands_start is None else \
            span.doc.text[span.start_char + stands_start:span.start_char + stands_end]
        attribution["speaker"] = attribution["actor"][0] if attribution["actor"] else (
            speaker_name(written) if named == "named" and kind == "person" and not points_back else None)


def _named_in_full(source: str, span, start: int | None, end: int | None,
                   discourse: Discourse | None) -> dict | None:
    """The person or body the article names in full whose name's last word is the
    whole source ("Price" after "Amanda Price"), or None. Not a plural nor a noun
    that names sources ("Police" after "Capitol Police" is judged as written)."""
    if discourse is None or start is None or not source[:1].isupper() or " " in source.strip():
        return None
    tokens = phrase_tokens(span, start, end)
    if len(tokens) != 1 or tokens[0].tag_ in ("NNS", "NNPS") or tokens[0].lower_ in source_nouns():
        return None
    return discourse.named_by_last_word(tokens[0].text)


def _several_described(span, attribution: dict) -> bool:
    """A description of several people ("the experts", "these critics"), which
    never points back to one person quoted before it."""
    if span is None or attribution.get("source_start") is None:
        return False
    tokens = phrase_tokens(span, attribution["source_start"], attribution["source_end"])
    return bool(tokens) and tokens[-1].tag_ in ("NNS", "NNPS")


def _names_several(source: str | None) -> bool:
    """"Sen. Ann Lee and Sen. Tom Roe", "they": a source of more than one person."""
    return bool(source) and (" and " in source or source.lower() in ("they", "we"))


def _describes_someone(source: str, actor: dict | None) -> bool:
    """Whether a source re-mentions a person by a definite description ("the
    Florida senator", "the Republican presidential nominee"): "the", a modifier, a
    head that is a noun for one person or a title (lexicons/person_nouns.txt,
    titles.txt), no owner ("the ad's narrator" is someone else), not "the other
    man", and no person named."""
    words_of_source = source.split()
    head = words_of_source[-1]
    return (len(words_of_source) > 2 and words_of_source[0].lower() == "the"
            and (head in words("person_nouns.txt") or head in words("titles.txt"))
            and not any(w.endswith(("'s", "’s", "'", "’")) or w.lower() == "other" for w in words_of_source)
            and (actor is None or actor["kind"] != "person"))


def _subject_before(span, start: int | None, mentions: list[dict], quoted) -> dict | None:
    """The organisation or place mention that is the subject of a clause before
    `start` in the sentence, outside its quotations (the last such), or None."""
    if span is None or start is None:
        return None
    before = Discourse.bodies_as_subjects(span, mentions, start, quoted, main_clause=False)
    return before[-1] if before else None


def _standing_for(attribution: dict, span) -> tuple[int | None, int | None]:
    """The source's offsets in the sentence, or, for a relative "who", those of the
    phrase it stands for ("Mr. Kerry and Mr. Obama, who sent"), where the actor is."""
    token = attribution.get("source_token")
    stands_for = antecedent(token) if token is not None and span is not None else None
    if stands_for is None or not span.start <= stands_for.i < span.end:
        return attribution["source_start"], attribution["source_end"]
    start, end = source_phrase(stands_for)
    return start - span.start_char, end - span.start_char


def _after_a_noun(span, attribution: dict) -> bool:
    """A participle right after a noun has that noun for its subject, whatever the
    parse says ("with about three in 10 saying", "and others supporting"), not the
    source before it in the sentence."""
    cue = token_at(span, attribution["cue_start"])
    return cue is not None and cue.i > span.start and span.doc[cue.i - 1].pos_ in ("NOUN", "PROPN", "NUM")


def _stated_anonymity(span, text: str, anonymity: re.Match) -> dict:
    """The attribution a sentence that states its source's anonymity and has no cue
    of its own holds ("They did so on the condition of anonymity"): the phrase is its
    cue, the subject of its main verb its source; a pronoun points back to the source
    before it, as a cue with no source of its own does."""
    base = span.start_char
    subject = next((c for c in span.root.children if c.dep_ in ("nsubj", "nsubjpass")
                    and c.pos_ != "PRON"), None)
    source = source_phrase(subject) if subject is not None else None
    return {"cue": anonymity.group(0).lower(), "cue_start": anonymity.start(), "cue_end": anonymity.end(),
            "source": text[source[0] - base:source[1] - base] if source else None,
            "source_start": source[0] - base if source else None,
            "source_end": source[1] - base if source else None,
            "content_start": None, "content_end": None, "source_token": subject, "continues": False}


def _resting_on_nobody(result: dict, text: str, start: int, end: int) -> dict:
    """`result` with one vague, anonymous attribution whose cue and source are
    text[start:end], the words that say the claim rests on nobody in particular."""
    phrase = text[start:end]
    cue = " ".join(phrase.lower().split())
    result.update(attribution="anonymous", source=phrase, source_kind="vague", cue=cue, anonymous_score=0.8)
    result["attributions"] = [{
        "cue": cue, "cue_start": start, "cue_end": end, "source": phrase, "source_start": start,
        "source_end": end, "source_kind": "vague", "anonymous": 1, "actor": None,
        "content_start": None, "content_end": None}]
    return result


def _demonstrative(attribution: dict) -> bool:
    """The source is a demonstrative alone that stands for no noun (DEMONSTRATIVES)."""
    token = attribution.get("source_token")
    return (attribution["source"] or "").lower() in DEMONSTRATIVES and (token is None or antecedent(token) is None)


def _impersonal_adjective(span, attribution: dict) -> bool:
    """ "It's also probable that", "But it is clear that": an "it" opening the
    sentence stands for the clause the writer's adjective judges, and nobody
    speaks; after a noun it may be a body ("The company said it was confident")."""
    if (attribution["source"] or "").lower() != "it":
        return False
    cue, source = token_at(span, attribution["cue_start"]), attribution.get("source_token")
    return cue is not None and cue.pos_ == "ADJ" and source is not None \
        and all(t.pos_ in ("CCONJ", "ADV", "PUNCT") for t in span.doc[span.start:source.i])


def _records_speak(span, attribution: dict) -> bool:
    cue = token_at(span, attribution["cue_start"])
    return cue is not None and cue.lemma_.lower() in words("record_verbs.txt")


def _described_body(source: str | None, mentions: list[dict], start: int | None,
                    discourse: Discourse | None) -> dict | None:
    """The body a description ("the service", "the agency") stands for when the
    article has just named it in full ("the National Weather Service"), or None."""
    description = DESCRIPTION.match(source or "")
    if description is None or discourse is None:
        return None
    return discourse.body_named(description.group(1), mentions, start)


def _inside(quoted: list[tuple[int, int]], offset: int) -> bool:
    return any(start <= offset < end for start, end in quoted)


def _quoted_speakers(span, found: list[dict]) -> None:
    """"I" and "we" inside a quotation are its speaker: the sentence's attribution
    outside the quotation marks ('"I think it is over," Smith said')."""
    tokens = list(span)
    depths = quotation_depths(tokens)
    base = span.start_char
    inside = {t.idx - base for t, deep in zip(tokens, depths, strict=True) if deep}
    outer = next((a for a in found if a["cue_start"] not in inside and a.get("speaker")), None)
    if outer is None:
        return
    for attribution in found:
        if (attribution["source"] or "").lower() in ("i", "we") and attribution["cue_start"] in inside:
            attribution.update(speaker=outer["speaker"], actor=outer["actor"], source_kind=outer["source_kind"],
                               attribution=outer.get("attribution", "named"), anonymous=outer["anonymous"])


NOT_NAMES = frozenset({"his", "her", "hers", "its", "their", "theirs", "you", "your", "my", "our",
                       "this", "that", "these", "those", "one", "both", "each", "all", "some"})


def speaker_name(source: str | None) -> str | None:
    """A person's name in a source phrase, titles left out ("Rep. Emanuel Cleaver II"
    -> "Emanuel Cleaver II", "Dunwoody" -> "Dunwoody"), or None."""
    names = person_names(source or "")
    if names:
        return names[0]
    tokens, _ = strip_titles((source or "").split())
    capitalised = [t for t in tokens if t[:1].isupper() and t.lower() not in PRONOUNS
                   and t.lower() not in NOT_NAMES]
    return capitalised[0].strip(",") if len(capitalised) == 1 and len(tokens) <= 2 else None


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MASCULINE, FEMININE = frozenset({"he", "him", "his", "himself"}), frozenset({"she", "her", "hers", "herself"})
TITLE_GENDERS = {"mr.": "he", "mr": "he", "ms.": "she", "ms": "she", "mrs.": "she", "mrs": "she",
                 "miss": "she"}
RECENT_SENTENCES = 4


class Discourse:
    """Who "he" or "she" is, as far as an article has gone: the last speaker or
    subject in agreement of gender (then anyone else mentioned, in agreement). A
    person's gender is what the article shows: the title before a mention ("Ms.
    Abedin"), the pronouns of the sentences where that person alone is the subject
    ("Warren said she..."), and the first name (lexicons/first_names.txt, from the US
    Census); a person with none of these agrees with both."""

    def __init__(self, sentences: list[dict]):
        self.votes: dict[str, dict[str, int]] = {}
        # Labels that open several sentences of the page are its fields ("Shrine
        # Rewards: Tap to Reveal", "Record: 26-3-1"), unless they are names the article
        # gives its people and bodies (a transcript's "Trump:").
        opening = Counter(match.group(1) for sentence in sentences
                          if (match := SPEAKER_LABEL.match(sentence["text"])) is not None)
        name_words = {word.lower() for sentence in sentences for m in sentence.get("mentions", [])
                      if m["kind"] in ("person", "organization") for word in m["actor"].split()}
        self.field_labels = {label for label, times in opening.items() if times >= FIELD_REPEATS
                             and not {word.lower() for word in label.split()} <= name_words}
        for sentence in sentences:
            span = sentence.get("span")
            people = [m for m in sentence.get("mentions", []) if m["kind"] == "person"]
            for mention in people:
                before = sentence["text"][:mention["start"]].split()[-1:]
                if before and before[0].lower() in TITLE_GENDERS:
                    self._vote(mention["actor"], TITLE_GENDERS[before[0].lower()], 3)
            subjects = [m for m in people if span is not None and self._subject(span, m)]
            if span is not None and len({m["actor"] for m in subjects}) == 1:
                # A pronoun after another person is named may be that person's
                # ("Sanders' challenge to Clinton ... she"): the subject's run ends there.
                until = min((m["start"] for m in people if m["start"] >= subjects[0]["end"]
                             and m["actor"] != subjects[0]["actor"]), default=len(span.text))
                after = [t.lower_ for t in span if subjects[0]["end"] <= t.idx - span.start_char < until]
                for token in after:
                    if token in MASCULINE:
                        self._vote(subjects[0]["actor"], "he", 1)
                    elif token in FEMININE:
                        self._vote(subjects[0]["actor"], "she", 1)
        self.recent: list[list[str]] = []  # per sentence so far: its speakers, then its subjects
        self.bodies: list[list[dict]] = []  # per sentence so far: its mentions
        self.groups: list[list[str]] = []  # per sentence so far: the people its subject names together
        self.body_subjects: list[list[dict]] = []  # per sentence so far: the bodies it has for subjects
        self.people = {m["actor"] for sentence in sentences for m in sentence.get("mentions", [])
                       if m["kind"] == "person"}
        # The article's people and bodies named in full, by the last word of the name
        # ("Price" for Amanda Price): a source of that word alone is the one it names.
        self.by_last_word: dict[str, set[tuple[str, str]]] = {}
        for sentence in sentences:
            for m in sentence.get("mentions", []):
                if m["kind"] in ("person", "organization") and len(m["actor"].split()) > 1:
                    self.by_last_word.setdefault(m["actor"].split()[-1], set()).add((m["actor"], m["kind"]))
        for person in self.people:
            # A name of one word is a surname in news ("Clinton", "Carson"), whatever
            # the census makes of it as a first name.
            gender = first_name_pronoun(person) if len(person.split()) > 1 else None
            if gender:
                self._vote(person, gender, 2)

    def _vote(self, actor: str, gender: str, weight: int) -> None:
        votes = self.votes.setdefault(actor, {"he": 0, "she": 0})
        votes[gender] += weight

    @staticmethod
    def _name_head(span, mention):
        """The token a mention's name hangs on ("Sanders" of "Bernie Sanders")."""
        token = token_at(span, mention["start"])
        while token is not None and token.dep_ in ("compound", "flat") and token.head is not token:
            token = token.head
        return token

    @classmethod
    def _role(cls, span, mention) -> str | None:
        token = cls._name_head(span, mention)
        return token.dep_ if token is not None else None

    @classmethod
    def people_together(cls, span, mentions: list[dict], before: int | None = None,
                        quoted: list[tuple[int, int]] = ()) -> list[str]:
        """The people a subject names together ("Guerra and Robotti still do not
        know", "Gasly and Albon"), the last such subject before `before` and outside
        the quotations, or []: whom a "they" after them means."""
        if span is None:
            return []
        people = [m for m in mentions if m["kind"] == "person" and not _inside(quoted, m["start"])
                  and (before is None or m["end"] <= before)]
        heads = {}
        for mention in people:
            head = cls._name_head(span, mention)
            if head is not None:
                heads[head.i] = mention["actor"]
        together = []
        for i, actor in heads.items():
            token = span.doc[i]
            if token.dep_ in SUBJECT_DEPS:
                joined = [heads[c.i] for c in token.conjuncts if c.i in heads]
                if joined:
                    together = list(dict.fromkeys([actor, *joined]))
        return together

    @classmethod
    def _subject(cls, span, mention) -> bool:
        """Whether a mention is a subject; a name that opens the sentence is, whatever
        the parse says ("Trump, appearing after Clinton at the forum, cited ...",
        parsed as an adverbial clause)."""
        return mention["start"] == 0 or cls._role(span, mention) in SUBJECT_DEPS

    def agrees(self, actor: str, pronoun: str) -> bool:
        votes = self.votes.get(actor) or self.votes.get(self.actor_named(actor) or "")
        if not votes or votes["he"] == votes["she"]:
            return True
        return (votes["he"] > votes["she"]) == (pronoun == "he")

    def referent(self, pronoun: str, span, start: int | None, mentions: list[dict],
                 quoted: list[tuple[int, int]] = (), speakers: list[tuple[int, str]] = ()) -> str | None:
        """The person "he"/"she" at `start` of this sentence points to, or None: the
        sentence's last subject or speaker before it (`speakers`: each earlier
        attribution's source offset and speaker, "Mr. King said that he ..."), then
        the recent sentences'. A person named inside a quotation is not its speaker
        ('"... Bernie would ...," she said'): `quoted` are the sentence's quoted characters."""
        outside = start is not None and not _inside(quoted, start)
        here = [(m["start"], m["actor"]) for m in mentions if m["kind"] == "person" and start is not None
                and m["end"] <= start and span is not None and self._subject(span, m)
                and not (outside and _inside(quoted, m["start"]))]
        here = [actor for _, actor in sorted(here + [(at, name) for at, name in speakers if start is not None
                                                     and at < start and not (outside and _inside(quoted, at))])]
        for actor in reversed(here):
            if self.agrees(actor, pronoun):
                return actor
        for candidates in reversed(self.recent[-RECENT_SENTENCES:]):
            for actor in candidates:
                if self.agrees(actor, pronoun):
                    return actor
        return None

    def body_named(self, noun: str, mentions: list[dict], start: int | None) -> dict | None:
        """The organisation last mentioned, in this sentence before `start` or in the
        recent sentences, whose name ends in `noun` ("agency": the Environmental
        Protection Agency), as an actor, or None."""
        here = [m for m in mentions if start is not None and m["end"] <= start]
        for candidates in [here] + self.bodies[-RECENT_SENTENCES:][::-1]:
            for mention in reversed(candidates):
                if mention["kind"] == "organization" and mention["actor"].split()[-1].lower() == noun.lower():
                    return {"name": mention["actor"], "kind": mention["kind"]}
        return None

    def named_by_last_word(self, word: str) -> dict | None:
        """The one person or body of the article whose full name ends in `word`
        ("Price" after "Amanda Price"), as an actor, or None."""
        named = self.by_last_word.get(word, set())
        if len(named) != 1:
            return None
        ((name, kind),) = named
        return {"name": name, "kind": kind}

    @classmethod
    def bodies_as_subjects(cls, span, mentions: list[dict], before: int | None = None,
                           quoted: list[tuple[int, int]] = (), main_clause: bool = True) -> list[dict]:
        """The organisations (or places, as the parse may type a firm: "Hide.me") a
        clause has for its subject before `before`, outside the quotations. With
        `main_clause`, only the main clause's, named in the singular: "Chevrolet",
        not "Democrats", a party's members, nor a subordinate clause's ("When the
        CFPB moves to regulate ..., many elite Democrats ... They want")."""
        if span is None:
            return []
        found = []
        for mention in mentions:
            if mention["kind"] not in ("organization", "place") or _inside(quoted, mention["start"]) or (
                    before is not None and mention["end"] > before):
                continue
            head = cls._name_head(span, mention)
            if head is not None and head.dep_ in SUBJECT_DEPS and not (main_clause and (
                    head.head.dep_ != "ROOT" or head.tag_ in ("NNS", "NNPS"))):
                found.append(mention)
        return found

    def body_before(self, span, start: int | None, mentions: list[dict],
                    quoted: list[tuple[int, int]] = ()) -> dict | None:
        """The body a "they" at `start` means when the main clause just before had it
        for its subject: earlier in its sentence, else in the sentence before."""
        here = self.bodies_as_subjects(span, mentions, start, quoted)
        before = self.body_subjects[-1] if self.body_subjects else []
        return (here or before or [None])[-1]

    def together_before(self, span, start: int | None, mentions: list[dict],
                        quoted: list[tuple[int, int]] = ()) -> list[str]:
        """The people a "they" at `start` means when a subject named them together
        just before: earlier in its sentence, else in the sentence before."""
        return self.people_together(span, mentions, start, quoted) or (self.groups[-1] if self.groups else [])

    def person_actor(self, person: str) -> dict | None:
        """The person's actor, where the article's mentions know the name."""
        known = self.actor_named(person)
        return {"name": known, "kind": "person"} if known else None

    def last_person(self) -> str | None:
        """The first speaker or subject of the latest recent sentence that has one."""
        return next((candidates[0] for candidates in reversed(self.recent[-RECENT_SENTENCES:]) if candidates), None)

    def actor_named(self, name: str) -> str | None:
        """The person actor of the article a name stands for: the same name, or the
        one person whose name ends with it ("Dunwoody" for "Jim Dunwoody")."""
        if name in self.people:
            return name
        endings = [p for p in self.people if p.split()[-1] == name.split()[-1]]
        return endings[0] if len(endings) == 1 else None

    @staticmethod
    def _of_a_noun(span, attribution: dict) -> bool:
        if span is None:
            return False
        cue = token_at(span, attribution["cue_start"])
        return cue is not None and cue.pos_ == "NOUN"

    def add(self, sentence: dict, quoted: list[tuple[int, int]] = ()) -> None:
        """What a scored sentence leaves for the next: its speakers (by name, known
        as an actor or not), then its subjects (a subject "he" or "she" as the
        person it points to), then the other people it mentions; the people named
        inside its quotations last (`quoted`: the sentence's quoted characters)."""
        span = sentence.get("span")
        spoken = [a for a in sentence.get("attributions", []) if a.get("speaker") and a.get("source_kind") == "person"]
        # The owner of a noun cue ("Biden rubbished Trump's claim") is named inside
        # another's clause: a "he" that follows means the verb's speaker first.
        speakers = [a["speaker"] for a in sorted(spoken, key=lambda a: self._of_a_noun(span, a))]
        continued = sentence.get("speaker_actor")
        if not sentence.get("attributions") and continued and continued[1] == "person":
            # a quotation going on from its speaker's sentence is still theirs
            speakers = [continued[0]]
        mentions = sentence.get("mentions", [])
        people = sorted((m for m in mentions if m["kind"] == "person"), key=lambda m: _inside(quoted, m["start"]))
        subjects = [(m["start"], m["actor"]) for m in people
                    if span is not None and self._subject(span, m) and not _inside(quoted, m["start"])]
        for token in span if span is not None else ():
            offset = token.idx - span.start_char
            if token.lower_ in ("he", "she") and token.dep_ in SUBJECT_DEPS and not _inside(quoted, offset):
                # "She appeared to imply ..." keeps her the one a "she" after means.
                person = self.referent(token.lower_, span, offset, mentions, quoted)
                if person is not None:
                    subjects.append((offset, person))
        subjects = [actor for _, actor in sorted(subjects)]
        self.bodies.append(mentions)
        self.groups.append(self.people_together(span, mentions, quoted=quoted))
        self.body_subjects.append(self.bodies_as_subjects(span, mentions, quoted=quoted))
        self.recent.append(list(dict.fromkeys(speakers + subjects + [m["actor"] for m in people])))


def speaker_label(text: str) -> dict | None:
    """The attribution a speaker's label before a colon makes, or None."""
    match = SPEAKER_LABEL.match(text)
    if match is None:
        return None
    label = match.group(1)
    if any(word.lower() in NOT_SPEAKERS or word.lower() in words("web_vocabulary.txt")
           for word in label.split()):
        return None
    colon = match.end(1)
    return {"cue": ":", "cue_start": colon, "cue_end": colon + 1, "source": label,
            "source_start": match.start(1), "source_end": colon,
            "content_start": colon + 1 + (len(text[colon + 1:]) - len(text[colon + 1:].lstrip())),
            "content_end": len(text), "source_token": None, "continues": False}


LABEL_NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
FIELD_VALUE_WORDS = 4  # "Record: 12-3", "Author: Jane Doe": a field's value is short
FIELD_REPEATS = 3  # sentences a page opens with one label before it is the page's field


def _label_speaks(span, attribution: dict, mentions: list[dict] = (), fields: frozenset | set = frozenset()) -> bool:
    """A label before a colon is a source when it is a name (an actor the article
    names, "Lynch: No outside influence", or plainly a name, "Pat Caddell: Democrat
    Voters Worried", a transcript's "PENCE: Well, look"), when what follows it says
    something, holding a verb ("Moderator: Senator, you have"), or when it is a
    record or people and what follows is more than a field's value ("Poll: Clinton
    and Sanders in dead heat"); a field of a page and its value is none ("Record:
    12-3", "Author: Jane Doe", "Shrine Location: Central Hyrule", "Contributing:
    Nicole Gaudiano"), nor a label the page opens several sentences with (`fields`:
    "Shrine Rewards: Tap to Reveal")."""
    start, end = attribution["source_start"], attribution["source_end"]
    head = phrase_head(phrase_tokens(span, start, end))
    if head is None:
        return False
    label = span.doc.text[span.start_char + start:span.start_char + end]
    if label.isupper() and len(label) > 2:
        return True
    if label in fields:
        return False
    actor = _actor_in(mentions, start, end, span)
    if head.ent_type_ in LABEL_NAME_ENTITIES or (head.pos_ == "PROPN" and not is_common_word(head.text)) \
            or (actor is not None and actor["kind"] in ("person", "organization")):
        return True
    base, opens, closes = span.start_char, attribution["content_start"], attribution["content_end"]
    if opens is None:
        return False
    content = [t for t in span if opens <= t.idx - base < closes and not t.is_punct]
    # A headline's capitals hide its verb from the tagger ("Ties", "underestimate"): English's own tag then.
    if any(t.pos_ in ("VERB", "AUX") or word_tags().get(t.lower_, "").startswith("VB") for t in content):
        return True
    return what_it_names(span, start, end)[0] in ("people", "document") \
        and len(content) > FIELD_VALUE_WORDS


def attribute(span, previous: dict | None = None, mentions: list[dict] = (),
              discourse: Discourse | None = None, encoding: dict | None = None,
              quoted: list[tuple[int, int]] | None = None) -> dict:
    """attribution, source, source_kind, cue, anonymous_score and every attribution
    (`attributions`) of one parsed sentence.

    `previous` is the last attributed sentence of the same article, for pronouns
    and descriptions that point back to its source; `mentions` are the sentence's
    actor mentions, and `discourse` the article so far, for the actor behind each
    source; `encoding` is the sentence's encoder output (encoded
    here when not given); `quoted`, the sentence's characters inside a quotation
    of the body (start, end), found in the sentence alone when not given.
    """
    result = {"attribution": "none", "source": None, "source_kind": None, "cue": None,
              "anonymous_score": 0.0, "attributions": []}
    text = span.text
    if NON_CLAIMS.search(text):
        return result
    impersonal = IMPERSONAL.search(text)
    if encoding is None:
        from ... import encoder  # a sentence scored on its own, outside a load

        encoding = encoder.encode([text])[0]
    found = attributions_in(span, encoding) or _phrase_attributions(span, text)
    # "Limbaugh continued: '...'": the colon opens the claim its verb reports, one
    # attribution of that source, not two.
    cued = {(a["source_start"], a["source_end"]) for a in found if a["cue"] != ":" and a["source_start"] is not None}
    found = [a for a in found if a["cue"] != ":" or (a["source_start"], a["source_end"]) not in cued]
    fields = discourse.field_labels if discourse is not None else frozenset()
    found = [a for a in found if a["cue"] != ":" or a["source_start"] is None
             or _label_speaks(span, a, mentions, fields)]
    label = speaker_label(text)
    if label is not None and not _label_speaks(span, label, mentions, fields):
        label = None
    if label is not None:
        # The label speaks the whole sentence: it comes first, any cue on its colon goes.
        found = [label] + [a for a in found if a["cue_start"] != label["cue_start"]]
    elif NOT_A_LABEL.match(text):
        # "Editor's note:", "Update:": the page's furniture, not a speaker.
        colon = text.index(":")
        found = [a for a in found if a["cue_start"] > colon]
    _widen_to_phrases(text, found)
    anonymity = ANONYMITY.search(text)
    if impersonal is not None:
        # "it is widely believed", "is said to": the claim rests on nobody in particular.
        return _resting_on_nobody(result, text, impersonal.start(), impersonal.end())
    if quoted is None:
        quoted = quote_spans(text)
    # A cue whose source the tree does not give speaks for the source before it
    # ("..., adding that"): the sentence's own ("Blige sings to Clinton before asking
    # her"), else the last attributed sentence's; with none before, nobody is named
    # and nothing is counted.
    for attribution in found:
        if attribution["source"] is None and attribution["continues"] and not _after_a_noun(span, attribution):
            before = [a for a in found if a["source"] is not None and a["cue_start"] < attribution["cue_start"]]
            if before:
                speaking = max(before, key=lambda a: a["cue_start"])
                attribution.update({key: speaking[key] for key in
                                    ("source", "source_start", "source_end", "source_token")})
    found = [a for a in found if (a["source"] is not None or (previous is not None and a["continues"]))
             and not (((a["source"] or "").lower() in NO_SOURCE_OUTSIDE_QUOTES
                       or WRITERS_OWN_PIECE.fullmatch(a["source"] or ""))
                      and not _inside(quoted, a["source_start"]))
             and not _demonstrative(a) and not _impersonal_adjective(span, a)]
    # A thing says nothing: "bright floodlights flash on", "the game assigns your team
    # a name", "Statin therapy has looked promising". But "the service" after "the
    # National Weather Service" is that body, and a thing that says, shows or finds
    # is a record ("one slide says", "the ruling said").
    found = [a for a in found if a["source_start"] is None or _records_speak(span, a)
             or not names_no_one(span, a["source_start"], a["source_end"])
             or _described_body(a["source"], mentions, a["source_start"], discourse) is not None]
    if not found and anonymity is None:
        passive = unattributed_passive(span)
        return result if passive is None else _resting_on_nobody(result, text, *passive)
    if not found:
        found = [_stated_anonymity(span, text, anonymity)]
    for attribution in sorted(found, key=lambda a: a["source_start"] if a["source_start"] is not None else -1):
        speakers = [(a["source_start"], a["speaker"]) for a in found if a.get("speaker")
                    and a.get("source_kind") == "person" and a["source_start"] is not None]
        _classify(attribution, mentions, previous, discourse, span, encoding, quoted, speakers)
    for attribution in found:
        if attribution["source"] is None and previous is not None:
            attribution["source"] = previous["source"]  # in another sentence: no offsets
    main = found[0]
    attribution, kind = main["attribution"], main["source_kind"]
    if anonymity and attribution == "named":
        # "speaking on condition of anonymity", "not authorised to speak": stated anonymity.
        attribution, kind = "anonymous", "unnamed official" if "official" in text.lower() else "unnamed other"
        main.update(attribution=attribution, source_kind=kind, anonymous=1, actor=None)
    _quoted_speakers(span, found)
    for row in found:
        row.pop("continues", None)
        row.pop("source_token", None)
        row.pop("attribution", None)
    result.update(attribution=attribution, source=main["source"], source_kind=kind, cue=main["cue"],
                  anonymous_score={"anonymous": 1.0 if kind != "vague" else 0.8}.get(attribution, 0.0),
                  attributions=found)
    return result


QUOTE_OPENING = ("\"", "“", "''", "``")
QUOTE_MARKS = ("\"", "”", "''")


def _continues_quotation(sentence: dict, before: dict, speaking: dict,
                         quotations: list[tuple[int, int]]) -> bool:
    """Whether a sentence with no attribution of its own is the speaker's of the
    attributed sentence just before it, as news writes a quotation on:
    - a bare quotation after a sentence that quotes its speaker, or after a person's
      reported words ('In the interview she admitted she has regrets.' then
      '"I think my biggest failures..."': a paragraph of quotation follows its speaker);
    - a sentence of the same paragraph inside a quotation that opened before it, in
      or after the speaker's sentence ('"It's a beautiful day," he said. "I have a
      feeling the job is done."'); a quotation that opened before the speaker's
      sentence is someone else's, quoting it ('"WALLACE: ... Trump invited Flowers.
      And she has accepted."').

    `speaking` is the last sentence with an attribution of its own (`before` itself,
    or the one `before` continues); `quotations`, the body's quotations as offsets in
    the body."""
    if sentence["text"].startswith(QUOTE_OPENING):
        return any(q in before["text"] for q in QUOTE_MARKS) or before["source_kind"] == "person"
    start = sentence["start"]
    return before["paragraph"] == sentence["paragraph"] and any(
        speaking["start"] <= a < start < b for a, b in quotations)


class SourcingScorer:
    """Attribution columns, and the rows of `attributions` (each sentence's
    "attributions"); reads the actor scorer's mentions to say who each source is."""

    name = "sourcing"
    requires = ("actors",)
    columns = {
        "sentences": {"attribution": str, "source": str, "source_kind": str, "cue": str,
                      "anonymous_score": float},
        "articles": {"attributed_count": int, "anonymous_count": int, "anonymous_share": float},
    }

    def score(self, sentences, analysis):
        previous = speaking = None
        discourse = Discourse(sentences)
        quotations = quote_spans(analysis.body)
        for index, sentence in enumerate(sentences):
            mentions = sentence.get("mentions", [])
            start, end = sentence["start"], sentence["end"]
            quoted = [(max(a, start) - start, min(b, end) - start) for a, b in quotations if a < end and b > start]
            sentence.update(attribute(sentence["span"], previous, mentions, discourse,
                                      sentence.get("encoding"), quoted))
            main = sentence["attributions"][0] if sentence["attributions"] else None
            sentence["speaker_actor"] = main["actor"] if main else None
            before = sentences[index - 1] if index else None
            if sentence["attribution"] != "none":
                speaking = sentence
            elif before is not None and before is previous and (
                    _continues_quotation(sentence, before, speaking, quotations)):
                for key in ("attribution", "source", "source_kind", "cue", "anonymous_score",
                            "speaker_actor"):
                    sentence[key] = before[key]
            if sentence["attribution"] != "none":
                previous = sentence
            discourse.add(sentence, quoted)
        attributed = sum(s["attribution"] != "none" for s in sentences)
        anonymous = sum(s["attribution"] == "anonymous" for s in sentences)
        analysis.summary.update(attributed_count=attributed, anonymous_count=anonymous,
                                anonymous_share=share(anonymous, attributed))
