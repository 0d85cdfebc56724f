"""System tests: Qalam whole, across its layers (docs/testing.md). Fixtures for them: a real
Varnish in front of the live server, `qalam worker` as the scheduler runs in production, the
site's placeholder photo, a site with every public page type."""

import datetime
import os
import shutil
import socket
import subprocess
import sys
import threading
import time

from django.conf import settings
from django.utils import timezone

from wagtail.models import PageViewRestriction, Site
from wagtail.rich_text import RichText

import pytest

from qalam.articles.factories import ArticlePageFactory, every_block
from qalam.authors.factories import AuthorFactory
from qalam.comments.factories import CommentFactory
from qalam.comments.forms import form_token
from qalam.core.factories import EditionSettingsFactory
from qalam.core.models import SiteSettings
from qalam.images.factories import QalamImageFactory, photo
from qalam.pages.factories import SimplePageFactory
from qalam.related.models import RelatedArticle
from qalam.rubrics.factories import RubricPageFactory

VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def change(django_capture_on_commit_callbacks):
    """Runs an editor's change and what is to follow its commit (the purges)."""

    def run(action, *args):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args)

    return run


@pytest.fixture
def start_varnish(live_server, tmp_path):
    """Starts a Varnish with deploy/varnish.vcl in front of the live server; returns its port.
    Every one started is stopped after the test."""
    if not os.path.exists(VARNISHD):
        message = "Varnish is not installed (apt-get install varnish)"
        if os.environ.get("QALAM_REQUIRE_PROXY") == "1":
            pytest.fail(message)
        pytest.skip(message)
    processes = []

    def start():
        folder = tmp_path / f"varnish{len(processes)}"
        folder.mkdir()
        backend_port = live_server.url.rsplit(":", 1)[1]
        vcl = (settings.BASE_DIR / "deploy" / "varnish.vcl").read_text()
        config = folder / "qalam.vcl"
        config.write_text(vcl.replace('.port = "8000"', f'.port = "{backend_port}"'))
        port = free_port()
        process = subprocess.Popen(  # noqa: S603 - a fixed program with our own arguments
            [
                VARNISHD,
                "-F",
                "-j",
                "none",
                "-n",
                str(folder / "work"),
                "-a",
                f"127.0.0.1:{port}",
                "-f",
                str(config),
                "-s",
                "malloc,32m",
                "-p",
                "ban_lurker_sleep=0.01",
            ],  # fmt: skip
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        processes.append(process)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return port
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()
                time.sleep(0.1)
        raise AssertionError("Varnish did not start")

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def varnish(start_varnish):
    return start_varnish()


def database_url():
    """The test database as a DATABASE_URL, for a process started beside the tests."""
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def start_worker():
    """Starts `qalam worker` in a process of its own on the test database, with `env` added
    to the test process's environment, and waits until it has begun its first look."""
    processes = []

    def start(interval, env):
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "qalam.settings.test",
            "DATABASE_URL": database_url(),
            "QALAM_LOG_LEVEL": "INFO",
            **env,
        }
        environment = {key: value for key, value in environment.items() if value is not None}
        process = subprocess.Popen(  # noqa: S603 - Qalam's own command
            [sys.executable, "-m", "qalam", "worker", "--interval", str(interval)],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        processes.append(process)
        lines = []

        def read():
            for line in process.stderr:
                lines.append(line)

        threading.Thread(target=read, daemon=True).start()
        deadline = time.monotonic() + 60
        while not any("worker started" in line for line in lines):
            assert process.poll() is None, "".join(lines)
            assert time.monotonic() < deadline, "the worker did not start:\n" + "".join(lines)
            time.sleep(0.1)
        return lines

    start.processes = processes  # for a test that kills one
    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def placeholder(db):
    """The site's placeholder photo, shown in every photo slot without a photo."""
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.placeholder_image = photo(title="Нет фото")
    settings.save()
    EditionSettingsFactory(placeholder_alt="Qalam: нет фото")
    return settings.placeholder_image


def an_admin_moment(hours):
    """A time as the admin stores one: `timezone.now()`, microseconds and all."""
    return (timezone.now() - datetime.timedelta(hours=hours)).replace(microsecond=123456)


@pytest.fixture
def public_pages(homes):
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
