"""A story type of the tests' own (`qalam.tests.storytypes.BriefPage`, installed by the test
settings only) goes everywhere an article goes without an edit of the feature apps: it is
routed as itself, listed in its rubric and on the home page, in the feeds, the sitemaps and
search, found by the API, takes comments, and its publication purges what shows it."""

import gzip
import json

from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from qalam.articles.factories import ArticlePageFactory
from qalam.articles.models import StoryPage, story_types
from qalam.authors.factories import AuthorFactory
from qalam.authors.models import Author
from qalam.core import purge
from qalam.tests.storytypes.models import BriefPage

pytestmark = pytest.mark.django_db

HEADLINE = "Паводок в Атырау отступил"


@pytest.fixture
def brief(rubric, hours_ago):
    author = AuthorFactory(name="Дана Омарова")
    page = BriefPage(
        title=HEADLINE,
        slug="pavodok",
        kicker="Коротко",
        lead="Вода ушла из трёх сёл области.",
        body=[("paragraph", "<p>Спасатели откачали воду из подвалов.</p>")],
        first_published_at=hours_ago(1),
    )
    rubric.add_child(instance=page)
    page.tags.set(["паводок"])
    page.article_authors.create(author=author, sort_order=0)
    page.save_revision().publish()
    return page


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.content
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode()


def test_it_is_a_story_type_of_its_own():
    assert BriefPage in story_types()
    assert StoryPage not in story_types()


def test_it_is_routed_as_its_own_type(client, brief):
    page = read(client, "/ofitsialno/pavodok/")
    assert "<title>Коротко: Паводок в Атырау отступил" in page
    assert "page-brief" in page
    assert "Спасатели откачали воду из подвалов." in page
    assert "Дана Омарова" in page


def test_it_is_listed_beside_articles(client, brief, rubric):
    ArticlePageFactory(parent=rubric, title="Экспорт зерна вырос")
    for url in ("/ofitsialno/", "/", brief.article_authors.get().author.get_absolute_url()):
        listing = read(client, url)
        assert HEADLINE in listing, url
    assert "Экспорт зерна вырос" in read(client, "/ofitsialno/")
    assert HEADLINE in read(client, brief.tags.get().get_absolute_url())


def test_the_home_page_s_rubric_block_lists_it(brief, home):
    from qalam.home.models import HomePage
    from qalam.rubrics.models import RubricPage

    rubrics = list(RubricPage.objects.child_of(home))
    blocks = HomePage.objects.get(pk=home.pk).rubric_blocks(rubrics)
    assert [story.title for _, stories in blocks for story in stories] == [HEADLINE]


def test_it_is_in_the_feeds_and_sitemaps(client, brief):
    assert HEADLINE in read(client, "/feeds/rss/")
    assert HEADLINE in read(client, "/feeds/rubric/ofitsialno/atom/")
    assert "Спасатели откачали воду" in read(client, "/feeds/rss/")  # the full text
    assert HEADLINE in read(client, "/sitemap-news.xml")
    assert "/sitemap-articles.xml" in read(client, "/sitemap.xml")
    assert f"<loc>http://testserver{brief.url}</loc>" in read(client, "/sitemap-articles.xml")


def test_search_finds_it_in_another_word_form(client, brief):
    page = BeautifulSoup(read(client, "/search/?q=паводка"), "html.parser")
    assert [title.get_text() for title in page.select(".search-result__title")] == [HEADLINE]


def test_the_api_gives_it_with_the_stories_fields(client, brief):
    data = json.loads(read(client, "/api/v2/pages/?type=storytypes.BriefPage&fields=lead,authors"))
    [item] = data["items"]
    assert item["lead"] == "Вода ушла из трёх сёл области."
    assert [author["name"] for author in item["authors"]] == ["Дана Омарова"]
    every_story = json.loads(read(client, "/api/v2/pages/?type=articles.StoryPage"))
    assert HEADLINE in [item["title"] for item in every_story["items"]]


def test_readers_may_comment_on_it(client, brief):
    from qalam.comments.models import Comment

    page = read(client, brief.url)
    assert 'name="text"' in page
    assert Comment.objects.filter(article=brief).count() == 0


def test_publishing_it_purges_every_page_that_shows_it(brief):
    root = brief.get_site().root_url
    author = Author.objects.get(name="Дана Омарова")
    addresses = set(purge.addresses_showing(brief))
    expected = {
        brief.full_url,
        f"{root}/",
        f"{root}/ofitsialno/",
        f"{root}{author.get_absolute_url()}",
        f"{root}{brief.tags.get().get_absolute_url()}",
        f"{root}/feeds/rss/",
        f"{root}/feeds/rubric/ofitsialno/rss/",
    }
    assert expected <= addresses, expected - addresses


def test_a_cached_listing_shows_it_once_published(client, settings, rubric, change):
    settings.QALAM_PAGE_CACHE = True
    ArticlePageFactory(parent=rubric, title="Экспорт зерна вырос")
    for url in ("/", "/ofitsialno/", "/feeds/rss/"):
        read(client, url)
        assert client.get(url)["X-Qalam-Cache"] == "hit", url
    page = BriefPage(
        title=HEADLINE, slug="pavodok", lead="Вода ушла.", first_published_at=timezone.now()
    )
    rubric.add_child(instance=page)
    change(lambda: page.save_revision().publish())
    for url in ("/", "/ofitsialno/", "/feeds/rss/"):
        assert HEADLINE in read(client, url), url
