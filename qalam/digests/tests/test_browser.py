"""A reader subscribes on a phone without JavaScript, corrects a wrong address, confirms
from the email a real SMTP server received, and the form passes axe's checks of labels,
names and landmarks."""

from django.conf import settings

import pytest

from qalam.browser import axe_violations
from qalam.digests.models import Subscriber

from .conftest import link_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
ARTIFACTS = settings.BASE_DIR / "test-artifacts"
RULES = [
    "label",
    "region",
    "landmark-unique",
    "button-name",
    "aria-valid-attr-value",
    "color-contrast",
]


def test_a_reader_subscribes_and_confirms_on_a_phone_without_javascript(
    chromium, live_server, smtp_server, rubrics
):
    url = live_server.url

    def subscribe(browser):
        context = browser.new_context(
            viewport={"width": 360, "height": 800}, java_script_enabled=False
        )
        page = context.new_page()
        page.goto(url + "/")
        page.click(".site-footer__subscribe a")
        page.fill("input[type=email]", "aigerim@example")
        page.get_by_label("Экономика", exact=True).check()
        page.click(".subscribe__form button[type=submit]")
        error = page.locator(".field--error .field__error").inner_text()
        kept = page.input_value("input[type=email]")
        checked = page.get_by_label("Экономика", exact=True).is_checked()
        page.screenshot(path=ARTIFACTS / "digests-subscribe-error.png", full_page=True)
        page.fill("input[type=email]", "aigerim@example.org")
        page.click(".subscribe__form button[type=submit]")
        answer = page.locator("h1").inner_text()
        context.close()
        return error, kept, checked, answer

    error, kept, checked, answer = chromium.run(subscribe)
    assert "name@example.org" in error
    assert (kept, checked) == ("aigerim@example", True)
    assert answer == "Проверьте почту"

    [message] = smtp_server.wait_for(1)
    confirm = link_in(message, "confirm").replace(settings.QALAM_BASE_URL.rstrip("/"), url)

    def press(browser):
        page = browser.new_page(viewport={"width": 360, "height": 800})
        page.goto(confirm)
        page.click("main button[type=submit]")
        answer = page.locator("h1").inner_text()
        page.close()
        return answer

    assert chromium.run(press) == "Вы подписаны"
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.ACTIVE
    assert [r.title for r in subscriber.rubrics.all()] == ["Экономика"]


def test_the_subscription_form_passes_axe(chromium, live_server, rubrics, axe):
    def check(browser):
        found = []
        for width in (360, 1280):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(live_server.url + "/subscribe/")
            page.fill("input[type=email]", "not an address")
            page.click(".subscribe__form button[type=submit]")  # the form with its error
            found += axe_violations(page, RULES)
            page.close()
        return found

    assert chromium.run(check) == []
