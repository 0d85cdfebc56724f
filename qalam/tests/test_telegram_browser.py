"""The editor's view of Telegram in Chromium: the story is published in the admin with the
silent choice, the tests' Bot API server receives the post, and the edit screen shows where
it went with a link to it; the settings screen says plainly when no token is set.
Screenshots go to test-artifacts/ and docs/."""

from django.conf import settings
from django.contrib.auth import get_user_model

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.articles.models import ArticlePage
from qalam.home.editions import ensure_editions
from qalam.rubrics.factories import RubricPageFactory
from qalam.telegram.tests.botapi import serve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DOCS = settings.BASE_DIR / "docs"
HEADLINE = "Маслихат Астаны утвердил бюджет на 2027 год"


@pytest.fixture
def newsroom(live_server, settings):
    api = serve(settings)
    homes = ensure_editions()
    rubric = RubricPageFactory(parent=homes["ru"], title="Политика", slug="politika")
    get_user_model().objects.create_superuser("editor", password="pass-2026")
    yield {"url": live_server.url, "rubric": rubric, "api": api, "site": homes["ru"].get_site()}
    api.stop()


def signed_in(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    page = context.new_page()
    page.goto(site + "/admin/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "pass-2026")
    page.click("button[type=submit]")
    page.wait_for_url(site + "/admin/")
    return page


def test_the_editor_publishes_and_sees_the_post(chromium, newsroom, settings):
    site, rubric, api = newsroom["url"], newsroom["rubric"], newsroom["api"]

    def publish(browser):
        page = signed_in(browser, site)
        page.goto(f"{site}/admin/pages/add/articles/articlepage/{rubric.pk}/")
        page.fill("#id_title", HEADLINE)
        page.fill("#id_lead", "Депутаты городского маслихата приняли бюджет столицы.")
        status = page.locator("[data-telegram-status]")
        assert "уйдёт в @qalam_news" in status.inner_text()
        page.locator("#id_telegram_choice-ADD").click()
        page.select_option("#id_telegram_choice-0-mode", "silent")
        footer = page.locator("footer")
        footer.locator("[data-w-dropdown-target='toggle']").first.click()
        footer.locator("button[name='action-publish']").click()
        page.wait_for_url(f"{site}/admin/pages/{rubric.pk}/")

    chromium.run(publish)
    story = ArticlePage.objects.get(title=HEADLINE)
    [((chat, message_id), message)] = api.messages.items()
    assert chat == "@qalam_news" and message["silent"]
    assert message["text"].startswith(HEADLINE)

    def status(browser):
        page = signed_in(browser, site)
        page.goto(f"{site}/admin/pages/{story.pk}/edit/")
        section = page.locator("[data-telegram-status]")
        section.scroll_into_view_if_needed()
        text = section.inner_text()
        link = section.get_by_role("link")
        href = link.get_attribute("href")
        panel = page.locator("section", has=section).last
        panel.screenshot(path=DOCS / "telegram-status.png")
        return text, href

    text, href = chromium.run(status)
    assert "Telegram: отправлено в @qalam_news" in text
    assert href == f"https://t.me/qalam_news/{message_id}"

    # A second story, the bot removed from the channel meanwhile: the reason is on its screen.
    api.missing_chats.add("@qalam_news")
    refused = ArticlePageFactory(parent=rubric, live=False, first_published_at=None)
    refused.save_revision(user=get_user_model().objects.get(username="editor")).publish()

    def failure(browser):
        page = signed_in(browser, site)
        page.goto(f"{site}/admin/pages/{refused.pk}/edit/")
        section = page.locator("[data-telegram-status]")
        section.scroll_into_view_if_needed()
        section.screenshot(path=DOCS / "telegram-failed.png")
        return section.inner_text()

    assert "Telegram: не отправлено — Bad Request: chat not found" in chromium.run(failure)

    settings.QALAM_TELEGRAM_BOT_TOKEN = ""  # as the demo runs: channels named, nothing sent

    def settings_screen(browser):
        page = signed_in(browser, site)
        page.goto(f"{site}/admin/settings/telegram/telegramsettings/{newsroom['site'].pk}/")
        text = page.locator("[data-telegram-settings]").inner_text()
        page.screenshot(path=DOCS / "telegram-settings.png", full_page=True)
        return text

    text = chromium.run(settings_screen)
    assert "Нет токена бота" in text and "@qalam_kz" in text
