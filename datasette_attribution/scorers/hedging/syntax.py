"""Questions about a parsed sentence that the hedging rules share: whether a token
sits in a clause that only picks out a referent, whether a verb proposes an act
rather than holds a claim."""

from __future__ import annotations


def proposes(verb) -> bool:
    """"Suggested raising questions", "suggested the mayor should apologise": an act
    proposed, not a claim held."""
    return verb.lower_ in PROPOSING_VERBS and any(
        c.dep_ == "xcomp" and c.tag_ == "VBG"
        or c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "should" for a in c.children)
        for c in verb.children)


# Verbs that propose an act when an -ing form follows ("suggested building shelters").
PROPOSING_VERBS = frozenset({"suggest", "suggests", "suggested", "suggesting"})


def in_restrictive_relative(token) -> bool:
    """In a relative clause that picks out which of a known set ("the races that are
    likely to decide"), not one that says something of a thing just introduced
    ("a breach that appears to have been conducted by Russia") or set off by a comma."""
    for ancestor in (token, *token.ancestors):
        if ancestor.dep_ == "relcl":
            opening = ancestor.left_edge
            before = opening.nbor(-1) if opening.i > 0 else None
            introduced = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in ancestor.head.children)
            return not introduced and (before is None or before.text not in (",", "—", "–", "("))
    return False
