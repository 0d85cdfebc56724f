"""The seed article as a reader's Chromium shows it. Screenshots go to test-artifacts/.

Each check runs in the browser's own thread (see qalam.browser); an assertion that fails
there fails the test."""

import re

from django.conf import settings
from django.core.management import call_command

import pytest

from qalam.browser import axe_violations

# serialized_rollback puts back what migrations created (root page, collection) after a flush.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEED = "/ofitsialno/perspektivy-partnerstva/"
ARTIFACTS = settings.BASE_DIR / "test-artifacts"


@pytest.fixture
def site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


def open_page(browser, url, width=1280, javascript=True):
    """A page at `url` and the list of problems it reports: console errors, script
    errors and failed requests."""
    context = browser.new_context(
        viewport={"width": width, "height": 800}, java_script_enabled=javascript
    )
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )
    page.goto(url)
    return page, problems


def test_seed_article_shows_every_part_of_the_page(chromium, site):
    def check(browser):
        page, problems = open_page(browser, site + SEED)
        assert page.locator(".article__rubric a").inner_text().casefold() == "официально"
        assert page.locator("h1").inner_text() == "Перспективы партнерства"
        assert (
            page.locator(".article__lead").inner_text().startswith("Президент Касым-Жомарт ТОКАЕВ")
        )
        date = page.locator(".article__meta time").inner_text()
        assert re.fullmatch(r"\d{1,2} [а-я]+ \d{4}, 15:43", date), date
        placeholder = page.locator(".article__photo img.placeholder")
        assert placeholder.is_visible()
        assert placeholder.evaluate("img => img.complete && img.naturalWidth > 0")
        assert placeholder.evaluate("img => img.currentSrc").endswith(".webp")
        assert placeholder.get_attribute("alt")
        assert page.locator(".article__body .block-quote").count() == 2
        assert page.locator("#related-heading").inner_text() == "Статьи по теме"
        links = page.locator(".related .card__title a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        assert 3 <= len(links) <= 6
        assert all(link.startswith("/") and link != SEED for link in links)
        assert page.locator("a.to-top").is_visible()
        page.screenshot(path=ARTIFACTS / "seed-article-desktop.png", full_page=True)
        assert problems == []

    chromium.run(check)


def test_back_to_top_works_without_javascript(chromium, site):
    def check(browser):
        page, problems = open_page(browser, site + SEED, javascript=False)
        header = page.locator(".site-header")
        page.mouse.wheel(0, 20000)
        page.wait_for_timeout(300)
        assert header.bounding_box()["y"] < 0

        back = page.locator("a.to-top")
        assert back.get_attribute("href") == "#top"
        back.focus()
        page.keyboard.press("Enter")
        for _ in range(30):  # smooth scrolling takes a moment on a long page
            if header.bounding_box()["y"] == 0:
                break
            page.wait_for_timeout(100)
        assert header.bounding_box()["y"] == 0
        assert page.url.endswith("#top")
        assert problems == []

    chromium.run(check)


@pytest.mark.parametrize("path", ["/", SEED, "/ofitsialno/", "/kk/", "/en/"])
def test_pages_fit_a_360_pixel_phone(chromium, site, path):
    def check(browser):
        page, problems = open_page(browser, site + path, width=360)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        name = path.strip("/").replace("/", "-") or "home"
        page.screenshot(path=ARTIFACTS / f"phone-{name}.png", full_page=True)
        assert problems == []

    chromium.run(check)


def test_keyboard_reaches_the_menu_and_shows_where_focus_is(chromium, site):
    def check(browser):
        page, _ = open_page(browser, site + SEED)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"

    chromium.run(check)


def test_a_reader_comments_without_javascript_and_an_editor_approves(chromium, site):
    """The whole round trip with JavaScript off for the reader: post, see the moderation
    message, an editor approves in the admin, the comment is on the page."""
    from django.contrib.auth import get_user_model

    from qalam.comments.models import Comment

    # Not «moderator»: on SQLite the demo makes that account (one per newsroom role).
    get_user_model().objects.create_superuser("chief_moderator", password="moderate-2026")

    def post(browser):
        page, problems = open_page(browser, site + SEED, javascript=False)
        form = page.locator("form.comment-form")
        assert form.locator("h2").inner_text() == "Добавить комментарий"
        page.get_by_role("textbox", name="Имя (обязательно)").fill("Айгерим")
        page.get_by_role("textbox", name="Email (обязательно)").fill("aigerim@example.kz")
        text = page.get_by_role("textbox", name="Комментарий (обязательно)")
        text.fill("Важная встреча.\nСпасибо за репортаж!")
        page.wait_for_timeout(3100)  # the form's minimum fill time
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        assert page.url.endswith(SEED + "#comments")
        assert "появится после проверки" in page.locator(".notice").inner_text()
        assert page.locator(".comment").count() == 0
        page.screenshot(path=ARTIFACTS / "comment-posted.png", full_page=True)
        assert problems == []

    chromium.run(post)
    comment = Comment.objects.get(email="aigerim@example.kz")
    assert comment.status == "pending"

    def approve(browser):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.goto(site + "/admin/login/")
        page.fill("input[name=username]", "chief_moderator")
        page.fill("input[name=password]", "moderate-2026")
        page.click("button[type=submit]")
        page.wait_for_load_state()
        page.goto(site + "/admin/snippets/comments/comment/")
        assert "aigerim@example.kz" in page.locator("table.listing").inner_text()
        page.check(f"input[data-object-id='{comment.pk}']")
        page.locator("[data-bulk-action-button]", has_text="Одобрить").first.click()
        page.wait_for_load_state()
        page.locator("form button[type=submit], form input[type=submit]").filter(
            has_text="Да"
        ).first.click()
        page.wait_for_load_state()

        reader, problems = open_page(browser, site + SEED, javascript=False)
        shown = reader.locator(f"#comment-{comment.pk}")
        assert shown.locator(".comment__author").inner_text() == "Айгерим"
        assert "Важная встреча." in shown.locator(".comment__text").inner_text()
        assert "aigerim@example.kz" not in reader.content()
        assert reader.locator("#comments-heading").inner_text() == "1 комментарий"
        assert problems == []

    chromium.run(approve)


def test_a_website_without_its_scheme_is_sent_and_kept_with_https(chromium, site):
    """Readers write «example.kz»; the form accepts it and adds https://, so the browser must
    not refuse it first as a url input would."""
    from qalam.comments.models import Comment

    def post(browser):
        page, problems = open_page(browser, site + SEED, javascript=False)
        page.get_by_role("textbox", name="Имя (обязательно)").fill("Айгерим")
        page.get_by_role("textbox", name="Email (обязательно)").fill("aigerim@example.kz")
        page.get_by_role("textbox", name="Сайт").fill("example.kz/aigerim")
        page.get_by_role("textbox", name="Комментарий (обязательно)").fill("Спасибо!")
        page.wait_for_timeout(3100)  # the form's minimum fill time
        page.locator("form.comment-form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.url.endswith(SEED + "#comments")
        assert problems == []

    chromium.run(post)
    assert Comment.objects.get(email="aigerim@example.kz").url == "https://example.kz/aigerim"


# Everything a reader reads or types in on the article page.
READ_OR_TYPED = (
    ".article__title, .article__lead, .article__body p, .article__body li, .article__body h2, "
    ".article__body figcaption, .article__body td, .article__body th, .related .card__title, "
    ".comment-form input:not([type=hidden]), .comment-form textarea, .comment-form button"
)


def test_back_to_top_leaves_text_and_form_fields_clear_on_a_phone(chromium, site):
    def check(browser):
        page, problems = open_page(browser, site + SEED, width=360)
        back = page.locator("a.to-top")
        assert back.inner_text() == "Наверх"
        assert "↑" in back.evaluate("a => getComputedStyle(a, '::before').content")
        height = page.evaluate("document.documentElement.scrollHeight")
        overlaps = set()
        for top in range(0, height, 200):  # the whole page, a screen at a time
            page.evaluate("top => window.scrollTo({top, behavior: 'instant'})", top)
            overlaps |= set(
                back.evaluate(
                    """(back, selector) => {
                        const a = back.getBoundingClientRect();
                        return [...document.querySelectorAll(selector)].filter(el => {
                            const b = el.getBoundingClientRect();
                            return b.width && a.left < b.right && b.left < a.right
                                && a.top < b.bottom && b.top < a.bottom;
                        }).map(el => el.tagName + '.' + el.className);
                    }""",
                    READ_OR_TYPED,
                )
            )
        assert overlaps == set()
        page.screenshot(path=ARTIFACTS / "phone-back-to-top.png")
        assert problems == []

    chromium.run(check)


@pytest.mark.parametrize("path", [SEED, "/search/?q=Туркестан", "/"])
def test_landmarks_and_names_pass_axe(chromium, site, axe, path):
    rules = ["region", "label-content-name-mismatch", "landmark-unique"]

    def check(browser):
        for width in (360, 1280):
            page, _ = open_page(browser, site + path, width=width)
            assert axe_violations(page, rules) == []

    chromium.run(check)
