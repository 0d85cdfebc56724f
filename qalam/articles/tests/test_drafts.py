"""New articles in the admin: a slug a draft holds does not block the next article with the
same headline, and what autosave kept of an abandoned article goes away after a day."""

import datetime
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.articles.models import ArticlePage
from qalam.articles.tests.editor_form import editor_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", password="secret-pass-1")
    client.force_login(user)
    return user


def save_draft(client, rubric, title, slug):
    """What the editor's browser sends when autosave or «Сохранить черновик» saves a new
    article that has only a headline."""
    data = editor_form(title, slug)
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", rubric.pk])
    return client.post(url, data, headers={"accept": "application/json"})


def test_a_slug_an_abandoned_draft_holds_goes_to_a_free_variant(client, editor, rubric):
    save_draft(client, rubric, "Погода на выходные", "pogoda-na-vykhodnye")
    response = save_draft(client, rubric, "Погода на выходные", "pogoda-na-vykhodnye")

    assert response.status_code == 200
    assert response.json()["field_updates"]["slug"] == "pogoda-na-vykhodnye-1"
    assert sorted(ArticlePage.objects.values_list("slug", flat=True)) == [
        "pogoda-na-vykhodnye",
        "pogoda-na-vykhodnye-1",
    ]


def test_a_published_article_still_holds_its_slug(client, editor, rubric):
    ArticlePageFactory(parent=rubric, title="Погода", slug="pogoda")
    response = save_draft(client, rubric, "Погода", "pogoda")

    assert response.status_code == 400
    assert ArticlePage.objects.filter(slug="pogoda").count() == 1


def test_an_unpublished_article_still_holds_its_slug(client, editor, rubric):
    article = ArticlePageFactory(parent=rubric, title="Погода", slug="pogoda")
    article.unpublish()
    assert save_draft(client, rubric, "Погода", "pogoda").status_code == 400


def a_day_later():
    return mock.patch(
        "django.utils.timezone.now",
        return_value=timezone.now() + datetime.timedelta(days=1, hours=1),
    )


def started(client, rubric, title, slug):
    save_draft(client, rubric, title, slug)
    return ArticlePage.objects.get(slug=slug)


def test_worker_deletes_a_day_old_draft_that_holds_only_a_headline(client, editor, rubric):
    abandoned = started(client, rubric, "Брошенная", "broshennaya")
    call_command("worker", once=True)
    assert ArticlePage.objects.filter(pk=abandoned.pk).exists(), "deleted on the same day"

    with a_day_later():
        call_command("worker", once=True)
    assert not ArticlePage.objects.filter(pk=abandoned.pk).exists()
    assert PageLogEntry.objects.filter(page_id=abandoned.pk, action="wagtail.delete").exists()


def test_drafts_with_something_written_are_kept(client, editor, rubric):
    with_lead = started(client, rubric, "С лидом", "s-lidom")
    # Later edits live in revisions: the page row keeps what the first save held.
    draft = with_lead.get_latest_revision_as_object()
    draft.lead = "Первый абзац уже написан."
    draft.save_revision(user=editor, clean=False)
    with_body = started(client, rubric, "С текстом", "s-tekstom")
    draft = with_body.get_latest_revision_as_object()
    draft.body = [("paragraph", "<p>Текст.</p>")]
    draft.save_revision(user=editor, clean=False)
    scheduled = started(client, rubric, "По расписанию", "po-raspisaniyu")
    draft = scheduled.get_latest_revision_as_object()
    draft.go_live_at = timezone.now() + datetime.timedelta(days=3)
    draft.save_revision(user=editor, clean=False)
    published = ArticlePageFactory(parent=rubric, slug="opublikovana")
    published.unpublish()
    ArticlePage.objects.filter(pk=published.pk).update(lead="", body=[])

    with a_day_later():
        call_command("clear_abandoned_drafts", verbosity=0)
    kept = {with_lead.pk, with_body.pk, scheduled.pk, published.pk}
    assert set(ArticlePage.objects.values_list("pk", flat=True)) == kept
