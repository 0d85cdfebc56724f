"""The admin asks nothing of outside services: no avatar service learns an editor's email
hash, and no release check is made (it fails offline)."""

import hashlib

from django.contrib.auth import get_user_model

import pytest

pytestmark = pytest.mark.django_db

EMAIL = "redaktor@qalam.example.kz"


@pytest.fixture
def admin_client(client, homes):
    user = get_user_model().objects.create_superuser("redaktor", EMAIL, "secret-pass-1")
    client.force_login(user)
    return client


@pytest.mark.parametrize("url", ["/admin/", "/admin/account/"])
def test_admin_shows_no_outside_avatar(admin_client, url):
    html = admin_client.get(url).content.decode()
    email_hash = hashlib.md5(EMAIL.encode()).hexdigest()  # noqa: S324 (what an avatar service is sent)
    assert "gravatar" not in html
    assert email_hash not in html
    # Wagtail's own default avatar stands in.
    assert "wagtailadmin/images/default-user-avatar" in html


def test_admin_home_makes_no_release_check(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    # The upgrade panel's controller is what fetches Wagtail's release list.
    assert "w-upgrade" not in html
    assert "releases.wagtail" not in html
