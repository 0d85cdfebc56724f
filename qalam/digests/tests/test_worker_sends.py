"""`qalam worker` sends the morning digest when its time comes, with no cron line: its
periodic command (settings.QALAM_WORKER_COMMANDS) runs `send_digest --due`, and two workers
side by side send it once."""

import datetime
import threading
import time

import pytest

from qalam.core.management.commands.worker import Command as Worker
from qalam.digests.factories import SubscriberFactory
from qalam.digests.models import Digest, DigestSchedule

# The worker's threads read what the test wrote: committed, not held in its transaction.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_worker_sends_a_due_digest_once(smtp_server, rubrics, day_stories, settings, tmp_path):
    settings.QALAM_WORKER_COMMANDS = [("send_digest", ["--due"], 0.2)]
    settings.VAR_DIR = tmp_path
    DigestSchedule.objects.create(language="ru", send_at=datetime.time(0, 0))
    SubscriberFactory(email="reader@example.org")
    stop = threading.Event()
    try:
        for _ in range(2):  # two workers' threads
            Worker().start_periodic_commands(stop)
        assert len(smtp_server.wait_for(1, seconds=20)) == 1
        time.sleep(1)  # a few more rounds of both: nothing more goes
    finally:
        stop.set()
    assert smtp_server.recipients() == ["reader@example.org"]
    assert Digest.objects.get(language="ru").sent_at is not None


def test_a_command_that_is_not_installed_is_left_out(settings):
    settings.QALAM_WORKER_COMMANDS = [("no_such_command", [], 0.1)]
    before = threading.active_count()
    stop = threading.Event()
    Worker().start_periodic_commands(stop)
    assert threading.active_count() == before
    stop.set()
