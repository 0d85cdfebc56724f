"""The demo's newsroom: a person for each role, desks for the rubrics, and stories waiting
for the politics desk's editor, made once."""

from django.contrib.auth import get_user_model
from django.db import connection

from wagtail.models import TaskState

import pytest

from qalam.demo.newsroom import create_newsroom, demo_password
from qalam.newsroom.models import Role, RoleCode
from qalam.rubrics.factories import RubricPageFactory

pytestmark = pytest.mark.django_db

LOGINS = ["reporter", "editor", "duty", "translator", "proofreader", "photo", "moderator"]


@pytest.fixture
def rubrics(homes):
    for slug, title in [("politika", "Политика"), ("sport", "Спорт")]:
        RubricPageFactory(parent=homes["ru"], slug=slug, title=title)
    return homes


def test_one_person_for_each_role_with_the_password_given(rubrics, monkeypatch, client):
    monkeypatch.setenv("QALAM_DEMO_PASSWORD", "demo-newsroom-2026")
    logins, password = create_newsroom(rubrics)
    assert logins == LOGINS and password == "demo-newsroom-2026"
    users = get_user_model().objects.filter(username__in=LOGINS)
    roles = {user.username: user.groups.get().newsroom_role for user in users}
    assert roles["reporter"].code == RoleCode.REPORTER and roles["reporter"].desk.slug == "politika"
    assert roles["editor"].code == RoleCode.DESK_EDITOR
    assert roles["moderator"].code == RoleCode.COMMENT_MODERATOR
    assert all(user.check_password(password) and user.email for user in users)
    assert Role.objects.filter(code=RoleCode.REPORTER).count() == 4  # two rubrics, kk, en

    client.force_login(users.get(username="editor"))
    dashboard = client.get("/admin/").content.decode()
    assert "Мажилис одобрил поправки" in dashboard


def test_loading_again_adds_nothing(rubrics, monkeypatch):
    monkeypatch.setenv("QALAM_DEMO_PASSWORD", "demo-newsroom-2026")
    first = create_newsroom(rubrics)
    in_review = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).count()
    assert in_review == 2
    assert create_newsroom(rubrics) == first
    assert TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).count() == in_review
    assert get_user_model().objects.filter(username__in=LOGINS).count() == len(LOGINS)


def test_without_a_password_given_only_the_embedded_default_gets_accounts(rubrics, monkeypatch):
    """On SQLite the password is made once and kept; a demo loaded into PostgreSQL (a
    production database) gets no account with a password anyone could read."""
    monkeypatch.delenv("QALAM_DEMO_PASSWORD", raising=False)
    made = create_newsroom(rubrics)
    if connection.vendor != "sqlite":
        assert made is None
        assert not get_user_model().objects.filter(username__in=LOGINS).exists()
        return
    assert made[1] == demo_password() and len(made[1]) >= 12
    assert create_newsroom(rubrics) == made
