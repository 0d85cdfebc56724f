"""What workers share (core/workers.py): the running tasks of a worker that is gone go back
to the queue, a task that lost its worker three times fails, and the schedule's lock is held
by one process at a time."""

import datetime
import subprocess
import sys

from django.db import connection, connections
from django.test import override_settings
from django.utils import timezone

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from qalam.core import workers
from qalam.core.models import WorkerBeat
from qalam.core.tests.tasks import note

pytestmark = pytest.mark.django_db

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def a_dead_pid():
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.fixture
def running(tmp_path):
    """A task claimed by a worker, as django-tasks-db's worker claims it."""

    def claimed_by(*worker_ids, minutes_ago=0):
        with override_settings(TASKS=QUEUE):
            result = note.enqueue(str(tmp_path / "notes"), "a")
        row = DBTaskResult.objects.get(pk=result.id)
        for worker_id in worker_ids:
            row.claim(worker_id)
        started = timezone.now() - datetime.timedelta(minutes=minutes_ago)
        DBTaskResult.objects.filter(pk=row.pk).update(started_at=started)
        return row

    return claimed_by


def beat(worker_id, pid, seconds_ago=0, host=workers.HOST):
    seen = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    WorkerBeat.objects.create(worker_id=worker_id, host=host, pid=pid, seen_at=seen)


def status(row):
    return DBTaskResult.objects.get(pk=row.pk).status


def test_a_living_workers_task_stays_running(running):
    import os

    beat("here:1", os.getpid())
    row = running("here:1")
    assert workers.requeue_orphans() == 0
    assert status(row) == TaskResultStatus.RUNNING


def test_a_task_of_a_worker_silent_too_long_is_requeued(running, settings):
    beat("far:1", 1, seconds_ago=settings.QALAM_WORKER_SILENCE + 5, host="elsewhere")
    row = running("far:1")
    assert workers.requeue_orphans() == 1
    requeued = DBTaskResult.objects.get(pk=row.pk)
    assert requeued.status == TaskResultStatus.READY and requeued.started_at is None


def test_a_task_of_a_dead_process_on_this_machine_is_requeued_at_once(running):
    beat("here:2", a_dead_pid())
    row = running("here:2")
    assert workers.requeue_orphans() == 1
    assert status(row) == TaskResultStatus.READY


def test_a_worker_never_seen_beating_is_judged_by_its_tasks_age(running, settings):
    recent = running("old-release:1")
    assert workers.requeue_orphans() == 0
    assert status(recent) == TaskResultStatus.RUNNING
    minutes = settings.QALAM_WORKER_SILENCE // 60 + 2
    DBTaskResult.objects.filter(pk=recent.pk).update(
        started_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )
    assert workers.requeue_orphans() == 1


def test_a_task_that_lost_three_workers_fails_instead(running):
    for worker_id in ("here:3", "here:4", "here:5"):
        beat(worker_id, a_dead_pid())
    row = running("here:3", "here:4", "here:5")
    assert workers.requeue_orphans() == 0
    failed = DBTaskResult.objects.get(pk=row.pk)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.exception_class_path == "qalam.core.workers.WorkerLost"


def test_a_stopping_worker_hands_back_only_its_own_running_task(running):
    mine = running("first:1", "here:6")
    theirs = running("here:7")
    assert workers.hand_back("here:6") == 1
    back = DBTaskResult.objects.get(pk=mine.pk)
    # As before it was taken: the stopped attempt is not a lost worker.
    assert (back.status, back.started_at, back.worker_ids) == (
        TaskResultStatus.READY, None, ["first:1"]
    )  # fmt: skip
    assert status(theirs) == TaskResultStatus.RUNNING
    assert workers.hand_back("here:6") == 0


def test_old_beats_are_forgotten():
    beat("gone:1", 1, seconds_ago=2 * 86400, host="elsewhere")
    beat("fresh:1", 1, host="elsewhere")
    workers.forget_old_beats()
    assert list(WorkerBeat.objects.values_list("worker_id", flat=True)) == ["fresh:1"]


def other_process_holds(name):
    """Whether another holder could take `name` now: a second connection on PostgreSQL (a
    session's own advisory locks stack), a second open file otherwise."""
    if connection.vendor != "postgresql":
        with workers.one_at_a_time(name) as held:
            return held
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [workers.zlib.crc32(name.encode())])
            return cursor.fetchone()[0]
    finally:
        other.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_schedule_is_looked_at_by_one_holder_at_a_time(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    with workers.one_at_a_time("qalam-schedule") as first:
        assert first
        assert not other_process_holds("qalam-schedule")
    assert other_process_holds("qalam-schedule")
