"""Qalam behind a real Varnish with deploy/varnish.vcl: readers get Varnish's copy, and a
publish purges every address that shows the change. An address without a query string is
outdated softly: the reader who comes first may get the outdated copy while Varnish fetches
the new one, and the readers after get the new one."""

import time
import urllib.error
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


def through_varnish(port, path, cookie=None, host=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if cookie:
        request.add_header("Cookie", cookie)
    if host:  # the site's public name, whichever Varnish a reader reaches
        request.add_header("Host", host)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
            return response.headers.get("x-cache"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.headers.get("x-cache"), str(error.code)


def until_changed(port, path, shows, host=None):
    """The answers to a reader asking again and again for `path` until `shows(body)`: the
    outdated copy (`stale`) while Varnish fetches the new page, then the new page."""
    answers = []
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        state, body = through_varnish(port, path, host=host)
        answers.append(state)
        if shows(body):
            return answers
        assert state == "stale", f"{path}: {state} and still the old page"
        time.sleep(0.02)
    raise AssertionError(f"{path} never changed: {answers}")


def test_varnish_serves_its_copy_until_a_publish_purges_it(newsroom):
    port, article = newsroom["port"], newsroom["article"]
    paths = [article.url, "/", "/ofitsialno/", "/ofitsialno/?utm_source=telegram", "/feeds/rss/"]
    for path in paths:
        through_varnish(port, path)
        assert through_varnish(port, path)[0] == "hit", path

    article.title = "Экспорт зерна вырос вдвое"
    article.save_revision().publish()

    for path in paths:
        answers = until_changed(port, path, lambda body: "Экспорт зерна вырос вдвое" in body)
        if "?" in path:  # dropped at once
            assert answers == ["miss"], path
        else:  # outdated answers only while the new page is fetched (until_changed checks)
            assert answers[-1] in ("miss", "hit"), (path, answers)


def test_an_unpublished_article_is_gone_for_readers_once_varnish_has_asked_again(newsroom):
    port, article = newsroom["port"], newsroom["article"]
    through_varnish(port, article.url)
    assert through_varnish(port, article.url)[0] == "hit"
    article.unpublish()
    until_changed(port, article.url, lambda body: body == "404")
    assert through_varnish(port, article.url)[1] == "404"


def test_readers_of_a_purged_page_cost_qalam_one_request(newsroom):
    """Twenty readers right after a publish: at most one of them waits for Qalam (a miss),
    the others get the outdated copy or, once it is back, the new one."""
    port, article = newsroom["port"], newsroom["article"]
    through_varnish(port, "/")
    article.title = "Экспорт зерна вырос втрое"
    article.save_revision().publish()
    states = [through_varnish(port, "/")[0] for _ in range(20)]
    assert states.count("miss") <= 1, states
    assert set(states) <= {"stale", "miss", "hit"}


def test_editors_and_readers_with_a_message_pass_through(newsroom):
    port, url = newsroom["port"], newsroom["article"].url
    through_varnish(port, url)
    assert through_varnish(port, url)[0] == "hit"
    for cookie in ("sessionid=abc", "messages=xyz", "_ga=1; sessionid=abc"):
        assert through_varnish(port, url, cookie)[0] == "miss", cookie
    assert through_varnish(port, url, "_ga=GA1.2.3")[0] == "hit"


def test_a_publish_reaches_every_varnish_named(start_varnish, homes, settings, monkeypatch):
    """Two Varnish servers side by side, as QALAM_PROXY_PURGE_URL lists them, serving one
    public name (the first one's address here): both keep the page, and one publish purges it
    from both."""
    ports = [start_varnish(), start_varnish()]
    public = f"127.0.0.1:{ports[0]}"
    Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=ports[0])
    settings.WAGTAILFRONTENDCACHE = {
        f"proxy{number}": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{port}",
        }
        for number, port in enumerate(ports, 1)
    }
    monkeypatch.setattr(purge, "proxy_in_front", lambda: True)
    rubric = RubricPageFactory(parent=homes["ru"], title="Официально", slug="ofitsialno")
    article = ArticlePageFactory(parent=rubric, title="Экспорт зерна вырос")
    for port in ports:
        through_varnish(port, article.url, host=public)
        assert through_varnish(port, article.url, host=public)[0] == "hit", port
    article.title = "Экспорт зерна вырос втрое"
    article.save_revision().publish()
    for port in ports:
        until_changed(port, article.url, lambda body: "вырос втрое" in body, host=public)
