"""Article-body scoring of the extraction benchmark: word 4-gram shingles.

Per page, true positives, false positives and false negatives over shingle counts,
normalised so every page weighs the same; precision and recall are averaged over
pages, then combined into F1.
"""

import re
import statistics
from collections import Counter

TOKEN = re.compile(r"\w+")


def _shingles(text, n=4):
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def page_counts(true_body, predicted_body):
    true, predicted = _shingles(true_body), _shingles(predicted_body)
    tp = sum((true & predicted).values())
    fp = sum((predicted - true).values())
    fn = sum((true - predicted).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def f1_over_pages(counts):
    """(f1, precision, recall) from a list of per-page (tp, fp, fn)."""
    def precision(tp, fp, fn):
        return 1.0 if fp == fn == 0 else (tp / (tp + fp) if tp + fp else 0.0)

    def recall(tp, fp, fn):
        return 1.0 if fp == fn == 0 else (tp / (tp + fn) if tp + fn else 0.0)

    p = statistics.mean(precision(*c) for c in counts if c[0] + c[1] > 0)
    r = statistics.mean(recall(*c) for c in counts if c[0] + c[2] > 0)
    return 2 * p * r / (p + r), p, r
