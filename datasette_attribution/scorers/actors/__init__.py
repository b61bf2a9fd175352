"""Actors named in an article, each under one canonical name, and their mentions.

An alias table (`lexicons/aliases.txt`, extended by `load --aliases FILE`) and
pycountry's countries name places, organisations and groups under one canonical
name; the named entities of the spaCy parse find the rest: people,
organisations, places and groups (nationalities used as nouns: "Democrats").
Titles, determiners and possessives are stripped ("President Barack Obama's" ->
Barack Obama). A surname alone, or with a title ("Mr Obama"), resolves to the
full name the article gives; "the Obama administration" is an organisation
linked to him.

The package reads in steps: `aliases` (the tables of known names), `spans` (where
a sentence writes a name), `canonical` (one name per entity within the article)
and `find` (the mentions of an article's sentences, sorted and named).
"""

from __future__ import annotations

from .aliases import Actor, alias_table, read_alias_file
from .canonical import honorific_pronoun, office_before
from .find import find_actors

__all__ = ["Actor", "ActorScorer", "alias_table", "find_actors", "honorific_pronoun", "office_before",
           "read_alias_file"]


class ActorScorer:
    """Runs first: the sentiment scorer scores every mention it finds."""

    name = "actors"
    requires = ()
    columns = {}  # its mentions are rows of `mentions` and `actors`

    def score(self, sentences, analysis):
        found = find_actors([s["span"] for s in sentences], analysis.settings.alias_files)
        for sentence, mentions in zip(sentences, found, strict=True):
            sentence["mentions"] = mentions
