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


def test_the_delete_view_first_lists_the_plans_of_the_rubric_and_its_sub_rubrics(
    signed_in, politics, plans
):
    url = reverse("wagtailadmin_pages:delete", args=[politics.pk])
    response = signed_in.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    listed = soup.select_one("main").get_text(" ", strip=True)
    assert "Заседание Правительства" in listed
    assert "Выборы в маслихаты" in listed
    # The Kazakh rubric stays: its plan keeps its desk, so it is not listed.
    assert "Мәжіліс отырысы" not in listed
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


def test_the_bulk_delete_question_lists_the_plans_too(signed_in, politics, homes, plans):
    other = RubricPageFactory(parent=homes["ru"], title="Культура", slug="kultura")
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
        + f"?id={politics.pk}&id={other.pk}"
    )
    response = signed_in.get(url)
    assert response.status_code == 200
    main = BeautifulSoup(response.content, "html.parser").select_one("main")
    listed = main.get_text(" ", strip=True)
    assert "Вы уверены, что хотите удалить эти страницы?" in listed  # Wagtail's own question
    assert "Заседание Правительства" in listed
    assert "Выборы в маслихаты" in listed
    assert "Мәжіліс отырысы" not in listed
    assert "будут сохранены" in listed
    # Wagtail's form deletes, and the plans stay with the rubrics' names.
    form = main.find("form")
    data = {
        field["name"]: field.get("value", "")
        for field in form.find_all("input")
        if field.get("name")
    }
    response = signed_in.post(form.get("action") or url, {**data, "confirm_site_name": "Qalam"})
    assert response.status_code == 302
    assert not RubricPage.objects.filter(pk__in=[politics.pk, other.pk]).exists()
    assert sorted(PlannedStory.objects.values_list("former_desk", flat=True)) == [
        "",  # the Kazakh plan: its rubric, a translation, is not deleted with the Russian one
        "Выборы",
        "Политика",
    ]


def test_the_bulk_delete_question_of_rubrics_without_plans_says_nothing_of_them(
    signed_in, homes, plans
):
    other = RubricPageFactory(parent=homes["ru"], title="Культура", slug="kultura")
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    response = signed_in.get(f"{url}?id={other.pk}")
    assert response.status_code == 200
    assert "будут сохранены" not in response.content.decode()


def test_when_wagtail_deletes_the_translations_too_their_plans_are_listed(
    signed_in, politics, plans, settings
):
    settings.WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = True
    url = reverse("wagtailadmin_pages:delete", args=[politics.pk])
    listed = BeautifulSoup(signed_in.get(url).content, "html.parser").select_one("main").text
    assert "Мәжіліс отырысы" in listed
    signed_in.post(url, {"confirm_site_name": "Qalam"})
    kazakh = PlannedStory.objects.get(title="Мәжіліс отырысы")
    assert kazakh.desk is None and kazakh.former_desk == "Саясат"
