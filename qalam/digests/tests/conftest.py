"""Fixtures of the digests' tests (their rubrics, the day's stories), and reading what the tests'
SMTP server (`smtp_server`, qalam/conftest.py) received."""

import re

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.rubrics.factories import RubricPageFactory


def text_of(message):
    return message.get_body(("plain",)).get_content()


def html_of(message):
    return message.get_body(("html",)).get_content()


def link_in(message, name):
    """The first address of the kind `name` (confirm, unsubscribe, rubrics) in the text."""
    found = re.search(rf"https?://\S+/subscribe/{name}/[^/\s]+/", text_of(message))
    assert found, text_of(message)
    return found.group(0)


def path_of(url):
    return "/" + url.split("/", 3)[3]


@pytest.fixture
def rubrics(home):
    return {
        "politics": RubricPageFactory(parent=home, title="Политика", slug="politika"),
        "economy": RubricPageFactory(parent=home, title="Экономика", slug="ekonomika"),
        "sport": RubricPageFactory(parent=home, title="Спорт", slug="sport"),
    }


@pytest.fixture
def day_stories(rubrics, hours_ago):
    """Today's stories in each rubric, and one from two days ago that no digest brings."""
    return {
        "politics": ArticlePageFactory(
            parent=rubrics["politics"], title="Сенат принял закон", first_published_at=hours_ago(2)
        ),
        "economy": ArticlePageFactory(
            parent=rubrics["economy"], title="Тенге укрепился", first_published_at=hours_ago(3)
        ),
        "sport": ArticlePageFactory(
            parent=rubrics["sport"], title="Победа в Астане", first_published_at=hours_ago(4)
        ),
        "old": ArticlePageFactory(
            parent=rubrics["politics"], title="Старая новость", first_published_at=hours_ago(50)
        ),
    }
