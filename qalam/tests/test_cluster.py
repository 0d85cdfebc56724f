"""Two app servers as production runs them (granian, on the test database and the Redis of
REDIS_URL), and a real Varnish balancing between them with the VCL `qalam varnish_vcl` writes
(docs/scaling.md): an editor signed in on one works in the admin on the other, a comment form
fetched from one is taken by the other, and with one server killed mid-run readers get every
page and no accepted comment is lost. Varnish must be installed where QALAM_REQUIRE_PROXY=1
(CI)."""

import http.client
import http.cookiejar
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.utils import translation

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.comments.models import Comment
from qalam.comments.views import awaiting_moderation
from qalam.core.varnish import cluster_vcl
from qalam.newsroom.factories import PASSWORD, StaffFactory

from .conftest import VARNISHD, database_url, free_port

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

GRANIAN = Path(sys.executable).with_name("granian")
MARKER = "Комментарий с двух серверов"


def wait_for_port(port, process, what, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{what} stopped at start-up"
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/robots.txt")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{what} did not answer in {seconds} s")


@pytest.fixture
def app_servers(tmp_path):
    """Two granian app servers on the test database; their ports, and each one's process."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qalam.settings.test",
        "DATABASE_URL": database_url(),
        "QALAM_VAR_DIR": str(tmp_path / "var"),
        # One machine sends every comment: the per-reader limits would stop the second one.
        "QALAM_COMMENT_RATE": "100000/m",
        "QALAM_COMMENT_MIN_SECONDS": "0",
    }
    servers = {}
    for _ in range(2):
        port = free_port()
        command = [str(GRANIAN), "--interface", "wsgi", "--workers", "1",
                   "--blocking-threads", "2", "--host", "127.0.0.1", "--port", str(port),
                   "--no-ws", "--log-level", "warning", "qalam.wsgi:application"]  # fmt: skip
        servers[port] = subprocess.Popen(  # noqa: S603 - granian with our own arguments
            command, cwd=settings.BASE_DIR, env=env, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=(tmp_path / f"granian-{port}.log").open("w"),
        )  # fmt: skip
    try:
        for port, process in servers.items():
            wait_for_port(port, process, f"granian on {port}")
        yield servers
    finally:
        for process in servers.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)


@pytest.fixture
def balancer(app_servers, tmp_path):
    """Varnish in front of both app servers, probing each every half second; its port."""
    if not os.path.exists(VARNISHD):
        message = "Varnish is not installed (apt-get install varnish)"
        if os.environ.get("QALAM_REQUIRE_PROXY") == "1":
            pytest.fail(message)
        pytest.skip(message)
    config = tmp_path / "cluster.vcl"
    config.write_text(cluster_vcl([("127.0.0.1", port) for port in app_servers], 0.5))
    port = free_port()
    command = [VARNISHD, "-F", "-j", "none", "-n", str(tmp_path / "varnish"),
               "-a", f"127.0.0.1:{port}", "-f", str(config), "-s", "malloc,32m"]  # fmt: skip
    process = subprocess.Popen(  # noqa: S603 - a fixed program with our own arguments
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for_port(port, process, "Varnish")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def article(rubric):
    return ArticlePageFactory(parent=rubric, title="Экспорт зерна вырос")


class Stay(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the redirect is answered as it came, so the test picks the next server


def browser(follow=True):
    """A browser's cookies: one jar for 127.0.0.1 whatever the port, as behind a balancer."""
    handlers = [urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())]
    return urllib.request.build_opener(*handlers, *([] if follow else [Stay()]))


def csrf_token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]


def comment_form(page):
    action = re.search(r'action="((?:/[a-z]{2})?/comments/post/\d+/)[^"]*"', page)[1]
    return action, re.search(r'name="token" value="([^"]+)"', page)[1]


def comment(token, number):
    return urlencode({
        "author_name": "Читатель", "email": f"reader{number}@example.org", "url": "",
        "text": f"{MARKER} {number}", "homepage": "", "token": token, "parent": "",
    }).encode()  # fmt: skip


def test_an_editor_signed_in_on_one_server_works_on_the_other_and_so_does_a_comment_form(
    app_servers, article
):
    one, other = (f"http://127.0.0.1:{port}" for port in app_servers)
    StaffFactory(username="editor", is_superuser=True)
    editor = browser()
    login = editor.open(f"{one}/admin/login/").read().decode()
    signed_in = editor.open(
        f"{one}/admin/login/",
        urlencode(
            {"username": "editor", "password": PASSWORD, "csrfmiddlewaretoken": csrf_token(login)}
        ).encode(),  # fmt: skip
    )
    assert signed_in.url == f"{one}/admin/"

    # The other server knows the session, and takes a form (and its CSRF token) the first made.
    page = editor.open(f"{other}/admin/pages/{article.pk}/edit/")
    assert page.status == 200
    assert page.url == f"{other}/admin/pages/{article.pk}/edit/"
    form = editor.open(f"{one}/admin/pages/{article.pk}/edit/").read().decode()
    token = urlencode({"csrfmiddlewaretoken": csrf_token(form)}).encode()
    editor.open(f"{other}/admin/logout/", token)
    # Signed out on the other server is signed out on the first one too.
    assert editor.open(f"{one}/admin/").url.startswith(f"{one}/admin/login/")

    # A reader's comment: the form from one server, sent to the other, the notice on the first.
    reader = browser(follow=False)
    action, token = comment_form(reader.open(f"{one}{article.url}").read().decode())
    with pytest.raises(urllib.error.HTTPError) as sent:
        reader.open(f"{other}{action}", comment(token, 1))
    assert sent.value.code == 302
    assert Comment.objects.filter(text=f"{MARKER} 1").count() == 1
    with translation.override("ru"):
        notice = str(awaiting_moderation())
    assert notice in reader.open(f"{one}{article.url}").read().decode()


class Run:
    def __init__(self):
        self.lock = threading.Lock()
        self.reads, self.failed_reads = 0, []
        self.accepted, self.refused = set(), set()


def read(port, paths, run, stop, seed):
    rnd = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    while not stop.is_set():
        # A query string of its own makes most reads a miss that reaches an app server.
        path = f"{rnd.choice(paths)}?reader={seed}-{rnd.randrange(10**9)}"
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            status = type(error).__name__
        with run.lock:
            run.reads += 1
            if status != 200:
                run.failed_reads.append((path, status))


def post_comments(port, path, run, stop):
    number = 0
    while not stop.is_set():
        number += 1
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path)
            action, token = comment_form(connection.getresponse().read().decode())
            connection.request(
                "POST", action, body=comment(token, number),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )  # fmt: skip
            response = connection.getresponse()
            response.read()
            connection.close()
            accepted = response.status == 302
        except (OSError, http.client.HTTPException):
            accepted = False
        (run.accepted if accepted else run.refused).add(number)
        stop.wait(0.05)


def test_one_app_server_killed_mid_run_costs_readers_nothing_and_loses_no_comment(
    app_servers, balancer, article, rubric, home
):
    paths = [article.url, rubric.url, home.url]
    run, stop = Run(), threading.Event()
    threads = [
        threading.Thread(target=read, args=(balancer, paths, run, stop, n)) for n in range(4)
    ]
    threads.append(threading.Thread(target=post_comments, args=(balancer, article.url, run, stop)))
    for thread in threads:
        thread.start()
    time.sleep(3)
    killed = next(iter(app_servers.values()))
    os.killpg(killed.pid, signal.SIGKILL)
    reads_before = run.reads
    time.sleep(5)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)

    assert run.failed_reads == []
    assert run.reads - reads_before > 20, "the other app server answered after the kill"
    stored = {
        int(text.rsplit(" ", 1)[1])
        for text in Comment.objects.filter(text__startswith=MARKER).values_list("text", flat=True)
    }
    assert len(run.accepted) > 10
    assert run.accepted <= stored  # every comment a reader was thanked for is kept
    assert stored - run.accepted <= run.refused
