import logging
import signal
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger("qalam.worker")

QUEUE_BACKEND = "django_tasks_db.DatabaseBackend"
# Abandoned drafts wait a day before they go, so a look an hour is plenty.
SWEEP_INTERVAL = 3600


def uses_task_queue():
    return settings.TASKS["default"]["BACKEND"] == QUEUE_BACKEND


class Command(BaseCommand):
    help = (
        "Runs beside the web server: publishes scheduled pages and unpublishes expired ones "
        "as their time comes (no cron entry needed), deletes abandoned empty drafts, and, "
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
        if once:
            self.publish_scheduled()
            self.clear_abandoned_drafts()
            if uses_task_queue():
                call_command(
                    "db_worker", batch=True, startup_delay=False, reload=False, verbosity=0
                )
            return
        stop = threading.Event()
        if uses_task_queue():
            # The queue worker owns the process's signals; the schedule runs beside it.
            scheduler = threading.Thread(target=self.schedule, args=(stop, interval), daemon=True)
            scheduler.start()
            try:
                call_command("db_worker", reload=False, verbosity=options["verbosity"])
            finally:
                stop.set()
                scheduler.join(timeout=interval)
        else:
            for sig in (signal.SIGINT, signal.SIGTERM):
                signal.signal(sig, lambda *_: stop.set())
            self.schedule(stop, interval)

    def schedule(self, stop, interval):
        logger.info("worker started: checking the publishing schedule every %s s", interval)
        next_sweep = 0
        while not stop.is_set():
            self.publish_scheduled()
            if time.monotonic() >= next_sweep:
                self.clear_abandoned_drafts()
                next_sweep = time.monotonic() + SWEEP_INTERVAL
            if stop.wait(interval):
                break
            # Between looks, like between requests: drop a connection that died or aged out.
            close_old_connections()
        logger.info("worker stopped")

    def publish_scheduled(self):
        try:
            call_command("publish_scheduled", verbosity=0)
        except Exception:
            # One failed look must not end the worker: the next one may succeed.
            logger.exception("scheduled publishing failed")

    def clear_abandoned_drafts(self):
        try:
            call_command("clear_abandoned_drafts", verbosity=0)
        except Exception:
            logger.exception("clearing abandoned drafts failed")
