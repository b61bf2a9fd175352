"""Sentence polarity (TextBlob's pattern lexicon) and sentiment toward a target.

Target sentiment is a small multinomial logistic model (trained by
`training/train_sentiment.py` on NewsMTSC, weights in `models/sentiment.json`)
over features of the target's surroundings: the pattern lexicon's polarities of
the words near the target, by side, distance and clause, flipped after a
negation, and by their distance from the target in the parse tree; whether
the target is inside a quotation or is the one speaking; and the words around
it, hashed. The sentence's own polarity is one feature among
many, so a sentence that praises one actor and attacks another can differ by
target.
"""

from __future__ import annotations

import math
import zlib
from functools import lru_cache

import numpy

from ..resources import model_file
from . import target_models
from .polarity import lexicon as pattern_lexicon
from .polarity import polarity_subjectivity as textblob_polarity
from .summary import mean

NEGATIONS = frozenset({"not", "no", "never", "n't", "without", "nor", "hardly", "barely"})
CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "but", "while", "although", "though",
                           "whereas", "because", "however", "yet"})
QUOTE_MARKS = frozenset({"\"", "“", "”"})
SPEECH = frozenset({"said", "says", "told", "called", "accused", "praised", "criticised",
                    "criticized", "warned", "insisted", "argued", "claimed", "denied"})
COPULAS = frozenset({"is", "was", "are", "were", "seems", "seemed", "looks", "looked"})
HASH_BUCKETS = 1 << 15
STRONG_MODIFIER = 0.5
STRONG_VERB = 0.4  # a VADER valence of 1.6 of 4: "attacked" (-2.1), "praised" (2.6)
PATIENT_ROLES = ("object", "patient")
WINDOW = 6
LABELS = ("negative", "neutral", "positive")
CONTEXT_WIDTH = 96  # the default pipeline's context vectors, which the GRU was trained on


def polarity_subjectivity(text: str) -> tuple[float, float]:
    """TextBlob's PatternAnalyzer scores (see polarity.py), rounded for storage."""
    polarity, subjectivity = textblob_polarity(text)
    return round(polarity, 4), round(subjectivity, 4)


@lru_cache(maxsize=1)
def _word_polarity() -> dict[str, float]:
    table = {}
    for word, senses in pattern_lexicon().items():
        averaged = senses.get(None) or next(iter(senses.values()))
        if averaged[0]:
            table[word.lower()] = averaged[0]
    return table


@lru_cache(maxsize=1)
def _valence() -> dict[str, float]:
    """VADER's crowd-rated word valences (Hutto and Gilbert 2014, MIT; the lexicon
    file of the vaderSentiment package), scaled to -1..1: a second, larger lexicon
    beside pattern's, with verbs of attack and praise ("attacked" -0.5)."""
    from importlib import resources

    table = {}
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            try:
                table[parts[0].lower()] = float(parts[1]) / 4.0
            except ValueError:
                continue
    return table


def _bucket(name: str) -> str:
    return f"h{zlib.crc32(name.encode('utf-8')) % HASH_BUCKETS}"


def _tokens(span) -> tuple[tuple[str, int, int], ...]:
    """The parse's tokens with offsets into the sentence; kept on the span's
    document, since every mention in the sentence reads them."""
    cached = span.doc.user_data.get("sentiment_tokens")
    if cached is None or cached[0] != (span.start, span.end):
        base = span.start_char
        cached = ((span.start, span.end),
                  tuple((t.text, t.idx - base, t.idx - base + len(t.text)) for t in span))
        span.doc.user_data["sentiment_tokens"] = cached
    return cached[1]


@lru_cache(maxsize=8192)
def _sentence_bucket(word: str) -> str:
    return _bucket(f"S:{word}")


def _add_polar_word(features: dict, lexicon: str, value: float, side: str, distance: int,
                    in_clause: bool) -> None:
    """A polar word's weight by side of the target, distance band and sign, and
    again when it is in the target's clause."""
    band = "near" if distance <= 3 else ("mid" if distance <= WINDOW * 2 else "far")
    sign = "pos" if value > 0 else "neg"
    for key in (f"{lexicon}_{side}_{band}_{sign}", *([f"{lexicon}_clause_{sign}"] if in_clause else [])):
        features[key] = features.get(key, 0.0) + abs(value)


def target_features(span, start: int, end: int,
                    sentence_polarity: float | None = None) -> dict[str, float]:
    """Sparse features of the target at [start:end] of the sentence parsed as `span`."""
    polarity_of = _word_polarity()
    valence_of = _valence()
    tokens = _tokens(span)
    inside = [i for i, (_, s, e) in enumerate(tokens) if s < end and e > start]
    first, last = (inside[0], inside[-1]) if inside else (0, 0)
    features: dict[str, float] = {"bias": 1.0}
    if sentence_polarity is None:
        sentence_polarity = polarity_subjectivity(span.text)[0]
    if inside:
        features.update(syntactic_features(span, inside, polarity_of))
    features["sentence_polarity"] = sentence_polarity
    clause_start = first
    while clause_start > 0 and tokens[clause_start - 1][0].lower() not in CLAUSE_BREAKS:
        clause_start -= 1
    clause_end = last
    while clause_end + 1 < len(tokens) and tokens[clause_end + 1][0].lower() not in CLAUSE_BREAKS:
        clause_end += 1
    quotes_before = sum(t in QUOTE_MARKS for t, _, _ in tokens[:first])
    features["in_quotation"] = float(quotes_before % 2 == 1)
    features["position"] = first / max(1, len(tokens))
    features["subject"] = float(first <= 2)
    features["speaks"] = float(any(t.lower() in SPEECH for t, _, _ in tokens[last + 1:last + 4]))
    # Attributive and predicative modifiers: "the brutal Assad regime", "Smith was
    # brilliant" speak of the target itself.
    modifier = sum(polarity_of.get(t.lower(), 0.0) for t, _, _ in tokens[max(0, first - 2):first]
                   if t.isalpha())
    if last + 2 < len(tokens) and tokens[last + 1][0].lower() in COPULAS:
        modifier += polarity_of.get(tokens[last + 2][0].lower(), 0.0)
    if modifier:
        features["modifier_pos" if modifier > 0 else "modifier_neg"] = abs(modifier)
    negated = False
    for i, (token, _, _) in enumerate(tokens):
        if first <= i <= last:
            negated = False
            continue
        word = token.lower()
        if word in NEGATIONS or word.endswith("n't"):
            negated = True
            continue
        if word in CLAUSE_BREAKS:
            negated = False
        side = "L" if i < first else "R"
        distance = first - i if i < first else i - last
        polarity = polarity_of.get(word, 0.0)
        if negated:
            polarity = -polarity * 0.5
        in_clause = clause_start <= i <= clause_end
        if polarity:
            key = "lex_weighted_pos" if polarity > 0 else "lex_weighted_neg"
            features[key] = features.get(key, 0.0) + abs(polarity) / (1.0 + distance)
            _add_polar_word(features, "lex", polarity, side, distance, in_clause)
        valence = valence_of.get(word, 0.0)
        if negated:
            valence = -valence * 0.5
        if valence:
            _add_polar_word(features, "valence", valence, side, distance, in_clause)
        if token.isalpha():
            features[_sentence_bucket(word)] = 1.0
            if distance <= WINDOW:
                features[_bucket(f"{side}:{word}")] = 1.0
                if negated:
                    features[_bucket(f"neg:{word}")] = 1.0
                if i + 1 < len(tokens) and not first <= i + 1 <= last:
                    features[_bucket(f"{side}:{word} {tokens[i + 1][0].lower()}")] = 1.0
    return features


@lru_cache(maxsize=1)
def _weights_by_feature() -> dict[str, tuple[float, float, float]]:
    """feature -> (negative, neutral, positive) weights: one look-up a feature."""
    weights = model_file("sentiment")["weights"]
    names = set().union(*(weights[label] for label in LABELS))
    return {name: tuple(weights[label].get(name, 0.0) for label in LABELS) for name in names}


def probabilities(features: dict[str, float], vector=None) -> list[float]:
    table = _weights_by_feature()
    zero = (0.0, 0.0, 0.0)
    scores = [0.0, 0.0, 0.0] if vector is None else _vector_weights(len(vector)).dot(vector).tolist()
    for name, value in features.items():
        negative, neutral, positive = table.get(name, zero)
        scores[0] += value * negative
        scores[1] += value * neutral
        scores[2] += value * positive
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def sentiment_toward(span, start: int, end: int,
                     sentence_polarity: float | None = None) -> tuple[str, float]:
    """(label, score in -1..1) toward the target at [start:end] of the sentence
    parsed as `span`."""
    return sentiments_toward(span, [(start, end)], sentence_polarity)[0]


def sentiments_toward(span, targets: list[tuple[int, int]],
                      sentence_polarity: float | None = None) -> list[tuple[str, float]]:
    """(label, score) toward each target (start, end) of the sentence parsed as
    `span`: the mean of three models' probabilities (the logistic model and the
    trees over the named features, the GRU over the tokens, which runs the
    sentence's targets as one batch), with the rules of `decide` on top."""
    for start, end in targets:
        if not 0 <= start < end <= len(span.text):
            raise ValueError(f"target span {start}:{end} is outside the sentence")
    if not targets:
        return []
    if sentence_polarity is None:
        sentence_polarity = polarity_subjectivity(span.text)[0]
    features, with_vectors, logistic = [], [], []
    for start, end in targets:
        named = target_features(span, start, end, sentence_polarity)
        vector = context_vector(span, start, end)
        features.append(named)
        logistic.append(probabilities(named, vector))
        with_vectors.append(named if vector is None else
                            {**named, **dict(zip(vector_feature_names(len(vector)), vector.tolist()))})
    votes = [numpy.array(logistic), target_models.trees().probabilities_of_targets(with_vectors)]
    inputs = [token_inputs(span, start, end) for start, end in targets]
    if all(i is not None for i in inputs):
        votes.append(target_models.recurrent().probabilities_of_targets(inputs))
    mean = numpy.mean(votes, axis=0)
    return [decide(probs.tolist(), named) for probs, named in zip(mean, features)]


POSITIONS = 10  # how far from the target a token's place in the sentence is told apart
TREE_STEPS = 11  # and its place in the parse tree


def token_inputs(span, start: int, end: int) -> dict | None:
    """What the GRU reads of each token of the sentence parsed as `span`, for the
    target at [start:end]: the word, its dependency label, its distance from the
    target in the sentence (capped at POSITIONS a side) and in the parse tree (at
    TREE_STEPS), and as numbers its context vector (the pipeline's tok2vec layer),
    its polarity in both lexicons, whether a negation governs it or it, and
    whether it is the target's. None when the pipeline sets no context vectors."""
    sentence = _sentence_inputs(span)
    if sentence is None:
        return None
    offsets = sentence["offsets"]
    inside = [i for i, (s, e) in enumerate(offsets) if s < end and e > start] or [0]
    targets = set(inside)
    heads = sentence["heads"]
    root = next((i for i in inside if heads[i] not in targets or heads[i] == i), inside[0])
    tree = [TREE_STEPS if steps is None else min(steps, TREE_STEPS) for steps in tree_distances(span, root)]
    rel = []
    for i in range(len(offsets)):
        offset = 0 if i in targets else (i - inside[0] if i < inside[0] else i - inside[-1])
        rel.append(max(-POSITIONS, min(POSITIONS, offset)) + POSITIONS)
    dense = sentence["dense"].copy()
    dense[inside, -1] = 1.0
    return {"words": sentence["words"], "deps": sentence["deps"], "rel": numpy.array(rel),
            "tree": numpy.array(tree), "dense": dense}


def tree_distances(span, root: int) -> list[int | None]:
    """For each token of the sentence parsed as `span`, its distance in the parse
    tree from the token at position `root` (a target's head word): the steps up
    from the token to their nearest shared ancestor and down again; None when
    they share none. Each token's ancestors are read once per sentence."""
    # Each token and its ancestors, as positions in the sentence.
    paths = _once_per_sentence(span, "sentiment_paths", lambda: [
        [t.i - span.start, *(a.i - span.start for a in t.ancestors)] for t in span])
    steps_from_root = {node: step for step, node in enumerate(paths[root])}
    return [next((step + steps_from_root[node] for step, node in enumerate(path) if node in steps_from_root), None)
            for path in paths]


def _once_per_sentence(span, name: str, build):
    """build() for the sentence parsed as `span`, kept on its document under
    `name` while the next sentence is not asked for: every mention of the
    sentence reads it."""
    cached = span.doc.user_data.get(name)
    if cached is None or cached[0] != (span.start, span.end):
        cached = ((span.start, span.end), build())
        span.doc.user_data[name] = cached
    return cached[1]


def _negated_branch(token) -> bool:
    """A negation hangs on the token or on its head ("did not praise Obama")."""
    return any(child.dep_ == "neg" for node in {token, token.head} for child in node.children)


def _sentence_inputs(span) -> dict | None:
    """The target-independent part of token_inputs, once per sentence."""
    return _once_per_sentence(span, "sentiment_inputs", lambda: _build_sentence_inputs(span))


def _build_sentence_inputs(span) -> dict | None:
    tensor = span.doc.tensor
    if tensor is None or tensor.shape[0] != len(span.doc) or tensor.shape[1] != CONTEXT_WIDTH:
        return None
    polarity_of, valence_of = _word_polarity(), _valence()
    base = span.start_char
    tokens = list(span)
    numbers = [(polarity_of.get(t.lower_, 0.0),
                valence_of.get(t.lower_, valence_of.get(t.lemma_.lower(), 0.0)),
                float(t.lower_ in NEGATIONS or _negated_branch(t)),
                0.0) for t in tokens]
    return {
        "words": [t.lower_ for t in tokens], "deps": [t.dep_ for t in tokens],
        "offsets": [(t.idx - base, t.idx - base + len(t.text)) for t in tokens],
        "heads": [t.head.i - span.start for t in tokens],
        "dense": numpy.concatenate([tensor[span.start:span.end], numpy.array(numbers)],
                                   axis=1).astype(numpy.float32),
    }


VECTOR_PARTS = ("vt", "vg", "vs")  # the target, its governor, the sentence


def context_vector(span, start: int, end: int):
    """The pipeline's own context vectors (its tok2vec layer, `doc.tensor`) of the
    target at [start:end] (the mean over its tokens), of the word that governs it,
    and of the sentence (the mean), end to end; None when the pipeline sets no
    tensor. In the model file each dimension is a feature named by part and index
    ("vt0" ... "vs95")."""
    tensor = span.doc.tensor
    if tensor is None or not len(tensor) or tensor.shape[0] != len(span.doc):
        return None
    base = span.start_char
    rows = [t.i for t in span if t.idx - base < end and t.idx - base + len(t.text) > start]
    if not rows:
        return None
    root = next((span.doc[i] for i in rows if span.doc[i].head.i not in rows
                 or span.doc[i].head.i == i), span.doc[rows[0]])
    return numpy.concatenate([tensor[rows].mean(axis=0), tensor[root.head.i],
                              tensor[span.start:span.end].mean(axis=0)])


def vector_feature_names(width: int) -> list[str]:
    return [f"{part}{index}" for part in VECTOR_PARTS for index in range(width // len(VECTOR_PARTS))]


@lru_cache(maxsize=4)
def _vector_weights(width: int):
    """(3, width) weights of the vector features, by label, and whether any exist."""
    weights = model_file("sentiment")["weights"]
    names = vector_feature_names(width)
    matrix = numpy.array([[weights[label].get(name, 0.0) for name in names] for label in LABELS])
    return matrix


# Where the target stands in its clause, from the parse.
ROLES = {"nsubj": "subject", "nsubjpass": "patient", "dobj": "object", "pobj": "prep_object",
         "poss": "possessor", "conj": "conjunct", "appos": "apposition", "compound": "modifier",
         "attr": "attribute", "dative": "recipient"}


def _first_of_two_objects(noun) -> bool:
    """A double-object verb's first object is its recipient: another object follows
    it, as a second object of the verb or (as the small parser has it) as a common
    noun in apposition to the first."""
    verb = noun.head
    later_objects = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > noun.i]
    glued = [c for c in noun.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    return bool(later_objects or glued)


def syntactic_features(span, inside: list[int], polarity_of: dict) -> dict[str, float]:
    """The target's role in its clause, the polarity of the word that governs it
    ("praised Obama", "attacks on Obama"), and of the words that describe it ("the
    brutal regime", "Weiner, a man of striking immaturity")."""
    tokens = [span[i] for i in inside]
    inside_doc = {t.i for t in tokens}
    root = next((t for t in tokens if t.head.i == t.i or t.head.i not in inside_doc), tokens[0])
    # One of a list ("sent Podesta, Mook and Abedin") stands where the list stands.
    anchor = root
    while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
        anchor = anchor.head
    role = ROLES.get(anchor.dep_, "other")
    if anchor.dep_ == "dobj" and _first_of_two_objects(anchor):
        role = "recipient"  # "sent Podesta a message": the small parser calls both objects
    features = {f"role:{role}": 1.0}
    governor = anchor.head if anchor.head.i != anchor.i else None
    if governor is not None and governor.dep_ == "prep":
        governor = governor.head  # "attacks on Obama": the noun the preposition hangs on
    if governor is not None:
        polarity = polarity_of.get(governor.lemma_.lower(), polarity_of.get(governor.text.lower(), 0.0))
        if any(child.dep_ == "neg" for child in governor.children):
            polarity = -polarity * 0.5
        valence = _valence().get(governor.text.lower(), _valence().get(governor.lemma_.lower(), 0.0))
        if any(child.dep_ == "neg" for child in governor.children):
            valence = -valence * 0.5
        if valence:
            features[f"governor_valence_{role}_{'pos' if valence > 0 else 'neg'}"] = abs(valence)
        if polarity:
            features["governor_pos" if polarity > 0 else "governor_neg"] = abs(polarity)
            features[f"governor_{role}_{'pos' if polarity > 0 else 'neg'}"] = 1.0
    features.update(tree_polarity(span, root, inside_doc, polarity_of))
    # The target's own phrase, its modifiers, appositions and relative clauses.
    described = sum(polarity_of.get(token.text.lower(), 0.0) for token in root.subtree
                    if token.i not in inside_doc)
    if described:
        features["described_pos" if described > 0 else "described_neg"] = abs(described)
    return features


def tree_polarity(span, root, inside: set[int], polarity_of: dict) -> dict[str, float]:
    """Polar words weighted by how near they stand to the target in the parse tree
    rather than in the sentence ("Trump attacked Clinton but praised Sanders": for
    Sanders, "praised" is one step away and "attacked" three), flipped and halved
    under a negation on their own branch; again, unweighted, within two steps."""
    distances = tree_distances(span, root.i - span.start)
    valence_of = _valence()
    features: dict[str, float] = {}
    for token, distance in zip(span, distances):
        if token.i in inside or distance is None:
            continue
        lexicons = (("tree_lex", polarity_of.get(token.lower_, 0.0)),
                    ("tree_valence", valence_of.get(token.lower_, 0.0)))
        if not any(value for _, value in lexicons):
            continue
        negated = _negated_branch(token)
        for name, value in lexicons:
            if value:
                value = -value * 0.5 if negated else value
                key = f"{name}_{'pos' if value > 0 else 'neg'}"
                features[key] = features.get(key, 0.0) + abs(value) / (1 + distance)
                if distance <= 2:
                    features[f"{key}_close"] = features.get(f"{key}_close", 0.0) + abs(value)
    return features


def decide(probs: list[float], features: dict[str, float]) -> tuple[str, float]:
    """Label and score from the model's probabilities, with three rules on top: a
    recipient nothing polar is said of is neutral ("sent Podesta a jubilant
    message"); a strongly polar verb the target is the object of ("attacked Putin",
    "praised Sanders") or a strongly polar word that modifies the target itself
    ("the brutal Assad regime") decides the direction, which the model, trained
    mostly on neutral mentions in polar sentences, tends to discount."""
    negative, neutral, positive = probs
    score = positive - negative
    if features.get("role:recipient") and not any(
            name.startswith(("governor", "modifier", "described")) for name in features):
        # Only present: the one a message is sent to takes none of its mood, and
        # the stored score says so too.
        return "neutral", 0.0
    # What is done to the target: "attacked Putin", "praised Sanders". A strong verb
    # whose object or patient the target is sets the direction, whatever the
    # sentence's other clauses say.
    done = sum(features.get(f"governor_valence_{role}_pos", 0.0) - features.get(f"governor_valence_{role}_neg", 0.0)
               for role in PATIENT_ROLES)
    if abs(done) >= STRONG_VERB:
        score = max(-1.0, min(1.0, (1 if done > 0 else -1) * max(abs(score), abs(done))))
        return ("positive" if score > 0 else "negative"), round(score, 4)
    modifier = features.get("modifier_pos", 0.0) - features.get("modifier_neg", 0.0)
    if abs(modifier) >= STRONG_MODIFIER:
        score = max(-1.0, min(1.0, score + modifier / 2))
        label = "neutral" if abs(score) < 0.15 else ("positive" if score > 0 else "negative")
        return label, round(score, 4)
    label = LABELS[max(range(3), key=lambda i: probs[i])]
    return label, round(score, 4)


class SentimentScorer:
    """Sentence polarity and subjectivity, and sentiment toward each actor mention."""

    name = "sentiment"
    requires = ("actors",)
    columns = {
        "sentences": {"polarity": float, "subjectivity": float},
        "articles": {"polarity": float, "subjectivity": float},
    }

    def score(self, sentences, analysis):
        for sentence in sentences:
            sentence["polarity"], sentence["subjectivity"] = polarity_subjectivity(sentence["text"])
            mentions = sentence.get("mentions", [])
            toward = sentiments_toward(sentence["span"], [(m["start"], m["end"]) for m in mentions],
                                       sentence["polarity"])
            for mention, (_, score) in zip(mentions, toward):
                mention["sentiment"] = score
        analysis.summary.update(polarity=mean([s["polarity"] for s in sentences]),
                                subjectivity=mean([s["subjectivity"] for s in sentences]))

    def toward(self, span, start: int, end: int) -> tuple[str, float]:
        """(label, score) toward the target at [start:end] of a parsed sentence."""
        return sentiment_toward(span, start, end)
