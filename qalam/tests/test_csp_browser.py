"""Content-Security-Policy in Chromium: every public page type and the admin's main screens
load with no violation reported (docs/security.md). Readers' pages come twice, the second
time from the page cache, which must carry the policy too and never a nonce."""

from django.conf import settings

import pytest

from qalam.comments.models import Comment
from qalam.images.models import QalamImage
from qalam.newsroom.factories import PASSWORD, StaffFactory
from qalam.rubrics.models import RubricPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Each violation the page reports, as the browser saw it (directive, blocked, where).
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__violations.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
        `at ${event.sourceFile}:${event.lineNumber} ${event.sample}`);
});
"""


def visit(page, url, wait_until="load"):
    """The page's CSP header and the violations reported while it loaded."""
    console = []

    def listen(message):
        console.append(message.text)

    page.on("console", listen)
    response = page.goto(url, wait_until=wait_until)
    page.wait_for_timeout(200)
    page.remove_listener("console", listen)
    reported = page.evaluate("window.__violations")
    reported += [text for text in console if "Content Security Policy" in text]
    return response, reported


def new_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    context.add_init_script(LISTEN)
    return context.new_page()


def test_no_public_page_type_reports_a_violation(chromium, live_server, public_pages):
    settings.QALAM_PAGE_CACHE = True
    pages = {name: url for name, (url, _shows, *data) in public_pages.items() if not data}
    assert len(pages) >= 19

    def read_all(browser):
        page = new_page(browser)
        found = {}
        for name, url in pages.items():
            for copy in ("made", "cached"):
                response, reported = visit(page, live_server.url + url)
                policy = response.headers.get("content-security-policy", "")
                found[f"{name} ({copy})"] = (policy, reported)
        page.context.close()
        return found

    try:
        found = chromium.run(read_all)
    finally:
        settings.QALAM_PAGE_CACHE = False
    violations = [f"{name}: {line}" for name, (_p, reported) in found.items() for line in reported]
    assert violations == [], "\n".join(violations)
    for name, (policy, _reported) in found.items():
        assert "script-src 'self'" in [part.strip() for part in policy.split(";")], name
        assert "nonce-" not in policy, name


def test_the_admins_main_screens_report_no_violation(chromium, live_server, public_pages):
    StaffFactory(username="chief", is_superuser=True)
    story = Comment.objects.first().article
    rubric = RubricPage.objects.get(slug="politika")
    image = QalamImage.objects.first()
    screens = [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{rubric.pk}/",
        f"/admin/pages/{story.pk}/edit/",
        f"/admin/pages/add/articles/articlepage/{rubric.pk}/",
        "/admin/images/",
        f"/admin/images/{image.pk}/",
        "/admin/budget/",
        "/admin/snippets/comments/comment/",
        "/django-admin/",
    ]

    def read_all(browser):
        page = new_page(browser)
        found = {"/admin/login/": visit(page, live_server.url + "/admin/login/")[1]}
        page.fill("input[name=username]", "chief")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(live_server.url + "/admin/")
        policies = {}
        for screen in screens:
            response, found[screen] = visit(page, live_server.url + screen, "networkidle")
            assert response.ok, screen
            policies[screen] = response.headers.get("content-security-policy", "")
        page.context.close()
        return found, policies

    found, policies = chromium.run(read_all)
    violations = [f"{screen}: {line}" for screen, reported in found.items() for line in reported]
    assert violations == [], "\n".join(violations)
    assert all("object-src 'none'" in policy for policy in policies.values())
