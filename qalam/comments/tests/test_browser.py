"""The comment queue as an editor's Chromium shows it, on a desktop and on a phone, and the
comment form's errors as a reader sees them. Screenshots go to test-artifacts/."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.comments.factories import CommentFactory
from qalam.comments.models import Comment, Status

# serialized_rollback puts back what migrations created (root page, groups) after a flush.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS = settings.BASE_DIR / "test-artifacts"
QUEUE = "/admin/snippets/comments/comment/"
PASSWORD = "moderate-2026"


@pytest.fixture
def queue(live_server, rubric):
    """An editor of the Editors group and a queue with a comment in each state."""
    editor = get_user_model().objects.create_user("moderator", password=PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    article = ArticlePageFactory(parent=rubric, title="Перспективы партнерства")
    approved = CommentFactory(article=article, status=Status.APPROVED, text="Уже на сайте")
    return {
        "approved": approved,
        "pending": CommentFactory(
            article=article,
            status=Status.PENDING,
            text="А когда подпишут соглашение?",
            moderation_reason="первый комментарий с этого email",
            # 19:10 UTC is 00:10 the next day in Almaty.
            created_at=datetime.datetime(2026, 11, 25, 19, 10, tzinfo=datetime.UTC),
        ),
        "reply": CommentFactory(
            article=article, parent=approved, status=Status.PENDING, text="Согласен"
        ),
        "spam": CommentFactory(
            article=article,
            status=Status.SPAM,
            text="Лучшее казино",
            moderation_reason="слово спама: казино",
        ),
        "url": live_server.url,
    }


def editor_page(browser, url, width, javascript=True):
    """The queue in a logged-in editor's browser, and the problems it reports."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=javascript
    )
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(url + "/admin/login/")
    page.fill("input[name=username]", "moderator")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.goto(url + QUEUE)
    return page, problems


def row(page, comment):
    return page.locator("tr", has=page.locator(f"input[data-object-id='{comment.pk}']"))


# Wagtail's admin asks for JavaScript and, without it, lays its sidebar over a phone's
# screen; the forms themselves need none, as the desktop run without JavaScript shows.
@pytest.mark.parametrize(("width", "javascript"), [(390, True), (1280, False)])
def test_one_click_approve_and_undo(chromium, queue, width, javascript):
    pending = queue["pending"]

    def approve(browser):
        page, problems = editor_page(browser, queue["url"], width, javascript)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        rows = page.locator("table.listing tbody tr")
        # The status tag is set in capitals by the admin's stylesheet.
        assert "ждёт проверки" in rows.nth(0).inner_text().casefold()
        assert "ждёт проверки" in rows.nth(1).inner_text().casefold()
        shown = row(page, pending)
        assert "первый комментарий с этого email" in shown.inner_text()
        assert "26 ноября 2026, 00:10" in shown.inner_text()
        assert shown.get_by_role("button", name="Одобрить").is_visible()
        page.screenshot(path=ARTIFACTS / f"comment-queue-{width}.png", full_page=True)
        shown.get_by_role("button", name="Одобрить").click()
        page.wait_for_load_state()
        assert page.url.endswith(QUEUE)
        message = page.locator(".messages li")
        assert "одобрен" in message.inner_text()
        assert message.get_by_role("button", name="Отменить").is_visible()
        page.screenshot(path=ARTIFACTS / f"comment-queue-approved-{width}.png", full_page=True)
        assert problems == []
        return page

    page = chromium.run(approve)
    pending.refresh_from_db()
    assert pending.status == Status.APPROVED

    def undo(browser):
        page.locator(".messages li").get_by_role("button", name="Отменить").click()
        page.wait_for_load_state()
        assert "снова ждёт проверки" in page.locator(".messages li").inner_text()

    chromium.run(undo)
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


def test_each_row_names_and_links_its_comment_on_a_desktop(chromium, queue):
    spam = queue["spam"]
    listed = Comment.objects.count()

    def check(browser):
        page, problems = editor_page(browser, queue["url"], width=1280)
        checkboxes = page.locator("input[data-bulk-action-checkbox]")
        assert checkboxes.count() == listed
        for index in range(checkboxes.count()):
            described_by = checkboxes.nth(index).get_attribute("aria-describedby")
            assert page.locator(f"[id='{described_by}']").count() == 1, described_by
        title = row(page, queue["reply"]).locator(f"#snippet_{queue['reply'].pk}_title")
        assert title.inner_text() == "Согласен"
        assert "/edit/" in title.locator("xpath=..").get_attribute("href")
        assert "Ответ на комментарий: Читатель" in row(page, queue["reply"]).inner_text()
        assert "слово спама: казино" in row(page, spam).inner_text()
        row(page, spam).get_by_role("button", name="Отклонить").click()
        page.wait_for_load_state()
        assert "отклонён" in page.locator(".messages li").inner_text()
        assert problems == []

    chromium.run(check)
    spam.refresh_from_db()
    assert spam.status == Status.REJECTED


def test_a_wrong_website_is_named_once_in_the_readers_browser(
    chromium, rubric, live_server, settings
):
    article = ArticlePageFactory(parent=rubric, title="Перспективы партнерства")
    settings.QALAM_COMMENT_MIN_SECONDS = 0
    article_url = live_server.url + article.url

    def post(browser):
        page = browser.new_page(viewport={"width": 390, "height": 900})
        page.goto(article_url)
        page.get_by_role("textbox", name="Имя (обязательно)").fill("Айгерим")
        page.get_by_role("textbox", name="Email (обязательно)").fill("aigerim@example.kz")
        # The browser's own check lets this through; the server's does not.
        page.get_by_role("textbox", name="Сайт").fill("http://moy-sayt")
        page.get_by_role("textbox", name="Комментарий (обязательно)").fill("Спасибо!")
        page.locator("form.comment-form button[type=submit]").click()
        page.wait_for_load_state()
        error = page.locator("#id_url-error").inner_text()
        assert error == "Введите правильный URL."
        page.close()

    chromium.run(post)
