"""Hedging: whether a sentence presents a claim as uncertain (DESIGN.md's `hedged`),
how likely, and the words that show it.

- `cues.py` finds the cues (lexicon words kept by their context, vague sources found by
  rule), with `scope.py` (the parse's say) and `sources.py` (whose claim);
- `weights.py` scores the cues by weights learned on CoNLL-2010;
- `classifier.py` decides: a logistic model over the shared encoder's vectors and the
  cues' signals, trained on news sentences labelled by hand (`hedging_score` is its
  probability).
"""

from __future__ import annotations

from ..common.summary import share
from .classifier import COUNTED_ONLY_KINDS, hedged_probability, is_hedged
from .cues import hedge_cues
from .sources import RULE_CUES
from .weights import context_features, cue_score, score_cues

__all__ = ["RULE_CUES", "HedgingScorer", "context_features", "cue_score", "hedge_cues",
           "hedged_probability", "is_hedged", "score_cues"]

# Why a cue of each kind hedges, for the reader (the tooltip on each marked cue).
REASONS = {
    "modal": "a modal of possibility: the claim may not hold",
    "verb": "how things appear or what is inferred, held by no one named",
    "adverb": "says how likely the claim is",
    "adjective": "qualifies the claim as uncertain or unconfirmed",
    "noun": "puts the claim in doubt",
    "hearsay": "reported, alleged or rumoured, not confirmed",
    "weasel": "an unnamed or vague source, or a forecast nobody is named as making",
    "limiter": "limits how far the claim holds",
    "negated certainty": "says the matter is not known or not settled",
    "approximator": "a quantity or frequency: adds to the other cues, never hedges alone",
    "vague": "vague wording: adds to the other cues, never hedges alone",
    "forecast": "a forecast: what is expected, not yet what happened",
    "possibility": "a possibility, not a fact",
    "report": "reports at large, with nobody named as confirming them",
}


class HedgingScorer:
    name = "hedging"
    requires = ("sourcing",)  # an anonymous source is one of the classifier's features
    columns = {
        "sentences": {"hedged": int, "hedging_score": float, "hedge_cues": list},
        "articles": {"hedged_count": int, "hedged_share": float},
    }

    def score(self, sentences, analysis):
        for sentence in sentences:
            cues = hedge_cues(sentence["span"])
            sentence["hedging_score"] = hedged_probability(
                sentence["encoding"], cues, score_cues(cues, sentence["text"]), sentence.get("attribution"))
            sentence["hedged"] = int(is_hedged(sentence["hedging_score"]))
            # The cues of a hedged sentence are its evidence; a quantity or vague word
            # only beside another cue ("several other nations" alone is no hedge to show).
            evidence = sentence["hedged"] and any(c["kind"] not in COUNTED_ONLY_KINDS for c in cues)
            sentence["hedge_cues"] = [
                {"text": c["text"], "kind": c["kind"], "start": c["start"], "end": c["end"],
                 "counts": bool(evidence), "reason": REASONS.get(c["kind"], "")}
                for c in cues
            ]
        hedged = sum(s["hedged"] for s in sentences)
        analysis.summary.update(hedged_count=hedged, hedged_share=share(hedged, len(sentences)))
