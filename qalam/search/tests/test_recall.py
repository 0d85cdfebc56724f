"""Word forms through the database: an article holding one form of a word is found by every
other form, on whichever database the suite runs (SQLite here, PostgreSQL in CI)."""

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.articles.models import ArticlePage
from qalam.lang.tests.test_analysis import WORD_FORMS
from qalam.rubrics.factories import RubricPageFactory


@pytest.fixture
def articles_by_form(homes):
    """One article for every form of every word set, in its language; {(language, set
    number): {form: article}}."""
    found = {}
    for language, sets in WORD_FORMS.items():
        rubric = RubricPageFactory(parent=homes[language], title="Рубрика", slug="rubrika")
        for number, forms in enumerate(sets):
            for form in forms:
                article = ArticlePageFactory(
                    parent=rubric,
                    title=f"Новость {language} {number} {len(found)}",
                    slug=f"n-{language}-{number}-{forms.index(form)}",
                    lead="Сообщение пресс-службы.",
                    body=[("paragraph", f"<p>Сегодня: {form}.</p>")],
                    locale=homes[language].locale,
                )
                found.setdefault((language, number), {})[form] = article
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("language", list(WORD_FORMS))
def test_every_form_finds_every_article_with_another_form(language, articles_by_form):
    misses = []
    for (article_language, _number), by_form in articles_by_form.items():
        if article_language != language:
            continue
        for typed in by_form:
            found = {article.pk for article in ArticlePage.objects.live().search(typed)[:100]}
            missing = [form for form, article in by_form.items() if article.pk not in found]
            if missing:
                misses.append(f"{typed!r} misses the articles with {missing}")
    assert misses == []
