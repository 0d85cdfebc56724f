"""Qalam behind a real Varnish with deploy/varnish.vcl: readers get Varnish's copy, and a
publish purges every address that shows the change before the next reader comes."""

import os
import shutil
import socket
import subprocess
import time
import urllib.request

from django.conf import settings

from wagtail.models import Site

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.core import purge
from qalam.rubrics.factories import RubricPageFactory

# serialized_rollback puts back what migrations created (root page, collection) after a flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


@pytest.fixture
def newsroom(varnish, homes, monkeypatch, settings):
    """A site whose addresses are Varnish's, and Qalam told to purge there."""
    Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=varnish)
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{varnish}",
        }
    }
    monkeypatch.setattr(purge, "proxy_in_front", lambda: True)
    rubric = RubricPageFactory(parent=homes["ru"], title="Официально", slug="ofitsialno")
    article = ArticlePageFactory(parent=rubric, title="Экспорт зерна вырос", tags=["зерно"])
    return {"port": varnish, "article": article}


def through_varnish(port, path, cookie=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if cookie:
        request.add_header("Cookie", cookie)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        return response.headers.get("x-cache"), response.read().decode()


def test_varnish_serves_its_copy_until_a_publish_purges_it(newsroom):
    port, article = newsroom["port"], newsroom["article"]
    paths = [article.url, "/", "/ofitsialno/", "/ofitsialno/?utm_source=telegram", "/feeds/rss/"]
    for path in paths:
        through_varnish(port, path)
        assert through_varnish(port, path)[0] == "hit", path

    article.title = "Экспорт зерна вырос вдвое"
    article.save_revision().publish()

    for path in paths:
        state, body = through_varnish(port, path)
        assert state == "miss", f"{path} still served from Varnish"
        assert "Экспорт зерна вырос вдвое" in body, path


def test_editors_and_readers_with_a_message_pass_through(newsroom):
    port, url = newsroom["port"], newsroom["article"].url
    through_varnish(port, url)
    assert through_varnish(port, url)[0] == "hit"
    for cookie in ("sessionid=abc", "messages=xyz", "_ga=1; sessionid=abc"):
        assert through_varnish(port, url, cookie)[0] == "miss", cookie
    assert through_varnish(port, url, "_ga=GA1.2.3")[0] == "hit"
