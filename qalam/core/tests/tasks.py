"""Tasks for the worker tests (core/tests/test_workers.py, qalam/tests/test_worker_crash.py):
each leaves a line in a file when it completes, so a test can count how many times it ran to
the end."""

import time
from pathlib import Path

from django_tasks import task


@task()
def note(path, label, seconds=0):
    time.sleep(seconds)
    with Path(path).open("a") as file:
        file.write(f"{label}\n")
