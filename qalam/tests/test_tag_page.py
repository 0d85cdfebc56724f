import pytest
from bs4 import BeautifulSoup

from qalam.articles.factories import ArticlePageFactory
from qalam.rubrics.factories import RubricPageFactory
from qalam.tags.models import Tag

pytestmark = pytest.mark.django_db


def test_tag_page_lists_the_live_articles_of_its_edition(client, homes, rubric, hours_ago):
    for n in range(23):
        ArticlePageFactory(
            parent=rubric,
            title=f"Туркмения {n}",
            tags=["Туркменистан"],
            first_published_at=hours_ago(n),
        )
    ArticlePageFactory(parent=rubric, title="Без тега")
    ArticlePageFactory(parent=rubric, title="Черновик", tags=["Туркменистан"], live=False)
    kazakh = RubricPageFactory(parent=homes["kk"], title="Ресми", slug="resmi")
    ArticlePageFactory(parent=kazakh, title="Қазақша", tags=["Туркменистан"])

    soup = BeautifulSoup(client.get("/tags/turkmenistan/").content, "html.parser")
    assert soup.h1.text == "Туркменистан"
    assert [a.text for a in soup.select(".card__title a")] == [f"Туркмения {n}" for n in range(20)]
    second = BeautifulSoup(client.get("/tags/turkmenistan/?page=2").content, "html.parser")
    assert [a.text for a in second.select(".card__title a")] == [
        "Туркмения 20",
        "Туркмения 21",
        "Туркмения 22",
    ]
    kk = BeautifulSoup(client.get("/kk/tags/turkmenistan/").content, "html.parser")
    assert [a.text for a in kk.select(".card__title a")] == ["Қазақша"]


def test_tag_slugs_are_latin():
    assert Tag.objects.create(name="Касым-Жомарт Токаев").slug == "kasym-zhomart-tokaev"
    assert Tag.objects.create(name="Түркістан").slug == "turkistan"


def test_unknown_tag_is_a_404_in_the_site_look(client, home):
    response = client.get("/tags/net-takogo/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()
