"""Stories: articles that report the same event, grouped as they arrive.

An article is described twice. By its words: those of its title (twice) and its
opening (LEAD_CHARS of the body), each weighted by how rare the word is in
English at large (wordfreq's Zipf frequency: "Kaine" and "Pagliano" weigh far
more than "said" or "Trump") and by the logarithm of its count. And by its
meaning: the mean of the sentence encoder's vectors of its first sentences
(encoder.lead_vector, computed where the article was scored, never encoded
again), which tells the same event in other words apart from another event of
the same kind less well than names do, but finds it where the names differ.
Two articles' similarity is the cosine of their words, moved up or down by how
far the cosine of their meanings is from MEANING_BASELINE (similarity()); an
article without a meaning (not English, or stored by an earlier release) is
compared by its words alone. Then, what tells two events of one kind apart (two
earthquakes, two arsons): the names spaCy found in its lead and, of those it
found in the whole article, the ones its title names (names_of(),
named_in_title()): people, places and numbers. Each of those kinds that both
articles name but in which they share nothing lowers the similarity by
CONFLICT_WEIGHT ("a magnitude 5.6 quake in Iran" and "a 6.1 quake in Iran"
disagree on their numbers).

Both are fixed whatever is loaded later (a background frequency, not the
corpus' own), so grouping is incremental: a new article is compared with the
articles published within `window_days` of it that share one of its heaviest
words (an inverted index, never every pair). Those whose similarity reaches
`threshold` put their stories forward (the store says which, StoriesOf), and the
new article joins the one whose latest articles are, on average, the most similar
to it, those past the window counting as unlike it, if that average reaches
`threshold - STORY_MARGIN` (story_score()): one close article no longer chains
another event of the same kind into a story, nor a week's news the next week's.
Without the stories, it joins the most similar article's (single links). Nothing
already grouped is regrouped.

The weights and the threshold were chosen by cross-validation on ECB+, grouped
by topic (each topic two real events of one kind, so that grouping by topic is
punished), and checked on hand-grouped PolNeAR articles (benchmarks/stories.py).

Pure Python: the store keeps the vectors and the story rows (store/stories.py).
"""

from __future__ import annotations

import datetime
import json
import math
import re
import sys
from array import array
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy

LEAD_CHARS = 800
DEFAULT_WINDOW_DAYS = 7
DEFAULT_THRESHOLD = 0.19
# How much the meaning counts beside the words, and the cosine of two leads'
# meanings that neither raises nor lowers their similarity. The encoder's vectors
# are close for any two news leads (it was fine-tuned for sentiment): on ECB+ the
# median cosine is 0.74 for two articles of one event, 0.65 for two events of one
# kind, 0.47 for unrelated ones, so only the distance from a baseline between
# them says anything. Alone the meaning groups poorly (ECB+ B-cubed F1 0.51
# against the words' 0.87); beside the words it keeps a lower threshold from
# chaining real news of one campaign into one story (benchmarks/stories.py).
MEANING_WEIGHT = 0.1
MEANING_BASELINE = 0.70
# How far below the threshold a story's mean similarity to a new article may
# fall and still take it (single links: any). Chosen with the threshold by
# cross-validation grouped by topic on ECB+ (four folds of five chose 0.04): B-cubed
# precision 0.887 -> 0.900, recall 0.909 -> 0.885; stories joining two events of
# one kind 15 -> 12 on the whole set; on real news a long story loses some of its
# loosest articles (benchmarks/stories.py).
STORY_MARGIN = 0.04
# A story's articles compared with a new one at most, its latest: what bounds
# the cost of a long-running story.
STORY_MEMBERS_COMPARED = 50
# What each kind of name two articles disagree on takes from their similarity.
# On the pairs ECB+ compares within a topic (titles and three sentences), two
# articles of its two events of one kind disagree on their people in 44% of
# pairs against 13% for two of one event, on their places in 27% against 13%, on
# their numbers in 37% against 21%. The weight was chosen with the threshold by
# cross-validation grouped by topic (benchmarks/stories.py).
CONFLICT_WEIGHT = 0.08
# The kinds of names compared, and spaCy's entity labels for each (numbers are
# read from those entities' words). Organisations and years were measured and
# left out: on ECB+ organisations lower F1 (one event's articles cite different
# agencies and outlets), years change nothing.
NAME_KINDS = ("people", "places", "numbers")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
NUMBER_WORDS = {word: str(value) for value, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Words kept per article, heaviest first: an article's identity is in its names
# and rare words; the tail only adds noise and memory.
TERMS_KEPT = 60
# Words per article in the inverted index: two articles of one event share at
# least one of each other's heaviest words.
BLOCKING_TERMS = 12
# A word as common as "the" (Zipf 7.7) weighs nothing; an unseen one 7.
RARITY_CEILING = 7.0
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves
said says say told according mr mrs ms
""".split())


@lru_cache(maxsize=200_000)
def rarity(word: str) -> float:
    from wordfreq import zipf_frequency

    return max(0.0, RARITY_CEILING - zipf_frequency(word, "en"))


def term_vector(title: str | None, body: str | None, lead_chars: int = LEAD_CHARS) -> dict[str, float]:
    """The article's heaviest words and their weights, unit length."""
    counts: dict[str, int] = defaultdict(int)
    for text in (title or "", title or "", (body or "")[:lead_chars]):
        for match in WORD.finditer(text):
            word = match.group().lower().replace("’", "'")
            if len(word) > 1 and word not in STOP_WORDS:
                counts[word] += 1
    weights = {word: (1.0 + math.log(count)) * rarity(word) for word, count in counts.items()}
    heaviest = sorted((w for w in weights.items() if w[1] > 0), key=lambda w: (-w[1], w[0]))
    kept = dict(heaviest[:TERMS_KEPT])
    norm = math.sqrt(sum(w * w for w in kept.values())) or 1.0
    return {word: round(weight / norm, 5) for word, weight in kept.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(word, 0.0) for word, weight in a.items())


def similarity(words: float, meaning: float | None, meaning_weight: float = MEANING_WEIGHT,
               disagreements: int = 0, conflict_weight: float = CONFLICT_WEIGHT) -> float:
    """Two articles' similarity from the cosine of their words, that of their
    meanings (None: words alone) and the kinds of names they disagree on
    (conflicts())."""
    score = words - conflict_weight * disagreements
    if meaning is None:
        return score
    return score + meaning_weight * (meaning - MEANING_BASELINE)


Names = dict  # kind (NAME_KINDS) -> the set of its normalised names; absent kinds are empty


def names_of(entities) -> Names:
    """What an article names, from spaCy's entities of its title and lead, as
    (label, text) pairs: people by surname ("Tara Reid" and "Reid" are one),
    places by their name without "the", numbers as digits ("five" is 5, "1,200"
    is 1200)."""
    names: dict[str, set] = {kind: set() for kind in NAME_KINDS}
    for label, text in entities:
        lowered = text.lower().replace("’", "'")
        if label == "PERSON":
            words = WORD.findall(lowered)
            if words:
                names["people"].add(words[-1].removesuffix("'s"))
        elif label in PLACE_LABELS:
            names["places"].add(lowered.removeprefix("the ").strip())
        elif label in NUMBER_LABELS:
            for token in re.findall(r"[\w.,]+", lowered):
                token = token.strip(".,")
                if token in NUMBER_WORDS:
                    names["numbers"].add(NUMBER_WORDS[token])
                elif NUMBER.fullmatch(token):
                    names["numbers"].add(token.replace(",", ""))
    return {kind: found for kind, found in names.items() if found}


def named_in_title(title: str | None, entities) -> list:
    """The entities of the article's own parse, as (label, text) pairs, that its
    title names: those whose words, without "the" and "'s", are words of the
    title, and people whose surname is ("Tara Reid" of the body for a title
    "Reid enters rehab"). No scorer reads the title, so this stands for the entity
    recogniser run over it, at next to no cost: on ECB+, cross-validated by topic,
    B-cubed P 0.887 R 0.909 F1 0.898 against the recogniser's P 0.898 R 0.895
    F1 0.896 (the lead alone: P 0.860) (benchmarks/stories.py)."""
    if not title:
        return []
    words = f" {' '.join(TITLE_WORD.findall(title.lower()))} "
    found = []
    for label, text in entities:
        name = TITLE_WORD.findall(_bare(text.lower()))
        if not name:
            continue
        if f" {' '.join(name)} " in words or (label == "PERSON" and len(name) > 1 and f" {name[-1]} " in words):
            found.append((label, text))
    return found


TITLE_WORD = re.compile(r"\w+")


def _bare(text: str) -> str:
    return text.replace("’", "'").removeprefix("the ").removesuffix("'s")


def conflicts(a: Names | None, b: Names | None) -> int:
    """How many kinds of names both articles name without sharing one (0 when
    either has no names: not English, or stored by an earlier release)."""
    if not a or not b:
        return 0
    return sum(1 for kind, found in a.items() if kind in b and found.isdisjoint(b[kind]))


def names_json(names: Names | None) -> str | None:
    """Names as stored (story_terms.names)."""
    if names is None:
        return None
    return json.dumps({kind: sorted(found) for kind, found in names.items()},
                      ensure_ascii=False, separators=(",", ":"))


def names_from_json(text: str | None) -> Names | None:
    if text is None:
        return None
    return {kind: frozenset(found) for kind, found in json.loads(text).items()}


def meaning_bytes(meaning: numpy.ndarray | None) -> bytes | None:
    """A meaning as stored (float16: half the size, the same cosines to three places)."""
    return None if meaning is None else numpy.asarray(meaning, dtype=numpy.float16).tobytes()


def meaning_from_bytes(blob: bytes | None) -> numpy.ndarray | None:
    return None if not blob else numpy.frombuffer(blob, dtype=numpy.float16)


def day_of(published: str | None) -> datetime.date | None:
    """The calendar day of a stored `published` value; None when it has none
    (a year or a month alone, or no date)."""
    if not published or len(published) < 10:
        return None
    try:
        return datetime.date.fromisoformat(published[:10])
    except ValueError:
        return None


@dataclass
class Candidate:
    article_id: int
    day: datetime.date | None
    vector: dict[str, float]
    meaning: numpy.ndarray | None = None  # float16, unit length (meaning_from_bytes)
    names: Names | None = None  # names_of() its title and lead; None: not known


class _Held:
    """An article in the index, compactly: a vector as a dict costs ~10 KB, this
    ~1 KB (its words interned, shared with every other article's)."""

    __slots__ = ("day", "terms", "weights", "meaning", "names")

    def __init__(self, day: datetime.date | None, vector: dict[str, float],
                 meaning: numpy.ndarray | None = None, names: Names | None = None):
        self.day = day
        self.terms = tuple(sys.intern(word) for word in vector)
        self.weights = array("d", vector.values())
        self.meaning = meaning
        self.names = names


class StoryIndex:
    """The articles seen so far, by day and by their heaviest words. Undated
    articles are compared with every undated article and never with dated ones.
    A day's articles can be forgotten (forget_day) to bound memory: the caller
    keeps their vectors and adds them back when a new article comes near."""

    def __init__(self, window_days: int = DEFAULT_WINDOW_DAYS, threshold: float = DEFAULT_THRESHOLD,
                 meaning_weight: float = MEANING_WEIGHT, conflict_weight: float = CONFLICT_WEIGHT,
                 margin: float = STORY_MARGIN):
        self.window_days = window_days
        self.threshold = threshold
        self.margin = margin
        self.meaning_weight = meaning_weight
        self.conflict_weight = conflict_weight
        self.compared = 0  # articles compared so far: what bounds the cost (benchmarks/stories.py)
        self.articles: dict[int, _Held] = {}
        self.by_term: dict[tuple, list[int]] = defaultdict(list)
        self.by_day: dict[datetime.date | None, list[int]] = defaultdict(list)

    def __len__(self) -> int:
        return len(self.articles)

    def add(self, candidate: Candidate) -> None:
        self.remove(candidate.article_id)
        held = _Held(candidate.day, candidate.vector, candidate.meaning, candidate.names)
        self.articles[candidate.article_id] = held
        self.by_day[held.day].append(candidate.article_id)
        for word in held.terms[:BLOCKING_TERMS]:
            self.by_term[(held.day, word)].append(candidate.article_id)

    def remove(self, article_id: int) -> None:
        held = self.articles.pop(article_id, None)
        if held is None:
            return
        self.by_day[held.day].remove(article_id)
        if not self.by_day[held.day]:
            del self.by_day[held.day]
        for word in held.terms[:BLOCKING_TERMS]:
            ids = self.by_term[(held.day, word)]
            ids.remove(article_id)
            if not ids:
                del self.by_term[(held.day, word)]

    def forget_day(self, day: datetime.date | None) -> None:
        for article_id in list(self.by_day.get(day, ())):
            self.remove(article_id)
        self.by_day.pop(day, None)

    def days_around(self, day: datetime.date | None) -> list:
        if day is None:
            return [None]
        return [day + datetime.timedelta(days=offset)
                for offset in range(-self.window_days, self.window_days + 1)]

    def closest(self, vector: dict[str, float], day: datetime.date | None,
                meaning: numpy.ndarray | None = None, names: Names | None = None,
                stories_of: StoriesOf | None = None) -> Candidate | None:
        """The article whose story a new article joins, or None. Without
        `stories_of`: the most similar article within the window, if it reaches
        the threshold (single link). With it: of the stories of the articles
        that reach the threshold, the one whose articles held here and within
        the window are most similar on average, if that mean reaches threshold -
        margin; its most similar article."""
        scores = self.scores(vector, day, meaning, names)
        reaching = {article_id: score for article_id, score in scores.items() if score >= self.threshold}
        if not reaching:
            return None
        if stories_of is None:
            chosen = _best(reaching)
        else:
            chosen, best_mean = None, -math.inf
            stories = stories_of(sorted(reaching))
            seen = set()
            for article_id in sorted(reaching, key=lambda i: (-reaching[i], i)):
                story = tuple(stories.get(article_id, (article_id,)))
                if story in seen:
                    continue
                seen.add(story)
                mean = self.story_score(vector, day, meaning, names, story)
                if mean > best_mean:
                    chosen, best_mean = article_id, mean
            if best_mean < self.threshold - self.margin:
                return None
        held = self.articles[chosen]
        return Candidate(chosen, held.day, dict(zip(held.terms, held.weights, strict=True)), held.meaning,
                         held.names)

    def nearest(self, vector: dict[str, float], day: datetime.date | None,
                meaning: numpy.ndarray | None = None, names: Names | None = None) -> tuple[int, float] | None:
        """(id, similarity) of the most similar article within the window that shares
        one of the heaviest words, whatever the threshold; ties go to the earliest
        loaded, so grouping does not depend on set order."""
        scores = self.scores(vector, day, meaning, names)
        if not scores:
            return None
        best = _best(scores)
        return best, scores[best]

    def scores(self, vector: dict[str, float], day: datetime.date | None,
               meaning: numpy.ndarray | None = None, names: Names | None = None) -> dict[int, float]:
        """The similarity of each article within the window that shares one of
        the new article's heaviest words (the only ones compared: never every pair)."""
        words = blocking_terms(vector)
        ids = set()
        for near in self.days_around(day):
            for word in words:
                ids.update(self.by_term.get((near, word), ()))
        self.compared += len(ids)
        if meaning is not None:
            meaning = meaning.astype(numpy.float32)
        return {article_id: self._similarity(self.articles[article_id], vector, meaning, names)
                for article_id in ids}

    def story_score(self, vector: dict[str, float], day: datetime.date | None, meaning: numpy.ndarray | None,
                    names: Names | None, story) -> float:
        """The mean similarity of a new article to a story's latest
        STORY_MEMBERS_COMPARED articles (ids), those outside the window counting
        as unlike it (0): a story that has drifted past the window is joined on
        the strength of its recent articles only, so a month of one campaign's
        coverage does not chain week by week into one story."""
        near = set(self.days_around(day))
        latest = sorted(story, reverse=True)[:STORY_MEMBERS_COMPARED]
        held = [self.articles[i] for i in latest if i in self.articles and self.articles[i].day in near]
        if not held:
            return -math.inf
        self.compared += len(held)
        if meaning is not None:
            meaning = meaning.astype(numpy.float32)
        return sum(self._similarity(other, vector, meaning, names) for other in held) / len(latest)

    def _similarity(self, held: _Held, vector: dict[str, float], meaning: numpy.ndarray | None,
                    names: Names | None) -> float:
        return similarity(
            sum(weight * vector.get(word, 0.0) for word, weight in zip(held.terms, held.weights, strict=True)),
            None if meaning is None or held.meaning is None else float(numpy.dot(meaning, held.meaning)),
            self.meaning_weight, conflicts(names, held.names), self.conflict_weight)


# Ids of articles -> for each, the ids of its story's articles (itself alone when
# in none); an id left out is taken to be alone.
StoriesOf = Callable[[list[int]], dict[int, list[int]]]


def _best(scores: dict[int, float]) -> int:
    """The highest score's id; ties go to the earliest loaded (the lowest id)."""
    return min(scores, key=lambda article_id: (-scores[article_id], article_id))


def blocking_terms(vector: dict[str, float]) -> list[str]:
    return list(vector)[:BLOCKING_TERMS]  # term_vector keeps them heaviest first


# --- similarity of sentences, for what one outlet reports and the others omit


def sentence_vector(text: str) -> dict[str, float]:
    return term_vector(None, text, lead_chars=len(text))


def counterpart_score(sentence: dict[str, float], others: list[dict[str, float]]) -> float:
    """How close the nearest of `others` comes to `sentence` (0..1)."""
    return max((cosine(sentence, other) for other in others), default=0.0)


def contained_score(sentence: dict[str, float], others: list[dict[str, float]]) -> float:
    """The largest share of `sentence`'s weighted words that one of `others` holds
    (0..1): a quotation another outlet prints inside a longer sentence is all there."""
    total = sum(sentence.values())
    if not total:
        return 0.0
    return max((sum(weight for word, weight in sentence.items() if word in other) / total for other in others),
               default=0.0)
