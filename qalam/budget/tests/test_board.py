"""The board «Планирование»: one day at a time (today unless another is asked for), grouped
by desk, filtered by desk, language, assignee and status; late stories say so in words."""

import datetime
import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from qalam.budget.factories import PlannedStoryFactory
from qalam.budget.models import Status
from qalam.rubrics.factories import RubricPageFactory

pytestmark = pytest.mark.django_db

BOARD = "budget:index"


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select(".budget-item__title")]


def cards(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        card.select_one(".budget-item__title").get_text(strip=True): card.get_text(" ", strip=True)
        for card in soup.select(".budget-item")
    }


@pytest.fixture
def day(politics, sport, locales, reporter, chief):
    today = timezone.localdate()
    finance = RubricPageFactory(parent=politics, title="Выборы", slug="vybory")
    return {
        "today": today,
        "session": PlannedStoryFactory(
            title="Заседание Правительства", desk=politics, status=Status.ASSIGNED,
            languages=[locales["ru"], locales["kk"]], assignees=[reporter],
            slot_time=datetime.time(15, 0),
        ),
        "election": PlannedStoryFactory(
            title="Выборы в маслихаты", desk=finance, status=Status.IN_PROGRESS,
            languages=[locales["ru"]], assignees=[chief], slot_time=datetime.time(11, 0),
        ),
        "hockey": PlannedStoryFactory(
            title="Сборная по хоккею", desk=sport, status=Status.IDEA,
            languages=[locales["en"]], slot_time=None,
        ),
        "tomorrow": PlannedStoryFactory(
            title="Итоги недели", desk=politics,
            slot_date=today + datetime.timedelta(days=1), languages=[locales["ru"]],
        ),
        "yesterday": PlannedStoryFactory(
            title="Вчерашний брифинг", desk=sport,
            slot_date=today - datetime.timedelta(days=1), languages=[locales["ru"]],
        ),
    }  # fmt: skip


def test_the_board_opens_on_today_grouped_by_desk_in_order_of_time(signed_in, day):
    response = signed_in.get(reverse(BOARD))
    assert response.status_code == 200
    # Politics (its sub-rubric «Выборы» under it) before sport, each by time.
    assert titles(response) == [
        "Заседание Правительства",
        "Выборы в маслихаты",
        "Сборная по хоккею",
    ]
    soup = BeautifulSoup(response.content, "html.parser")
    desks = [h.get_text(" ", strip=True) for h in soup.select(".budget-desk__name")]
    assert desks == ["Политика · ru 1", "Выборы · ru 1", "Спорт · ru 1"]
    assert "Сегодня" in soup.select_one(".budget-days__day").get_text()


def test_previous_and_next_day_links_keep_the_filters(signed_in, day, politics):
    response = signed_in.get(reverse(BOARD), {"desk": politics.pk})
    soup = BeautifulSoup(response.content, "html.parser")
    following = soup.select_one(".budget-days a[rel=next]")["href"]
    tomorrow = day["today"] + datetime.timedelta(days=1)
    assert f"day={tomorrow.isoformat()}" in following and f"desk={politics.pk}" in following
    assert titles(signed_in.get(following)) == ["Итоги недели"]
    previous = soup.select_one(".budget-days a[rel=prev]")["href"]
    assert titles(signed_in.get(previous)) == []  # yesterday's is sport's, not politics'
    assert titles(signed_in.get(reverse(BOARD), {"day": "2000-01-01"})) == []
    yesterday = (day["today"] - datetime.timedelta(days=1)).isoformat()
    assert titles(signed_in.get(reverse(BOARD), {"day": yesterday})) == ["Вчерашний брифинг"]


def test_a_day_that_is_not_a_date_shows_today(signed_in, day):
    response = signed_in.get(reverse(BOARD), {"day": "вчера"})
    assert response.status_code == 200
    assert len(titles(response)) == 3


def test_filters_by_desk_with_its_sub_rubrics_language_assignee_and_status(
    signed_in, day, politics, sport, locales, reporter
):
    by_desk = titles(signed_in.get(reverse(BOARD), {"desk": politics.pk}))
    assert by_desk == ["Заседание Правительства", "Выборы в маслихаты"]
    assert titles(signed_in.get(reverse(BOARD), {"desk": sport.pk})) == ["Сборная по хоккею"]
    by_language = titles(signed_in.get(reverse(BOARD), {"language": locales["kk"].pk}))
    assert by_language == ["Заседание Правительства"]
    by_assignee = titles(signed_in.get(reverse(BOARD), {"assignee": reporter.pk}))
    assert by_assignee == ["Заседание Правительства"]
    by_status = titles(signed_in.get(reverse(BOARD), {"status": Status.IN_PROGRESS}))
    assert by_status == ["Выборы в маслихаты"]


def test_a_story_past_its_deadline_and_not_ready_says_so(signed_in, day, politics, locales):
    passed = timezone.now() - datetime.timedelta(minutes=30)
    PlannedStoryFactory(
        title="Опоздавший репортаж", desk=politics, status=Status.IN_PROGRESS,
        deadline=passed, languages=[locales["ru"]],
    )  # fmt: skip
    PlannedStoryFactory(
        title="Готовый вовремя", desk=politics, status=Status.READY, deadline=passed,
        languages=[locales["ru"]],
    )  # fmt: skip
    shown = cards(signed_in.get(reverse(BOARD)))
    assert "Срок прошёл" in shown["Опоздавший репортаж"]
    assert "Срок прошёл" not in shown["Готовый вовремя"]
    assert "Срок прошёл" not in shown["Заседание Правительства"]


def test_the_board_runs_the_same_number_of_queries_for_3_or_30_stories(
    signed_in, day, politics, locales, reporter
):
    url = reverse(BOARD)
    signed_in.get(url)
    with CaptureQueriesContext(connection) as few:
        signed_in.get(url)
    for _n in range(27):
        PlannedStoryFactory(
            desk=politics, languages=[locales["ru"], locales["kk"]], assignees=[reporter]
        )
    with CaptureQueriesContext(connection) as many:
        response = signed_in.get(url)
    assert len(titles(response)) == 30
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_the_board_is_in_the_admin_menu_as_planning(signed_in, day):
    response = signed_in.get(reverse("wagtailadmin_home"))
    soup = BeautifulSoup(response.content, "html.parser")
    sidebar = json.loads(soup.select_one("#wagtail-sidebar-props").string)
    assert "Планирование" in json.dumps(sidebar, ensure_ascii=False)
