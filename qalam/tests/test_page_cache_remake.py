"""After a change, one reader remakes a page while the others get the outdated copy; a page
taken down drops its copy; a page that fails to render leaves it (core/pagecache.py)."""

import threading
import time

from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.articles.models import StoryPage
from qalam.core import pagecache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.QALAM_PAGE_CACHE = True


@pytest.fixture
def article(rubric):
    return ArticlePageFactory(parent=rubric, title="Экспорт зерна вырос")


def remaking_lock(url):
    """The lock a reader holds while remaking `url` for readers who take gzip, as the test
    client asks."""
    return pagecache.remaking_lock(pagecache.page_key("testserver", url, "", "", "ru"))


def test_while_a_page_is_remade_other_readers_get_the_outdated_copy(
    client, article, change, django_assert_num_queries
):
    assert client.get(article.url)["X-Qalam-Cache"] == "miss"
    article.title = "Экспорт зерна вырос вдвое"
    change(article.save_revision().publish)
    # Another reader is remaking it: this one gets the copy at once, without a query.
    cache.add(remaking_lock(article.url), 1, 10)
    with django_assert_num_queries(0):
        outdated = client.get(article.url)
    assert outdated["X-Qalam-Cache"] == "stale"
    assert "вырос вдвое" not in outdated.content.decode()
    # That reader is done (or gave up): the next one remakes it, and then it is a hit.
    cache.delete(remaking_lock(article.url))
    fresh = client.get(article.url)
    assert fresh["X-Qalam-Cache"] == "miss"
    assert "вырос вдвое" in fresh.content.decode()
    assert client.get(article.url)["X-Qalam-Cache"] == "hit"
    assert cache.get(remaking_lock(article.url)) is None  # released after remaking


def test_a_page_taken_down_drops_its_copy(client, article, change):
    url = article.url
    client.get(url)
    change(article.unpublish)
    assert client.get(url).status_code == 404
    # Even while someone holds the lock, there is no copy left to serve.
    cache.add(remaking_lock(url), 1, 10)
    assert client.get(url).status_code == 404


def test_a_page_that_fails_to_render_leaves_the_copy_for_readers(
    client, article, change, monkeypatch
):
    client.get(article.url)
    change(article.save_revision().publish)

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(StoryPage, "get_context", broken)
    client.raise_request_exception = False
    response = client.get(article.url)
    assert response.status_code == 200
    assert response["X-Qalam-Cache"] == "stale-if-error"
    assert "Экспорт зерна вырос" in response.content.decode()
    monkeypatch.undo()
    assert client.get(article.url)["X-Qalam-Cache"] == "miss"


def test_readers_who_arrive_together_after_a_change_cost_one_render(settings):
    """Sixteen readers of a purged page at once: one render (two at most on the embedded
    default's file cache, whose `add` is not atomic), the rest get the outdated copy."""
    renders = []

    def slow_page(request):
        renders.append(1)
        time.sleep(0.3)
        return HttpResponse(f"<p>generation {pagecache.generation()}</p>")

    middleware = pagecache.PageCacheMiddleware(slow_page)

    def read(results):
        request = RequestFactory().get("/storm/")
        request.LANGUAGE_CODE = "ru"
        results.append(middleware(request)["X-Qalam-Cache"])

    first = []
    read(first)
    assert first == ["miss"]
    pagecache.forget_all()
    renders.clear()
    answers = []
    readers = [threading.Thread(target=read, args=(answers,)) for _ in range(16)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    atomic = "redis" in settings.CACHES["default"]["BACKEND"].lower()
    assert len(answers) == 16
    assert len(renders) == answers.count("miss")
    assert len(renders) == 1 if atomic else 1 <= len(renders) <= 2
    assert answers.count("stale") == 16 - len(renders)
