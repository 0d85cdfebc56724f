"""Wagtail's reference index files a story's references under its own type only, however
its child rows (author links) are saved (articles/signal_handlers.py)."""

from django.contrib.contenttypes.models import ContentType

from wagtail.models import ReferenceIndex

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.articles.models import ArticleAuthor, ArticlePage
from qalam.authors.factories import AuthorFactory

pytestmark = pytest.mark.django_db


def filed_under(page):
    rows = ReferenceIndex.objects.filter(object_id=str(page.pk))
    return {ContentType.objects.get_for_id(row.content_type_id).model for row in rows}


def test_an_edited_byline_leaves_the_references_under_the_article(
    rubric, django_capture_on_commit_callbacks
):
    first, second = AuthorFactory(name="Айгерим Сарсенова"), AuthorFactory(name="Дана Омарова")
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticlePageFactory(parent=rubric, authors=[first])
    assert filed_under(article) == {"articlepage"}

    editing = ArticlePage.objects.get(pk=article.pk)
    editing.article_authors = [ArticleAuthor(author=second, sort_order=0)]
    with django_capture_on_commit_callbacks(execute=True):
        editing.save_revision().publish()

    assert filed_under(article) == {"articlepage"}
    authors = ReferenceIndex.objects.filter(
        object_id=str(article.pk), to_content_type=ContentType.objects.get_for_model(second)
    )
    assert {row.to_object_id for row in authors} == {str(second.pk)}
