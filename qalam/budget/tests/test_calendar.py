"""The budget in calendar apps: a secret address per user, per desk or all desks, read back
with the icalendar package; the address of a user removed or deactivated, or replaced by
a new one, stops working."""

import datetime

from django.urls import reverse
from django.utils import timezone

import icalendar
import pytest

from qalam.budget.factories import PlannedStoryFactory
from qalam.budget.models import CalendarKey, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(politics, sport, locales, reporter):
    deadline = timezone.now() + datetime.timedelta(hours=2)
    return {
        "session": PlannedStoryFactory(
            title="Заседание Правительства", desk=politics, status=Status.ASSIGNED,
            languages=[locales["ru"], locales["kk"]], assignees=[reporter],
            slot_time=datetime.time(15, 0), deadline=deadline, notes="Пресс-подход",
        ),
        "hockey": PlannedStoryFactory(
            title="Сборная по хоккею", desk=sport, languages=[locales["ru"]], slot_time=None,
        ),
    }  # fmt: skip


def events(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return list(calendar.walk("VEVENT"))


def feed_url(key, desk="all"):
    return reverse("budget_calendar", args=[key.key, desk])


def test_the_feed_holds_each_plan_at_its_slot_and_its_deadline(client, chief, plans, politics):
    key = CalendarKey.issue(chief)
    response = client.get(feed_url(key))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "private" in response["Cache-Control"]
    found = {str(event["summary"]): event for event in events(response)}
    session = found["Заседание Правительства [назначен]"]
    slot = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(15)))
    assert session.decoded("dtstart") == slot
    assert "Айгерим Сарсенова" in str(session["description"])
    assert "Пресс-подход" in str(session["description"])
    assert str(session["url"]).endswith(reverse("budget:edit", args=[plans["session"].pk]))
    deadline = found["Срок: Заседание Правительства"]
    assert deadline.decoded("dtstart") == plans["session"].deadline.replace(microsecond=0)
    # A plan without a time is the whole day.
    hockey = found["Сборная по хоккею [идея]"]
    assert hockey.decoded("dtstart") == timezone.localdate()


def test_a_desks_feed_holds_only_its_plans(client, chief, plans, politics):
    key = CalendarKey.issue(chief)
    titles = [str(event["summary"]) for event in events(client.get(feed_url(key, politics.pk)))]
    assert titles == ["Заседание Правительства [назначен]", "Срок: Заседание Правительства"]


def test_the_address_of_a_deactivated_or_deleted_user_stops_working(client, chief, plans):
    key = CalendarKey.issue(chief)
    url = feed_url(key)
    chief.is_active = False
    chief.save()
    assert client.get(url).status_code == 404
    chief.is_active = True
    chief.save()
    assert client.get(url).status_code == 200
    chief.delete()
    assert client.get(url).status_code == 404


def test_a_user_who_may_no_longer_see_the_budget_gets_nothing(client, outsider, plans):
    key = CalendarKey.issue(outsider)
    assert client.get(feed_url(key)).status_code == 404


def test_a_new_address_replaces_the_old_and_the_board_shows_it(signed_in, client, chief, plans):
    response = signed_in.get(reverse("budget:index"))
    assert "Получить адрес календаря" in response.content.decode()
    signed_in.post(reverse("budget:calendar_key"))
    first = CalendarKey.objects.get(user=chief).key
    board = signed_in.get(reverse("budget:index")).content.decode()
    assert f"/budget/calendar/{first}/all.ics" in board
    signed_in.post(reverse("budget:calendar_key"))
    second = CalendarKey.objects.get(user=chief).key
    assert second != first
    assert signed_in.get(f"/budget/calendar/{first}/all.ics").status_code == 404
    assert signed_in.get(f"/budget/calendar/{second}/all.ics").status_code == 200


def test_unknown_keys_and_desks_are_not_found(client, chief, plans):
    key = CalendarKey.issue(chief)
    assert client.get(reverse("budget_calendar", args=["nope", "all"])).status_code == 404
    assert client.get(reverse("budget_calendar", args=[key.key, "987654"])).status_code == 404
    assert client.get(reverse("budget_calendar", args=[key.key, "desk"])).status_code == 404
