"""«Проверка редактором»: the reporter submits, the desk's editor approves (and so publishes)
or sends the story back with a comment, and everyone concerned hears of it by email."""

from django.urls import reverse

from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState

import pytest

from qalam.newsroom.tests.test_permissions import refused, story_form

pytestmark = pytest.mark.django_db


def submit(client, page):
    response = client.post(
        f"/admin/pages/{page.pk}/edit/", story_form(page, **{"action-submit": "1"})
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )


def action_url(task_state, action):
    page_id = task_state.workflow_state.object_id
    return reverse("wagtailadmin_pages:workflow_action", args=[page_id, action, task_state.pk])


def act(client, task_state, action, **data):
    return client.post(action_url(task_state, action), data)


@pytest.fixture
def submitted(newsroom, signed_in, mailoutbox):
    task_state = submit(signed_in(newsroom["reporter"]), newsroom["draft"])
    return task_state


def test_submission_reaches_the_desks_editors_and_the_duty_editor_only(
    newsroom, submitted, mailoutbox
):
    recipients = sorted(address for message in mailoutbox for address in message.to)
    assert recipients == ["duty@newsroom.example", "editor@newsroom.example"]
    message = mailoutbox[0]
    assert "Черновик о выборах" in message.subject
    assert f"/admin/pages/{newsroom['draft'].pk}/edit/" in message.body


def test_the_dashboard_shows_the_review_to_the_desks_editor_only(newsroom, submitted, client):
    def dashboard(user):
        client.force_login(user)
        html = client.get("/admin/").content.decode()
        return "Черновик о выборах" in html

    assert dashboard(newsroom["editor"])
    assert dashboard(newsroom["duty"])
    assert dashboard(newsroom["proofreader"])  # to read it over
    assert not dashboard(newsroom["sport_editor"])
    assert not dashboard(newsroom["translator"])


def test_another_desks_editor_cannot_approve(newsroom, submitted, client):
    client.force_login(newsroom["sport_editor"])
    for action, data in [("approve", {}), ("reject", {"comment": "Нет"})]:
        assert refused(client, action_url(submitted, action), data), action
    client.force_login(newsroom["reporter"])
    assert refused(client, action_url(submitted, "approve"))
    assert not Page.objects.get(pk=newsroom["draft"].pk).live
    assert TaskState.objects.get(pk=submitted.pk).status == TaskState.STATUS_IN_PROGRESS


def test_the_desks_editor_approves_and_the_story_is_live(newsroom, submitted, client, mailoutbox):
    mailoutbox.clear()
    client.force_login(newsroom["editor"])
    assert act(client, submitted, "approve").status_code == 302
    draft = Page.objects.get(pk=newsroom["draft"].pk)
    assert draft.live
    assert WorkflowState.objects.get(pk=submitted.workflow_state_id).status == "approved"
    published = PageLogEntry.objects.get(page=draft, action="wagtail.publish")
    assert published.user == newsroom["editor"]
    assert [message.to for message in mailoutbox] == [["reporter@newsroom.example"]]

    anonymous = client.__class__()
    assert anonymous.get(draft.url).status_code == 200


def test_changes_requested_with_a_comment_reach_the_reporter(
    newsroom, submitted, client, mailoutbox
):
    mailoutbox.clear()
    client.force_login(newsroom["editor"])
    comment = "Уточните дату выборов и дайте ссылку на постановление."
    assert act(client, submitted, "reject", comment=comment).status_code == 302
    assert not Page.objects.get(pk=newsroom["draft"].pk).live
    assert WorkflowState.objects.get(pk=submitted.workflow_state_id).status == "needs_changes"
    (message,) = mailoutbox
    assert message.to == ["reporter@newsroom.example"] and comment in message.body

    # The reporter sees it in the story's history and can edit and submit again.
    client.force_login(newsroom["reporter"])
    history = client.get(f"/admin/pages/{newsroom['draft'].pk}/history/").content.decode()
    assert comment in history
    again = submit(client, newsroom["draft"])
    assert again.status == TaskState.STATUS_IN_PROGRESS


def test_the_urgent_path_a_desk_editor_publishes_without_review(newsroom, signed_in):
    client = signed_in(newsroom["editor"])
    draft = newsroom["draft"]
    response = client.post(
        f"/admin/pages/{draft.pk}/edit/", story_form(draft, **{"action-publish": "1"})
    )
    assert response.status_code == 302
    assert Page.objects.get(pk=draft.pk).live


def test_a_proofreader_corrects_a_story_in_review_and_cannot_approve_it(
    newsroom, submitted, client
):
    client.force_login(newsroom["proofreader"])
    draft = newsroom["draft"]
    response = client.post(f"/admin/pages/{draft.pk}/edit/", story_form(draft))
    assert response.status_code == 302
    assert Page.objects.get(pk=draft.pk).specific.get_latest_revision_as_object().lead == (
        "Правка корреспондента."
    )
    assert refused(client, action_url(submitted, "approve"))
    assert not Page.objects.get(pk=draft.pk).live
