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


def lead_story(client, url="/"):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    headlines = [a.text for a in soup.select(".headlines a")]
    return soup.select_one(".front__lead .card__title").text.strip(), headlines


def test_an_editor_chooses_the_lead_story(client, home, hours_ago):
    rubric = RubricPageFactory(parent=home)
    photo = QalamImageFactory()
    newest = ArticlePageFactory(parent=rubric, main_image=photo, first_published_at=hours_ago(1))
    chosen = ArticlePageFactory(
        parent=rubric, title="Выбор редакции", first_published_at=hours_ago(40)
    )
    for n in range(12):
        ArticlePageFactory(parent=rubric, first_published_at=hours_ago(2 + n))
    assert lead_story(client)[0] == newest.title

    home.lead_article = chosen
    home.save_revision().publish()
    lead, headlines = lead_story(client)
    assert lead == "Выбор редакции"
    assert headlines[0] == newest.title and "Выбор редакции" not in headlines
    assert len(headlines) == 11

    chosen.unpublish()
    assert lead_story(client)[0] == newest.title


def test_the_lead_story_is_an_article_of_the_edition(home, homes, hours_ago):
    from django.core.exceptions import ValidationError

    english = ArticlePageFactory(parent=RubricPageFactory(parent=homes["en"]))
    home.lead_article = english
    with pytest.raises(ValidationError) as error:
        home.full_clean()
    assert "lead_article" in error.value.message_dict

    home.lead_article = ArticlePageFactory(parent=RubricPageFactory(parent=home))
    home.full_clean()


def test_choosing_a_lead_story_costs_no_query(queries_for, home, hours_ago):
    rubric = RubricPageFactory(parent=home)
    articles = [
        ArticlePageFactory(parent=rubric, first_published_at=hours_ago(n)) for n in range(20)
    ]
    without = queries_for("/")
    home.lead_article = articles[-1]
    home.save_revision().publish()
    assert queries_for("/") == without
