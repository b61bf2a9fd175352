"""What one outlet reports that no other does: a sentence whose nearest sentence
in the other outlets' articles of the story is close neither in meaning (the
encoder's pooled, unit-length sentence vectors, encoder.py) nor in its rare
words (stories.sentence_vector). Either alone calls more sentences "only here"
that another outlet does report (benchmarks/story_counterparts.py).

Sentences are not stored with vectors; a story is small, so its sentences are
encoded when its page is asked for, off the event loop, and kept.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict

import numpy

# Cosines under which a sentence has no counterpart, and at which its closest
# sentence elsewhere is shown beside it as told alike: of the pooled vectors
# (chosen on the dev parts of hand-labelled ECB+ stories and election coverage,
# benchmarks/story_counterparts.py, figures in the README), and of the
# rarity-weighted words.
COUNTERPART_SIMILARITY = 0.8
COUNTERPART_WORDS = 0.35
# The share of a sentence's weighted words one sentence elsewhere holds at which it
# is told there too, however much longer that one is (a quotation printed whole).
COUNTERPART_CONTAINED = 0.9
# Shorter sentences ("He declined.") are too thin to say what was omitted.
MIN_WORDS = 8
_CACHE: OrderedDict = OrderedDict()
_CACHE_SENTENCES = 20_000


def vectors(texts: list[str]) -> numpy.ndarray:
    """The pooled vector of each text, one row each (cached by text)."""
    from ...encoder import load_encoder

    missing = [t for t in dict.fromkeys(texts) if t not in _CACHE]
    if missing:
        for text, encoding in zip(missing, load_encoder().encode(missing), strict=True):
            _CACHE[text] = encoding["pooled"]
        while len(_CACHE) > _CACHE_SENTENCES:
            _CACHE.popitem(last=False)
    return numpy.array([_CACHE[t] for t in texts], dtype=numpy.float32).reshape(len(texts), -1)


def nearest_elsewhere(sentences: list[dict], group_of: dict) -> list[tuple[dict, float, dict | None]]:
    """For each sentence of at least MIN_WORDS words: (sentence, the cosine of the
    closest sentence in another group's articles, that sentence). `group_of` maps
    an article id to its outlet."""
    if len({group_of[s["article_id"]] for s in sentences}) < 2:
        return []
    matrix = vectors([s["text"] for s in sentences])
    similarity = matrix @ matrix.T
    groups = numpy.array([hash(group_of[s["article_id"]]) for s in sentences])
    found = []
    for index, sentence in enumerate(sentences):
        if len(sentence["text"].split()) < MIN_WORDS:
            continue
        others = groups != groups[index]
        row = numpy.where(others, similarity[index], -1.0)
        best = int(row.argmax())
        found.append((sentence, float(row[best]), sentences[best] if others[best] else None))
    return found


def compare(sentences: list[dict], group_of: dict) -> list[dict]:
    """Each sentence of MIN_WORDS words or more with its closest sentence in the
    other outlets' articles (by meaning), both similarities, and whether it is
    reported only here."""
    from ...grouping import contained_score, counterpart_score, sentence_vector

    words = {id(s): sentence_vector(s["text"]) for s in sentences}
    compared = []
    for sentence, meaning, match in nearest_elsewhere(sentences, group_of):
        mine = group_of[sentence["article_id"]]
        others = [words[id(o)] for o in sentences if group_of[o["article_id"]] != mine]
        by_words = counterpart_score(words[id(sentence)], others)
        contained = contained_score(words[id(sentence)], others)
        compared.append({"sentence": sentence, "match": match, "meaning": round(meaning, 4),
                         "words": round(by_words, 4), "contained": round(contained, 4),
                         "only_here": meaning < COUNTERPART_SIMILARITY and by_words < COUNTERPART_WORDS
                         and contained < COUNTERPART_CONTAINED})
    return compared


async def compare_async(sentences: list[dict], group_of: dict) -> list[dict]:
    return await asyncio.get_running_loop().run_in_executor(None, compare, sentences, group_of)
