"""Precision of the related lists on the evaluation set (tests/fixtures/related_eval.json):
eleven stories told in Russian, Kazakh and English by different desks, not translations of
each other, among eighteen articles on neighbouring subjects. For every article of a story,
are the first (P@1) and the first three (P@3) related articles the story's other versions?
P@3 counts hits among the first three out of the two there are to find."""

import datetime
import json
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from . import scoring, text

FIXTURE = Path(__file__).parent / "tests" / "fixtures" / "related_eval.json"
ONLY_WORDS = {"meaning": 0.0, "words": 1.0, "names": 0.0, "tags": 0.0, "rubric": 0.0}
ONLY_MEANING = {"meaning": 1.0, "words": 0.0, "names": 0.0, "tags": 0.0, "rubric": 0.0}


def load(path=FIXTURE):
    articles = json.loads(Path(path).read_text(encoding="utf-8"))
    return [profile(item) for item in articles]


def profile(item):
    return SimpleNamespace(
        id=item["id"],
        story=item["story"],
        language=item["language"],
        rubric_key=item["rubric"],
        tags=item["tags"],
        terms=text.terms(item["title"], item["lead"], item["body"], item["language"]),
        names=text.names(item["title"], item["lead"], item["body"], item["tags"], item["language"]),
        text=text.embedded_text(item["title"], item["lead"], item["body"]),
        published_at=datetime.datetime.fromisoformat(item["date"]).replace(tzinfo=datetime.UTC),
        embedding=None,
    )


def with_embeddings(articles, embed):
    """A copy of the articles with vectors from `embed` (texts → unit vectors)."""
    vectors = embed([article.text for article in articles])
    return [
        SimpleNamespace(**{**vars(a), "embedding": v})
        for a, v in zip(articles, vectors, strict=True)
    ]


def precision(articles, weights=None):
    """P@1 and P@3 over the articles of a story, overall and per language."""
    found = {"all": [], "ru": [], "kk": [], "en": []}
    for article in articles:
        if not article.story:
            continue
        others = [other for other in articles if other is not article]
        ranked = np.argsort(-scoring.scores(article, others, weights), kind="stable")
        stories = [others[n].story for n in ranked[:3]]
        siblings = sum(other.story == article.story for other in others)
        hits = (stories[0] == article.story, sum(s == article.story for s in stories))
        for key in ("all", article.language):
            found[key].append((hits[0], hits[1] / min(3, siblings)))
    return {
        key: (float(np.mean([h[0] for h in rows])), float(np.mean([h[1] for h in rows])))
        for key, rows in found.items()
        if rows
    }
