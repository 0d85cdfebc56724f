"""System tests: Qalam whole, across its layers (docs/testing.md). Fixtures for them: a real
Varnish in front of the live server, `qalam worker` as the scheduler runs in production, the
site's placeholder photo."""

import os
import shutil
import socket
import subprocess
import sys
import threading
import time

from django.conf import settings

from wagtail.models import Site

import pytest

from qalam.core.factories import EditionSettingsFactory
from qalam.core.models import SiteSettings
from qalam.images.factories import photo

VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def change(django_capture_on_commit_callbacks):
    """Runs an editor's change and what is to follow its commit (the purges)."""

    def run(action, *args):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args)

    return run


@pytest.fixture
def varnish(live_server, tmp_path):
    if not os.path.exists(VARNISHD):
        message = "Varnish is not installed (apt-get install varnish)"
        if os.environ.get("QALAM_REQUIRE_PROXY") == "1":
            pytest.fail(message)
        pytest.skip(message)
    backend_port = live_server.url.rsplit(":", 1)[1]
    vcl = (settings.BASE_DIR / "deploy" / "varnish.vcl").read_text()
    config = tmp_path / "qalam.vcl"
    config.write_text(vcl.replace('.port = "8000"', f'.port = "{backend_port}"'))
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - a fixed program with our own arguments
        [
            VARNISHD,
            "-F",
            "-j",
            "none",
            "-n",
            str(tmp_path / "work"),
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(config),
            "-s",
            "malloc,32m",
            "-p",
            "ban_lurker_sleep=0.01",
        ],  # fmt: skip
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert process.poll() is None, process.stderr.read().decode()
            time.sleep(0.1)
    yield port
    process.terminate()
    process.wait(timeout=10)


def database_url():
    """The test database as a DATABASE_URL, for a process started beside the tests."""
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def start_worker():
    """Starts `qalam worker` in a process of its own on the test database, with `env` added
    to the test process's environment, and waits until it has begun its first look."""
    processes = []

    def start(interval, env):
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "qalam.settings.test",
            "DATABASE_URL": database_url(),
            "QALAM_LOG_LEVEL": "INFO",
            **env,
        }
        environment = {key: value for key, value in environment.items() if value is not None}
        process = subprocess.Popen(  # noqa: S603 - Qalam's own command
            [sys.executable, "-m", "qalam", "worker", "--interval", str(interval)],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        processes.append(process)
        lines = []

        def read():
            for line in process.stderr:
                lines.append(line)

        threading.Thread(target=read, daemon=True).start()
        deadline = time.monotonic() + 60
        while not any("worker started" in line for line in lines):
            assert process.poll() is None, "".join(lines)
            assert time.monotonic() < deadline, "the worker did not start:\n" + "".join(lines)
            time.sleep(0.1)
        return lines

    start.processes = processes  # for a test that kills one
    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def placeholder(db):
    """The site's placeholder photo, shown in every photo slot without a photo."""
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.placeholder_image = photo(title="Нет фото")
    settings.save()
    EditionSettingsFactory(placeholder_alt="Qalam: нет фото")
    return settings.placeholder_image
