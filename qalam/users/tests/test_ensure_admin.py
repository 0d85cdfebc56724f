from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

import pytest

pytestmark = pytest.mark.django_db


def ensure_admin(settings, tmp_path, monkeypatch, password=None):
    monkeypatch.setattr(
        "qalam.users.management.commands.ensure_admin.PASSWORD_FILE",
        tmp_path / "admin-password.txt",
    )
    if password:
        monkeypatch.setenv("QALAM_ADMIN_PASSWORD", password)
    else:
        monkeypatch.delenv("QALAM_ADMIN_PASSWORD", raising=False)
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    return out.getvalue()


def printed_password(output):
    return next(
        line.split(": ", 1)[1].strip()
        for line in output.splitlines()
        if line.startswith("Password:")
    )


def test_first_run_creates_the_admin_with_a_generated_password_and_reprints_it(
    settings, tmp_path, monkeypatch
):
    first = ensure_admin(settings, tmp_path, monkeypatch)
    password = printed_password(first)
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password) and len(password) >= 16
    assert "/admin/" in first
    assert printed_password(ensure_admin(settings, tmp_path, monkeypatch)) == password
    assert get_user_model().objects.count() == 1


def test_password_from_the_environment_wins(settings, tmp_path, monkeypatch):
    ensure_admin(settings, tmp_path, monkeypatch)
    output = ensure_admin(settings, tmp_path, monkeypatch, password="newsroom-2026-secret")
    assert printed_password(output) == "newsroom-2026-secret"
    assert get_user_model().objects.get(username="admin").check_password("newsroom-2026-secret")


def test_a_password_changed_in_the_admin_is_not_printed(settings, tmp_path, monkeypatch):
    ensure_admin(settings, tmp_path, monkeypatch)
    admin = get_user_model().objects.get(username="admin")
    admin.set_password("changed-by-the-editor-1")
    admin.save()
    assert (
        printed_password(ensure_admin(settings, tmp_path, monkeypatch))
        == "the one you set in the admin"
    )
