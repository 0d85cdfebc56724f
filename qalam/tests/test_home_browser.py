"""The Kazakh edition's home page as a reader's Chromium shows it: its title, description,
footer and placeholder photo speak Kazakh, with the demo's texts for every edition.
Screenshots go to test-artifacts/."""

from django.conf import settings

from wagtail.models import Site

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.core.factories import EditionSettingsFactory
from qalam.core.models import SiteSettings
from qalam.demo.loader import EDITION_TEXTS
from qalam.home.editions import ensure_editions
from qalam.images.factories import QalamImageFactory
from qalam.rubrics.factories import RubricPageFactory
from qalam.tests.test_browser import chromium, open_page  # noqa: F401 (a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS = settings.BASE_DIR / "test-artifacts"


@pytest.fixture
def site(live_server):
    homes = ensure_editions()
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.placeholder_image = QalamImageFactory(title="Нет фото")
    site_settings.save()
    for language, texts in EDITION_TEXTS.items():
        EditionSettingsFactory(locale=homes[language].locale, **texts)
    rubric = RubricPageFactory(parent=homes["kk"], title="Ресми", slug="resmi")
    ArticlePageFactory(
        parent=rubric, title="Тоқаев Түркістанда кездесу өткізді", lead="Кездесу.", main_image=None
    )
    return live_server.url


def test_the_kazakh_home_page_speaks_kazakh(chromium, site):  # noqa: F811
    kazakh = EDITION_TEXTS["kk"]
    others = [text for code in ("ru", "en") for text in EDITION_TEXTS[code].values()]

    def check(browser):
        page, problems = open_page(browser, site + "/kk/")
        assert page.title() == f"Qalam — {kazakh['tagline']}"
        description = page.locator('meta[name="description"]').get_attribute("content")
        assert description == kazakh["tagline"]
        footer = page.locator(".site-footer")
        assert footer.is_visible()
        footer_text = footer.inner_text()
        assert kazakh["tagline"] in footer_text
        assert kazakh["footer_text"].splitlines()[0] in footer_text
        placeholder = page.locator(".front__lead img.placeholder")
        assert placeholder.get_attribute("alt") == kazakh["placeholder_alt"]
        assert placeholder.evaluate("img => img.complete && img.naturalWidth > 0")
        html = page.content()
        assert not [text for text in others if text in html]
        page.screenshot(path=ARTIFACTS / "home-kk.png", full_page=True)
        assert problems == []

    chromium.run(check)
