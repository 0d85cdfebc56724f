"""The article page carries the comment form and stays the same for every anonymous
reader: no CSRF token, no cookie, no Vary: Cookie. Moderation shows on the next request."""

import pytest

from qalam.comments.factories import CommentFactory
from qalam.comments.models import Status

pytestmark = pytest.mark.django_db


def test_the_page_is_the_same_for_every_anonymous_reader(client, rubric, monkeypatch):
    from django.core import signing
    from django.test import Client

    # The form token carries the second the page was made: the two readers here get the
    # same second, as every reader of one cached copy does.
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: "1kq9Zv")
    comment = CommentFactory(article__parent=rubric)
    first = client.get(comment.article.url)
    second = Client().get(comment.article.url, HTTP_COOKIE="sessionid=abc; other=1")
    assert first.content == second.content
    assert "csrfmiddlewaretoken" not in first.content.decode()
    assert not first.cookies
    assert "Cookie" not in first.get("Vary", "")


def test_approving_and_deleting_show_on_the_next_request(client, rubric, monkeypatch):
    from qalam.core import purge

    purged = []
    monkeypatch.setattr(purge, "purge_page", purged.append)
    comment = CommentFactory(article__parent=rubric, status=Status.PENDING, text="Ждёт проверки")
    article = comment.article
    assert purged == []  # a new held comment changes no page
    assert "Ждёт проверки" not in client.get(article.url).content.decode()

    comment.status = Status.APPROVED
    comment.save()
    assert purged == [article.pk]
    assert "Ждёт проверки" in client.get(article.url).content.decode()

    comment.delete()
    assert purged == [article.pk, article.pk]
    assert "Ждёт проверки" not in client.get(article.url).content.decode()


def test_purge_goes_to_the_frontend_cache_when_installed(rubric, settings, monkeypatch):
    from django.apps import apps

    from wagtail.contrib.frontend_cache import utils

    from qalam.core.purge import purge_page

    purged = []
    monkeypatch.setattr(apps, "is_installed", lambda name: True)
    monkeypatch.setattr(utils, "purge_page_from_cache", purged.append)
    comment = CommentFactory(article__parent=rubric)
    with pytest.MonkeyPatch.context():
        from django.db import transaction

        monkeypatch.setattr(transaction, "on_commit", lambda fn: fn())
        purge_page(comment.article_id)
    assert [page.pk for page in purged] == [comment.article_id]
