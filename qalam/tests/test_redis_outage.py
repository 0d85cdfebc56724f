"""Redis stopped under a running site: readers still get every page (made afresh), rate
limits count nothing, the outage is logged once, and once Redis is back pages are served
from it again within seconds (core/cache.py). Against a real redis-server the test starts."""

import logging
import time

from django.core.cache import cache
from django.test import RequestFactory

import pytest
from django_ratelimit.core import is_ratelimited

from qalam.articles.factories import ArticlePageFactory

from .conftest import free_port
from .redis_server import RedisProcess

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_redis(tmp_path, settings):
    server = RedisProcess(free_port(), tmp_path)
    server.start()
    settings.CACHES = {
        **settings.CACHES,  # editors' sessions where they were: no editor here
        "default": {
            "BACKEND": "qalam.core.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{server.port}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        },
    }
    settings.RATELIMIT_USE_CACHE = "default"
    settings.QALAM_PAGE_CACHE = True
    yield server
    if server.running():
        server.stop()


def outage_lines(caplog):
    return [record for record in caplog.records if record.name == "qalam.core.cache"]


def test_readers_get_every_page_while_redis_is_down_and_the_cache_after(
    client, rubric, own_redis, caplog
):
    caplog.set_level(logging.WARNING, logger="qalam.core.cache")
    article = ArticlePageFactory(parent=rubric, title="Экспорт зерна вырос")
    pages = [article.url, "/", rubric.url, "/feeds/rss/"]
    for url in pages:
        client.get(url)
        assert client.get(url)["X-Qalam-Cache"] == "hit", url

    own_redis.stop()
    answers = [client.get(url) for _ in range(5) for url in pages]
    assert [response.status_code for response in answers] == [200] * 20
    assert "Экспорт зерна вырос" in answers[0].content.decode()
    assert {response.get("X-Qalam-Cache") for response in answers} == {"miss"}
    lines = outage_lines(caplog)
    assert len(lines) == 1 and lines[0].levelname == "ERROR"

    own_redis.start()
    started = time.monotonic()
    while client.get(article.url).get("X-Qalam-Cache") != "hit":
        assert time.monotonic() - started < 5, "the page cache did not come back"
        time.sleep(0.1)
    back = outage_lines(caplog)[1:]
    assert [line.message.split(" after ")[0] for line in back] == ["Redis is back"]


def test_rate_limits_count_nothing_while_redis_is_down(own_redis):
    request = RequestFactory().post("/comments/", REMOTE_ADDR="203.0.113.7")

    def limited():
        return is_ratelimited(request, group="test", key="ip", rate="2/m", increment=True)

    assert [limited() for _ in range(3)] == [False, False, True]
    own_redis.stop()
    assert [limited() for _ in range(5)] == [False] * 5
    assert cache.get("anything", "default") == "default"
    assert cache.add("lock", 1) is False
