"""Plans of the past week that never got ready are offered on today's board, one at a time
or all at once, and their history says when they were moved."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from qalam.budget.factories import PlannedStoryFactory
from qalam.budget.models import PlannedStory, Status

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def past(politics, sport, locales):
    def plan(title, days, status, desk=politics):
        return PlannedStoryFactory(
            title=title, desk=desk, slot_date=days_ago(days), status=status,
            languages=[locales["ru"]],
        )  # fmt: skip

    return {
        "late": plan("Отчёт акимата", 1, Status.IN_PROGRESS),
        "idea": plan("Интервью с министром", 3, Status.IDEA, desk=sport),
        "ready": plan("Итоги сессии", 1, Status.READY),
        "published": plan("Выборы назначены", 2, Status.PUBLISHED),
        "spiked": plan("Отменённый брифинг", 2, Status.SPIKED),
        "old": plan("Забытая тема", 10, Status.IDEA),
    }


def left_over(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select(".budget-left-over li a")]


def test_todays_board_lists_the_past_weeks_unfinished_plans(signed_in, past):
    listed = left_over(signed_in.get(reverse("budget:index")))
    assert listed == ["Интервью с министром", "Отчёт акимата"]  # oldest first


def test_the_list_follows_the_desk_filter_and_shows_on_today_only(signed_in, past, politics):
    filtered = signed_in.get(reverse("budget:index"), {"desk": politics.pk})
    assert left_over(filtered) == ["Отчёт акимата"]
    other_day = signed_in.get(reverse("budget:index"), {"day": days_ago(1).isoformat()})
    assert left_over(other_day) == []


def test_one_plan_moves_to_today_with_a_line_in_its_history(signed_in, past):
    late = past["late"]
    response = signed_in.post(reverse("budget:carry_over"), {"item": late.pk}, follow=True)
    assert "1 запланированный материал перенесён на сегодня" in response.content.decode()
    late.refresh_from_db()
    assert late.slot_date == timezone.localdate()
    assert late.status == Status.IN_PROGRESS
    history = signed_in.get(reverse("budget:history", args=[late.pk])).content.decode()
    assert "Перенесено на" in history
    assert left_over(signed_in.get(reverse("budget:index"))) == ["Интервью с министром"]


def test_all_move_at_once_and_finished_or_old_plans_never_do(signed_in, past):
    every = [plan.pk for plan in past.values()]
    signed_in.post(reverse("budget:carry_over"), {"item": [*every, "x"]})
    today = timezone.localdate()
    moved = set(PlannedStory.objects.filter(slot_date=today).values_list("title", flat=True))
    assert moved == {"Отчёт акимата", "Интервью с министром"}


def test_a_user_who_cannot_change_plans_is_refused(client, outsider, past):
    client.force_login(outsider)
    response = client.post(reverse("budget:carry_over"), {"item": past["late"].pk})
    assert response.status_code == 403
    past["late"].refresh_from_db()
    assert past["late"].slot_date == days_ago(1)
