import pytest
from bs4 import BeautifulSoup

from qalam.articles.factories import ArticlePageFactory
from qalam.authors.factories import AuthorFactory
from qalam.authors.models import Author
from qalam.images.factories import QalamImageFactory

pytestmark = pytest.mark.django_db


def test_author_page_shows_name_photo_bio_and_articles(client, rubric, hours_ago):
    author = AuthorFactory(
        name="Айгерим Сарсенова",
        role="обозреватель",
        bio="Пишет о политике.",
        photo=QalamImageFactory(),
    )
    for n in range(21):
        ArticlePageFactory(
            parent=rubric, title=f"Статья {n}", authors=[author], first_published_at=hours_ago(n)
        )
    ArticlePageFactory(parent=rubric, title="Чужая", authors=[AuthorFactory()])

    response = client.get("/authors/aigerim-sarsenova/")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.text == "Айгерим Сарсенова"
    assert soup.select_one(".author__role").text == "обозреватель"
    assert soup.select_one(".author__bio").text == "Пишет о политике."
    assert soup.select_one("img.author__photo")
    assert len(soup.select(".card__title a")) == 20
    assert "Чужая" not in response.content.decode()
    assert soup.select_one('.pagination a[rel="next"]')["href"] == "?page=2"


def test_author_slug_is_made_from_the_name_and_kept_unique():
    first = Author.objects.create(name="Нурлан Жумабеков")
    second = Author.objects.create(name="Нурлан Жумабеков")
    assert (first.slug, second.slug) == ("nurlan-zhumabekov", "nurlan-zhumabekov-2")


def test_unknown_author_is_a_404(client, home):
    assert client.get("/authors/nobody/").status_code == 404
