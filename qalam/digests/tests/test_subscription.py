"""A reader subscribes, confirms from the email that arrived at a real SMTP server, changes
rubrics and unsubscribes; forged, expired and flooding attempts change nothing."""

import time

from django.core import signing
from django.test import Client

import pytest

from qalam.digests import tokens
from qalam.digests.factories import SubscriberFactory
from qalam.digests.models import Subscriber
from qalam.rubrics.factories import RubricPageFactory

from .conftest import link_in, path_of

pytestmark = pytest.mark.django_db
Status = Subscriber.Status


def subscribe(client, email, rubrics=(), prefix="", **headers):
    data = {"email": email, "rubrics": [r.pk for r in rubrics]}
    return client.post(f"{prefix}/subscribe/", data, **headers)


def test_the_form_offers_the_editions_top_level_rubrics(client, rubrics):
    response = client.get("/subscribe/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]  # it holds the reader's CSRF token
    for rubric in rubrics.values():
        assert f'value="{rubric.pk}"' in response.content.decode()
    # Another edition's form offers only its own rubrics.
    assert f'value="{rubrics["sport"].pk}"' not in client.get("/kk/subscribe/").content.decode()


def test_subscribing_mails_a_link_whose_page_confirms_only_on_a_button(
    client, smtp_server, rubrics
):
    response = subscribe(client, "Aigerim@Example.org", [rubrics["economy"]])
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.status) == ("Aigerim@Example.org", Status.PENDING)
    [message] = smtp_server.wait_for(1)
    assert message["To"] == "Aigerim@Example.org"

    confirm = path_of(link_in(message, "confirm"))
    page = client.get(confirm)  # what a mail scanner does
    assert page.status_code == 200
    assert "<button" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Status.PENDING

    assert client.post(confirm).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Status.ACTIVE
    assert subscriber.confirmed_at is not None
    assert list(subscriber.rubrics.all()) == [rubrics["economy"]]


def test_a_kazakh_subscription_belongs_to_the_kazakh_edition(client, smtp_server, homes):
    assert subscribe(client, "kk@example.org", prefix="/kk").status_code == 302
    assert Subscriber.objects.get().language == "kk"
    [message] = smtp_server.wait_for(1)
    assert "/kk/subscribe/confirm/" in link_in(message, "confirm")


@pytest.mark.parametrize(
    ("email", "error"),
    [
        ("not an address", "does not look like an email address"),
        ("a@b.c\r\nBcc: victim@example.org", "does not look like an email address"),
        ("x" * 5000 + "@example.org", "at most 254 characters"),
        ("", "required"),
    ],
)
def test_a_bad_address_comes_back_with_the_reason_and_what_was_typed(
    client, smtp_server, homes, email, error
):
    sport = RubricPageFactory(parent=homes["en"], title="Sport", slug="sport")
    response = subscribe(client, email, [sport], prefix="/en")
    assert response.status_code == 400
    page = response.content.decode()
    assert error in page
    assert f'value="{sport.pk}" id="id_rubrics_0" checked' in page
    if email and "\n" not in email:
        assert email[:200] in page
    assert not Subscriber.objects.exists()
    assert smtp_server.envelopes == []


def test_a_flood_from_one_client_stops_after_the_limit_and_mails_nothing_more(
    client, smtp_server, homes, settings
):
    settings.QALAM_SUBSCRIBE_RATE = "5/m"
    answers = [subscribe(client, f"flood{n}@example.org").status_code for n in range(50)]
    assert answers[:5] == [302] * 5
    assert set(answers[5:]) == {429}
    assert len(smtp_server.wait_for(5)) == 5
    time.sleep(0.2)
    assert len(smtp_server.envelopes) == 5
    assert Subscriber.objects.count() == 5
    refused = subscribe(client, "kept@example.org", prefix="/en")
    assert refused.status_code == 429
    assert "Too many subscriptions" in refused.content.decode()
    assert 'value="kept@example.org"' in refused.content.decode()


def test_one_address_from_many_clients_is_limited_too(client, smtp_server, homes):
    answers = [
        subscribe(client, "target@example.org", REMOTE_ADDR=f"10.0.0.{n}").status_code
        for n in range(1, 10)
    ]
    assert answers.count(302) == 5
    assert len(smtp_server.wait_for(5)) == 5


def aged(purpose, subscriber, days):
    signer = signing.TimestampSigner(salt=purpose)
    signer.timestamp = lambda: signing.b62_encode(int(time.time()) - days * 86400)
    return signer.sign_object({"id": subscriber.pk, "email": subscriber.email})


@pytest.mark.parametrize(
    "token",
    [
        "forged",
        "eyJpZCI6MX0:1vSZ3d:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "expired-confirm",
        "other-purpose",
    ],
)
def test_a_forged_or_expired_confirmation_changes_nothing(client, homes, token):
    subscriber = SubscriberFactory(status=Status.PENDING)
    if token == "expired-confirm":
        token = aged(tokens.CONFIRM, subscriber, days=8)
    elif token == "other-purpose":
        token = tokens.make(tokens.MANAGE, subscriber)  # an unsubscribe token confirms nothing
    response = client.post(f"/en/subscribe/confirm/{token}/")
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Status.PENDING


def test_a_token_of_a_deleted_subscriber_is_refused(client, homes):
    subscriber = SubscriberFactory()
    token = tokens.make(tokens.MANAGE, subscriber)
    subscriber.delete()
    assert client.post(f"/subscribe/unsubscribe/{token}/").status_code == 400


def test_one_click_unsubscribe_takes_a_post_without_csrf_token(homes):
    subscriber = SubscriberFactory()
    token = tokens.make(tokens.MANAGE, subscriber)
    provider = Client(enforce_csrf_checks=True)
    page = provider.get(f"/subscribe/unsubscribe/{token}/")
    assert page.status_code == 200 and "<button" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Status.ACTIVE  # opening the link changed nothing
    response = provider.post(
        f"/subscribe/unsubscribe/{token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Status.UNSUBSCRIBED


def test_an_expired_unsubscribe_link_changes_nothing(client, homes):
    subscriber = SubscriberFactory()
    response = client.post(f"/subscribe/unsubscribe/{aged(tokens.MANAGE, subscriber, 200)}/")
    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Status.ACTIVE


def test_the_rubrics_page_changes_the_choice(client, rubrics):
    subscriber = SubscriberFactory(rubrics=[rubrics["sport"]])
    url = f"/subscribe/rubrics/{tokens.make(tokens.MANAGE, subscriber)}/"
    page = client.get(url).content.decode()
    assert page.count("checked") == 1
    assert f'value="{rubrics["sport"].pk}" id="id_rubrics_2" checked' in page
    response = client.post(url, {"rubrics": [rubrics["politics"].pk, rubrics["economy"].pk]})
    assert response.status_code == 200
    assert set(subscriber.rubrics.all()) == {rubrics["politics"], rubrics["economy"]}
    assert client.post(url, {"rubrics": ["999999"]}).status_code == 400
    assert set(subscriber.rubrics.all()) == {rubrics["politics"], rubrics["economy"]}


def test_subscribing_again_does_not_change_a_confirmed_readers_rubrics_unconfirmed(
    client, smtp_server, rubrics
):
    subscriber = SubscriberFactory(email="known@example.org", rubrics=[rubrics["sport"]])
    assert subscribe(client, "known@example.org", [rubrics["politics"]]).status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.status == Status.ACTIVE
    assert list(subscriber.rubrics.all()) == [rubrics["sport"]]
    [message] = smtp_server.wait_for(1)
    client.post(path_of(link_in(message, "confirm")))
    assert list(subscriber.rubrics.all()) == [rubrics["politics"]]
