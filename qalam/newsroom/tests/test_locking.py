"""Two people on one story: a lock keeps the other's save out, and the editor tells each
that the other is there, and when the other has saved a newer version."""

from django.urls import reverse

from wagtail.models import Page

import pytest

from qalam.newsroom.tests.test_permissions import refused, story_form

pytestmark = pytest.mark.django_db


def test_a_locked_story_cannot_be_saved_by_another(newsroom, client):
    story, editor, reporter = newsroom["politics_story"], newsroom["editor"], newsroom["reporter"]
    client.force_login(editor)
    assert client.post(f"/admin/pages/{story.pk}/lock/").status_code == 302
    assert Page.objects.get(pk=story.pk).locked_by == editor

    client.force_login(reporter)
    before = Page.objects.get(pk=story.pk).latest_revision_id
    response = client.post(f"/admin/pages/{story.pk}/edit/", story_form(story))
    assert Page.objects.get(pk=story.pk).latest_revision_id == before
    assert response.status_code == 200
    assert "заблокирован" in response.content.decode()
    # …nor unlock it: the lock is the editor's.
    assert refused(client, f"/admin/pages/{story.pk}/unlock/")
    assert Page.objects.get(pk=story.pk).locked_by == editor

    client.force_login(editor)
    assert client.post(f"/admin/pages/{story.pk}/edit/", story_form(story)).status_code == 302
    assert Page.objects.get(pk=story.pk).latest_revision_id != before


def ping(client, page, **data):
    url = reverse("wagtailadmin_editing_sessions:ping", args=["wagtailcore", "page", page.pk, 0])
    response = client.post(url, data)
    assert response.status_code == 200
    return response.json()


def test_each_editor_is_told_the_other_is_editing_and_has_saved(newsroom, client):
    story, editor, reporter = newsroom["politics_story"], newsroom["editor"], newsroom["reporter"]
    reporter.first_name, reporter.last_name = "Айдана", "Сейткали"
    reporter.save()
    loaded = story.save_revision(user=editor).pk  # the version both opened

    client.force_login(reporter)
    ping(client, story, is_editing="1")
    client.force_login(editor)
    seen = ping(client, story, revision_id=loaded)["other_sessions"]
    assert [(s["user"], s["is_editing"]) for s in seen] == [("Айдана Сейткали", True)]

    client.force_login(reporter)
    assert client.post(f"/admin/pages/{story.pk}/edit/", story_form(story)).status_code == 302
    client.force_login(editor)
    seen = ping(client, story, revision_id=loaded)
    newer = Page.objects.get(pk=story.pk).latest_revision_id
    assert [s["revision_id"] for s in seen["other_sessions"]] == [newer]
    assert "Сейткали" in seen["html"]
    # Someone who may not edit the story learns nothing of who does.
    client.force_login(newsroom["sport_editor"])
    url = reverse("wagtailadmin_editing_sessions:ping", args=["wagtailcore", "page", story.pk, 0])
    assert client.post(url).status_code == 404
