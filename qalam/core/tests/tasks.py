"""Tasks for the worker tests (core/tests/test_workers.py, qalam/tests/test_worker_crash.py):
each leaves a line in a file when it completes, so a test can count how many times it ran to
the end."""

import time
from pathlib import Path

from django.db import connection

from django_tasks import task


@task()
def note(path, label, seconds=0):
    time.sleep(seconds)
    with Path(path).open("a") as file:
        file.write(f"{label}\n")


@task()
def note_after_a_query(path, label, seconds):
    """Notes that it started, waits `seconds` (long enough for a test to restart the database
    under it), then asks the database something before it notes that it completed."""
    with Path(path).open("a") as file:
        file.write(f"{label} started\n")
    time.sleep(seconds)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    with Path(path).open("a") as file:
        file.write(f"{label}\n")
