"""The web archive shows what each digest held and no subscriber; the schedule sends each
edition once a day after its time; the provider's bounce webhook stops an address."""

import base64
import datetime
import json

from django.core.management import call_command
from django.utils import timezone

import pytest

from qalam.digests.factories import SubscriberFactory
from qalam.digests.models import Digest, DigestSchedule, Subscriber
from qalam.digests.schedule import due

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_digest(smtp_server, rubrics, day_stories):
    SubscriberFactory(email="secret-reader@example.org")
    call_command("send_digest", edition="ru")
    return Digest.objects.get()


def test_the_archive_lists_past_digests_and_shows_each_without_subscribers(client, sent_digest):
    index = client.get("/digests/")
    assert index.status_code == 200
    url = f"/digests/{sent_digest.date.isoformat()}/"
    assert url in index.content.decode()
    page = client.get(url).content.decode()
    assert "Сенат принял закон" in page and "Тенге укрепился" in page
    assert "secret-reader" not in page
    assert "/subscribe/unsubscribe/" not in page
    assert client.get("/digests/2001-01-01/").status_code == 404
    assert client.get("/digests/junk/").status_code == 404
    assert client.get("/kk/digests/").status_code == 200
    assert url not in client.get("/kk/digests/").content.decode()  # another edition's


def test_an_unsent_digest_is_not_in_the_archive(client, homes):
    Digest.objects.create(language="ru", intro="Черновик выпуска")
    assert "Черновик выпуска" not in client.get("/digests/").content.decode()


def test_subscribers_addresses_appear_in_no_public_page_feed_or_api(client, sent_digest):
    for url in ["/", "/subscribe/", "/digests/", "/feeds/rss/", "/api/v2/pages/", "/sitemap.xml"]:
        response = client.get(url, follow=True)
        assert "secret-reader@example.org" not in response.content.decode(), url


def test_the_footer_links_to_the_subscription_of_the_edition(client, homes):
    assert 'href="/en/subscribe/"' in client.get("/en/").content.decode()


def test_an_edition_is_due_once_its_time_has_come_and_until_it_is_sent(smtp_server, homes):
    DigestSchedule.objects.create(language="ru", send_at=datetime.time(7, 0))
    DigestSchedule.objects.create(language="kk", send_at=datetime.time(9, 0))
    DigestSchedule.objects.create(language="en", send_at=datetime.time(6, 0), enabled=False)
    today = timezone.localdate()
    at = lambda hour: timezone.make_aware(datetime.datetime.combine(today, datetime.time(hour)))  # noqa: E731
    assert [d.language for d in due(at(6))] == []
    assert [d.language for d in due(at(8))] == ["ru"]
    assert sorted(d.language for d in due(at(10))) == ["kk", "ru"]
    Digest.objects.filter(language="ru").update(sent_at=timezone.now())
    assert [d.language for d in due(at(10))] == ["kk"]


def test_send_digest_due_sends_the_editions_whose_time_has_come(smtp_server, rubrics, day_stories):
    DigestSchedule.objects.create(language="ru", send_at=datetime.time(0, 0))
    SubscriberFactory()
    call_command("send_digest", due=True)
    assert len(smtp_server.wait_for(1)) == 1
    call_command("send_digest", due=True)
    assert len(smtp_server.envelopes) == 1


def postmark(client, record, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "postmark:s3cret"}
    auth = base64.b64encode(b"postmark:s3cret").decode()
    return client.post(
        "/anymail/postmark/tracking/",
        json.dumps(record),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {auth}",
    )


def test_a_hard_bounce_from_the_provider_stops_the_address(client, homes, settings):
    bounced = SubscriberFactory(email="gone@example.org")
    kept = SubscriberFactory(email="kept@example.org")
    record = {
        "RecordType": "Bounce",
        "ID": 4323372036854775807,
        "Type": "HardBounce",
        "TypeCode": 1,
        "Name": "Hard bounce",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Description": "The server was unable to deliver your message",
        "Details": "smtp;550 5.1.1 The email account does not exist.",
        "Email": "gone@example.org",
        "From": "digest@example.org",
        "BouncedAt": "2026-12-07T07:01:00Z",
        "Inactive": True,
        "CanActivate": True,
    }
    assert postmark(client, record, settings).status_code == 200
    bounced.refresh_from_db()
    kept.refresh_from_db()
    assert (bounced.status, kept.status) == ("bounced", "active")


def test_a_complaint_from_the_provider_stops_the_address(client, homes, settings):
    reader = SubscriberFactory(email="angry@example.org")
    record = {
        "RecordType": "SpamComplaint",
        "ID": 42,
        "Type": "SpamComplaint",
        "TypeCode": 512,
        "MessageID": "00000000-0000-0000-0000-000000000000",
        "Email": "angry@example.org",
        "BouncedAt": "2026-12-07T07:01:00Z",
    }
    assert postmark(client, record, settings).status_code == 200
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.COMPLAINED


def test_without_a_configured_secret_a_webhook_changes_nothing(client, homes, settings):
    reader = SubscriberFactory(email="gone@example.org")
    settings.ANYMAIL = {"WEBHOOK_SECRET": ""}
    record = {"RecordType": "Bounce", "Type": "HardBounce", "Email": "gone@example.org"}
    response = client.post("/anymail/postmark/tracking/", record, content_type="application/json")
    assert response.status_code == 200  # anymail took it; Qalam did not act on it
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.ACTIVE


def test_a_webhook_without_the_secret_changes_nothing(client, homes, settings):
    reader = SubscriberFactory(email="gone@example.org")
    settings.ANYMAIL = {"WEBHOOK_SECRET": "postmark:s3cret"}
    record = {"RecordType": "Bounce", "Type": "HardBounce", "Email": "gone@example.org"}
    response = client.post("/anymail/postmark/tracking/", record, content_type="application/json")
    assert response.status_code in (400, 401, 403)
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.ACTIVE


def test_the_archive_and_the_form_cost_the_same_queries_however_many_digests(
    queries_for, sent_digest
):
    index, page, form = (
        queries_for("/digests/"),
        queries_for(f"/digests/{sent_digest.date.isoformat()}/"),
        queries_for("/subscribe/"),
    )
    for day in range(1, 30):
        Digest.objects.create(
            language="ru",
            date=sent_digest.date - datetime.timedelta(days=day),
            contents=sent_digest.contents,
            sent_at=timezone.now(),
        )
    assert queries_for("/digests/") == index
    assert queries_for(f"/digests/{sent_digest.date.isoformat()}/") == page
    assert queries_for("/subscribe/") == form
    assert (index, page, form) == (2, 1, 1), "the rubrics of the form: one query"
