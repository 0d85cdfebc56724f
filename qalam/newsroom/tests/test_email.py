"""The review's notification goes out through a real SMTP server, started on 127.0.0.1 for
the test, configured as production configures it: EMAIL_URL."""

import pytest

from qalam.newsroom.tests.test_review import submit

pytestmark = pytest.mark.django_db


def test_a_submission_is_mailed_to_the_desks_editors_through_smtp(newsroom, signed_in, smtp_server):
    submit(signed_in(newsroom["reporter"]), newsroom["draft"])
    message = smtp_server.wait_for(2)[0]
    recipients = sorted(smtp_server.recipients())
    assert recipients == ["duty@newsroom.example", "editor@newsroom.example"]
    assert "Черновик о выборах" in message["Subject"]
    assert f"/admin/pages/{newsroom['draft'].pk}/edit/" in message.get_body().get_content()
