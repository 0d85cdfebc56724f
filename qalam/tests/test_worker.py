import datetime
from unittest import mock

from django.core.management import call_command
from django.utils import timezone

import pytest

from qalam.articles.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def worker_at(moment):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        call_command("worker", once=True)


def test_worker_publishes_an_article_when_its_time_comes(client, rubric):
    go_live = timezone.now() + datetime.timedelta(minutes=5)
    article = ArticlePageFactory(parent=rubric, live=False, title="Запланировано")
    article.go_live_at = go_live
    article.save_revision().publish()
    article.refresh_from_db()
    assert not article.live

    worker_at(go_live - datetime.timedelta(seconds=30))
    article.refresh_from_db()
    assert not article.live, "published before its time"

    worker_at(go_live + datetime.timedelta(seconds=30))
    article.refresh_from_db()
    assert article.live
    assert "Запланировано" in client.get("/ofitsialno/").content.decode()


def test_worker_unpublishes_an_expired_article(rubric):
    article = ArticlePageFactory(
        parent=rubric, expire_at=timezone.now() + datetime.timedelta(hours=1)
    )
    worker_at(timezone.now() + datetime.timedelta(hours=2))
    article.refresh_from_db()
    assert not article.live and article.expired


# The queue worker closes connections between tasks, as a long-lived process should; that
# needs a test whose work is committed rather than held in a rolled-back transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_runs_the_queued_tasks(rubric):
    from django.test import override_settings

    from wagtail.models import ReferenceIndex
    from wagtail.tasks import update_reference_index_task

    from django_tasks_db.models import DBTaskResult

    from qalam.images.factories import QalamImageFactory

    article = ArticlePageFactory(parent=rubric, main_image=QalamImageFactory())
    ReferenceIndex.objects.all().delete()
    queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=queue):
        update_reference_index_task.enqueue("articles", "articlepage", str(article.pk))
        assert DBTaskResult.objects.ready().count() == 1
        call_command("worker", once=True)
    assert DBTaskResult.objects.successful().count() == 1
    assert ReferenceIndex.get_references_for_object(article).exists()


def test_one_failed_look_does_not_stop_the_worker(caplog):
    with mock.patch(
        "qalam.core.management.commands.worker.call_command", side_effect=RuntimeError("db gone")
    ):
        call_command("worker", once=True)
    assert "scheduled publishing failed" in caplog.text


def test_the_worker_looks_again_when_a_go_live_or_an_expiry_falls_due(rubric):
    from qalam.core.management.commands.worker import Command

    worker = Command()
    assert worker.pause(30) == 30

    article = ArticlePageFactory(parent=rubric, live=False, title="Запланировано")
    article.go_live_at = timezone.now() + datetime.timedelta(seconds=12)
    article.save_revision().publish()
    assert 11 < worker.pause(30) <= 12.1
    assert worker.pause(5) == 5

    ArticlePageFactory(parent=rubric, expire_at=timezone.now() + datetime.timedelta(seconds=4))
    assert 3 < worker.pause(30) <= 4.1
