"""Qalam as a server process (runserver) on a throwaway PostgreSQL primary and its streaming
replica (postgres_cluster.py), migrated and given a rubric, an article, a draft and an editor.
Which server ran a request's page queries is read from each server's statement log, where the
site's connections carry their own application name. Used by test_read_replicas.py and
bench/replicas.py."""

import os
import subprocess
import sys
import threading
import time

import requests

from .postgres_cluster import free_port

PORTS = range(8740, 8760)
# What the site is given of its own rather than taken from the tests' environment.
OWN_VARIABLES = ("REDIS_URL", "QALAM_VAR_DIR", "QALAM_CACHE_DIR")
SERVER = "qalam-server"  # the application name of the site's connections
CONTENT = """
from qalam.articles.factories import ArticlePageFactory
from qalam.home.editions import ensure_editions
from qalam.rubrics.factories import RubricPageFactory
from qalam.users.models import User

rubric = RubricPageFactory(parent=ensure_editions()["ru"], title="Экономика", slug="ekonomika")
ArticlePageFactory(parent=rubric, title="Экспорт зерна вырос", slug="eksport")
draft = ArticlePageFactory(parent=rubric, title="Тираж бюллетеней утверждён", slug="tirazh")
draft.unpublish()
User.objects.create_superuser("editor", "editor@example.kz", "editor-password")
"""


def qalam(command, env, timeout):
    result = subprocess.run(  # noqa: S603 - Qalam's own command
        [sys.executable, "-m", "qalam", *command],
        env=env, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


class Site:
    """Qalam's runserver on the cluster, its log lines kept as they come."""

    def __init__(self, cluster, tmp):
        self.cluster, self.primary, self.replicas = cluster, cluster.primary, cluster.replicas
        self.replica = self.replicas[0] if self.replicas else None
        named = f"?application_name={SERVER}"
        # replica2 names a user that does not exist; replica3, when made, is a second node.
        urls = [self.replica.url(), self.replica.url(user="nobody")] if self.replica else []
        urls += [replica.url() for replica in self.replicas[1:]]
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in OWN_VARIABLES},
            "DJANGO_SETTINGS_MODULE": "qalam.settings.test",
            "DATABASE_URL": self.primary.url() + named,
            "DATABASE_REPLICA_URLS": ",".join(url + named for url in urls),
            "QALAM_REPLICA_MAX_LAG": "5",
            "QALAM_REPLICA_CHECK_SECONDS": "0.3",
            "QALAM_COMMENT_MIN_SECONDS": "1",
            "QALAM_VAR_DIR": str(tmp),
            # The commands and the server share the page cache's stamps, as in production.
            "QALAM_CACHE_DIR": str(tmp / "cache"),
        }
        self.port, self.lines, self.process = free_port(PORTS[5:]), [], None
        self.replica_nodes = []  # 1, 2…: the replica node of each page read from one
        self.base = f"http://127.0.0.1:{self.port}"

    def start(self):
        self.prepare()
        self.serve()

    def prepare(self):
        qalam(["migrate", "--noinput"], self.env, timeout=180)
        qalam(["shell", "-c", CONTENT], self.env, timeout=60)

    def serve(self):
        self.process = subprocess.Popen(  # noqa: S603 - Qalam's own command
            [sys.executable, "-m", "qalam", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        threading.Thread(target=lambda: self.lines.extend(self.process.stderr), daemon=True).start()
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.head(self.base + "/", timeout=5)
                return
            except requests.ConnectionError:
                assert self.process.poll() is None, "".join(self.lines)
                assert time.monotonic() < deadline, "runserver did not start"
                time.sleep(0.2)

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)

    def read(self, path, session=None, **kwargs):
        """The answer to a GET, and the servers that ran its page queries: "primary", or
        "replica" (which of them is added to `replica_nodes`)."""
        servers = [self.primary, *self.replicas]
        offsets = [server.log_size() for server in servers]
        response = (session or requests).get(self.base + path, timeout=10, **kwargs)
        nodes = [
            number
            for number, (server, offset) in enumerate(zip(servers, offsets, strict=True))
            if any('"wagtailcore_page"' in line for line in server.log_since(offset, SERVER))
        ]
        self.replica_nodes.extend(number for number in nodes if number)
        return response, {"replica" if number else "primary" for number in nodes}

    def replica_lines(self, alias="replica1"):
        return [line for line in self.lines if f"Read replica {alias} " in line]

    def until_read_from(self, node, path="/ekonomika/eksport/", within=15):
        deadline = time.monotonic() + within
        while True:
            response, ran = self.read(path)
            if ran == {node}:
                return response
            assert time.monotonic() < deadline, f"{path} still read from {ran}"
            time.sleep(0.2)
