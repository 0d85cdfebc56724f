"""Every public page type as the Nu HTML Checker reads it: no errors.

The pages are rendered through the test client, written to files and handed to one run of
the checker (the JVM takes seconds to start, so all pages go at once). Times carry
microseconds, as the admin's publish and a reader's comment give them. The checker is
`vnu-jar`, pinned in `.ci/vnu/package-lock.json`, on Debian's Java; without either the
test skips, unless `QALAM_REQUIRE_VNU=1` (CI)."""

import datetime
import json
import os
import shutil
import subprocess

from django.conf import settings
from django.utils import timezone

from wagtail.models import PageViewRestriction, Site
from wagtail.rich_text import RichText

import pytest
from bs4 import BeautifulSoup

from qalam.articles.factories import ArticlePageFactory, every_block
from qalam.authors.factories import AuthorFactory
from qalam.comments.factories import CommentFactory
from qalam.comments.forms import form_token
from qalam.core.models import SiteSettings
from qalam.images.factories import QalamImageFactory, photo
from qalam.pages.factories import SimplePageFactory
from qalam.related.models import RelatedArticle
from qalam.rubrics.factories import RubricPageFactory

pytestmark = pytest.mark.django_db

VNU_JAR = settings.BASE_DIR / ".ci/vnu/node_modules/vnu-jar/build/dist/vnu.jar"


@pytest.fixture(scope="module")
def checker():
    """The command that runs the checker, or a skip that says what is missing."""
    java = shutil.which("java")
    missing = []
    if not java:
        missing.append("Java (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        missing.append("vnu.jar (npm ci --prefix .ci/vnu --ignore-scripts)")
    if missing:
        message = "The Nu HTML Checker needs " + " and ".join(missing)
        if os.environ.get("QALAM_REQUIRE_VNU") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout"]


def an_admin_moment(hours):
    """A time as the admin stores one: `timezone.now()`, microseconds and all."""
    return (timezone.now() - datetime.timedelta(hours=hours)).replace(microsecond=123456)


@pytest.fixture
def newsroom(homes):
    """A newsroom with something on every page type; each page by name: its address, what
    it must show and, for a form sent, what was sent."""
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.placeholder_image = QalamImageFactory(title="placeholder")
    site_settings.placeholder_alt = "Qalam: нет фото"
    site_settings.save()
    wide = photo(caption="Встреча в Туркестане", credit="Фото: Акорда")
    # Narrower than every rendition, as an archive's thumbnail may be.
    small = QalamImageFactory(caption="Мавзолей Ходжи Ахмеда Яссауи")
    author = AuthorFactory(name="Айгерим Сарсенова", slug="aigerim-sarsenova")
    politics = RubricPageFactory(parent=homes["ru"], title="Политика", slug="politika")
    regions = RubricPageFactory(parent=politics, title="Регионы", slug="regiony")
    resmi = RubricPageFactory(
        parent=homes["kk"], title="Ресми", slug="resmi", locale=homes["kk"].locale
    )
    RubricPageFactory(
        parent=homes["en"], title="Official", slug="official", locale=homes["en"].locale
    )

    # Past a rubric's first page, so that its pagination shows too.
    listed = [
        ArticlePageFactory(
            parent=regions if n % 3 else politics,
            title=f"Токаев провёл совещание {n}",
            first_published_at=an_admin_moment(n + 10),
            main_image=(wide, small, None)[n % 3],
        )
        for n in range(21)
    ]
    story = ArticlePageFactory(
        parent=politics,
        title="Перспективы партнерства",
        slug="perspektivy-partnerstva",
        lead="Президент провел в Туркестане неформальную встречу.",
        body=every_block(small),
        main_image=wide,
        first_published_at=an_admin_moment(1),
        source_name="Пресс-служба Акорды",
        source_url="https://example.kz/news/1",
        correction="В первой версии была неверно указана сумма.",
        corrected_at=an_admin_moment(0),
        authors=[author],
        tags=["Туркестан"],
    )
    translation = ArticlePageFactory(
        parent=resmi,
        title="Серіктестік перспективалары",
        locale=homes["kk"].locale,
        translation_key=story.translation_key,
        first_published_at=an_admin_moment(2),
    )
    placeholder = ArticlePageFactory(
        parent=resmi,
        title="Президент мектепке барды",
        locale=homes["kk"].locale,
        first_published_at=an_admin_moment(3),
    )
    for rank, related in enumerate([placeholder, *listed[:2]]):
        RelatedArticle.objects.create(article=story, related=related, rank=rank, score=0.5)
    question = CommentFactory(article=story, created_at=an_admin_moment(1))
    CommentFactory(article=story, parent=question, created_at=an_admin_moment(0))

    about = SimplePageFactory(
        parent=homes["ru"],
        title="О редакции",
        slug="o-redaktsii",
        body=[("paragraph", RichText("<p>Адрес редакции.</p>")), ("subheading", "Связь")],
    )
    locked = SimplePageFactory(parent=homes["ru"], title="Для подписчиков", slug="zakryto")
    PageViewRestriction.objects.create(
        page=locked, restriction_type=PageViewRestriction.PASSWORD, password="секрет"
    )
    # What each page must show (every one of the selectors), so that a page made wrong is
    # not waved through as valid.
    return {
        "home-ru": ("/", ".front__lead .card__photo"),
        "home-kk": ("/kk/", ".front__lead"),
        "home-en": ("/en/", ".empty"),
        "rubric": (politics.url, ".pagination"),
        "sub-rubric": (regions.url, ".card"),
        "rubric-page-2": (politics.url + "?page=2", ".pagination"),
        "article": (
            story.url,
            ".block-table, .block-embed iframe, .article__correction time, "
            ".comments__replies .comment, .related .card__language",
        ),
        "article-reply-form": (f"{story.url}?replyto={question.pk}", ".comment-form__reply-to"),
        "article-translation": (translation.url, ".article__translations a"),
        "article-placeholder": (placeholder.url, ".article__photo img.placeholder"),
        "simple-page": (about.url, ".block-subheading"),
        "author": (author.get_absolute_url(), ".author__bio"),
        "tag": ("/tags/turkestan/", ".card"),
        "search-empty": ("/search/", ".search-form"),
        "search-results": ("/search/?q=Токаев", ".search-result__title"),
        "search-nothing-found": ("/search/?q=Токаеф", ".empty a"),
        "search-filters": (
            f"/search/?q=Президент&rubric={politics.pk}&author={author.pk}&language=ru"
            "&date_from=2020-01-01&date_to=2099-12-31&sort=date",
            ".search-result__title",
        ),
        "search-bad-filters": ("/search/?q=Токаев&date_from=вчера&author=x", ".field-error"),
        "not-found": ("/no-such-page/", ".error-page"),
        "not-found-kk": ("/kk/no-such-page/", ".error-page"),
        "password-form": (locked.url, "input[type=password]"),
        "subscribe": ("/subscribe/", ".subscribe__rubrics input[type=checkbox]"),
        "subscribe-errors": (
            "/subscribe/",
            ".field--error input[type=email]",
            {"email": "not-an-email", "rubrics": [politics.pk]},
        ),
        "digest-archive": ("/digests/", ".listing-header"),
        # A comment with an invalid email, in a form made for another article: an error at
        # the field and one above the form.
        "comment-form-errors": (
            f"/comments/post/{story.pk}/",
            ".comment-form__errors ~ .field--error",
            {
                "author_name": "Айгерим",
                "email": "not-an-email",
                "url": "example.kz/me",
                "text": "Спасибо.",
                "homepage": "",
                "token": form_token(translation.pk),
                "parent": "",
            },
        ),
    }


def render(client, url, data=None):
    """The response a reader's browser would get: a page, or a form sent."""
    return client.get(url) if data is None else client.post(url, data)


def test_every_public_page_type_passes_the_html_checker(checker, client, newsroom, tmp_path):
    files = {}
    for name, (url, shows, *data) in newsroom.items():
        response = render(client, url, *data)
        status = 404 if name.startswith("not-found") else 400 if data else 200
        assert response.status_code == status, f"{name}: {response.status_code}"
        html = response.content
        soup = BeautifulSoup(html, "html.parser")
        missing = [each for each in shows.split(", ") if not soup.select(each)]
        assert missing == [], f"{name}: nothing at {missing}"
        files[name] = tmp_path / f"{name}.html"
        files[name].write_bytes(html)
    # The checker's exit status is 1 when it finds errors; the report says which.
    run = subprocess.run(  # noqa: S603 - java and the pinned jar, with our own files
        [*checker, *map(str, files.values())], capture_output=True, text=True, timeout=300
    )
    report = json.loads(run.stdout)
    page_of = {path.resolve().as_uri(): name for name, path in files.items()}
    page_of |= {uri.replace("file:///", "file:/"): name for uri, name in page_of.items()}
    errors = [
        f"{page_of.get(m.get('url'), m.get('url'))}, line {m.get('lastLine', '?')}: "
        f"{m['message']}  [{m.get('extract', '').strip()}]"
        for m in report["messages"]
    ]
    assert errors == [], "\n".join(errors)
