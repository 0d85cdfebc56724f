"""The admin's dashboard: my assignments, scheduled for today, published today per desk,
recent corrections; each panel in the same few queries however much it lists."""

import datetime

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from qalam.articles.factories import ArticlePageFactory
from qalam.budget.dashboard import (
    MyAssignmentsPanel,
    PublishedTodayPanel,
    RecentCorrectionsPanel,
    ScheduledTodayPanel,
)
from qalam.budget.factories import PlannedStoryFactory
from qalam.budget.models import Status

pytestmark = pytest.mark.django_db


def panel_text(response, panel_id):
    soup = BeautifulSoup(response.content, "html.parser")
    panel = soup.select_one(f"#{panel_id}-section") or soup.select_one(f"#{panel_id}")
    return panel.get_text(" ", strip=True) if panel else ""


def start_of_today():
    return timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))


def test_my_assignments_lists_open_plans_by_deadline(
    signed_in, chief, reporter, politics, in_hours
):
    PlannedStoryFactory(title="Поздний срок", desk=politics, assignees=[chief],
                        status=Status.ASSIGNED, deadline=in_hours(5))  # fmt: skip
    PlannedStoryFactory(title="Ранний срок", desk=politics, assignees=[chief],
                        status=Status.IN_PROGRESS, deadline=in_hours(1))  # fmt: skip
    PlannedStoryFactory(title="Просроченный", desk=politics, assignees=[chief],
                        status=Status.IN_PROGRESS, deadline=in_hours(-1))  # fmt: skip
    PlannedStoryFactory(title="Вышедший", desk=politics, assignees=[chief],
                        status=Status.PUBLISHED)  # fmt: skip
    PlannedStoryFactory(title="Чужой", desk=politics, assignees=[reporter])
    text = panel_text(signed_in.get(reverse("wagtailadmin_home")), "budget-my-assignments")
    assert text.index("Просроченный") < text.index("Ранний срок") < text.index("Поздний срок")
    assert "Срок прошёл" in text
    assert "Вышедший" not in text and "Чужой" not in text


def test_scheduled_for_today_lists_pages_waiting_for_their_time(signed_in, politics, chief):
    later = timezone.now() + datetime.timedelta(minutes=30)
    if timezone.localtime(later).date() != timezone.localdate():
        pytest.skip("too close to midnight for a time later today")
    page = ArticlePageFactory(parent=politics, title="Итоги форума", live=False,
                              first_published_at=None)  # fmt: skip
    page.go_live_at = later
    page.save_revision(user=chief).publish(user=chief)
    tomorrow = ArticlePageFactory(parent=politics, title="Завтрашнее", live=False,
                                  first_published_at=None)  # fmt: skip
    tomorrow.go_live_at = timezone.now() + datetime.timedelta(days=2)
    tomorrow.save_revision(user=chief).publish(user=chief)
    text = panel_text(signed_in.get(reverse("wagtailadmin_home")), "budget-scheduled-today")
    assert "Итоги форума" in text and "Завтрашнее" not in text


def test_published_today_counts_each_desk_with_its_editions(signed_in, politics, sport, homes):
    kazakh = politics.get_translation(homes["kk"].locale)
    now = timezone.now()
    for _ in range(2):
        ArticlePageFactory(parent=politics, first_published_at=now)
    ArticlePageFactory(parent=kazakh, first_published_at=now)
    ArticlePageFactory(parent=sport, first_published_at=now)
    ArticlePageFactory(
        parent=sport, first_published_at=start_of_today() - datetime.timedelta(hours=1)
    )
    text = panel_text(signed_in.get(reverse("wagtailadmin_home")), "budget-published-today")
    assert "Политика 3 ru 2 · kk 1" in text
    assert "Спорт 1 ru 1" in text
    assert "Всего 4" in text


def test_recent_corrections_newest_first(signed_in, politics):
    now = timezone.now()
    ArticlePageFactory(parent=politics, title="Старая поправка", correction="Исправлена дата.",
                       corrected_at=now - datetime.timedelta(days=2))  # fmt: skip
    ArticlePageFactory(parent=politics, title="Новая поправка", correction="Исправлено имя.",
                       corrected_at=now - datetime.timedelta(hours=1))  # fmt: skip
    ArticlePageFactory(parent=politics, title="Без поправки")
    text = panel_text(signed_in.get(reverse("wagtailadmin_home")), "budget-recent-corrections")
    assert text.index("Новая поправка") < text.index("Старая поправка")
    assert "Исправлено имя." in text and "Без поправки" not in text


PANELS = [MyAssignmentsPanel, ScheduledTodayPanel, PublishedTodayPanel, RecentCorrectionsPanel]


def rendered_queries(panel, user):
    request = RequestFactory().get("/admin/")
    request.user = user
    with CaptureQueriesContext(connection) as queries:
        panel().render_html({"request": request, "csrf_token": ""})
    return len(queries)


def fill(politics, sport, homes, chief, count):
    kazakh = politics.get_translation(homes["kk"].locale)
    now = timezone.now()
    later = now + datetime.timedelta(minutes=5)
    for n in range(count):
        PlannedStoryFactory(desk=politics, assignees=[chief], status=Status.ASSIGNED)
        for parent in (politics, kazakh, sport):
            ArticlePageFactory(parent=parent, first_published_at=now, correction=f"Правка {n}",
                               corrected_at=now)  # fmt: skip
        scheduled = ArticlePageFactory(parent=sport, live=False, first_published_at=None)
        scheduled.go_live_at = later
        scheduled.save_revision(user=chief).publish(user=chief)


@pytest.mark.parametrize("panel", PANELS, ids=lambda panel: panel.__name__)
def test_each_panel_runs_the_same_queries_for_one_or_five(panel, politics, sport, homes, chief):
    fill(politics, sport, homes, chief, 1)
    few = rendered_queries(panel, chief)
    fill(politics, sport, homes, chief, 4)
    assert rendered_queries(panel, chief) == few <= 3
