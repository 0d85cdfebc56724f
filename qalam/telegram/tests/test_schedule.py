"""A story scheduled by an editor posts when Wagtail's schedule makes it live, not before;
a worker running the same task twice still sends one post."""

import datetime
import time

from django.core.management import call_command
from django.utils import timezone

import pytest

from qalam.telegram.models import Post
from qalam.telegram.tasks import keep_in_step

pytestmark = pytest.mark.django_db


def test_a_scheduled_story_posts_at_its_go_live_time(
    bot_api, draft, editor, django_capture_on_commit_callbacks
):
    story = draft()
    story.go_live_at = timezone.now() + datetime.timedelta(seconds=2)
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision(user=editor).publish()
    story.refresh_from_db()
    assert not story.live and bot_api.calls == []

    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")  # before its time: nothing
    assert bot_api.calls == []
    time.sleep(max(0, (story.go_live_at - timezone.now()).total_seconds()) + 0.1)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")
    story.refresh_from_db()
    assert story.live
    assert bot_api.methods() == ["sendMessage"]
    assert Post.objects.get(story=story).state == "posted"


def test_the_task_run_again_sends_no_second_post(bot_api, draft, publish):
    story = publish(draft())
    keep_in_step.call(story.pk, True)  # as a worker may, after a crash
    keep_in_step.call(story.pk, True)
    assert bot_api.methods() == ["sendMessage"]
    assert Post.objects.filter(story=story).count() == 1


def test_a_story_published_before_without_a_post_is_not_posted_later(
    bot_api, settings, draft, publish
):
    settings.QALAM_TELEGRAM_CHANNELS = ""  # no channel yet
    story = publish(draft())
    settings.QALAM_TELEGRAM_CHANNELS = "ru=@qalam_news"
    publish(story, title="Встреча в Туркестане: подробности")
    assert bot_api.calls == []


# Committed rows, for the workers' own connections; put back as the migrations left them
# (serialized_rollback), as the project's other transactional tests do.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_send_one_post(bot_api, settings, draft, editor):
    import threading

    from django.db import connection

    token, settings.QALAM_TELEGRAM_BOT_TOKEN = settings.QALAM_TELEGRAM_BOT_TOKEN, ""
    story = draft()
    story.save_revision(user=editor).publish()  # nothing queued: the two workers below post
    settings.QALAM_TELEGRAM_BOT_TOKEN = token
    assert bot_api.calls == []
    bot_api.delay = 0.5
    workers = [threading.Thread(target=run_closing, args=(story.pk,)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert bot_api.methods() == ["sendMessage"], connection.vendor
    assert Post.objects.get(story=story).message_id is not None


def run_closing(story_id):
    from django.db import connection

    try:
        keep_in_step.call(story_id, True)
    finally:
        connection.close()
