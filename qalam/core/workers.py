"""What several `qalam worker` processes share (docs/workers.md).

- Each worker beats: a row saying it is alive, renewed at every look at the schedule.
- A task left running by a worker that is gone (killed, its machine lost) goes back to the
  queue, to be run by whichever worker is free; django-tasks-db leaves it running forever
  otherwise. A worker is gone when its beat is older than `QALAM_WORKER_SILENCE` seconds,
  or at once when it ran on this machine and its process no longer exists. After three
  workers lost on one task, it is failed instead: a task that kills its worker must not
  kill every worker in turn.
- A worker asked to stop (SIGTERM from systemd or `docker stop`, Ctrl+C) takes no new task
  and gives its running one `QALAM_WORKER_GRACE` seconds to finish; then it hands it back to
  the queue and exits, so that the next worker runs it at once and no worker is counted lost.
- The schedule (go-live, expiry, abandoned drafts) is looked at by one worker at a time: a
  PostgreSQL advisory lock, or a file lock beside the embedded default's SQLite file.
"""

import contextlib
import datetime
import fcntl
import logging
import os
import secrets
import signal
import socket
import threading
import time
import zlib

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from django_tasks_db.management.commands import db_worker

from .models import WorkerBeat

logger = logging.getLogger("qalam.worker")

MOST_ATTEMPTS = 3
HOST = socket.gethostname()[:255]


class WorkerLost(Exception):
    """The worker running the task stopped before it finished, each time it was tried."""


def new_worker_id():
    return f"{HOST[:40]}:{os.getpid()}:{secrets.token_hex(4)}"


def beat(worker_id):
    WorkerBeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"host": HOST, "pid": os.getpid(), "seen_at": timezone.now()},
    )


def process_exists(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True


def silent_since():
    return timezone.now() - datetime.timedelta(seconds=settings.QALAM_WORKER_SILENCE)


def gone_workers(worker_ids):
    """Those of `worker_ids` known to be no longer alive, and those never seen beating (a
    worker of an older release: judged by its task's age instead)."""
    since = silent_since()
    beats = list(WorkerBeat.objects.filter(worker_id__in=worker_ids))
    gone = {
        last.worker_id
        for last in beats
        if last.seen_at < since or (last.host == HOST and not process_exists(last.pid))
    }
    return gone, set(worker_ids) - {last.worker_id for last in beats}


def requeue_orphans():
    """Puts the tasks of workers that are gone back in the queue; returns how many."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    running = list(DBTaskResult.objects.running().only("id", "started_at", "worker_ids"))
    if not running:
        return 0
    gone, unknown = gone_workers({task.worker_ids[-1] for task in running if task.worker_ids})
    since = silent_since()
    requeued = 0
    for task in running:
        worker = task.worker_ids[-1] if task.worker_ids else None
        if worker not in gone and not (worker in unknown and task.started_at < since):
            continue
        # Only if no one else has taken it since it was read.
        same = DBTaskResult.objects.filter(
            pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at
        )
        if len(task.worker_ids) >= MOST_ATTEMPTS:
            same.update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                exception_class_path=f"{__name__}.{WorkerLost.__name__}",
                traceback=f"Lost the worker {len(task.worker_ids)} times: {task.worker_ids}",
            )
            logger.error("task %s failed: it lost its worker %d times", task.pk, MOST_ATTEMPTS)
        elif same.update(status=TaskResultStatus.READY, started_at=None):
            requeued += 1
            logger.warning("task %s requeued: its worker %s is gone", task.pk, task.worker_ids[-1:])
    return requeued


def hand_back(worker_id):
    """Puts the tasks `worker_id` is running back in the queue as they were before it took
    them, its attempt not counted among lost workers; returns how many went back. A task
    that finished meanwhile, or that another worker has taken since, is left alone."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    handed = 0
    for task in DBTaskResult.objects.running().only("id", "started_at", "worker_ids"):
        if task.worker_ids[-1:] != [worker_id]:
            continue
        same = DBTaskResult.objects.filter(
            pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at
        )
        if same.update(
            status=TaskResultStatus.READY, started_at=None, worker_ids=task.worker_ids[:-1]
        ):
            handed += 1
            logger.warning("task %s handed back to the queue: its worker is stopping", task.pk)
    return handed


class QueueWorker(db_worker.Worker):
    """django-tasks-db's worker, stopped as Qalam wants it stopped. Asked to stop, the
    library's worker waits for the running task however long it takes (past systemd's or
    Docker's patience, whose SIGKILL then leaves the task marked running until the worker's
    beat goes silent, a lost worker), and on a second signal exits inside the task, which
    marks it failed. This one waits `grace` seconds, then hands the task back (hand_back)
    and exits; a second signal hands it back at once."""

    def __init__(self, *, grace, **options):
        super().__init__(**options)
        self.grace = grace

    def run(self):
        """The library's loop, again after the database went away (a restart, a failover):
        the library's ends the process at the first failed look at the queue. A task cut off
        by the failure goes back to the queue first."""
        while True:
            try:
                hand_back(self.worker_id)
                return super().run()
            except DatabaseError as error:
                if not self.running:
                    raise
                logger.warning("the task queue is unreachable (%s): trying again in 1 s", error)
                connection.close()
                time.sleep(1)

    def run_task(self, db_task_result):
        try:
            super().run_task(db_task_result)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    def shutdown(self, signum, frame):
        if not self.running_task:
            super().shutdown(signum, frame)  # between tasks: exits at once
            return
        if self.running:
            self.running = False
            logger.warning(
                "%s: the running task has %s s to finish", signal.strsignal(signum), self.grace
            )
            signal.signal(signal.SIGALRM, self.give_up)
            signal.setitimer(signal.ITIMER_REAL, max(self.grace, 0.001))
            return
        self.give_up(signum, frame)

    def give_up(self, signum, frame):
        """Hands the running task back and ends the process. Runs in the main thread, the
        task's, which stays suspended here so the task cannot finish meanwhile; the update goes
        through a thread (and so a database connection) of its own, the task's connection
        being possibly inside the task's transaction, which ends with the process."""
        if not self.running_task:
            return

        def hand_back_and_close():
            try:
                hand_back(self.worker_id)
            except Exception:
                logger.exception(
                    "handing the task back failed: it goes back once the worker is gone"
                )
            finally:
                connection.close()

        thread = threading.Thread(target=hand_back_and_close)
        thread.start()
        thread.join(timeout=10)
        logging.shutdown()
        os._exit(0)


def forget_old_beats():
    WorkerBeat.objects.filter(seen_at__lt=timezone.now() - datetime.timedelta(days=1)).delete()


@contextlib.contextmanager
def one_at_a_time(name):
    """Yields whether this process holds `name` (never waits for it)."""
    if connection.vendor == "postgresql":
        key = zlib.crc32(name.encode())
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            held = cursor.fetchone()[0]
        try:
            yield held
        finally:
            if held:
                # A lost connection took the lock with it.
                with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    with open(settings.VAR_DIR / f"{name}.lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
