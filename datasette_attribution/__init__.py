"""datasette-attribution: news articles into SQLite, scored for anonymous sourcing,
hedging and sentiment toward named actors, with a Datasette plugin to browse them."""

from .api import analyze_text, sentiment_toward
from .hookspecs import Scorer, hookimpl

__all__ = ["Scorer", "analyze_text", "hookimpl", "sentiment_toward"]
