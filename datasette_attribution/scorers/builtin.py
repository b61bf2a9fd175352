"""The built-in scorers, registered through the same hook a third party uses."""

from __future__ import annotations

from ..hookspecs import Scorer, hookimpl
from .actors import ActorScorer
from .hedging import HedgingScorer
from .quotes import QuoteScorer
from .sentiment import SentimentScorer
from .sourcing import SourcingScorer


@hookimpl
def register_scorers() -> list[Scorer]:
    return [ActorScorer(), SourcingScorer(), QuoteScorer(), HedgingScorer(), SentimentScorer()]
