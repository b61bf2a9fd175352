"""Sentence polarity and subjectivity from TextBlob's pattern lexicon (offline)."""

from textblob.en.sentiments import PatternAnalyzer

_ANALYZER = PatternAnalyzer()


def polarity_subjectivity(text: str) -> tuple[float, float]:
    result = _ANALYZER.analyze(text)
    return round(result.polarity, 4), round(result.subjectivity, 4)


class SentimentScorer:
    name = "sentiment"
    order = 40

    def score(self, sentences, article):
        for sentence in sentences:
            sentence["polarity"], sentence["subjectivity"] = polarity_subjectivity(sentence["text"])
