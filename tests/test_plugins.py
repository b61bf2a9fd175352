"""Scorers are pluggy plugins: a third-party scorer joins through the same hook."""

from datasette_attribution import analyze
from datasette_attribution.hookspecs import hookimpl, plugin_manager


class ExclamationScorer:
    name = "exclamations"
    order = 99

    def score(self, sentences, article):
        for sentence in sentences:
            sentence["exclamations"] = sentence["text"].count("!")


class ThirdParty:
    @hookimpl
    def register_scorers(self):
        return [ExclamationScorer()]


def test_builtin_scorers_register_through_the_hook():
    names = [s.name for group in plugin_manager().hook.register_scorers() for s in group]
    assert names == ["actors", "quotes", "sourcing", "hedging", "sentiment"]


def test_a_third_party_scorer_runs_after_the_builtins(monkeypatch):
    manager = plugin_manager()
    manager.register(ThirdParty())
    monkeypatch.setattr(analyze, "plugin_manager", lambda: manager)
    analyze.scorers.cache_clear()
    try:
        from datasette_attribution import analyze_text

        sentences = analyze_text("Officials said it was over! Really!")
        assert [s["exclamations"] for s in sentences] == [1, 1]
        assert sentences[0]["attribution"] == "anonymous"
    finally:
        analyze.scorers.cache_clear()
