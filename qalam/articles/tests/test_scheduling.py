"""An article scheduled in the admin goes live through `qalam worker`, and its edit view
stops announcing the schedule once it has been carried out."""

import datetime
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from wagtail.test.utils.form_data import rich_text

import pytest

from qalam.articles.models import ArticlePage
from qalam.articles.tests.editor_form import editor_form

pytestmark = pytest.mark.django_db

SCHEDULE_NOTICES = ("Запланировано:", "Запустить:")


@pytest.fixture
def editor(client):
    client.force_login(get_user_model().objects.create_superuser("editor", password="pass-2026"))
    return client


def article_form(title, go_live_at, **actions):
    return editor_form(
        title,
        "vstrecha-v-turkestane",
        lead="Президент провел в Туркестане неформальную встречу.",
        body=[("paragraph", rich_text("<p>Стороны обсудили транспорт.</p>"))],
        go_live_at=as_typed(go_live_at),
        **actions,
    )


def as_typed(moment):
    """A time as the editor's date picker writes it, in the site's time zone."""
    if not moment:
        return ""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def status_panel(client, article):
    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    start = html.index('data-side-panel="status"')
    return html[start : html.index('data-side-panel="', start + 1)]


def an_hour_later():
    """The clock an hour and a minute on, for the worker and the editor alike."""
    later = timezone.now() + datetime.timedelta(hours=1, minutes=1)
    return mock.patch("django.utils.timezone.now", return_value=later)


def schedule(client, rubric, go_live_at):
    response = client.post(
        f"/admin/pages/add/articles/articlepage/{rubric.pk}/",
        article_form("Встреча в Туркестане", go_live_at, **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="vstrecha-v-turkestane")
    assert not article.live
    assert "Запустить:" in status_panel(client, article)
    return article


def test_the_worker_publishes_a_scheduled_article_and_a_later_draft_has_no_schedule(editor, rubric):
    go_live_at = timezone.now() + datetime.timedelta(hours=1)
    article = schedule(editor, rubric, go_live_at)

    with an_hour_later():
        call_command("worker", once=True)
        article.refresh_from_db()
        assert article.live and not article.has_unpublished_changes

        # A correction after publication, saved as a draft with the form the edit view gave.
        form = editor.get(f"/admin/pages/{article.pk}/edit/").context["form"]
        editor.post(
            f"/admin/pages/{article.pk}/edit/",
            article_form("Встреча в Туркестане: уточнение", form.initial["go_live_at"]),
        )
        article.refresh_from_db()
        assert article.has_unpublished_changes
        panel = status_panel(editor, article)
    assert not any(notice in panel for notice in SCHEDULE_NOTICES), panel
