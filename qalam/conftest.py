import datetime
import os

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from qalam.home.editions import ensure_editions


@pytest.fixture(autouse=True)
def empty_cache():
    """The caches (pages, chrome, rate limits) outlive a test's rolled-back transaction:
    start every test without them."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def queries_for(client):
    """How many queries a second view of `url` costs (the first warms the rendition and
    chrome caches, as any earlier reader does); the view must answer 200."""

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        return len(queries)

    return count


@pytest.fixture
def homes(db):
    """The home page of every language edition, keyed by language code."""
    return ensure_editions()


@pytest.fixture
def home(homes):
    return homes["ru"]


@pytest.fixture
def rubric(home):
    from qalam.rubrics.factories import RubricPageFactory

    return RubricPageFactory(parent=home, title="Официально", slug="ofitsialno")


@pytest.fixture
def moment():
    """A fixed publication time: 25 November 2026, 15:43 in Almaty."""
    return datetime.datetime(
        2026, 11, 25, 15, 43, tzinfo=datetime.timezone(datetime.timedelta(hours=5))
    )


@pytest.fixture
def hours_ago():
    def at(hours):
        return timezone.now() - datetime.timedelta(hours=hours)

    return at


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, for the browser tests (qalam/browser.py); without it they
    skip, unless QALAM_REQUIRE_BROWSER=1 (CI) makes that a failure."""
    from django.conf import settings

    from qalam.browser import Chromium, chromium_available

    if not chromium_available():
        message = "Chromium is not installed (apt-get install chromium)"
        if os.environ.get("QALAM_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    (settings.BASE_DIR / "test-artifacts").mkdir(exist_ok=True)
    browser = Chromium()
    yield browser
    browser.close()
