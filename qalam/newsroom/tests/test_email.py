"""The review's notification goes out through a real SMTP server, started on 127.0.0.1 for
the test, configured as production configures it: EMAIL_URL."""

import email
import socket
import time
from email import policy

import dj_email_url
import pytest
from aiosmtpd.controller import Controller

from qalam.newsroom.tests.test_review import submit

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted"


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


def test_a_submission_is_mailed_to_the_desks_editors_through_smtp(newsroom, signed_in, smtp_server):
    submit(signed_in(newsroom["reporter"]), newsroom["draft"])
    deadline = time.monotonic() + 5
    while len(smtp_server.envelopes) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    recipients = sorted(address for e in smtp_server.envelopes for address in e.rcpt_tos)
    assert recipients == ["duty@newsroom.example", "editor@newsroom.example"]
    message = email.message_from_bytes(smtp_server.envelopes[0].content, policy=policy.default)
    assert "Черновик о выборах" in message["Subject"]
    assert f"/admin/pages/{newsroom['draft'].pk}/edit/" in message.get_body().get_content()
