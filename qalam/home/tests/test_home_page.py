from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from qalam.articles.factories import ArticlePageFactory
from qalam.images.factories import QalamImageFactory
from qalam.rubrics.factories import RubricPageFactory

pytestmark = pytest.mark.django_db


def test_home_shows_the_lead_story_the_latest_and_a_block_per_rubric(client, home, hours_ago):
    politics = RubricPageFactory(parent=home, title="Политика", slug="politika")
    sport = RubricPageFactory(parent=home, title="Спорт", slug="sport")
    hidden = RubricPageFactory(parent=home, title="Архив", slug="arkhiv", show_on_home=False)
    photo = QalamImageFactory()
    ArticlePageFactory(
        parent=politics, title="Главная новость", main_image=photo, first_published_at=hours_ago(1)
    )
    for n in range(6):
        ArticlePageFactory(parent=sport, title=f"Спорт {n}", first_published_at=hours_ago(2 + n))
    ArticlePageFactory(parent=hidden, title="Из архива", first_published_at=hours_ago(30))

    soup = BeautifulSoup(client.get("/").content, "html.parser")

    lead = soup.select_one(".front__lead")
    assert lead.select_one(".card__title").text == "Главная новость"
    assert lead.select_one("img")["alt"] == photo.description
    assert [a.text for a in soup.select(".headlines a")][:3] == ["Спорт 0", "Спорт 1", "Спорт 2"]
    blocks = {
        block.select_one("h2").text: [a.text for a in block.select(".card__title a")]
        for block in soup.select(".rubric-block")
    }
    assert blocks == {
        "Политика": ["Главная новость"],
        "Спорт": ["Спорт 0", "Спорт 1", "Спорт 2", "Спорт 3"],
    }
    assert {a.text for a in soup.select(".rubric-menu a")} == {"Политика", "Спорт", "Архив"}


def test_home_without_articles_renders(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert "Здесь пока нет материалов." in response.content.decode()


@pytest.mark.parametrize(("prefix", "language"), [("/", "ru"), ("/kk/", "kk"), ("/en/", "en")])
def test_every_edition_has_a_home_page_in_its_language(client, homes, prefix, language):
    soup = BeautifulSoup(client.get(prefix).content, "html.parser")
    assert soup.html["lang"] == language
    assert soup.select_one(f'.editions a[lang="{language}"]')["aria-current"] == "true"


def test_a_rubric_block_fills_its_places_with_published_articles_only(client, home, hours_ago):
    # The newest articles of a rubric are picked among what readers may see: a draft or a
    # private article does not take one of the block's four places.
    sport = RubricPageFactory(parent=home, title="Спорт", slug="sport")
    for n in range(5):
        ArticlePageFactory(parent=sport, title=f"Спорт {n}", first_published_at=hours_ago(3 + n))
    ArticlePageFactory(parent=sport, title="Черновик", live=False, first_published_at=hours_ago(1))
    private = ArticlePageFactory(parent=sport, title="Для своих", first_published_at=hours_ago(2))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    soup = BeautifulSoup(client.get("/").content, "html.parser")

    block = soup.select_one(".rubric-block")
    assert [a.text for a in block.select(".card__title a")] == [
        "Спорт 0",
        "Спорт 1",
        "Спорт 2",
        "Спорт 3",
    ]
