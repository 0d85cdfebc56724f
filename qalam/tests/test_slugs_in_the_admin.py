"""Slugs as an editor meets them in Chromium: the admin proposes Qalam's transliteration of
the headline, a translation's slug follows its own headline, and an article abandoned after
autosave does not stop the next one with the same headline from being saved.

Each check runs in the browser's own thread (see qalam.browser)."""

import contextlib
import os

from django.conf import settings
from django.contrib.auth import get_user_model

from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.models import Locale

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.articles.models import ArticlePage
from qalam.browser import Chromium, chromium_available
from qalam.lang.slugs import latin_slug
from qalam.rubrics.factories import RubricPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS = settings.BASE_DIR / "test-artifacts"
PASSWORD = "slug-editor-2026"
RUSSIAN = "Хищные щуки: цех, йогурт и шахта"
KAZAKH = "Әуежай маңында ғалымдар қазан өңірі ұлттық үміт һәм іс"
# Every letter of both alphabets in both cases, and the ends slugify trims.
HEADLINES = [
    "Съешь же ещё этих мягких французских булок, да выпей чаю",
    "ЪЁЖИК В ЩЕЛИ: ЧЬЁ ЭХО? ЮЛЯ, ЦАПЛЯ, ЙОД, ХОР, ШУМ",
    "Әке, ғылым, қала, аң, өнер, ұл, үй, һәм, ілім",
    "ӘКЕ, ҒЫЛЫМ, ҚАЛА, АҢ, ӨНЕР, ҰЛ, ҮЙ, ҺӘМ, ІЛІМ",
    "«Астана» — чемпион!",
    "— Кто здесь?",
    "Бюджет-2027: 5 % на школы_",
    "Prospects of partnership: Kazakhstan and Türkiye",
]


@pytest.fixture(scope="module")
def chromium():
    if not chromium_available():
        message = "Chromium is not installed (apt-get install chromium)"
        if os.environ.get("QALAM_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    ARTIFACTS.mkdir(exist_ok=True)
    browser = Chromium()
    yield browser
    browser.close()


@pytest.fixture
def newsroom(live_server, homes, settings):
    # Wagtail's admin asks releases.wagtail.org for news, which tests cannot reach.
    settings.WAGTAIL_ENABLE_UPDATE_CHECK = False
    get_user_model().objects.create_superuser("editor", password=PASSWORD)
    society = RubricPageFactory(parent=homes["ru"], title="Общество", slug="obshchestvo")
    kogam = society.copy_for_translation(Locale.objects.get(language_code="kk"))
    kogam.title, kogam.slug = "Қоғам", "kogam"
    kogam.save_revision().publish()
    return live_server.url, {"ru": society, "kk": kogam}


@contextlib.contextmanager
def editor_tab(browser, site):
    """A signed-in editor's tab in the admin and the problems it reports: script errors and
    failed requests. The tab closes once its requests are answered: an editor's request
    still running when the test ends would write into the next test's database."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems, pending = [], set()
    page.on("request", lambda r: pending.add(r))
    page.on("requestfinished", lambda r: pending.discard(r))
    page.on("requestfailed", lambda r: pending.discard(r))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    try:
        yield page, problems
    finally:
        for _ in range(100):  # what the editor set going (autosave, its session) finishes
            if not pending:
                break
            page.wait_for_timeout(100)
        context.close()


def open_editor(page, url):
    """The editor at `url`, once Wagtail watches its form for changes: it takes the form as
    it stands a moment after loading as the unchanged state, and autosaves what differs."""
    page.goto(url)
    page.wait_for_function(
        """() => {
            const form = document.querySelector('form[data-controller~="w-unsaved"]');
            const app = window.wagtail.app;
            return app.getControllerForElementAndIdentifier(form, 'w-unsaved').initialFormData;
        }"""
    )


def new_article(page, site, rubric):
    open_editor(page, f"{site}/admin/pages/add/articles/articlepage/{rubric.pk}/")


def write_headline(page, headline):
    """Types a headline as an editor does, then moves on to the lead, which lets autosave
    save; returns the request autosave made."""
    page.click("#id_title")
    page.keyboard.press("Control+A")
    with page.expect_response(lambda r: r.request.method == "POST" and "/pages/" in r.url) as save:
        page.keyboard.type(headline, delay=20)
        page.click("#id_lead")
    return save.value


def test_a_new_article_proposes_qalams_slug_in_russian_and_kazakh(chromium, newsroom):
    site, rubrics = newsroom

    def check(browser):
        with editor_tab(browser, site) as (page, problems):
            proposed = {}
            for language, headline in (("ru", RUSSIAN), ("kk", KAZAKH)):
                new_article(page, site, rubrics[language])
                write_headline(page, headline)
                proposed[language] = page.input_value("#id_slug")
            assert proposed == {"ru": latin_slug(RUSSIAN), "kk": latin_slug(KAZAKH)}
            assert proposed["ru"] == "khishchnye-shchuki-tsekh-iogurt-i-shakhta"
            assert proposed["kk"] == "auezhai-manynda-galymdar-kazan-oniri-ulttyk-umit-ham-is"
            page.click("text=Продвижение")
            page.screenshot(path=ARTIFACTS / "admin-kazakh-slug.png")
            assert problems == []

    chromium.run(check)
    assert set(ArticlePage.objects.values_list("slug", flat=True)) == {
        latin_slug(RUSSIAN),
        latin_slug(KAZAKH),
    }


def test_the_slug_field_spells_every_headline_as_latin_slug(chromium, newsroom):
    """Wagtail's own slug controller, given the headlines: the table it was handed in the
    page agrees with lang/slugs.py letter for letter."""
    site, rubrics = newsroom

    def check(browser):
        with editor_tab(browser, site) as (page, _problems):
            new_article(page, site, rubrics["ru"])
            return page.evaluate(
                """headlines => {
                    const field = document.querySelector('#id_slug');
                    const app = window.wagtail.app;
                    const slug = app.getControllerForElementAndIdentifier(field, 'w-slug');
                    const options = {ignoreUpdate: true, runFormat: true};
                    return headlines.map(value => slug.urlify({detail: {value}}, options));
                }""",
                HEADLINES,
            )

    assert chromium.run(check) == [latin_slug(headline) for headline in HEADLINES]


def test_an_abandoned_article_does_not_block_the_next_with_its_headline(chromium, newsroom):
    site, rubrics = newsroom

    def check(browser):
        with editor_tab(browser, site) as (page, problems):
            new_article(page, site, rubrics["ru"])
            assert write_headline(page, "Погода на выходные").status == 200
            new_article(page, site, rubrics["ru"])  # the first one left as autosave kept it
            second = write_headline(page, "Погода на выходные")
            assert second.status == 200
            page.wait_for_url("**/edit/")
            assert page.input_value("#id_slug") == "pogoda-na-vykhodnye-1"
            assert not page.get_by_text("Автосохранение приостановлено").first.is_visible()
            assert problems == []

    chromium.run(check)
    assert sorted(ArticlePage.objects.values_list("slug", flat=True)) == [
        "pogoda-na-vykhodnye",
        "pogoda-na-vykhodnye-1",
    ]


@pytest.mark.parametrize(
    ("russian_slug", "kazakh_slug"),
    [
        (latin_slug("Цены на хлеб и молоко"), "nan-men-sut-bagasy"),
        ("tseny", "tseny"),  # set by hand: the translation keeps it
    ],
)
def test_a_translations_slug_follows_its_own_headline(
    chromium, newsroom, russian_slug, kazakh_slug
):
    site, rubrics = newsroom
    article = ArticlePageFactory(
        parent=rubrics["ru"], title="Цены на хлеб и молоко", slug=russian_slug
    )
    # What «Перевести» of wagtail.contrib.simple_translation does.
    translation = CopyPageForTranslationAction(
        article, Locale.objects.get(language_code="kk"), include_subtree=False
    ).execute(skip_permission_checks=True)
    assert translation.slug == russian_slug

    def check(browser):
        with editor_tab(browser, site) as (page, problems):
            open_editor(page, f"{site}/admin/pages/{translation.pk}/edit/")
            assert write_headline(page, "Нан мен сүт бағасы").status == 200
            assert page.input_value("#id_slug") == kazakh_slug
            assert problems == []

    chromium.run(check)
    translation.refresh_from_db()
    assert translation.get_latest_revision_as_object().slug == kazakh_slug
