"""The site chrome (settings and rubric menu) is read from the cache once a page view, and
an editor's change reaches the next view."""

from unittest import mock

from django.core.cache import cache

from wagtail.models import Site

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.core.models import SiteSettings

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
    assert client.get(article.url).status_code == 200
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.placeholder_alt = "Фото будет позже"
    settings.save()

    assert "Фото будет позже" in client.get(article.url).content.decode()
