"""The admin's screens in Russian, without the untranslated or ungrammatical strings editors
reported: Qalam's own wording, and Wagtail's overridden in Qalam's catalogue
(core/wording.py, docs/editing.md)."""

import datetime
import html
import json
import re

from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.authors.factories import AuthorFactory
from qalam.rubrics.factories import RubricPageFactory

pytestmark = pytest.mark.django_db

# What editors reported, as patterns: «1-20 of 98 None», «Эта страницав настоящее время…»,
# «2 фрагментов выбрано», «4 авторы», «Есть 2 совпадений» and the rest.
REPORTED = [
    r"\d+-\d+ of \d+",
    r"None",
    r"Root",
    r"Moderators approval",
    r"scheduled for publishing at",
    r"страницав|%\(model_name\)sв",
    r"фрагментов выбрано",
    r"\d+ авторы",
    r"Добавить Авторы",
    r"Выбрать автор",
    r"Есть \d+ совпадений",
    r"редактировать (?:этот )?страница",  # seen on every edit view on the way
]


@pytest.fixture
def newsroom(client, home):
    editor = get_user_model().objects.create_superuser("editor", password="pass-2026")
    client.force_login(editor)
    rubric = RubricPageFactory(parent=home, title="Официально")
    authors = [AuthorFactory(name=f"Айгерим Сарсенова {n}") for n in range(4)]
    article = ArticlePageFactory(parent=rubric, title="Встреча в Туркестане", authors=authors)
    ArticlePageFactory(parent=rubric, title="Встреча в Астане")
    reviewed = ArticlePageFactory(parent=rubric, title="Итоги года")
    reviewed.save_revision(user=editor)
    reviewed.get_workflow().start(reviewed, editor)
    scheduled = ArticlePageFactory(parent=rubric, title="Форум", live=False)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=1)
    scheduled.save_revision(user=editor).publish(user=editor)
    return {"rubric": rubric, "article": article, "reviewed": reviewed, "scheduled": scheduled}


def screens(newsroom):
    rubric, article = newsroom["rubric"].pk, newsroom["article"].pk
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{rubric}/",
        f"/admin/pages/{rubric}/?q=Встреча",
        f"/admin/pages/{rubric}/?q=Встреча&search_all=1",
        "/admin/pages/search/?q=Встреча",
        f"/admin/pages/{article}/edit/",
        f"/admin/pages/{newsroom['reviewed'].pk}/edit/",
        f"/admin/pages/{newsroom['scheduled'].pk}/history/",
        f"/admin/pages/{newsroom['scheduled'].pk}/edit/",
        "/admin/snippets/authors/author/",
        "/admin/snippets/choose/authors/author/results/?q=Айгерим+Сарсенова+1",
        "/admin/snippets/choose/authors/author/results/?q=Айгерим",
        "/admin/choose-page/",
        "/admin/workflows/list/",
        "/admin/workflows/tasks/index/",
        "/admin/images/",
    ]


def visible_text(response):
    """What an editor reads: the text, the labels read out or shown on hovering, and the
    strings the admin's scripts show (its configuration)."""
    page = response.content.decode()
    labels = re.findall(r'(?:title|aria-label|placeholder|alt)="([^"]*)"', page)
    config = re.search(r'<script[^>]*id="wagtail-config"[^>]*>(.*?)</script>', page, re.S)
    strings = strings_of(json.loads(config.group(1))["STRINGS"]) if config else []
    # Leave out scripts, styles and hidden leaves (a side panel's empty counter says None).
    hidden = r"<(\w+)[^>]*\shidden(?=[\s>=])[^>]*>[^<]*</\1>"
    text = re.sub(rf"<script.*?</script>|<style.*?</style>|{hidden}|<[^>]+>", " ", page, flags=re.S)
    return html.unescape(" ".join([text, *labels, *strings]))


def strings_of(value):
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings_of(item)]
    return [value] if isinstance(value, str) else []


def test_the_russian_admin_has_none_of_the_reported_strings(client, newsroom):
    found = {}
    for url in screens(newsroom):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
        assert response.status_code == 200, url
        text = visible_text(response)
        for phrase in REPORTED:
            if re.search(rf"(?<![\w-])(?:{phrase})(?![\w-])", text):
                found.setdefault(phrase, []).append(url)
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        ("ru", ["Найдено 1 совпадение", "Найдено 2 совпадения", "Найдено 5 совпадений"]),
        ("kk", ["1 сәйкестік табылды", "2 сәйкестік табылды", "5 сәйкестік табылды"]),
        ("en", ["There is 1 match", "There are 2 matches", "There are 5 matches"]),
    ],
)
def test_counted_matches_take_each_languages_plural_forms(language, forms):
    with translation.override(language):
        counted = [
            ngettext("There is %(counter)s match", "There are %(counter)s matches", n)
            % {"counter": n}
            for n in (1, 2, 5)
        ]
    assert counted == forms


def test_qalams_catalogue_comes_before_wagtails():
    with translation.override("ru"):
        assert gettext("This %(model_name)s is currently awaiting moderation.") == (
            "Материал ожидает проверки."
        )
