import pytest
from bs4 import BeautifulSoup

from qalam.articles.factories import ArticlePageFactory
from qalam.rubrics.factories import RubricPageFactory

pytestmark = pytest.mark.django_db


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.text for a in soup.select(".listing .card__title a")]


@pytest.fixture
def full_rubric(rubric, hours_ago):
    for n in range(45):
        ArticlePageFactory(parent=rubric, title=f"Новость {n}", first_published_at=hours_ago(n))
    return rubric


def test_rubric_lists_twenty_articles_newest_first(client, full_rubric):
    response = client.get("/ofitsialno/")
    assert titles(response) == [f"Новость {n}" for n in range(20)]
    assert "Страница 1 из 3" in response.content.decode()


def test_second_page_continues_the_listing(client, full_rubric):
    assert titles(client.get("/ofitsialno/?page=2")) == [f"Новость {n}" for n in range(20, 40)]


@pytest.mark.parametrize("page", ["99", "-1"])
def test_page_out_of_range_gives_the_last_page(client, full_rubric, page):
    response = client.get(f"/ofitsialno/?page={page}")
    assert response.status_code == 200
    assert titles(response) == [f"Новость {n}" for n in range(40, 45)]


def test_page_that_is_not_a_number_gives_the_first_page(client, full_rubric):
    assert titles(client.get("/ofitsialno/?page=abc"))[0] == "Новость 0"


def test_rubric_lists_only_its_own_live_articles(client, home, rubric):
    other = RubricPageFactory(parent=home, title="Спорт", slug="sport")
    ArticlePageFactory(parent=rubric, title="Своя")
    ArticlePageFactory(parent=rubric, title="Черновик", live=False)
    ArticlePageFactory(parent=other, title="Чужая")
    assert titles(client.get("/ofitsialno/")) == ["Своя"]


def test_empty_rubric_says_so(client, rubric):
    assert "Здесь пока нет материалов." in client.get("/ofitsialno/").content.decode()


def test_rubric_menu_links_every_rubric_and_marks_the_current_one(client, home, rubric):
    RubricPageFactory(parent=home, title="Спорт", slug="sport")
    soup = BeautifulSoup(client.get("/ofitsialno/").content, "html.parser")
    links = soup.select(".rubric-menu a")
    assert [(a.text, a["href"]) for a in links] == [
        ("Официально", "/ofitsialno/"),
        ("Спорт", "/sport/"),
    ]
    assert links[0]["aria-current"] == "page"


def test_rubric_menu_follows_an_unpublished_rubric(client, home, rubric):
    sport = RubricPageFactory(parent=home, title="Спорт", slug="sport")
    client.get("/ofitsialno/")
    sport.unpublish()
    soup = BeautifulSoup(client.get("/ofitsialno/").content, "html.parser")
    assert [a.text for a in soup.select(".rubric-menu a")] == ["Официально"]


def test_subrubric_has_its_address_under_its_rubric_which_lists_its_articles(client, rubric):
    finance = RubricPageFactory(parent=rubric, title="Финансы", slug="finansy")
    ArticlePageFactory(parent=rubric, title="Своя", slug="svoya")
    ArticlePageFactory(parent=finance, title="Из подрубрики", slug="iz-podrubriki")

    assert sorted(titles(client.get("/ofitsialno/"))) == ["Из подрубрики", "Своя"]
    assert titles(client.get("/ofitsialno/finansy/")) == ["Из подрубрики"]
    article = client.get("/ofitsialno/finansy/iz-podrubriki/")
    assert article.status_code == 200
    soup = BeautifulSoup(article.content, "html.parser")
    assert soup.select_one(".article__rubric a")["href"] == "/ofitsialno/finansy/"
    links = BeautifulSoup(client.get("/ofitsialno/").content, "html.parser").select(".subrubrics a")
    assert [(a.text, a["href"]) for a in links] == [("Финансы", "/ofitsialno/finansy/")]
    assert client.get("/ofitsialno/netu/").status_code == 404
    assert client.get("/ofitsialno/finansy/netu/").status_code == 404
