"""Every public page type as the Nu HTML Checker reads it: no errors.

The pages are rendered through the test client, written to files and handed to one run of
the checker (the JVM takes seconds to start, so all pages go at once). Times carry
microseconds, as the admin's publish and a reader's comment give them. The checker is
`vnu-jar`, pinned in `.ci/vnu/package-lock.json`, on Debian's Java; without either the
test skips, unless `QALAM_REQUIRE_VNU=1` (CI)."""

import json
import os
import shutil
import subprocess

from django.conf import settings

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

VNU_JAR = settings.BASE_DIR / ".ci/vnu/node_modules/vnu-jar/build/dist/vnu.jar"


@pytest.fixture(scope="module")
def checker():
    """The command that runs the checker, or a skip that says what is missing."""
    java = shutil.which("java")
    missing = []
    if not java:
        missing.append("Java (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        missing.append("vnu.jar (npm ci --prefix .ci/vnu --ignore-scripts)")
    if missing:
        message = "The Nu HTML Checker needs " + " and ".join(missing)
        if os.environ.get("QALAM_REQUIRE_VNU") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout"]


def render(client, url, data=None):
    """The response a reader's browser would get: a page, or a form sent."""
    return client.get(url) if data is None else client.post(url, data)


def test_every_public_page_type_passes_the_html_checker(checker, client, public_pages, tmp_path):
    files = {}
    for name, (url, shows, *data) in public_pages.items():
        response = render(client, url, *data)
        status = 404 if name.startswith("not-found") else 400 if data else 200
        assert response.status_code == status, f"{name}: {response.status_code}"
        html = response.content
        soup = BeautifulSoup(html, "html.parser")
        missing = [each for each in shows.split(", ") if not soup.select(each)]
        assert missing == [], f"{name}: nothing at {missing}"
        files[name] = tmp_path / f"{name}.html"
        files[name].write_bytes(html)
    # The checker's exit status is 1 when it finds errors; the report says which.
    run = subprocess.run(  # noqa: S603 - java and the pinned jar, with our own files
        [*checker, *map(str, files.values())], capture_output=True, text=True, timeout=300
    )
    report = json.loads(run.stdout)
    page_of = {path.resolve().as_uri(): name for name, path in files.items()}
    page_of |= {uri.replace("file:///", "file:/"): name for uri, name in page_of.items()}
    errors = [
        f"{page_of.get(m.get('url'), m.get('url'))}, line {m.get('lastLine', '?')}: "
        f"{m['message']}  [{m.get('extract', '').strip()}]"
        for m in report["messages"]
    ]
    assert errors == [], "\n".join(errors)
