from django.contrib.auth import get_user_model

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.authors.factories import AuthorFactory
from qalam.images.factories import QalamImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(rubric):
    editor = get_user_model().objects.create_user(
        "editor", email="editor@qalam.example", password="x-pass-2026"
    )
    author = AuthorFactory(
        name="Айгерим Сарсенова", photo=QalamImageFactory(file__width=400, file__height=400)
    )
    article = ArticlePageFactory(
        parent=rubric, title="Перспективы партнерства", lead="Президент провел встречу.",
        main_image=QalamImageFactory(file__width=1280, file__height=720), authors=[author],
        tags=["Туркменистан"], owner=editor,
        body=[("paragraph", "<p>Стороны обсудили газовую отрасль.</p>")],
    )  # fmt: skip
    draft = ArticlePageFactory(parent=rubric, title="Черновик", live=False, owner=editor)
    return article, draft, author


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert "email" not in response.content.decode(), "the API leaks an email"
    assert "qalam.example" not in response.content.decode()
    return response.json()


def test_articles_are_listed_with_their_newsroom_fields(client, newsroom):
    article, _, author = newsroom
    fields = "lead,rubric,authors,tags,main_image_thumbnail,modified_at,source_url"
    data = get(client, f"/api/v2/pages/?type=articles.ArticlePage&fields={fields}")
    assert data["meta"]["total_count"] == 1
    (item,) = data["items"]
    assert item["title"] == "Перспективы партнерства"
    assert item["lead"] == "Президент провел встречу."
    assert item["rubric"]["title"] == "Официально"
    assert item["authors"] == [
        {
            "id": author.pk,
            "name": "Айгерим Сарсенова",
            "slug": author.slug,
            "url": f"http://testserver/authors/{author.slug}/",
        }
    ]
    assert item["tags"] == ["Туркменистан"]
    assert item["main_image_thumbnail"]["width"] == 640
    assert item["meta"]["html_url"] == "http://127.0.0.1:8000/ofitsialno/" + article.slug + "/"


def test_article_detail_carries_the_body(client, newsroom):
    article, _, _ = newsroom
    data = get(client, f"/api/v2/pages/{article.pk}/")
    assert data["body"][0]["type"] == "paragraph"
    assert "газовую отрасль" in data["body"][0]["value"]
    assert data["meta"]["parent"]["title"] == "Официально"
    assert "owner" not in data["meta"]


def test_drafts_are_not_in_the_api(client, newsroom):
    _, draft, _ = newsroom
    titles = [
        item["title"] for item in get(client, "/api/v2/pages/?type=articles.ArticlePage")["items"]
    ]
    assert "Черновик" not in titles
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404


def test_rubrics_and_authors_endpoints(client, newsroom):
    rubrics = get(client, "/api/v2/pages/?type=rubrics.RubricPage&fields=description")
    assert [item["title"] for item in rubrics["items"]] == ["Официально"]
    authors = get(client, "/api/v2/authors/?fields=*")
    (author,) = authors["items"]
    assert author["name"] == "Айгерим Сарсенова" and author["url"].endswith(
        "/authors/aigerim-sarsenova/"
    )
    assert author["photo"]["width"] == 160


def test_the_api_is_read_only(client, newsroom):
    article, _, _ = newsroom
    assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405
    assert client.delete(f"/api/v2/pages/{article.pk}/").status_code == 405
