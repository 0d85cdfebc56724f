"""Qalam behind a real Varnish with deploy/varnish.vcl: readers get Varnish's copy, and a
publish purges every address that shows the change before the next reader comes."""

import urllib.request

from wagtail.models import Site

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.core import purge
from qalam.rubrics.factories import RubricPageFactory

# serialized_rollback puts back what migrations created (root page, collection) after a flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def newsroom(varnish, homes, monkeypatch, settings):
    """A site whose addresses are Varnish's, and Qalam told to purge there."""
    Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=varnish)
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{varnish}",
        }
    }
    monkeypatch.setattr(purge, "proxy_in_front", lambda: True)
    rubric = RubricPageFactory(parent=homes["ru"], title="Официально", slug="ofitsialno")
    article = ArticlePageFactory(parent=rubric, title="Экспорт зерна вырос", tags=["зерно"])
    return {"port": varnish, "article": article}


def through_varnish(port, path, cookie=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if cookie:
        request.add_header("Cookie", cookie)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        return response.headers.get("x-cache"), response.read().decode()


def test_varnish_serves_its_copy_until_a_publish_purges_it(newsroom):
    port, article = newsroom["port"], newsroom["article"]
    paths = [article.url, "/", "/ofitsialno/", "/ofitsialno/?utm_source=telegram", "/feeds/rss/"]
    for path in paths:
        through_varnish(port, path)
        assert through_varnish(port, path)[0] == "hit", path

    article.title = "Экспорт зерна вырос вдвое"
    article.save_revision().publish()

    for path in paths:
        state, body = through_varnish(port, path)
        assert state == "miss", f"{path} still served from Varnish"
        assert "Экспорт зерна вырос вдвое" in body, path


def test_editors_and_readers_with_a_message_pass_through(newsroom):
    port, url = newsroom["port"], newsroom["article"].url
    through_varnish(port, url)
    assert through_varnish(port, url)[0] == "hit"
    for cookie in ("sessionid=abc", "messages=xyz", "_ga=1; sessionid=abc"):
        assert through_varnish(port, url, cookie)[0] == "miss", cookie
    assert through_varnish(port, url, "_ga=GA1.2.3")[0] == "hit"
