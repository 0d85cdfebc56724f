"""The site chrome (settings and rubric menu) is read from the cache once a page view, and
an editor's change reaches the next view."""

from unittest import mock

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.core import chrome
from qalam.core.factories import EditionSettingsFactory
from qalam.rubrics.factories import RubricPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chrome_reads():
    """The keys of the chrome that the cache was asked for, in order."""
    asked = []
    original = cache.get

    def get(key, *args, **kwargs):
        if str(key).startswith("qalam:chrome:"):
            asked.append(key)
        return original(key, *args, **kwargs)

    # get_or_set reads through get, so every read passes here once.
    with mock.patch.object(cache, "get", get):
        yield asked


def test_an_article_view_reads_the_chrome_and_its_version_once(client, rubric, chrome_reads):
    article = ArticlePageFactory(parent=rubric)
    assert client.get(article.url).status_code == 200  # fills the cache
    chrome_reads.clear()

    assert client.get(article.url).status_code == 200

    # Routing, the article's context and the templates' context processor all use the
    # chrome; the request asks the cache for its version once and for the chrome once.
    assert chrome_reads.count("qalam:chrome:version") == 1
    assert len(chrome_reads) == 2, chrome_reads


def test_a_changed_setting_shows_on_the_next_view(client, rubric):
    article = ArticlePageFactory(parent=rubric)
    texts = EditionSettingsFactory(placeholder_alt="Фото скоро")
    assert "Фото скоро" in client.get(article.url).content.decode()
    texts.placeholder_alt = "Фото будет позже"
    texts.save()

    assert "Фото будет позже" in client.get(article.url).content.decode()


@pytest.mark.parametrize("url", ["/search/?q=встреча", "/feeds/rss/"])
def test_views_outside_the_page_tree_take_the_site_from_the_cache(client, rubric, url):
    # Wagtail's own lookup of the site by host costs a query and 3 ms of Python; the site
    # comes with the cached edition instead, for the page tree and the other views alike.
    ArticlePageFactory(parent=rubric, title="Встреча")
    assert client.get(url).status_code == 200  # fills the cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200

    asked = [query["sql"] for query in queries if '"wagtailcore_site"' in query["sql"]]
    assert asked == []


def test_the_chrome_of_another_language_in_the_same_request_is_that_languages(rf, homes):
    # Kept once a request and language: a request that renders in a second language (as a
    # translation.override does) gets that edition's menu, not the first one's.
    RubricPageFactory(parent=homes["ru"], title="Политика", slug="politika")
    RubricPageFactory(parent=homes["kk"], title="Саясат", slug="sayasat")
    request = rf.get("/")

    with translation.override("ru"):
        russian = [rubric.title for rubric in chrome.site_chrome(request)["menu"]]
    with translation.override("kk"):
        kazakh = [rubric.title for rubric in chrome.site_chrome(request)["menu"]]
        kazakh_home = chrome.edition(request)[1]

    assert (russian, kazakh) == (["Политика"], ["Саясат"])
    assert kazakh_home.pk == homes["kk"].pk


def current_in_menu(client, url):
    """The menu entries a page marks as where the reader is, with the value of the mark."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return {link.text: link["aria-current"] for link in soup.select(".rubric-menu a[aria-current]")}


def test_the_menu_marks_the_rubric_the_reader_is_in(client, home, rubric):
    sport = RubricPageFactory(parent=home, title="Спорт", slug="sport")
    boxing = RubricPageFactory(parent=sport, title="Бокс", slug="boks", show_in_menus=False)
    article = ArticlePageFactory(parent=rubric)
    fight = ArticlePageFactory(parent=boxing)

    assert current_in_menu(client, rubric.url) == {"Официально": "page"}
    assert current_in_menu(client, article.url) == {"Официально": "true"}
    assert current_in_menu(client, boxing.url) == {"Спорт": "true"}
    assert current_in_menu(client, fight.url) == {"Спорт": "true"}
    assert current_in_menu(client, "/") == {}
