"""The admin's sign-in under attack: a guessed account locks for the guesser's address only,
one address cannot spray many accounts, readers' comment floods touch no editor, and the
password reset says the same whether an account exists."""

import re
import time

from django.core import mail, signing
from django.core.management import call_command
from django.test import override_settings

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup

from qalam.articles.factories import ArticlePageFactory
from qalam.comments.forms import SIGNING_SALT
from qalam.newsroom.factories import PASSWORD, StaffFactory

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
ATTACKER = {"REMOTE_ADDR": "203.0.113.7"}
OFFICE = {"REMOTE_ADDR": "198.51.100.20"}


@pytest.fixture
def editor():
    return StaffFactory(username="editor", email="editor@newsroom.example", is_superuser=True)


def sign_in(client, username, password, address):
    return client.post(LOGIN, {"username": username, "password": password}, **address)


def signed_in(response):
    return response.status_code == 302 and "_auth_user_id" in response.client.session


def refusal(response):
    alert = BeautifulSoup(response.content, "html.parser").select_one("[role=alert]")
    return alert.get_text(" ", strip=True) if alert else ""


def test_ten_wrong_passwords_lock_the_eleventh_try_even_with_the_right_one(client, editor):
    for attempt in range(9):
        response = sign_in(client, "editor", f"guess-{attempt}", ATTACKER)
        assert response.status_code == 200, attempt
        assert not refusal(response)
    tenth = sign_in(client, "editor", "guess-9", ATTACKER)
    assert tenth.status_code == 429
    assert "заблокирован" in refusal(tenth)

    eleventh = sign_in(client, "editor", PASSWORD, ATTACKER)
    assert eleventh.status_code == 429
    assert not signed_in(eleventh)
    soup = BeautifulSoup(eleventh.content, "html.parser")
    assert soup.select_one("input[name=username]")["value"] == "editor"


def test_the_lock_holds_only_that_account_from_that_address(client, editor):
    StaffFactory(username="reporter")
    for attempt in range(10):
        sign_in(client, "editor", f"guess-{attempt}", ATTACKER)

    assert signed_in(sign_in(client, "editor", PASSWORD, OFFICE))
    client.logout()
    assert signed_in(sign_in(client, "reporter", PASSWORD, ATTACKER))


def test_an_administrator_lifts_the_lock(client, editor):
    for attempt in range(10):
        sign_in(client, "editor", f"guess-{attempt}", ATTACKER)
    assert AccessAttempt.objects.filter(username="editor").exists()

    call_command("axes_reset_username", "editor")
    assert signed_in(sign_in(client, "editor", PASSWORD, ATTACKER))


@override_settings(QALAM_SIGNIN_FAILURES="5/h")
def test_one_address_trying_many_accounts_meets_the_ceiling(client, editor):
    for number in range(5):
        assert sign_in(client, f"name{number}", "guess", ATTACKER).status_code == 200
    refused = sign_in(client, "editor", PASSWORD, ATTACKER)
    assert refused.status_code == 429
    assert "с вашего адреса" in refusal(refused)
    assert not signed_in(refused)

    assert signed_in(sign_in(client, "editor", PASSWORD, OFFICE))


@override_settings(QALAM_COMMENT_RATE="3/10m")
def test_a_reader_flooding_comments_does_not_lock_out_an_editor(client, editor, rubric):
    article = ArticlePageFactory(parent=rubric)
    signer = signing.TimestampSigner(salt=SIGNING_SALT)
    real_time = time.time
    statuses = []
    for number in range(30):
        time.time = lambda: real_time() - 60
        try:
            token = signer.sign(str(article.pk))
        finally:
            time.time = real_time
        fields = {"author_name": "Читатель", "email": "r@example.kz", "text": f"Спам {number}"}
        posted = client.post(f"/comments/post/{article.pk}/", {**fields, "token": token}, **OFFICE)
        statuses.append(posted.status_code)
    assert statuses.count(429) == 27

    assert signed_in(sign_in(client, "editor", PASSWORD, OFFICE))


@override_settings(QALAM_CLIENT_IP_HEADER="X-Real-IP")
def test_behind_a_proxy_the_lock_follows_the_proxys_header(client, editor):
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for attempt in range(10):
        sign_in(client, "editor", f"guess-{attempt}", {**proxy, "HTTP_X_REAL_IP": "203.0.113.7"})
    attempt = AccessAttempt.objects.get(username="editor")
    assert attempt.ip_address == "203.0.113.7"
    other_reader = {**proxy, "HTTP_X_REAL_IP": "198.51.100.20"}
    assert signed_in(sign_in(client, "editor", PASSWORD, other_reader))


def test_password_reset_does_not_tell_whether_an_account_exists(client, editor):
    url = "/admin/password_reset/"
    known = client.post(url, {"email": "editor@newsroom.example"})
    unknown = client.post(url, {"email": "nobody@newsroom.example"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1
    assert without_tokens(client.get(known["Location"])) == without_tokens(
        client.get(unknown["Location"])
    )


def without_tokens(response):
    """The page without its CSRF token, which Django masks afresh for every response."""
    return re.sub(r'"CSRF_TOKEN": "\w+"', "", response.content.decode())
