"""HTML for table cells: sentences with their evidence marked, cues as chips.

Every piece of article text goes through markupsafe.escape; only our own tags
are added around it.
"""

from __future__ import annotations

import json
import re

from markupsafe import Markup, escape

NEGATIVE_AT = -0.1
POSITIVE_AT = 0.1


def link_target(url: str | None) -> str | None:
    """The URL when it is safe to link to: http or https only (a stored
    `javascript:` URL would run in the reader's browser)."""
    if isinstance(url, str) and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


# The date of an ISO 8601 value and, when it has one, its hours and minutes:
# seconds, fractions and the offset are the stored value's, not the reader's.
ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?")


def date_text(value) -> str | None:
    """One format for every date the plugin shows: "2023-12-23 12:24" for
    2023-12-23T12:24:00-05:00, "2023-12-12" for a date alone; None for a value
    that is no ISO 8601 date (shown as stored)."""
    found = ISO_DATE.match(value) if isinstance(value, str) else None
    if found is None:
        return None
    return f"{found[1]} {found[2]}" if found[2] else found[1]


def date_cell(value) -> Markup | None:
    """A date in a table cell, the stored value in its tooltip and datetime."""
    shown = date_text(value)
    if shown is None:
        return None
    return Markup('<time datetime="{}" title="{}">{}</time>').format(value, value, shown)


def signed(value, places: int = 2) -> str:
    """One format for every sentiment and polarity number: its sign always
    shown ("+0.15", "-0.40"), "0.00" for what rounds to nothing, "n/a" for none."""
    if value is None:
        return "n/a"
    if round(value, places) == 0:
        return f"{0:.{places}f}"
    return f"{value:+.{places}f}"


def signed_cell(value) -> Markup | None:
    """A sentiment or polarity in a table cell, signed, the stored value in its tooltip."""
    if not isinstance(value, (int, float)):
        return None
    return Markup('<span class="attr-signed" title="{}">{}</span>').format(value, signed(value))


def sentiment_class(score: float | None) -> str:
    if score is None:
        return "neutral"
    if score <= NEGATIVE_AT:
        return "negative"
    return "positive" if score >= POSITIVE_AT else "neutral"


def mention_label(mention: dict) -> str:
    """The stored label; a database loaded before labels were stored has a score only."""
    return mention.get("sentiment_label") or sentiment_class(mention.get("sentiment"))


def carried_by(mention: dict) -> str:
    """"; carried by: charged, bribery", the words behind a polar label (a JSON
    array in the mentions table, a list in a sentence's evidence)."""
    cues = mention.get("sentiment_cues") or []
    if isinstance(cues, str):
        cues = json.loads(cues)
    return f"; carried by: {', '.join(cues)}" if cues else ""


def speaker_label(attribution: dict) -> str:
    """"source (kind): speaker", as a tooltip says who stands behind a source."""
    kind = attribution.get("source_kind") or "source"
    label = f"source ({kind}{', anonymous' if attribution.get('anonymous') else ''})"
    speaker = attribution.get("actor")
    source = attribution.get("source") or ""
    return f"{label}: {source}" + (f" = {speaker}" if speaker and speaker != source else "")


def attribution_summary(text: str, attributions: list[dict]) -> str:
    """Each attribution of a sentence in words: cue, who, and what."""
    lines = []
    for a in attributions:
        content = ""
        if a.get("content_start") is not None:
            content = text[a["content_start"]:a["content_end"]]
            content = f': "{content[:80]}{"..." if len(content) > 80 else ""}"'
        who = a.get("actor") or a.get("source") or "?"
        lines.append(f"{a.get('cue')} <- {who} ({a.get('source_kind') or 'source'}){content}")
    return "; ".join(lines)


def _marks(text: str, source: str | None, cues: list[dict], mentions: list[dict],
           attributions: list[dict] | None) -> tuple[list, list]:
    """The marks of a sentence, (start, end, kind, title, css) each: the sources and
    attribution cues (outer: a source's words hold its actor's mention, "Larvin
    says" marks "Larvin" as both), and the actor mentions and hedge cues (inner)."""
    inner, outer = [], []
    for mention in mentions:
        score, label = mention.get("sentiment"), mention_label(mention)
        inner.append((mention["start"], mention["end"], "mention",
                      f"{mention['actor']}: {label} ({signed(score)}) toward this actor{carried_by(mention)}"
                      if score is not None else mention["actor"],
                      f"attr-mention attr-{label}"))
    for cue in counted(cues):
        if "start" in cue:
            reason = f": {cue['reason']}" if cue.get("reason") else ""
            inner.append((cue["start"], cue["end"], "cue", f"hedge cue, {cue['kind']}{reason}", "attr-hedge"))
    for a in attributions or ():
        if a.get("source_start") is not None:
            outer.append((a["source_start"], a["source_end"], "source", speaker_label(a), "attr-source"))
        if a.get("cue_start") is not None:
            outer.append((a["cue_start"], a["cue_end"], "attribution cue", "attribution cue", "attr-cue"))
    if source and attributions is None:
        # Only the sentence's source is known: marked where it stands as a word of
        # the text ("he", never the "he" inside "the").
        found = re.search(rf"(?<!\w){re.escape(source)}(?!\w)", text)
        if found:
            outer.append((found.start(), found.end(), "source", "source of the claim", "attr-source"))
    return inner, outer


def _apart(marks: list, order: dict[str, int]) -> list:
    """Marks that do not overlap, the first kind of `order` winning, in text order."""
    chosen = []
    for mark in sorted(marks, key=lambda m: (order[m[2]], m[0])):
        if all(mark[1] <= other[0] or other[1] <= mark[0] for other in chosen):
            chosen.append(mark)
    return sorted(chosen)


def _spans(text: str, source: str | None, cues: list[dict], mentions: list[dict],
           attributions: list[dict] | None) -> tuple[list, list]:
    """(outer, inner) marks, each list without overlaps: an actor wins over a hedge
    cue; a source over an attribution cue ("have not ruled out": the hedge shows
    inside the cue's place); an inner mark lies wholly inside an outer one or
    outside all, and an outer mark that would cut one in two gives way."""
    inner, outer = _marks(text, source, cues, mentions, attributions)
    inner = _apart(inner, {"mention": 0, "cue": 1})
    outer = [mark for mark in outer if all(
        other[1] <= mark[0] or mark[1] <= other[0] or mark[0] <= other[0] and other[1] <= mark[1]
        for other in inner)]
    # A hedge cue over an attribution cue is shown as the hedge alone.
    outer = [mark for mark in outer if mark[2] != "attribution cue" or not any(
        other[0] < mark[1] and mark[0] < other[1] for other in inner if other[2] == "cue")]
    return _apart(outer, {"source": 0, "attribution cue": 1}), inner


def _marked(text: str, start: int, end: int, marks: list) -> Markup:
    """text[start:end] with `marks` (inside it, apart) wrapped."""
    parts, cursor = [], start
    for mark_start, mark_end, _, title, css in marks:
        parts.append(escape(text[cursor:mark_start]))
        parts.append(Markup('<mark class="{}" title="{}">{}</mark>').format(css, title, text[mark_start:mark_end]))
        cursor = mark_end
    parts.append(escape(text[cursor:end]))
    return Markup("").join(parts)


def highlight(text: str, source: str | None = None, cues: list[dict] | None = None,
              mentions: list[dict] | None = None, attributions: list[dict] | None = None) -> Markup:
    """The sentence with each attribution's source and cue, its hedge cues and its
    actor mentions marked (a mention inside a source's mark); `source` alone where the
    sentence's attribution rows are not known (None). A sentence with none of its own (a
    quotation continuing the sentence before) has its speaker there, not in its own words."""
    outer, inner = _spans(text, source, cues or [], mentions or [], attributions)
    parts, cursor = [], 0
    for start, end, _, title, css in outer:
        within = [mark for mark in inner if start <= mark[0] and mark[1] <= end]
        parts.append(_marked(text, cursor, start, [m for m in inner if cursor <= m[0] and m[1] <= start]))
        parts.append(Markup('<mark class="{}" title="{}">{}</mark>').format(
            css, title, _marked(text, start, end, within)))
        cursor = end
    parts.append(_marked(text, cursor, len(text), [m for m in inner if cursor <= m[0]]))
    return Markup("").join(parts)


def continued_quotation(source: str | None, cue: str | None) -> str:
    return f"continues the quotation of the sentence before: {cue} <- {source or '?'}"


def evidence_chips(raw: str | None, continues: tuple[str | None, str | None] | None = None) -> Markup | None:
    """A sentence's actors (with the sentiment toward each) and sources, as chips;
    `continues`, the (source, cue) of an attributed sentence without attributions of
    its own: a quotation going on from the sentence before."""
    if not raw:
        return None
    found = json.loads(raw)
    chips = [Markup('<span class="attr-chip attr-{}" title="sentiment toward {}: {}">{}</span>').format(
        mention_label(m), m["actor"],
        "n/a" if m["sentiment"] is None else f"{mention_label(m)} ({signed(m['sentiment'])}){carried_by(m)}",
        m["actor"])
        for m in found["mentions"]]
    chips += [Markup('<span class="attr-chip attr-chip-source" title="{}">{} &larr; {}</span>').format(
        speaker_label(a), a["cue"], a["actor"] or a["source"] or "?") for a in found["attributions"]]
    if continues is not None and not found["attributions"]:
        source, cue = continues
        chips.append(Markup('<span class="attr-chip attr-chip-source" title="{}">&hellip; {} &larr; {}</span>').format(
            continued_quotation(source, cue), cue, source or "?"))
    return Markup(" ").join(chips) if chips else Markup('<span class="attr-none">none</span>')


def article_link(url: str, article_id, title: str | None, outlet: str | None) -> Markup:
    """"Title · Outlet", the title linked to the article view."""
    return Markup('<small class="attr-article-line"><a href="{}" title="Article view">{}</a> '
                  '<span class="attr-outlet">· {}</span></small>').format(
        url, title or f"article {article_id}", outlet or "(no outlet)")


EXCERPT_CHARS = 200


def excerpt(body: str, article_url: str | None) -> Markup:
    """The start of an article body, with a link to the whole article."""
    if len(body) <= EXCERPT_CHARS:
        return escape(body)
    cut = body.rfind(" ", 0, EXCERPT_CHARS)
    text = body[:cut if cut > 0 else EXCERPT_CHARS].rstrip() + "…"
    if article_url is None:
        return escape(text)
    return Markup('{} <a href="{}" title="The article with its evidence">read on</a>').format(text, article_url)


def counted(cues: list[dict]) -> list[dict]:
    """The hedge cues that count as evidence: a quantity beside nothing that hedges
    does not (databases loaded before the flag existed show every cue)."""
    return [cue for cue in cues if cue.get("counts", True)]


def cue_chips(raw: str | None) -> Markup:
    try:
        cues = counted(json.loads(raw or "[]"))
    except json.JSONDecodeError:
        return escape(raw)
    if not cues:
        return Markup('<span class="attr-none">none</span>')
    return Markup(" ").join(
        Markup('<span class="attr-chip attr-chip-{}" title="{}">{}</span>').format(
            cue.get("kind", "").replace(" ", "-"),
            f"{cue.get('kind', '')}: {cue['reason']}" if cue.get("reason") else cue.get("kind", ""),
            cue.get("text", ""))
        for cue in cues)


LEGEND = Markup(
    '<span class="attr-legend"><mark class="attr-source">source</mark> '
    '<mark class="attr-cue">attribution cue</mark> '
    '<mark class="attr-hedge">hedge cue</mark> '
    '<mark class="attr-mention attr-negative">actor, negative</mark> '
    '<mark class="attr-mention attr-neutral">actor, neutral</mark> '
    '<mark class="attr-mention attr-positive">actor, positive</mark></span>')
# The article view also shades each sentence by its attribution.
ARTICLE_LEGEND = LEGEND + Markup(
    ' <span class="attr-legend">Sentence shading: '
    '<span class="attr-sentence attr-anonymous">rests on an unnamed or vague source</span> '
    '<span class="attr-sentence attr-named">attributed to a named source</span> '
    '<span class="attr-sentence attr-none">nothing attributed</span></span>')
