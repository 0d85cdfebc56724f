"""Deleting a desk's rubric that has plans asks first, listing them, and keeps them, with
the rubric's name, when the deletion goes ahead."""

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from qalam.budget.factories import PlannedStoryFactory
from qalam.budget.models import PlannedStory
from qalam.rubrics.factories import RubricPageFactory
from qalam.rubrics.models import RubricPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(politics, homes, locales):
    elections = RubricPageFactory(parent=politics, title="Выборы", slug="vybory")
    kazakh = politics.get_translation(homes["kk"].locale)
    return [
        PlannedStoryFactory(
            title="Заседание Правительства", desk=politics, languages=[locales["ru"]]
        ),
        PlannedStoryFactory(title="Выборы в маслихаты", desk=elections, languages=[locales["ru"]]),
        PlannedStoryFactory(title="Мәжіліс отырысы", desk=kazakh, languages=[locales["kk"]]),
    ]


def test_the_delete_view_first_lists_the_plans_of_the_rubric_its_sub_rubrics_and_translations(
    signed_in, politics, plans
):
    url = reverse("wagtailadmin_pages:delete", args=[politics.pk])
    response = signed_in.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    listed = soup.select_one("main").get_text(" ", strip=True)
    for plan in plans:
        assert plan.title in listed
    assert "будут сохранены" in listed
    onward = soup.find("a", string=lambda text: text and "Продолжить удаление" in text)["href"]
    # Then Wagtail's own question, which deletes.
    confirm = signed_in.get(onward)
    assert "Продолжить удаление" not in confirm.content.decode()
    assert confirm.status_code == 200


def test_the_plans_are_kept_with_the_rubrics_name_after_the_deletion(signed_in, politics, plans):
    url = reverse("wagtailadmin_pages:delete", args=[politics.pk])
    response = signed_in.post(url, {"confirm_site_name": "Qalam"})
    assert response.status_code == 302
    assert not RubricPage.objects.filter(pk=politics.pk).exists()
    kept = {plan.title: plan for plan in PlannedStory.objects.all()}
    assert len(kept) == 3
    assert kept["Заседание Правительства"].desk is None
    assert kept["Заседание Правительства"].former_desk == "Политика"
    assert kept["Выборы в маслихаты"].former_desk == "Выборы"
    board = signed_in.get(reverse("budget:index")).content.decode()
    assert "Политика (удалён)" in board


def test_a_rubric_without_plans_goes_straight_to_wagtails_question(signed_in, sport):
    response = signed_in.get(reverse("wagtailadmin_pages:delete", args=[sport.pk]))
    assert response.status_code == 200
    assert "Продолжить удаление" not in response.content.decode()
