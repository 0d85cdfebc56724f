"""The newsroom in Chromium, as each role: the reporter turns the day's planned story into a
draft from the budget's board, writes it and sends it to the desk's editor, with no way to
publish it; the editor of another desk has nothing to approve and is refused the article;
the editor of the desk approves it from the dashboard, readers have it at once (the page
cache on), and the board shows the plan published without anyone touching it. Screenshots
go to test-artifacts/."""

from django.conf import settings

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.articles.models import ArticlePage
from qalam.authors.factories import AuthorFactory
from qalam.budget.factories import PlannedStoryFactory
from qalam.budget.models import PlannedStory, Status
from qalam.home.editions import ensure_editions
from qalam.newsroom.factories import PASSWORD, StaffFactory
from qalam.newsroom.models import RoleCode
from qalam.newsroom.roles import setup_desk, setup_newsroom
from qalam.rubrics.factories import RubricPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS = settings.BASE_DIR / "test-artifacts"
HEADLINE = "Маслихат Астаны утвердил бюджет на 2027 год"
LEAD = "Депутаты городского маслихата приняли бюджет столицы на следующий год."


@pytest.fixture
def newsroom(live_server, settings):
    settings.QALAM_PAGE_CACHE = True
    homes = ensure_editions()
    setup_newsroom()
    politics = RubricPageFactory(parent=homes["ru"], title="Политика", slug="politika")
    sport = RubricPageFactory(parent=homes["ru"], title="Спорт", slug="sport")
    ArticlePageFactory(parent=politics, title="Выборы назначены")
    desks = {"politics": setup_desk(politics), "sport": setup_desk(sport)}
    people = {
        "reporter": ("politics", RoleCode.REPORTER, "Айдана", "Сейткали"),
        "editor": ("politics", RoleCode.DESK_EDITOR, "Марат", "Оспанов"),
        "sport_editor": ("sport", RoleCode.DESK_EDITOR, "Ерлан", "Бекова"),
    }
    staff = {
        login: StaffFactory(
            username=login, first_name=first, last_name=last, groups=[desks[desk][code]]
        )
        for login, (desk, code, first, last) in people.items()
    }
    AuthorFactory(name="Айдана Сейткали")  # the reporter's byline
    PlannedStoryFactory(
        title=HEADLINE,
        desk=politics,
        languages=[politics.locale],
        assignees=[staff["reporter"]],
        status=Status.ASSIGNED,
    )
    return {"url": live_server.url, "politics": politics}


def signed_in(browser, site, login, width=1280):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ru-RU")
    page = context.new_page()
    page.goto(site + "/admin/login/")
    page.fill("input[name=username]", login)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(site + "/admin/")
    return page


def plan_card(page):
    return page.locator(".budget-item", has_text=HEADLINE)


def reporter_writes_and_submits(browser, site):
    page = signed_in(browser, site, "reporter")
    page.goto(site + "/admin/budget/")
    with page.expect_navigation():
        plan_card(page).get_by_role("button", name="Создать черновик").click()
    assert "/edit/" in page.url
    assert page.input_value("#id_title") == HEADLINE  # the plan's working title
    page.fill("#id_lead", LEAD)
    footer = page.locator("footer")
    footer.locator("[data-w-dropdown-target='toggle']").first.click()
    submit = footer.locator("button[name='action-submit']")
    submit.wait_for(state="visible")
    assert submit.inner_text().strip() == "Отправить: Проверка редактором"
    assert page.locator("button[name='action-publish']").count() == 0
    page.screenshot(path=ARTIFACTS / "newsroom-reporter.png")
    with page.expect_navigation():
        submit.click()
    return page


def test_a_reporter_submits_and_the_desks_editor_publishes_for_readers_at_once(chromium, newsroom):
    site, rubric = newsroom["url"], newsroom["politics"]

    def reporter(browser):
        page = reporter_writes_and_submits(browser, site)
        page.goto(site + "/admin/")
        assert HEADLINE in page.locator("main").inner_text()  # «your pages in review»

    chromium.run(reporter)
    story = ArticlePage.objects.get(title=HEADLINE)
    assert not story.live and story.current_workflow_state is not None
    assert [link.author.name for link in story.article_authors.all()] == ["Айдана Сейткали"]
    assert PlannedStory.objects.get().status == Status.IN_REVIEW

    def readers_before(browser):
        page = browser.new_page()
        assert page.goto(site + rubric.url).ok  # cached for readers from now on
        assert HEADLINE not in page.content()
        page.close()

    chromium.run(readers_before)

    def other_desk(browser):
        page = signed_in(browser, site, "sport_editor")
        assert HEADLINE not in page.locator("main").inner_text()
        response = page.goto(f"{site}/admin/pages/{story.pk}/edit/")
        assert response.status == 403
        assert "нет доступа" in page.locator("main").inner_text()
        page.screenshot(path=ARTIFACTS / "newsroom-refused.png")

    chromium.run(other_desk)

    def editor(browser):
        page = signed_in(browser, site, "editor")
        row = page.locator("table.listing--dashboard tr", has_text=HEADLINE)
        row.locator("[data-w-dropdown-target='toggle']").click()
        approve = page.get_by_role("button", name="Одобрить", exact=True)
        approve.wait_for(state="visible")
        page.screenshot(path=ARTIFACTS / "newsroom-editor.png", full_page=True)
        with page.expect_navigation():
            approve.click()

    chromium.run(editor)
    story.refresh_from_db()
    assert story.live

    def readers_after(browser):
        page = browser.new_page()
        assert HEADLINE in page.goto(site + rubric.url).text()
        response = page.goto(site + story.url)
        assert response.ok and HEADLINE in page.locator("h1").inner_text()
        page.close()

    chromium.run(readers_after)

    def board_after(browser):
        page = signed_in(browser, site, "reporter")
        page.goto(site + "/admin/budget/")
        card = plan_card(page)
        assert card.locator(".budget-status").inner_text().strip().lower() == "опубликован"
        assert card.get_by_role("button", name="Создать черновик").count() == 0
        page.screenshot(path=ARTIFACTS / "newsroom-board-published.png", full_page=True)

    chromium.run(board_after)
