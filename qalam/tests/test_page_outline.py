"""What search engines and screen readers read first on every page: one h1, headings that
descend a level at a time, and a description."""

import pytest
from bs4 import BeautifulSoup

from qalam.articles.factories import ArticlePageFactory
from qalam.authors.factories import AuthorFactory
from qalam.core.factories import EditionSettingsFactory
from qalam.images.factories import QalamImageFactory
from qalam.rubrics.factories import RubricPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(home):
    EditionSettingsFactory(tagline="новости Казахстана")
    author = AuthorFactory(name="Айгерим Сарсенова", slug="aigerim-sarsenova")
    politics = RubricPageFactory(parent=home, title="Политика", slug="politika")
    sport = RubricPageFactory(parent=home, title="Спорт", slug="sport")
    photo = QalamImageFactory()
    for rubric in (politics, sport) * 3:
        ArticlePageFactory(parent=rubric, main_image=photo, tags=["Туркестан"], authors=[author])
    return politics


def outline(html):
    soup = BeautifulSoup(html, "html.parser")
    return [int(h.name[1]) for h in soup.select("h1, h2, h3, h4, h5, h6")]


@pytest.mark.parametrize(
    "path", ["/", "/politika/", "/tags/turkestan/", "/authors/aigerim-sarsenova/", "article"]
)
def test_headings_descend_a_level_at_a_time_under_one_h1(client, newsroom, path):
    if path == "article":
        path = newsroom.get_children().first().url
    levels = outline(client.get(path).content)

    assert levels[0] == 1 and levels.count(1) == 1, levels
    skips = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    assert skips == [], levels


@pytest.mark.parametrize(
    ("path", "description"),
    [
        ("/", "новости Казахстана"),
        ("/politika/", "О власти"),
        ("/tags/turkestan/", "новости Казахстана"),
    ],
)
def test_every_page_has_a_description(client, newsroom, path, description):
    newsroom.description = "О власти"
    newsroom.save_revision().publish()
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    assert soup.select_one('meta[name="description"]')["content"] == description
