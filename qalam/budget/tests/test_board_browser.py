"""The board in Chromium on a phone (390 px): every card within the screen, the late one
saying so, filters reachable, and «Создать черновик» opening the editor. Screenshots go to
test-artifacts/."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest

from qalam.articles.models import ArticlePage
from qalam.budget.factories import PlannedStoryFactory
from qalam.budget.models import Status
from qalam.home.editions import ensure_editions
from qalam.rubrics.factories import RubricPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS = settings.BASE_DIR / "test-artifacts"
PASSWORD = "budget-desk-2026"


@pytest.fixture
def board(live_server):
    get_user_model().objects.create_superuser("chief", password=PASSWORD)
    homes = ensure_editions()
    ru = homes["ru"].locale
    politics = RubricPageFactory(parent=homes["ru"], title="Политика", slug="politika")
    sport = RubricPageFactory(parent=homes["ru"], title="Спорт", slug="sport")
    PlannedStoryFactory(
        title="Заседание Правительства: итоги года и планы на следующий, с пресс-подходом",
        desk=politics, status=Status.IDEA, languages=[ru], slot_time=datetime.time(15),
    )  # fmt: skip
    PlannedStoryFactory(
        title="Тарифы на коммунальные услуги", desk=politics, status=Status.IN_PROGRESS,
        languages=[ru], deadline=timezone.now() - datetime.timedelta(hours=2),
        slot_time=datetime.time(11),
    )  # fmt: skip
    PlannedStoryFactory(title="Сборная по хоккею", desk=sport, languages=[ru], slot_time=None)
    return live_server.url


def test_the_board_fits_a_phone_and_makes_a_draft(chromium, board):
    def check(browser):
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ru-RU")
        page = context.new_page()
        page.goto(board + "/admin/login/")
        page.fill("input[name=username]", "chief")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        page.goto(board + "/admin/budget/")
        cards = page.locator(".budget-item")
        assert cards.count() == 3
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 390, width
        for n in range(3):
            box = cards.nth(n).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        late = page.locator(".budget-item--overdue")
        assert late.count() == 1
        assert "Срок прошёл" in late.inner_text()
        # The filters are Wagtail's, in its drawer.
        assert page.locator("select[name=desk]").count() == 1
        page.screenshot(path=ARTIFACTS / "budget-board-390.png", full_page=True)

        session = cards.filter(has_text="Заседание Правительства")
        session.get_by_role("button", name="Создать черновик").click()
        page.wait_for_load_state()
        assert "/admin/pages/" in page.url and "/edit/" in page.url
        assert page.locator("#id_title").input_value().startswith("Заседание Правительства")
        context.close()

    chromium.run(check)
    assert ArticlePage.objects.filter(title__startswith="Заседание Правительства").exists()
