"""Changes made outside the web process reach anonymous readers: a go-live and an expiry run by
`qalam worker` in a process of its own, and a `qalam` command (an import), show on the article,
its rubric and the home page within the scheduler's interval and a second, through the
embedded default's shared file cache and through Redis with Varnish in front."""

import datetime
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

from django.utils import timezone

from wagtail.models import Site

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.rubrics.factories import RubricPageFactory

from .conftest import database_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

INTERVAL = 2  # seconds between the worker's looks at the schedule
HEADLINE = "Экспорт зерна вырос вдвое"


@pytest.fixture
def embedded(live_server, tmp_path, settings):
    """The embedded default: the web server (the live server) and the worker share the page
    cache through files, as `make run` has them."""
    cache_dir = tmp_path / "cache"
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(cache_dir),
        },
    }
    settings.QALAM_PAGE_CACHE = True
    return {
        "base": live_server.url,
        "env": {"REDIS_URL": None, "QALAM_CACHE_DIR": str(cache_dir)},
    }


@pytest.fixture
def production(request, live_server, settings):
    """Production: the page cache in Redis, Varnish in front taking Qalam's purges, tasks in
    the database queue that the worker runs."""
    if not os.environ.get("REDIS_URL"):
        pytest.skip("production mode needs REDIS_URL (set by .ci/run)")
    port = request.getfixturevalue("varnish")
    settings.QALAM_PAGE_CACHE = True
    Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=port)
    return {
        "base": f"http://127.0.0.1:{port}",
        "env": {
            "QALAM_PROXY_PURGE_URL": f"http://127.0.0.1:{port}",
            "QALAM_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        },
    }


@pytest.fixture(params=["embedded", "production"])
def deployment(request, homes):
    deployment = request.getfixturevalue(request.param)
    deployment["rubric"] = RubricPageFactory(
        parent=homes["ru"], title="Официально", slug="ofitsialno"
    )
    return deployment


def read(base, path):
    """(status, body, cache state) as an anonymous reader gets `path`."""
    try:
        with urllib.request.urlopen(base + path, timeout=10) as response:  # noqa: S310 - loopback
            state = response.headers.get("x-cache") or response.headers.get("x-qalam-cache")
            return response.status, response.read().decode(), state
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), None


def cached_copies(base, paths):
    """Reads each path twice, so that the second answer is a cached copy."""
    for path in paths:
        read(base, path)
        status, _body, state = read(base, path)
        assert (status, state) == (200, "hit"), path


def wait_until(condition, moment, what):
    """Waits for `condition()` and says how long after `moment` a reader who looked then saw
    it hold: within the scheduler's interval and a second."""
    deadline = moment + datetime.timedelta(seconds=INTERVAL + 1)
    while True:
        looked = timezone.now()
        if condition():
            break
        assert looked < deadline + datetime.timedelta(seconds=10), f"never: {what}"
        time.sleep(0.1)
    late = (looked - moment).total_seconds()
    assert looked <= deadline, f"{what} {late:.1f} s after its time"


def test_a_scheduled_article_goes_live_for_readers(deployment, start_worker):
    base, rubric = deployment["base"], deployment["rubric"]
    start_worker(INTERVAL, deployment["env"])
    older = ArticlePageFactory(parent=rubric, title="Урожай зерна собран", tags=["зерно"])
    article = ArticlePageFactory(
        parent=rubric, live=False, title=HEADLINE, slug="eksport", tags=["зерно"]
    )
    go_live = timezone.now() + datetime.timedelta(seconds=3)
    article.go_live_at = go_live
    article.save_revision().publish()
    cached_copies(base, ["/", "/ofitsialno/", older.url])
    assert HEADLINE not in read(base, "/")[1]
    assert read(base, "/ofitsialno/eksport/")[0] == 404

    def everywhere():
        return (
            read(base, "/ofitsialno/eksport/")[0] == 200
            and HEADLINE in read(base, "/ofitsialno/")[1]
            and HEADLINE in read(base, "/")[1]
        )

    wait_until(everywhere, go_live, "the article, its rubric and the home page showed it")
    # The worker's related-list refresh follows the publication and purges what it changed.
    live = timezone.now()
    wait_until(
        lambda: HEADLINE in read(base, older.url)[1],
        live,
        "the older article's «Статьи по теме» listed it",
    )


def test_an_expired_article_leaves_readers(deployment, start_worker):
    base, rubric = deployment["base"], deployment["rubric"]
    start_worker(INTERVAL, deployment["env"])
    ArticlePageFactory(parent=rubric, title="Урожай собран")
    expiry = timezone.now() + datetime.timedelta(seconds=4)
    ArticlePageFactory(parent=rubric, title=HEADLINE, slug="eksport", expire_at=expiry)
    cached_copies(base, ["/", "/ofitsialno/", "/ofitsialno/eksport/"])
    assert HEADLINE in read(base, "/")[1]

    def gone():
        return (
            read(base, "/ofitsialno/eksport/")[0] == 404
            and read(base, "/ofitsialno/eksport/?utm_source=telegram")[0] == 404
            and HEADLINE not in read(base, "/ofitsialno/")[1]
            and HEADLINE not in read(base, "/")[1]
        )

    wait_until(gone, expiry, "the article, its rubric and the home page dropped it")


def test_an_import_from_the_command_line_reaches_readers(deployment, start_worker, tmp_path):
    base, rubric = deployment["base"], deployment["rubric"]
    start_worker(INTERVAL, deployment["env"])
    ArticlePageFactory(parent=rubric, title="Урожай собран")
    cached_copies(base, ["/", "/ofitsialno/"])
    record = {
        "title": HEADLINE,
        "language": "ru",
        "rubric": "Официально",
        "published_at": (timezone.now() - datetime.timedelta(minutes=1)).isoformat(),
        "body": ["Казахстан экспортировал вдвое больше зерна."],
        "source_url": "https://archive.example.kz/eksport",
    }
    archive = tmp_path / "archive.jsonl"
    archive.write_text(json.dumps(record, ensure_ascii=False) + "\n")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qalam.settings.test",
        "DATABASE_URL": database_url(),
        **deployment["env"],
    }
    env = {key: value for key, value in env.items() if value is not None}
    result = subprocess.run(  # noqa: S603 - Qalam's own command
        [sys.executable, "-m", "qalam", "import_articles", str(archive)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    imported = timezone.now()

    def everywhere():
        return HEADLINE in read(base, "/ofitsialno/")[1] and HEADLINE in read(base, "/")[1]

    # A proxy is told by a task, which `qalam worker` runs in production.
    wait_until(everywhere, imported, "the rubric and the home page showed the import")
