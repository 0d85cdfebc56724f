import logging
import signal
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger("qalam.worker")


class Command(BaseCommand):
    help = (
        "Runs beside the web server: publishes scheduled pages and unpublishes expired ones "
        "as their time comes, so no cron entry is needed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=int,
            default=settings.QALAM_SCHEDULER_INTERVAL,
            help="Seconds between two looks at the schedule (default %(default)s).",
        )
        parser.add_argument("--once", action="store_true", help="Look once and exit.")

    def handle(self, *args, interval, once, **options):
        stop = threading.Event()
        if not once:
            for sig in (signal.SIGINT, signal.SIGTERM):
                signal.signal(sig, lambda *_: stop.set())
            logger.info("worker started: checking the publishing schedule every %s s", interval)
        while True:
            try:
                call_command("publish_scheduled", verbosity=0)
            except Exception:
                # One failed look must not end the worker: the next one may succeed.
                logger.exception("scheduled publishing failed")
            if once or stop.wait(interval):
                break
            # Between looks, like between requests: drop a connection that died or aged out.
            close_old_connections()
        logger.info("worker stopped")
