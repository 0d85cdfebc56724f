"""PostgreSQL restarted under a running site (a throwaway server of the test's own,
postgres_cluster.py): readers get errors only while it is down, every page answers again
within 5 s of its return, and every comment that got a success answer is stored; a `qalam
worker` on the task queue outlives the restart and runs the next task."""

import os
import subprocess
import sys
import threading
import time

import pytest
import requests
from bs4 import BeautifulSoup

from . import postgres_cluster
from .postgres_cluster import Cluster
from .replicated_site import PORTS, Site

PAGES = ["/", "/ekonomika/", "/ekonomika/eksport/"]
RECOVERY = 5  # seconds


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One server for the module's tests: making and migrating it is most of their time."""
    tmp_path = tmp_path_factory.mktemp("site")
    missing = postgres_cluster.binaries_missing()
    if missing:
        message = f"PostgreSQL server programs missing: {', '.join(missing)}"
        if os.environ.get("QALAM_REQUIRE_REPLICA") == "1":
            pytest.fail(message)
        pytest.skip(message)
    with Cluster(PORTS, replicas=0) as cluster:
        site = Site(cluster, tmp_path)
        # Comments every half second from one address: above a reader's limit on purpose.
        site.env["QALAM_COMMENT_RATE"] = "1000/m"
        try:
            site.start()
            yield site
        finally:
            site.stop()


def comment_form(site):
    page = requests.get(site.base + "/ekonomika/eksport/", timeout=10).text
    form = BeautifulSoup(page, "html.parser").select_one("form[action*='/comments/post/']")
    fields = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    return form["action"], fields


def test_readers_and_commenters_through_a_database_restart(site):
    stop = threading.Event()
    answers = []  # (moment, status) of readers' requests
    accepted, posted = [], 0
    action, fields = comment_form(site)
    time.sleep(1.1)  # QALAM_COMMENT_MIN_SECONDS of the form

    def read():
        while not stop.is_set():
            for path in PAGES:
                started = time.monotonic()
                try:
                    status = requests.get(site.base + path, timeout=10).status_code
                except requests.RequestException:
                    status = 0
                answers.append((started, status))

    def comment():
        nonlocal posted
        while not stop.is_set():
            posted += 1
            text = f"Комментарий номер {posted} во время перезапуска базы."
            data = {**fields, "author_name": "Читатель", "email": "r@example.kz", "text": text}
            try:
                response = requests.post(
                    site.base + action, data=data, allow_redirects=False, timeout=10
                )
                if response.status_code == 302:
                    accepted.append(text)
            except requests.RequestException:
                pass
            time.sleep(0.5)

    workers = [threading.Thread(target=read) for _ in range(3)] + [threading.Thread(target=comment)]
    for worker in workers:
        worker.start()
    try:
        time.sleep(3)
        went_down = time.monotonic()
        site.primary.stop("fast")
        time.sleep(2)
        site.primary.start()
        came_back = time.monotonic()
        time.sleep(RECOVERY + 4)
    finally:
        stop.set()
        for worker in workers:
            worker.join(timeout=30)

    failed = [(moment, status) for moment, status in answers if status != 200]
    assert failed, "the restart was not felt at all: the test did not test it"
    # Errors only from the stop until RECOVERY seconds after the server is back.
    assert all(went_down - 1 <= moment <= came_back + RECOVERY for moment, _ in failed), failed
    after = [status for moment, status in answers if moment > came_back + RECOVERY]
    assert after and set(after) == {200}
    stored = {row[0] for row in site.primary.execute("SELECT text FROM comments_comment")}
    assert accepted and set(accepted) <= stored
    last_failure = max(moment for moment, _ in failed)
    # The figures for docs/operations.md, shown with -s.
    print(  # noqa: T201
        f"{len(answers)} reader requests, {len(failed)} failed while the server was down; "
        f"the last failure {last_failure - came_back:+.1f} s from its return; "
        f"{len(accepted)} of {posted} comments accepted, all stored"
    )


def queue_env(site):
    """The site's environment for processes that work on the database's task queue."""
    return {**site.env, "QALAM_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "QALAM_LOG_LEVEL": "INFO"}  # fmt: skip


def start_worker(env):
    """`qalam worker` on the site's database; the process and the lines of its log so far."""
    worker = subprocess.Popen(
        [sys.executable, "-m", "qalam", "worker", "--interval", "1"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    lines = []
    threading.Thread(target=lambda: lines.extend(worker.stderr), daemon=True).start()
    return worker, lines


def shell(env, code):
    """Runs `code` in `qalam shell` on the site's database; the last line it printed."""
    printed = subprocess.run(  # noqa: S603 - Qalam's own command
        [sys.executable, "-m", "qalam", "shell", "-c", code],
        env=env, check=True, capture_output=True, text=True, timeout=60,
    ).stdout.splitlines()  # fmt: skip
    return printed[-1] if printed else ""


def test_the_worker_outlives_a_database_restart(site, tmp_path):
    env = queue_env(site)
    worker, lines = start_worker(env)
    try:
        deadline = time.monotonic() + 60
        while not any("worker started" in line for line in lines):
            assert worker.poll() is None and time.monotonic() < deadline, "".join(lines)
            time.sleep(0.1)
        time.sleep(1.5)  # the queue looked at, its connection open
        site.primary.stop("fast")
        time.sleep(2)
        site.primary.start()
        notes = tmp_path / "notes"
        enqueue = f"from qalam.core.tests.tasks import note; note.enqueue({str(notes)!r}, 'after')"
        shell(env, enqueue)
        deadline = time.monotonic() + 30
        while not notes.exists():
            assert worker.poll() is None, "the worker ended:\n" + "".join(lines)
            assert time.monotonic() < deadline, "the task did not run:\n" + "".join(lines)
            time.sleep(0.2)
        assert notes.read_text() == "after\n"
        assert any("the task queue is unreachable" in line for line in lines), "".join(lines)
    finally:
        worker.terminate()
        worker.wait(timeout=15)


def test_a_task_the_restart_cuts_off_runs_again_and_completes_once(site, tmp_path):
    env = queue_env(site)
    notes = tmp_path / "notes"
    enqueue = (
        "from qalam.core.tests.tasks import note_after_a_query; "
        f"print(note_after_a_query.enqueue({str(notes)!r}, 'cut', 3).id)"
    )
    task_id = shell(env, enqueue)
    worker, lines = start_worker(env)
    try:
        deadline = time.monotonic() + 60
        while not (notes.exists() and "cut started" in notes.read_text()):
            assert worker.poll() is None and time.monotonic() < deadline, "".join(lines)
            time.sleep(0.1)
        site.primary.stop("fast")  # while the task waits, before its query
        time.sleep(1)
        site.primary.start()
        deadline = time.monotonic() + 30
        while "cut\n" not in notes.read_text().replace("cut started\n", ""):
            assert worker.poll() is None, "the worker ended:\n" + "".join(lines)
            assert time.monotonic() < deadline, "the task did not complete:\n" + "".join(lines)
            time.sleep(0.2)
        time.sleep(2)  # a second run would note again
        assert notes.read_text().splitlines().count("cut") == 1
        # Started again: its query failed on the connection the restart broke.
        assert notes.read_text().splitlines().count("cut started") == 2
        status = (
            "from django_tasks_db.models import DBTaskResult; "
            f"print(DBTaskResult.objects.get(id={task_id!r}).status)"
        )
        assert shell(env, status) == "SUCCESSFUL", "".join(lines)
    finally:
        worker.terminate()
        worker.wait(timeout=15)
