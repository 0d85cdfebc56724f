"""The editor's screens as Chromium shows them, at a desk (1280 px) and on a phone (390 px):
the headline field, the schedule dialog and a rubric's listing. Screenshots go to
test-artifacts/."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.authors.factories import AuthorFactory
from qalam.home.editions import ensure_editions
from qalam.rubrics.factories import RubricPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS = settings.BASE_DIR / "test-artifacts"
PASSWORD = "desk-2026"
LONG_HEADLINE = (
    "Казахстанские и туркменские компании подписали в Туркестане контракты на 500 миллионов "
    "долларов: газ, транспортный коридор и совместное производство удобрений"
)
WIDTHS = [1280, 390]


@pytest.fixture
def desk(live_server):
    """A rubric holding a live article with a byline, a draft and a scheduled article."""
    get_user_model().objects.create_superuser("desk", password=PASSWORD)
    home = ensure_editions()["ru"]
    rubric = RubricPageFactory(parent=home, title="Официально", slug="ofitsialno")
    author = AuthorFactory(name="Айгерим Сарсенова")
    article = ArticlePageFactory(parent=rubric, title=LONG_HEADLINE, authors=[author])
    draft = ArticlePageFactory(parent=rubric, title="Черновик о тарифах", live=False)
    draft.save_revision()
    scheduled = ArticlePageFactory(
        parent=rubric, title="Итоги форума", live=False, first_published_at=None
    )
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=1)
    scheduled.save_revision().publish()
    return {
        "url": live_server.url,
        "rubric": rubric,
        "article": article,
        "draft": draft,
        "scheduled": scheduled,
    }


def signed_in(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ru-RU")
    page = context.new_page()
    page.goto(site + "/admin/login/")
    page.fill("input[name=username]", "desk")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page


@pytest.mark.parametrize("width", WIDTHS)
def test_a_long_headline_is_seen_whole(chromium, desk, width):
    def check(browser):
        page = signed_in(browser, desk["url"], width)
        page.goto(f"{desk['url']}/admin/pages/{desk['article'].pk}/edit/")
        headline = page.locator("#id_title")
        assert headline.input_value() == LONG_HEADLINE
        size = headline.evaluate(
            "field => ({scrollWidth: field.scrollWidth, clientWidth: field.clientWidth,"
            " scrollHeight: field.scrollHeight, clientHeight: field.clientHeight,"
            " right: field.getBoundingClientRect().right})"
        )
        assert size["scrollWidth"] <= size["clientWidth"], size  # nothing cut off at the side
        assert size["scrollHeight"] <= size["clientHeight"] + 1, size  # nor at the bottom
        assert size["right"] <= width, size
        page.screenshot(path=ARTIFACTS / f"editor-headline-{width}.png")

    chromium.run(check)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_schedule_dialog_names_the_time_zone_and_its_picker_leaves_save_free(
    chromium, desk, width
):
    def check(browser):
        page = signed_in(browser, desk["url"], width)
        page.goto(f"{desk['url']}/admin/pages/{desk['article'].pk}/edit/")
        page.locator("[data-side-panel-toggle='status']").first.click()
        page.locator("[data-a11y-dialog-show='schedule-publishing-dialog']").first.click()
        dialog = page.locator("#schedule-publishing-dialog")
        assert "Asia/Almaty (UTC+05:00)" in dialog.inner_text()

        dialog.locator("input[name=go_live_at]").click()
        picker = dialog.locator(".xdsoft_datetimepicker").first
        picker.wait_for(state="visible")
        save = dialog.get_by_role("button", name="Сохранить расписание")
        save.scroll_into_view_if_needed()
        under, over = save.bounding_box(), picker.bounding_box()
        assert (
            under["y"] >= over["y"] + over["height"]
            or under["x"] >= over["x"] + over["width"]
            or over["x"] >= under["x"] + under["width"]
        ), (under, over)
        save.click(trial=True, timeout=2000)  # fails when anything lies over the button
        page.screenshot(path=ARTIFACTS / f"editor-schedule-{width}.png")

    chromium.run(check)


def test_a_rubric_listing_shows_publication_and_authors_and_filters_by_status(chromium, desk):
    moment = timezone.localtime(desk["article"].first_published_at).strftime("%d.%m.%Y %H:%M")

    def check(browser):
        page = signed_in(browser, desk["url"], 1280)
        page.goto(f"{desk['url']}/admin/pages/{desk['rubric'].pk}/")
        headers = page.locator("table.listing thead").inner_text()
        assert "Публикация" in headers and "Авторы" in headers
        row = page.locator("table.listing tbody tr", has_text=LONG_HEADLINE)
        assert "Айгерим Сарсенова" in row.inner_text()
        assert moment in row.inner_text()

        for status, shown in [
            ("Черновик", desk["draft"]),
            ("Запланировано", desk["scheduled"]),
            ("Опубликовано", desk["article"]),
        ]:
            page.goto(f"{desk['url']}/admin/pages/{desk['rubric'].pk}/")
            page.get_by_role("button", name="Показать фильтры").click()
            page.locator("button.w-drilldown__toggle", has_text="Статус").click()
            page.locator("#drilldown-id_status").get_by_label(status, exact=True).check()
            page.wait_for_function(
                "title => document.querySelectorAll('table.listing tbody tr').length === 1"
                " && document.querySelector('table.listing tbody').innerText.includes(title)",
                arg=shown.title,
            )
        page.screenshot(path=ARTIFACTS / "editor-rubric-listing-filtered.png")

    chromium.run(check)


def test_headlines_in_a_rubric_listing_read_on_a_phone(chromium, desk):
    def check(browser):
        page = signed_in(browser, desk["url"], 390)
        page.goto(f"{desk['url']}/admin/pages/{desk['rubric'].pk}/")
        cells = page.locator("table.listing tbody td.title")
        widths = cells.evaluate_all("cells => cells.map(cell => cell.clientWidth)")
        assert len(widths) == 3 and min(widths) >= 240, widths
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=ARTIFACTS / "editor-rubric-listing-390.png", full_page=True)

    chromium.run(check)
