"""What each column means, in the words a reader of the tables needs."""

from functools import lru_cache

from ..store.bands import SCORE_RANGES
from ..store.summaries import STATE_TABLE, SUMMARY_TABLES

TYPE_NAMES = {int: "integer", float: "number", str: "text", bool: "0/1", list: "JSON array",
              dict: "JSON object"}

SCORE_COLUMNS = SCORE_RANGES

COLUMN_DESCRIPTIONS = {
    "articles": {
        "source": "The record's id, or the file it was loaded from: its path relative to the folder named on "
                  "the command line, or its file name",
        "outlet": "Publishing outlet, as found on the page or given with --outlet",
        "published": "Publication date and time, ISO 8601",
        "standfirst": "The summary line under the headline, where the page has one",
        "content_hash": "SHA-256 of outlet, title and body: the same article is loaded once",
        "language": "ISO 639-1 code of the article's language (py3langid); only English articles are scored",
        "byline": "The authors as the page names them",
        "sentence_count": "Sentences in the body",
        "attributed_count": "Sentences whose claim rests on a source (attribution named or anonymous)",
        "anonymous_count": "Sentences whose source is unnamed or vague (attribution anonymous)",
        "quote_count": "Direct quotations (rows of the quotes table)",
        "hedged_count": "Hedged sentences (hedged = 1)",
        "anonymous_share": "anonymous_count / attributed_count: the share of the article's attributed sentences "
                           "whose source is unnamed or vague "
                           "(0..1; empty when nothing is attributed)",
        "hedged_share": "Hedged sentences / all sentences (0..1)",
        "polarity": "Mean sentence polarity, TextBlob pattern lexicon (-1 negative .. 1 positive)",
        "subjectivity": "Mean sentence subjectivity, TextBlob pattern lexicon (0 objective .. 1 subjective)",
        "story_id": "The story: other articles published within a week that report the same event "
                    "(similar words in title and opening); empty when no other article does",
    },
    "stories": {
        "title": "The earliest article's headline",
        "first_published": "When the first of its articles was published",
        "last_published": "When the last of its articles was published",
        "article_count": "Articles in the story",
        "outlet_count": "Outlets that reported it",
    },
    "sentences": {
        "start": "Offset of the sentence in articles.body (characters)",
        "end": "End offset in articles.body: body[start:end] is the text",
        "evidence": "The actors mentioned (with the sentiment toward each) and the attributions (cue <- source), "
                    "as JSON; the mentions and attributions tables hold the same rows to query",
        "is_quote": "1 when the sentence holds or continues a direct quotation",
        "attribution": "none: nothing attributed; named: the source is identified; anonymous: unnamed or vague source",
        "source": "The source's own words, e.g. 'diplomatic sources'",
        "source_kind": "person, organisation, media, document, unnamed official, unnamed other or vague",
        "cue": "The words that attribute the claim: said, according to, believe ...",
        "anonymous_score": "How unnamed the source is: 1 unnamed person or group, 0.8 vague, 0 named",
        "hedged": ("1 when hedging_score reaches the classifier's threshold (0.35). On real news "
                   "sentences it never learned from: F1 0.83 (375 PolNeAR sentences) and 0.79 (386 PolNeAR "
                   "and web sentences); see the README"),
        "hedging_score": ("Probability that the sentence presents a claim as uncertain (0..1), from a "
                          "classifier over the sentence encoder and the hedge cues"),
        "hedge_cues": ("The hedging words found, each with its kind (modal, hearsay, weasel ...), the reason "
                       "it hedges, and whether it counts as evidence (the cues of a hedged sentence; a "
                       "quantity only beside another cue)"),
        "polarity": "Sentence polarity, TextBlob pattern lexicon (-1 .. 1)",
        "subjectivity": "Sentence subjectivity, TextBlob pattern lexicon (0 .. 1)",
    },
    "mentions": {
        "start": "Offset of the mention in its sentence",
        "sentiment": ("P(positive) - P(negative) toward this actor in this sentence (-1 .. 1), from the same "
                      "calibrated probabilities as sentiment_label: a neutral label never carries more than 0.5"),
        "sentiment_cues": ("The words that carry a negative or positive label, strongest first (JSON array; "
                           "empty when neutral): their share of the label's lead over neutral in the model"),
        "sentiment_label": ("How the sentence portrays this actor: negative, neutral or positive (the most probable "
                            "class). On 393 real news mentions labelled by hand and never used in development: "
                            "right 77% of the time (always 'neutral' would be 71%), macro-F1 0.63; polar labels "
                            "are the weak part (negative F1 0.54, positive 0.48): compare shares, not single rows"),
    },
    "actors": {
        "name": "Canonical name of one real entity across the database: every article's forms of it resolve to it",
        "kind": "person, organization, place or group (the kind most of its mentions were given)",
        "aliases": "The names it was written as (JSON list, most frequent first)",
        "mention_count": "How many mentions it has (never 0)",
        "linked_to": "The actor this one belongs to: 'Obama administration' -> Barack Obama",
    },
    "attributions": {
        "sentence_id": "The sentence the claim stands in (one sentence can hold several attributions)",
        "cue": "The words that attribute the claim: said, according to, believe ...",
        "source": "The source as written, e.g. 'diplomatic sources' or 'she'",
        "source_kind": "person, organisation, media, document, unnamed official, unnamed other or vague",
        "anonymous": "1 when the source is unnamed or vague",
        "actor_id": "The actor the source resolves to, where it names or points to one",
    },
    "quotes": {
        "speaker": "Who speaks the quotation, resolved to a name where the article gives one",
        "anonymous": "1 when the speaker is an unnamed source",
    },
}

# Tables a reader does not start from: the plugin's summaries and the row tables
# its pages and filters read. Hidden from the lists, still queryable.
HIDDEN_TABLES = ("mentions", "paragraphs", "story_terms", STATE_TABLE, *SUMMARY_TABLES)
# Columns a reader of the HTML tables does not need: where a row sits in its
# article or sentence (offsets), and an article's bookkeeping (the file or
# record it came from, its hash, language and paragraph count). Left out of the
# tables' HTML pages by default (web/hidden_columns.py); still stored, queryable,
# filterable, sortable and in every JSON and CSV export.
HIDDEN_COLUMNS = {
    "articles": ("source", "content_hash", "language", "paragraph_count"),
    "sentences": ("position", "paragraph", "start", "end"),
    "attributions": ("cue_start", "cue_end", "source_start", "source_end", "content_start", "content_end"),
    "mentions": ("start", "end"),
    "paragraphs": ("start", "end"),
}
# Flags stored as 0 and 1, read as words wherever they are shown: their cells and
# their facets ("hedged: yes"), however the facet is asked for (web/facets.py).
YES_NO_COLUMNS = {"sentences": ("hedged", "is_quote"), "quotes": ("anonymous",),
                  "attributions": ("anonymous",)}
YES_NO = {"1": "yes", "0": "no"}
# Examples offered on the database page, each a question a reader asks.
RANKED_FROM = 20  # attributed sentences an outlet's share needs to be ranked among the others
EXAMPLE_QUERIES = {
    # Outlets whose share rests on few sentences after the others: "100%" of two
    # sentences would head the ranking.
    "anonymous_sources_by_outlet": {
        "title": "Anonymous share of attributed sentences, by outlet",
        "sql": ("select outlet, articles, attributed, anonymous, anonymous_share, hedged_share\n"
                f"from outlet_summary\n-- outlets with fewer than {RANKED_FROM} attributed sentences last: "
                "a share of so few is noise\n"
                f"order by attributed >= {RANKED_FROM} desc, anonymous_share desc"),
    },
    "unnamed_sources": {
        "title": "Who the unnamed sources are, by outlet",
        "sql": ("select articles.outlet, attributions.source, count(*) as times\n"
                "from attributions join sentences on sentences.id = attributions.sentence_id\n"
                "join articles on articles.id = sentences.article_id\n"
                "where attributions.anonymous = 1 group by 1, 2 order by times desc limit 100"),
    },
    "hedged_claims": {
        "title": "Hedged sentences with their cues",
        "sql": ("select articles.outlet, articles.title, sentences.text, sentences.hedge_cues\n"
                "from sentences join articles on articles.id = sentences.article_id\n"
                "where sentences.hedged = 1 order by sentences.hedging_score desc limit 100"),
    },
}

DEFAULT_FACETS = {
    "sentences": ["attribution", "source_kind", "hedged", "is_quote"],
    "articles": ["outlet", "story_id"],
    "actors": ["kind"],
}


@lru_cache(maxsize=1)
def column_descriptions() -> dict:
    """The built-in descriptions, and one for every column another installed scorer
    declares: its own words (an optional `descriptions` attribute shaped like
    `columns`) or which scorer fills it."""
    from ..analyze import scorers

    described = {table: dict(columns) for table, columns in COLUMN_DESCRIPTIONS.items()}
    for scorer in scorers():
        own = getattr(scorer, "descriptions", {}) or {}
        for table, columns in scorer.columns.items():
            for column, kind in columns.items():
                if column in described.setdefault(table, {}):
                    continue
                described[table][column] = own.get(table, {}).get(column) or (
                    f"From the {scorer.name!r} scorer ({TYPE_NAMES.get(kind, 'value')})")
    return described
