import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

import pytest

from qalam.rubrics.factories import RubricPageFactory

PASSWORD = "budget-desk-2026"


@pytest.fixture
def locales(homes):
    return {code: home.locale for code, home in homes.items()}


@pytest.fixture
def politics(homes):
    """The politics desk: a rubric in Russian with its Kazakh translation (no English one)."""
    rubric = RubricPageFactory(parent=homes["ru"], title="Политика", slug="politika")
    translation = rubric.copy_for_translation(homes["kk"].locale)
    translation.title, translation.slug = "Саясат", "sayasat"
    translation.save_revision().publish()
    return rubric


@pytest.fixture
def sport(homes):
    return RubricPageFactory(parent=homes["ru"], title="Спорт", slug="sport")


@pytest.fixture
def chief(db):
    """The budget's planner: an administrator."""
    return get_user_model().objects.create_superuser(
        "chief", password=PASSWORD, first_name="Асель", last_name="Нурланова"
    )


@pytest.fixture
def reporter(db):
    """A member of Wagtail's Editors group, who can use the admin."""
    user = get_user_model().objects.create_user(
        "reporter", password=PASSWORD, first_name="Айгерим", last_name="Сарсенова"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def outsider(db):
    """Someone who may use the admin and nothing of the budget."""
    user = get_user_model().objects.create_user("outsider", password=PASSWORD)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    return user


@pytest.fixture
def signed_in(client, chief):
    client.force_login(chief)
    return client


@pytest.fixture
def in_hours():
    def at(hours):
        return timezone.now() + datetime.timedelta(hours=hours)

    return at
