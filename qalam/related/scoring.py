"""How related two articles are: a weighted sum of what they share, times their nearness in
time. docs/related.md gives the reasons for each weight and the figures behind them.

    relevance = 0.65·meaning + 0.10·words + 0.15·names + 0.05·tags + 0.05·rubric
    score     = relevance · (0.7 + 0.3 · 2^(−days apart / 30))

meaning is the cosine of the two articles' e5 vectors, read from MEANING_FLOOR (unrelated
news of one country) to 1; words and names are TF-IDF cosines of word forms and name keys,
with document frequencies taken over the candidates; tags the cosine of the tag sets; rubric
1 for the same rubric in any edition. Without the model, its weight goes to words and names."""

import math
from collections import Counter

import numpy as np

WEIGHTS = {"meaning": 0.65, "words": 0.10, "names": 0.15, "tags": 0.05, "rubric": 0.05}
WEIGHTS_WITHOUT_MODEL = {"meaning": 0.0, "words": 0.45, "names": 0.30, "tags": 0.15, "rubric": 0.10}
MEANING_FLOOR = 0.80
RECENCY_SHARE = 0.3
HALF_LIFE_DAYS = 30
# Below this an article is not listed: better four good neighbours than six with two strays.
MIN_SCORE = 0.15


def scores(article, candidates, weights=None):
    """Scores of `candidates` as related articles of `article` (profiles, see models.py or
    anything with the same attributes), in their order; `weights` replace Qalam's for a
    comparison (evaluation.py)."""
    if not candidates:
        return np.zeros(0)
    with_model = article.embedding is not None
    weights = weights or (WEIGHTS if with_model else WEIGHTS_WITHOUT_MODEL)
    total = weights["words"] * sparse_cosines(article.terms, [c.terms for c in candidates])
    total += weights["names"] * sparse_cosines(article.names, [c.names for c in candidates])
    total += weights["tags"] * np.array([set_cosine(article.tags, c.tags) for c in candidates])
    total += weights["rubric"] * np.array(
        [bool(article.rubric_key) and c.rubric_key == article.rubric_key for c in candidates]
    )
    if with_model:
        total += weights["meaning"] * meaning(article.embedding, candidates)
    days = np.array(
        [abs((c.published_at - article.published_at).total_seconds()) / 86400 for c in candidates]
    )
    return total * (1 - RECENCY_SHARE + RECENCY_SHARE * np.exp2(-days / HALF_LIFE_DAYS))


def meaning(vector, candidates):
    size = len(vector)
    rows = [
        c.embedding if c.embedding is not None and len(c.embedding) == size else np.zeros(size)
        for c in candidates
    ]
    cosines = np.vstack(rows).astype(np.float32) @ vector
    return np.clip((cosines - MEANING_FLOOR) / (1 - MEANING_FLOOR), 0, 1)


def sparse_cosines(query, documents):
    """TF-IDF cosines of one bag of terms with each of `documents`, document frequencies
    counted over them all."""
    if not query:
        return np.zeros(len(documents))
    frequency = Counter(query)  # the query's own terms count once
    frequency.update(term for document in documents for term in document)
    pool = len(documents) + 1
    idf = {term: math.log((pool + 1) / (count + 1)) + 1 for term, count in frequency.items()}

    def weigh(document):
        return {term: (1 + math.log(count)) * idf[term] for term, count in document.items()}

    weighted = weigh(query)
    norm = math.sqrt(sum(w * w for w in weighted.values()))
    result = np.zeros(len(documents))
    for n, document in enumerate(documents):
        if not document:
            continue
        other = weigh(document)
        dot = sum(w * weighted[term] for term, w in other.items() if term in weighted)
        if dot:
            result[n] = dot / (norm * math.sqrt(sum(w * w for w in other.values())))
    return result


def set_cosine(first, second):
    if not first or not second:
        return 0.0
    return len(set(first) & set(second)) / math.sqrt(len(first) * len(second))
