"""A story's history tells who created, submitted, approved, published and corrected it."""

from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest

from qalam.newsroom.tests.test_review import act, submit

pytestmark = pytest.mark.django_db

CORRECTION = "В первой версии неверно указана дата выборов: 15 марта, а не 15 мая."


def publish_with_correction(story, user, text):
    story = story.specific
    story.correction, story.corrected_at = text, timezone.now()
    story.save_revision(user=user).publish(user=user)


def test_a_published_correction_is_in_the_history_once(newsroom):
    story, editor = newsroom["politics_story"], newsroom["editor"]
    publish_with_correction(story, editor, CORRECTION)
    publish_with_correction(story, editor, CORRECTION)  # a later edit with the same text
    entries = PageLogEntry.objects.filter(page=story, action="qalam.correction")
    assert [entry.data["correction"] for entry in entries] == [CORRECTION]
    publish_with_correction(story, editor, CORRECTION + " Приносим извинения.")
    assert PageLogEntry.objects.filter(page=story, action="qalam.correction").count() == 2


def test_the_history_screen_tells_the_whole_story(newsroom, signed_in, mailoutbox):
    reporter, editor, draft = newsroom["reporter"], newsroom["editor"], newsroom["draft"]
    task_state = submit(signed_in(reporter), draft)
    client = signed_in(editor)
    act(client, task_state, "approve")
    publish_with_correction(draft, editor, CORRECTION)

    html = client.get(f"/admin/pages/{draft.pk}/history/").content.decode()
    for shown in ["Исправление", CORRECTION, "Опубликовано", "Проверка редактором"]:
        assert shown in html, shown
    actions = set(PageLogEntry.objects.filter(page=draft).values_list("action", "user__username"))
    assert {
        ("wagtail.workflow.start", "reporter"),
        ("wagtail.workflow.approve", "editor"),
        ("wagtail.publish", "editor"),
        ("qalam.correction", "editor"),
    } <= actions
