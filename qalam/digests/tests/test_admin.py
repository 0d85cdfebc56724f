"""An editor finds a subscriber, exports the list as CSV and deletes an address on the
reader's request; the digest of the day is prepared with pinned stories before the send."""

import pytest

from qalam.digests.factories import SubscriberFactory
from qalam.digests.models import Digest, Subscriber

pytestmark = pytest.mark.django_db
INDEX = "/admin/snippets/digests/subscriber/"


def test_an_editor_finds_a_subscriber_by_address(admin_client, homes):
    SubscriberFactory(email="aigerim@example.org")
    SubscriberFactory(email="daniyar@example.org")
    page = admin_client.get(INDEX, {"q": "aigerim"}).content.decode()
    assert "aigerim@example.org" in page
    assert "daniyar@example.org" not in page


def test_the_list_exports_as_csv(admin_client, homes):
    SubscriberFactory(email="aigerim@example.org", language="kk")
    response = admin_client.get(INDEX, {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[0].lower().startswith("email")
    assert "aigerim@example.org,kk," in body


def test_an_editor_deletes_an_address_on_request(admin_client, homes):
    subscriber = SubscriberFactory(email="forget-me@example.org")
    response = admin_client.post(f"{INDEX}delete/{subscriber.pk}/")
    assert response.status_code == 302
    assert not Subscriber.objects.filter(email="forget-me@example.org").exists()


def test_an_editor_pins_stories_in_the_days_digest(admin_client, rubrics, day_stories):
    response = admin_client.post(
        "/admin/snippets/digests/digest/add/",
        {
            "language": "ru",
            "date": "2026-12-08",
            "intro": "Доброе утро",
            "pins-TOTAL_FORMS": "1",
            "pins-INITIAL_FORMS": "0",
            "pins-MIN_NUM_FORMS": "0",
            "pins-MAX_NUM_FORMS": "1000",
            "pins-0-story": day_stories["sport"].pk,
            "pins-0-ORDER": "1",
            "pins-0-id": "",
            "pins-0-DELETE": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    digest = Digest.objects.get()
    assert [pin.story_id for pin in digest.pins.all()] == [day_stories["sport"].pk]
