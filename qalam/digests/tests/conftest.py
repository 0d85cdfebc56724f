"""A real SMTP server on 127.0.0.1 for every test that mails, configured as production
configures it (EMAIL_URL), and a way to read what it received."""

import email
import re
import socket
import threading
import time
from email import policy

import dj_email_url
import pytest
from aiosmtpd.controller import Controller

from qalam.articles.factories import ArticlePageFactory
from qalam.rubrics.factories import RubricPageFactory


class Inbox:
    """What the server received; after `refuse_after` messages it answers 451 to the rest,
    as a provider does past its sending quota."""

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


def text_of(message):
    return message.get_body(("plain",)).get_content()


def html_of(message):
    return message.get_body(("html",)).get_content()


def link_in(message, name):
    """The first address of the kind `name` (confirm, unsubscribe, rubrics) in the text."""
    found = re.search(rf"https?://\S+/subscribe/{name}/[^/\s]+/", text_of(message))
    assert found, text_of(message)
    return found.group(0)


def path_of(url):
    return "/" + url.split("/", 3)[3]


@pytest.fixture
def rubrics(home):
    return {
        "politics": RubricPageFactory(parent=home, title="Политика", slug="politika"),
        "economy": RubricPageFactory(parent=home, title="Экономика", slug="ekonomika"),
        "sport": RubricPageFactory(parent=home, title="Спорт", slug="sport"),
    }


@pytest.fixture
def day_stories(rubrics, hours_ago):
    """Today's stories in each rubric, and one from two days ago that no digest brings."""
    return {
        "politics": ArticlePageFactory(
            parent=rubrics["politics"], title="Сенат принял закон", first_published_at=hours_ago(2)
        ),
        "economy": ArticlePageFactory(
            parent=rubrics["economy"], title="Тенге укрепился", first_published_at=hours_ago(3)
        ),
        "sport": ArticlePageFactory(
            parent=rubrics["sport"], title="Победа в Астане", first_published_at=hours_ago(4)
        ),
        "old": ArticlePageFactory(
            parent=rubrics["politics"], title="Старая новость", first_published_at=hours_ago(50)
        ),
    }
