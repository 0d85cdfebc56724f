"""Editors' sessions in Redis, as every app server reads them when REDIS_URL is set
(docs/scaling.md): a sign-out ends the session on the server, and while Redis is down editors
are signed out and a new session fails at once instead of being retried. Against a real
redis-server the test starts."""

import time
from importlib import import_module

from django.conf import settings as django_settings

import pytest
import redis

from qalam.articles.factories import ArticlePageFactory
from qalam.newsroom.factories import StaffFactory

from .conftest import free_port
from .redis_server import RedisProcess

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions_redis(tmp_path, settings):
    server = RedisProcess(free_port(), tmp_path)
    server.start()
    options = {"socket_connect_timeout": 1, "socket_timeout": 2}
    location = f"redis://127.0.0.1:{server.port}/0"
    settings.CACHES = {
        "default": {"BACKEND": "qalam.core.cache.RedisCache", "LOCATION": location,
                    "OPTIONS": options},
        "sessions": {"BACKEND": "qalam.core.cache.SharedRedisCache", "LOCATION": location,
                     "KEY_PREFIX": "qalam-sessions", "OPTIONS": options},
    }  # fmt: skip
    settings.RATELIMIT_USE_CACHE = "default"
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    settings.SESSION_CACHE_ALIAS = "sessions"
    yield server
    if server.process.poll() is None:
        server.stop()


def stored_sessions(server):
    return redis.Redis(port=server.port).keys("qalam-sessions:*")


@pytest.fixture
def editor():
    return StaffFactory(username="editor", is_superuser=True)


def test_a_session_is_kept_in_redis_and_a_sign_out_ends_it_there(client, editor, sessions_redis):
    client.force_login(editor)
    assert len(stored_sessions(sessions_redis)) == 1
    assert client.get("/admin/").status_code == 200
    copied = client.cookies[django_settings.SESSION_COOKIE_NAME].value

    client.post("/admin/logout/")

    assert stored_sessions(sessions_redis) == []
    # The cookie as it was, replayed: nothing on the server answers to it any more.
    client.cookies[django_settings.SESSION_COOKIE_NAME] = copied
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_while_redis_is_down_editors_are_signed_out_and_no_session_is_retried(
    client, editor, rubric, sessions_redis
):
    article = ArticlePageFactory(parent=rubric, title="Экспорт зерна вырос")
    client.force_login(editor)
    sessions_redis.stop()

    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get(article.url).status_code == 200

    # Django's cache sessions try again while `add` stores nothing; here the first refusal
    # ends the attempt.
    store = import_module(django_settings.SESSION_ENGINE).SessionStore()
    started = time.monotonic()
    with pytest.raises(redis.ConnectionError):
        store.create()
    assert time.monotonic() - started < 1.5
