"""PostgreSQL restarted under a running site (a throwaway server of the test's own,
postgres_cluster.py): readers get errors only while it is down, every page answers again
within 5 s of its return, and every comment that got a success answer is stored."""

import os
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


@pytest.fixture
def site(tmp_path):
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
