"""The morning digest reaches a real SMTP server: the right stories for each subscriber,
the editors' pinned ones first, RFC 8058 headers, and a send that stops halfway resumes
without sending anyone the same digest twice."""

from collections import Counter

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

import pytest

from qalam.digests.factories import SubscriberFactory
from qalam.digests.models import Delivery, Digest, DigestPin, Subscriber
from qalam.digests.schedule import todays

from .conftest import html_of, path_of, text_of

pytestmark = pytest.mark.django_db


def test_a_subscriber_receives_the_days_stories_of_their_rubrics_pinned_first(
    smtp_server, rubrics, day_stories
):
    reader = SubscriberFactory(email="economy@example.org", rubrics=[rubrics["economy"]])
    everything = SubscriberFactory(email="all@example.org")
    SubscriberFactory(email="pending@example.org", status=Subscriber.Status.PENDING)
    SubscriberFactory(email="left@example.org", status=Subscriber.Status.UNSUBSCRIBED)
    SubscriberFactory(email="kazakh@example.org", language="kk")
    digest = todays("ru")
    digest.intro = "Доброе утро! <b>Главное</b> за день."
    digest.save()
    DigestPin.objects.create(digest=digest, story=day_stories["sport"], sort_order=0)

    call_command("send_digest", edition="ru")

    messages = {m["To"]: m for m in smtp_server.wait_for(2)}
    assert sorted(messages) == ["all@example.org", "economy@example.org"]
    mine = text_of(messages["economy@example.org"])
    assert mine.index("Победа в Астане") < mine.index("Тенге укрепился")  # pinned first
    assert "Сенат принял закон" not in mine  # not of their rubrics
    assert "Старая новость" not in mine  # not of the day
    everyone = text_of(messages["all@example.org"])
    assert all(title in everyone for title in ["Сенат", "Тенге", "Победа"])

    html = html_of(messages["economy@example.org"])
    assert "&lt;b&gt;Главное&lt;/b&gt;" in html  # the intro as typed, escaped
    assert "Тенге укрепился" in html
    header = str(messages["economy@example.org"]["List-Unsubscribe"]).strip()  # folded: long
    assert header.startswith("<http") and "/subscribe/unsubscribe/" in header
    assert messages["economy@example.org"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header.strip("<>") in html and header.strip("<>") in mine  # a visible link too
    assert "all@example.org" not in html

    # One click in the mail program unsubscribes, without a CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        path_of(header.strip("<>")),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED
    everything.refresh_from_db()
    assert everything.status == Subscriber.Status.ACTIVE
    digest.refresh_from_db()
    assert digest.sent_at is not None
    assert [s["title"] for s in digest.contents][0] == "Победа в Астане"


def test_photos_have_a_width_and_alt_text(smtp_server, rubrics, hours_ago):
    from qalam.articles.factories import ArticlePageFactory
    from qalam.images.factories import QalamImageFactory

    image = QalamImageFactory(description="Сенаторы голосуют")
    ArticlePageFactory(
        parent=rubrics["politics"], main_image=image, first_published_at=hours_ago(1)
    )
    SubscriberFactory()
    call_command("send_digest", edition="ru")
    [message] = smtp_server.wait_for(1)
    html = html_of(message)
    assert 'width="552" alt="Сенаторы голосуют"' in html
    assert 'src="http' in html


def test_a_second_send_the_same_day_sends_nothing(smtp_server, rubrics, day_stories):
    SubscriberFactory.create_batch(3)
    call_command("send_digest", edition="ru")
    assert len(smtp_server.wait_for(3)) == 3
    call_command("send_digest", edition="ru")
    assert len(smtp_server.envelopes) == 3


def test_a_send_stopped_by_the_server_resumes_and_nobody_gets_it_twice(
    smtp_server, rubrics, day_stories
):
    SubscriberFactory.create_batch(25)
    smtp_server.refuse_after = 7
    with pytest.raises(CommandError):
        call_command("send_digest", edition="ru", batch=5)
    assert len(smtp_server.envelopes) == 7
    assert Delivery.objects.filter(sent_at__isnull=False).count() == 7
    assert Delivery.objects.filter(sent_at__isnull=True).count() == 0  # the rest released
    assert Digest.objects.get().sent_at is None

    smtp_server.refuse_after = None
    call_command("send_digest", edition="ru", batch=5)
    counts = Counter(smtp_server.recipients())
    assert len(counts) == 25
    assert set(counts.values()) == {1}
    assert Digest.objects.get().sent_at is not None


def test_a_delivery_written_before_a_crash_is_not_sent_again(smtp_server, rubrics, day_stories):
    """A crash after the row was written and before it was stamped: that reader may have
    received the email, so the next run leaves them out (docs/distribution.md)."""
    crashed, other = SubscriberFactory.create_batch(2)
    digest = todays("ru")
    Delivery.objects.create(
        digest=digest, subscriber=crashed, run="00000000-0000-0000-0000-000000000000"
    )
    call_command("send_digest", edition="ru")
    assert smtp_server.recipients() == [other.email]


def test_a_refused_recipient_is_marked_and_the_send_goes_on(smtp_server, rubrics, day_stories):
    class RefusingRecipient:
        async def handle_RCPT(self, server, session, envelope, address, options):
            if address.startswith("gone"):
                return "550 No such user"
            envelope.rcpt_tos.append(address)
            return "250 OK"

    smtp_server.handle_RCPT = RefusingRecipient().handle_RCPT  # read by the server per RCPT
    SubscriberFactory(email="first@example.org")
    gone = SubscriberFactory(email="gone@example.org")
    SubscriberFactory(email="last@example.org")
    call_command("send_digest", edition="ru")
    assert sorted(smtp_server.recipients()) == ["first@example.org", "last@example.org"]
    gone.refresh_from_db()
    assert gone.status == Subscriber.Status.BOUNCED


def test_three_hundred_subscribers_each_receive_one(smtp_server, rubrics, day_stories):
    """The benchmark's send (bench/digest.py), bounded: the count arrives, with no repeats."""
    Subscriber.objects.bulk_create(
        Subscriber(email=f"bulk{n}@example.org", language="ru", status="active") for n in range(300)
    )
    call_command("send_digest", edition="ru", batch=64)
    counts = Counter(smtp_server.recipients())
    assert len(counts) == 300
    assert set(counts.values()) == {1}
    assert Delivery.objects.filter(sent_at__isnull=False).count() == 300
