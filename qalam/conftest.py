import datetime
import email
import os
import socket
import threading
import time
from email import policy

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import dj_email_url
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


class Inbox:
    """What the tests' SMTP server received; after `refuse_after` messages it answers 451 to
    the rest, as a provider does past its sending quota."""

    def __init__(self):
        self.envelopes = []
        self.refuse_after = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refuse_after is not None and len(self.envelopes) >= self.refuse_after:
                return "451 Sending quota reached, try later"
            self.envelopes.append(envelope)
        return "250 Message accepted"

    def messages(self):
        return [email.message_from_bytes(e.content, policy=policy.default) for e in self.envelopes]

    def recipients(self):
        return [address for e in self.envelopes for address in e.rcpt_tos]

    def wait_for(self, count, seconds=5):
        deadline = time.monotonic() + seconds
        while len(self.envelopes) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.messages()


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on 127.0.0.1 for a test that mails, configured as
    production configures it: EMAIL_URL."""
    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    for name, value in dj_email_url.parse(f"smtp://127.0.0.1:{port}").items():
        setattr(settings, name, value)
    yield inbox
    controller.stop()


@pytest.fixture
def axe():
    """axe-core from the project's package-lock (npm ci), for accessibility checks in the
    browser; without it the test skips, unless QALAM_REQUIRE_BROWSER=1 makes that a failure."""
    from qalam.browser import axe_available

    if not axe_available():
        message = "axe-core is not installed (npm ci)"
        if os.environ.get("QALAM_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
