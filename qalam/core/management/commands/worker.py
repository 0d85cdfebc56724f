import contextlib
import logging
import signal
import threading
import time

from django.apps import apps
from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.db.models import Min
from django.utils import timezone

from wagtail.models import DraftStateMixin, Page, Revision

from qalam.core import workers

logger = logging.getLogger("qalam.worker")

QUEUE_BACKEND = "django_tasks_db.DatabaseBackend"
# Abandoned drafts wait a day before they go, so a look an hour is plenty.
SWEEP_INTERVAL = 3600


def next_due():
    """The earliest go-live (of any approved revision) or expiry (of anything live) ahead, the
    two things `publish_scheduled` acts on."""
    moments = [
        Revision.objects.filter(approved_go_live_at__isnull=False).aggregate(
            due=Min("approved_go_live_at")
        )["due"]
    ]
    drafted = [m for m in apps.get_models() if issubclass(m, DraftStateMixin)]
    for model in [Page, *(m for m in drafted if not issubclass(m, Page))]:
        moments.append(
            model.objects.filter(live=True, expire_at__isnull=False).aggregate(
                due=Min("expire_at")
            )["due"]
        )
    return min((moment for moment in moments if moment), default=None)


def uses_task_queue():
    return settings.TASKS["default"]["BACKEND"] == QUEUE_BACKEND


class Command(BaseCommand):
    help = (
        "Runs beside the web server: publishes scheduled pages and unpublishes expired ones "
        "as their time comes (no cron entry needed), deletes abandoned empty drafts, runs "
        "the commands of QALAM_WORKER_COMMANDS (the morning digests) on their own, and, "
        "when tasks go to the database queue, runs them (search and reference index "
        "updates, imports)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=int,
            default=settings.QALAM_SCHEDULER_INTERVAL,
            help="Seconds between two looks at the schedule (default %(default)s).",
        )
        parser.add_argument(
            "--once",
            action="store_true",
            help="Look at the schedule once, run the queued tasks, and exit.",
        )

    def handle(self, *args, interval, once, **options):
        self.worker_id = workers.new_worker_id()
        if once:
            self.look_at_schedule(sweep=True)
            if uses_task_queue():
                self.keep_the_queue()
                self.run_queue(batch=True, verbosity=0)
            return
        stop = threading.Event()
        if uses_task_queue():
            # The queue worker owns the process's signals; the schedule runs beside it.
            scheduler = threading.Thread(target=self.schedule, args=(stop, interval), daemon=True)
            scheduler.start()
            try:
                self.run_queue(batch=False, verbosity=options["verbosity"])
            finally:
                stop.set()
                scheduler.join(timeout=interval)
        else:
            for sig in (signal.SIGINT, signal.SIGTERM):
                signal.signal(sig, lambda *_: stop.set())
            self.schedule(stop, interval)

    def run_queue(self, batch, verbosity):
        """django-tasks-db's worker on the default queue, as its `db_worker` command runs it,
        stopped with a grace period (core/workers.py)."""
        level = logging.INFO if verbosity else logging.CRITICAL
        logging.getLogger("django_tasks").setLevel(level)
        logging.getLogger("django_tasks_db").setLevel(level)
        worker = workers.QueueWorker(
            grace=settings.QALAM_WORKER_GRACE,
            queue_names=["default"],
            excluded_queue_names=[],
            interval=1,
            batch=batch,
            backend_name="default",
            startup_delay=not batch,
            max_tasks=None,
            worker_id=self.worker_id,
        )
        worker.configure_signals()
        try:
            worker.run()
        finally:
            # A stop between taking a task and starting it leaves it marked as this worker's.
            with contextlib.suppress(Exception):
                workers.hand_back(self.worker_id)

    def start_periodic_commands(self, stop):
        """Each of settings.QALAM_WORKER_COMMANDS in a thread of its own, so that a long run
        (a morning digest to thousands) never holds up a go-live; one worker at a time runs
        each (core/workers.py)."""
        known = get_commands()
        for command, arguments, seconds in settings.QALAM_WORKER_COMMANDS:
            if command not in known:
                continue
            thread = threading.Thread(
                target=self.every, args=(stop, seconds, command, arguments), daemon=True
            )
            thread.start()

    def every(self, stop, seconds, command, arguments):
        while not stop.wait(seconds):
            try:
                with workers.one_at_a_time(f"qalam-{command}") as mine:
                    if mine:
                        call_command(command, *arguments, verbosity=0)
            except Exception:
                logger.exception("%s failed", command)
            finally:
                close_old_connections()

    def schedule(self, stop, interval):
        self.start_periodic_commands(stop)
        logger.info("worker started: checking the publishing schedule every %s s", interval)
        next_sweep = 0
        while not stop.is_set():
            if uses_task_queue():
                self.keep_the_queue()
            sweep = time.monotonic() >= next_sweep
            if self.look_at_schedule(sweep) and sweep:
                next_sweep = time.monotonic() + SWEEP_INTERVAL
            if stop.wait(self.pause(interval)):
                break
            # Between looks, like between requests: drop a connection that died or aged out.
            close_old_connections()
        logger.info("worker stopped")

    def pause(self, interval):
        """Seconds until the next look: the interval, or less when a go-live or an expiry
        already known falls due before it, so that it happens on time rather than up to an
        interval late."""
        try:
            due = next_due()
        except Exception:
            logger.exception("reading the publishing schedule failed")
            return interval
        if due is None:
            return interval
        # Wagtail's command takes what is strictly past due: look a moment after.
        until = (due - timezone.now()).total_seconds() + 0.05
        return min(interval, max(until, 0.05))

    def look_at_schedule(self, sweep):
        """Publishes and unpublishes what is due, and clears abandoned drafts if `sweep`,
        unless another worker is at it now (core/workers.py); returns whether it looked."""
        try:
            with workers.one_at_a_time("qalam-schedule") as mine:
                if mine:
                    self.look("publish_scheduled", "scheduled publishing failed")
                    if sweep:
                        self.look("clear_abandoned_drafts", "clearing abandoned drafts failed")
                return mine
        except Exception:
            logger.exception("the schedule's lock could not be taken")
            return False

    def keep_the_queue(self):
        """Says this worker is alive, and puts back the tasks of workers that are not."""
        try:
            workers.beat(self.worker_id)
            workers.requeue_orphans()
            workers.forget_old_beats()
        except Exception:
            logger.exception("checking on the other workers failed")

    @staticmethod
    def look(command, failure):
        try:
            call_command(command, verbosity=0)
        except Exception:
            # One failed look must not end the worker: the next one may succeed.
            logger.exception(failure)
