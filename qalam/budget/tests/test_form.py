"""A planned story's form in the admin: what a planner may not do is said in plain words
next to the field, and what they typed stays."""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from qalam.budget.factories import PlannedStoryFactory
from qalam.budget.models import PlannedStory, Status

pytestmark = pytest.mark.django_db


def fields(politics, locales, **changes):
    deadline = timezone.localtime(timezone.now() + datetime.timedelta(hours=3))
    data = {
        "title": "Заседание Правительства",
        "desk": politics.pk,
        "languages": [locales["ru"].pk, locales["kk"].pk],
        "assignees": [],
        "status": Status.IDEA,
        "slot_date": timezone.localdate().isoformat(),
        "slot_time": "15:00",
        "deadline": deadline.strftime("%Y-%m-%d %H:%M"),
        "notes": "Пресс-подход после заседания",
    }
    data.update(changes)
    return data


def errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(error.get_text(" ", strip=True) for error in soup.select(".error-message"))


def test_a_planned_story_is_created_with_its_languages_and_assignees(
    signed_in, politics, locales, reporter
):
    data = fields(politics, locales, assignees=[reporter.pk])
    response = signed_in.post(reverse("budget:add"), data)
    assert response.status_code == 302, errors(response)
    item = PlannedStory.objects.get()
    assert item.desk == politics and item.slot_time == datetime.time(15, 0)
    assert {locale.language_code for locale in item.languages.all()} == {"ru", "kk"}
    assert list(item.assignees.all()) == [reporter]
    # An idea given to someone is assigned.
    assert item.status == Status.ASSIGNED


def test_a_deadline_in_the_past_is_refused_and_the_form_keeps_what_was_typed(
    signed_in, politics, locales
):
    past = timezone.localtime(timezone.now() - datetime.timedelta(hours=2))
    data = fields(politics, locales, deadline=past.strftime("%Y-%m-%d %H:%M"))
    response = signed_in.post(reverse("budget:add"), data)
    assert response.status_code == 200
    assert "Этот срок уже прошёл" in errors(response)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#id_title")["value"] == "Заседание Правительства"
    assert "Пресс-подход после заседания" in soup.select_one("#id_notes").get_text()
    assert not PlannedStory.objects.exists()


def test_a_deadline_that_passed_since_does_not_block_other_changes(signed_in, politics, locales):
    passed = timezone.now() - datetime.timedelta(hours=2)
    item = PlannedStoryFactory(desk=politics, deadline=passed, languages=[locales["ru"]])
    data = fields(
        politics,
        locales,
        title="Заседание перенесли",
        deadline=timezone.localtime(passed).strftime("%Y-%m-%d %H:%M"),
    )
    response = signed_in.post(reverse("budget:edit", args=[item.pk]), data)
    assert response.status_code == 302, errors(response)
    item.refresh_from_db()
    assert item.title == "Заседание перенесли"


@pytest.mark.parametrize("who", ["inactive", "unknown", "outside"])
def test_an_assignee_who_cannot_work_in_the_admin_is_refused(
    signed_in, politics, locales, reporter, who
):
    User = get_user_model()
    if who == "inactive":
        reporter.is_active = False
        reporter.save()
        pk = reporter.pk
    elif who == "unknown":
        pk = 987654
    else:  # an account without access to the admin
        pk = User.objects.create_user("reader", password="reader-2026").pk
    response = signed_in.post(reverse("budget:add"), fields(politics, locales, assignees=[pk]))
    assert response.status_code == 200
    assert "не может войти в админку" in errors(response)
    assert not PlannedStory.objects.exists()


def test_languages_are_required(signed_in, politics, locales):
    response = signed_in.post(reverse("budget:add"), fields(politics, locales, languages=[]))
    assert response.status_code == 200
    assert "Выберите хотя бы один язык" in errors(response)


def test_the_form_offers_rubrics_with_their_edition_and_only_active_staff(
    signed_in, politics, reporter, chief
):
    get_user_model().objects.create_user("gone", is_active=False, first_name="Ушедший")
    response = signed_in.get(reverse("budget:add"))
    soup = BeautifulSoup(response.content, "html.parser")
    desks = [option.get_text() for option in soup.select("#id_desk option")]
    assert "Политика (ru)" in desks and "Саясат (kk)" in desks
    people = soup.select_one("#id_assignees").get_text(" ", strip=True)
    assert "Айгерим Сарсенова" in people and "Асель Нурланова" in people
    assert "Ушедший" not in people


def test_taking_everyone_off_an_assigned_story_makes_it_an_idea_again(
    signed_in, politics, locales, reporter
):
    item = PlannedStoryFactory(
        desk=politics, status=Status.ASSIGNED, languages=[locales["ru"]], assignees=[reporter]
    )
    data = fields(politics, locales, status=Status.ASSIGNED, assignees=[])
    response = signed_in.post(reverse("budget:edit", args=[item.pk]), data)
    assert response.status_code == 302, errors(response)
    item.refresh_from_db()
    assert item.status == Status.IDEA
