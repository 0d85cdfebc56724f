"""`qalam worker` processes as production runs them: a task whose worker is killed halfway
runs again and completes once, a worker asked to stop finishes a short task or hands a long
one back, and two workers side by side run each task and each scheduled publication once
(core/workers.py)."""

import datetime
import signal
import time

from django.test import override_settings
from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from qalam.articles.factories import ArticlePageFactory
from qalam.core.tests.tasks import note

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

QUEUE = "django_tasks_db.DatabaseBackend"


@pytest.fixture
def queue_env(tmp_path):
    """The database queue, and one folder for the schedule's lock on the embedded default."""
    return {"QALAM_TASKS_BACKEND": QUEUE, "QALAM_VAR_DIR": str(tmp_path / "var")}


def enqueue(*args, **kwargs):
    with override_settings(TASKS={"default": {"BACKEND": QUEUE}}):
        return DBTaskResult.objects.get(pk=note.enqueue(*args, **kwargs).id)


def wait_for(condition, what, seconds=60):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what} did not happen in {seconds} s"
        time.sleep(0.2)


def status(row):
    return DBTaskResult.objects.get(pk=row.pk).status


def test_a_task_whose_worker_is_killed_runs_again_and_completes_once(
    start_worker, queue_env, tmp_path
):
    notes = tmp_path / "notes"
    task = enqueue(str(notes), "done", seconds=4)
    start_worker(1, queue_env)
    wait_for(lambda: status(task) == TaskResultStatus.RUNNING, "the task starting")
    first = start_worker.processes[0]
    first.kill()  # no chance to clean up, as the kernel's OOM killer or a lost machine
    first.wait(timeout=10)
    assert status(task) == TaskResultStatus.RUNNING
    assert not notes.exists()

    start_worker(1, queue_env)
    wait_for(lambda: status(task) == TaskResultStatus.SUCCESSFUL, "the task completing")
    assert notes.read_text() == "done\n"
    assert len(DBTaskResult.objects.get(pk=task.pk).worker_ids) == 2


def test_a_worker_asked_to_stop_hands_a_long_task_back_to_the_next_one(
    start_worker, queue_env, tmp_path
):
    notes = tmp_path / "notes"
    task = enqueue(str(notes), "done", seconds=5)
    start_worker(1, {**queue_env, "QALAM_WORKER_GRACE": "1"})
    wait_for(lambda: status(task) == TaskResultStatus.RUNNING, "the task starting")
    first = start_worker.processes[0]
    asked = time.monotonic()
    first.send_signal(signal.SIGTERM)  # what systemd and `docker stop` send
    assert first.wait(timeout=10) == 0
    assert time.monotonic() - asked < 4  # the grace, not the task's five seconds
    row = DBTaskResult.objects.get(pk=task.pk)
    assert (row.status, row.started_at, row.worker_ids) == (TaskResultStatus.READY, None, [])
    assert not notes.exists()

    started = time.monotonic()
    start_worker(1, queue_env)
    wait_for(lambda: status(task) == TaskResultStatus.RUNNING, "the task starting again", 5)
    assert time.monotonic() - started < 5
    wait_for(lambda: status(task) == TaskResultStatus.SUCCESSFUL, "the task completing")
    assert notes.read_text() == "done\n"
    # One worker in its record: the stopped one is not counted toward WorkerLost.
    assert len(DBTaskResult.objects.get(pk=task.pk).worker_ids) == 1


def test_a_worker_asked_to_stop_finishes_a_short_task_first(start_worker, queue_env, tmp_path):
    notes = tmp_path / "notes"
    task = enqueue(str(notes), "done", seconds=2)
    start_worker(1, {**queue_env, "QALAM_WORKER_GRACE": "10"})
    wait_for(lambda: status(task) == TaskResultStatus.RUNNING, "the task starting")
    first = start_worker.processes[0]
    first.send_signal(signal.SIGTERM)
    assert first.wait(timeout=15) == 0
    assert status(task) == TaskResultStatus.SUCCESSFUL
    assert notes.read_text() == "done\n"


def test_two_workers_run_each_task_and_each_go_live_once(start_worker, queue_env, tmp_path, rubric):
    notes = tmp_path / "notes"
    labels = [f"task {number}" for number in range(12)]
    tasks = [enqueue(str(notes), label, seconds=0.2) for label in labels]
    article = ArticlePageFactory(parent=rubric, live=False, title="В эфир по расписанию")
    article.go_live_at = timezone.now() + datetime.timedelta(seconds=8)
    article.save_revision().publish()

    start_worker(1, queue_env)
    start_worker(1, queue_env)

    scheduled = PageLogEntry.objects.filter(page=article, action="wagtail.publish.scheduled")

    def all_done():
        done = DBTaskResult.objects.filter(
            pk__in=[task.pk for task in tasks], status=TaskResultStatus.SUCCESSFUL
        )
        article.refresh_from_db()
        # The publication's log entry is written after the page is saved live and its
        # handlers have run (Wagtail's publish is not one transaction): wait for both.
        return done.count() == len(tasks) and article.live and scheduled.exists()

    wait_for(all_done, "the tasks and the go-live")
    assert sorted(notes.read_text().splitlines()) == sorted(labels)
    time.sleep(2)  # a second publication by the other worker would be logged by now
    assert scheduled.count() == 1
    workers = {
        task.worker_ids[-1] for task in DBTaskResult.objects.filter(pk__in=[t.pk for t in tasks])
    }
    assert 1 <= len(workers) <= 2
