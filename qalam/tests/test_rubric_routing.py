"""A rubric serves every live page under it, whatever its type: articles in one query, then
sub-rubrics, then any other page as Wagtail routes it."""

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.pages.models import SimplePage
from qalam.rubrics.factories import RubricPageFactory

pytestmark = pytest.mark.django_db


def test_a_page_of_another_type_under_a_rubric_is_served(client, rubric):
    other = rubric.add_child(instance=SimplePage(title="Как мы работаем", slug="kak-my-rabotaem"))
    other.save_revision().publish()
    response = client.get("/ofitsialno/kak-my-rabotaem/")
    assert response.status_code == 200
    assert "Как мы работаем" in response.content.decode()

    other.unpublish()
    assert client.get("/ofitsialno/kak-my-rabotaem/").status_code == 404


def test_articles_and_sub_rubrics_keep_their_routes(client, rubric):
    ArticlePageFactory(parent=rubric, title="Экспорт зерна", slug="eksport")
    sub = RubricPageFactory(parent=rubric, title="Финансы", slug="finansy")
    ArticlePageFactory(parent=sub, title="Курс тенге", slug="kurs")
    assert client.get("/ofitsialno/eksport/").status_code == 200
    assert client.get("/ofitsialno/finansy/").status_code == 200
    assert client.get("/ofitsialno/finansy/kurs/").status_code == 200
    assert client.get("/ofitsialno/net-takoy/").status_code == 404
