"""Parse and encode an article's sentences once and run the registered scorers over
them (no database here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from . import encoder, grouping, nlp
from .records import Article, ArticleSummary, QuoteRecord, SentenceRecord
from .plugins import BUILTIN, installed_scorers, registered_scorers
from .resources import check_model_features, check_model_files
from .scorers.actors import alias_table
from .text.language import ENGLISH
from .text.segment import segment_article


@dataclass(frozen=True)
class Settings:
    """What a load chooses for its scorers: the spaCy pipeline (a package name or
    path; None for the default) and extra actor alias files."""

    model: str | None = None
    alias_files: tuple[str, ...] = ()


DEFAULT_SETTINGS = Settings()


@dataclass
class Analysis:
    """Scored sentences of one article, its quotes, and the article's own columns
    (`summary`), which scorers fill; `settings` are the load's. `meaning` is the
    article's lead in the encoder's space (encoder.lead_vector), kept from the
    one encoding of its sentences for grouping it into a story, and `lead_entities`
    the named entities of its title and lead, which tell two events of one kind
    apart there (the title's: those of the article's parse its title names)."""

    sentences: list[SentenceRecord]
    body: str = ""
    quotes: list[QuoteRecord] = field(default_factory=list)
    summary: ArticleSummary = field(default_factory=dict)
    settings: Settings = DEFAULT_SETTINGS
    meaning: object = None  # a numpy float32 vector, or None
    lead_entities: list = field(default_factory=list)  # (label, text) of the title's and lead's entities


def is_scored(article: Article) -> bool:
    return article.language in (None, ENGLISH)


def check_pipeline(model: str | None = None) -> None:
    """Check every model file of the package (its checksum, and its feature names
    against the code's: resources.FeatureMismatch), then load the spaCy pipeline `model`
    and the sentence encoder; raises resources.ModelFileError (encoder.EncoderError
    is one), which names the file and how to reinstall, or nlp.PipelineError, which
    says how to install the pipeline."""
    check_model_files()
    scorers()  # imports every scorer, whose model loaders register their checks
    check_model_features()
    nlp.load_pipeline(model)
    encoder.load_encoder()


def check_settings(settings: Settings) -> None:
    """What a load chose, checked before anything is read: the spaCy pipeline
    (nlp.PipelineError) and every alias file, line by line (records.LoadError
    naming the file and line)."""
    check_pipeline(settings.model)
    alias_table(settings.alias_files)


class ScorerFailed(Exception):
    """A scorer raised while scoring an article: the message names the scorer, so that
    a plugin's failure is not taken for the input's."""


@lru_cache(maxsize=1)
def scorers() -> tuple:
    return registered_scorers()


@lru_cache(maxsize=1)
def builtin_scorers() -> tuple:
    """The package's own scorers: the columns the plugin's pages read come from them."""
    return tuple(registered.scorer for registered in installed_scorers() if registered.plugin == BUILTIN)


def scored(sentences: list[dict], body: str, settings: Settings = DEFAULT_SETTINGS,
           title: str | None = None) -> Analysis:
    """The sentences parsed, encoded and scored by every registered scorer, and
    the named entities of the title and the lead (Analysis.lead_entities; the
    title is not parsed, as no scorer reads it: its entities are those of the
    article's sentences it names, grouping.named_in_title). Each
    sentence is parsed as a document of its own, so its tree and entities never
    reach into a neighbour; its spaCy Span is "span" and its encoder output
    "encoding" while the scorers run, and both are gone after: the parse is freed
    (nlp.memory_zone), and the records keep only plain values."""
    analysis = Analysis(sentences=sentences, body=body, summary={"sentence_count": len(sentences)},
                        settings=settings)
    texts = [s["text"] for s in sentences]
    with nlp.memory_zone(settings.model):
        parsed = nlp.parse(texts, settings.model)
        for sentence, doc, encoding in zip(sentences, parsed, encoder.encode(texts), strict=True):
            sentence["span"] = doc[:]
            sentence["encoding"] = encoding
        analysis.meaning = encoder.lead_vector([s["encoding"] for s in sentences])
        entities = [[(entity.label_, entity.text) for entity in doc.ents] for doc in parsed]
        analysis.lead_entities = grouping.named_in_title(title, [e for found in entities for e in found]) + [
            e for found in entities[:encoder.LEAD_SENTENCES] for e in found]
        try:
            for scorer in scorers():
                try:
                    scorer.score(analysis.sentences, analysis)
                except Exception as error:
                    raise ScorerFailed(f"scorer {scorer.name!r} failed: {type(error).__name__}: {error}") from error
        finally:
            for sentence in sentences:
                sentence.pop("span", None)
                sentence.pop("encoding", None)
    return analysis


def analyze_article(article: Article, settings: Settings = DEFAULT_SETTINGS) -> Analysis:
    """The article's sentences scored by every registered scorer; nothing for an
    article in another language than English, whose lexicons and models these
    are (it is stored with its text and metadata, unscored)."""
    if not is_scored(article):
        return Analysis(sentences=[], body=article.body, settings=settings)
    return scored(segment_article(article), article.body, settings, article.title)


@lru_cache(maxsize=4096)
def score_sentence(text: str, settings: Settings = DEFAULT_SETTINGS) -> dict:
    """All scores of one sentence on its own (the SQL functions' source), without
    its span."""
    sentence = {"position": 0, "paragraph": 0, "start": 0, "end": len(text), "text": text,
                "mentions": []}
    scored([sentence], text, settings)
    return sentence


def what_sources_name(sources: list[tuple[str, int, int]],
                      settings: Settings = DEFAULT_SETTINGS) -> list[tuple[str, str]]:
    """For each (sentence, start, end) of a stored source: what the phrase names
    (scorers.sourcing.kinds.what_it_names: "name", "people", "document",
    "pronoun", "thing" or "no phrase") and the word that heads it, from the
    sentence's parse."""
    from .scorers.sourcing.kinds import what_it_names

    texts = list(dict.fromkeys(text for text, _, _ in sources))
    with nlp.memory_zone(settings.model):
        spans = {text: doc[:] for text, doc in zip(texts, nlp.parse(texts, settings.model), strict=True)}
        return [what_it_names(spans[text], start, end) for text, start, end in sources]


def target_sentiment(sentence: str, start: int, end: int,
                     settings: Settings = DEFAULT_SETTINGS) -> tuple[str, float]:
    """(label, score) toward the target at sentence[start:end], from the registered
    scorer named "sentiment", which reads the sentence's parse and encoding."""
    if start >= end:
        raise ValueError(f"target span {start}:{end} is empty or reversed: the start must come before the end")
    if not 0 <= start < end <= len(sentence):
        raise ValueError(f"target span {start}:{end} is outside the sentence (0:{len(sentence)})")
    sentiment = next(s for s in scorers() if s.name == "sentiment")
    with nlp.memory_zone(settings.model):
        span = nlp.parse([sentence], settings.model)[0][:]
        return sentiment.toward(span, encoder.encode([sentence])[0], start, end)
