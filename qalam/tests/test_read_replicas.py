"""Read replicas end to end (core/replicas.py, docs/scaling.md): Qalam as a server process on a
throwaway PostgreSQL primary with a real streaming replica (postgres_cluster.py). Which server
ran a page's queries is read from each server's statement log, where the site's connections
carry their own application name.

Anonymous readers' pages are read from the replica; a comment is written on the primary and
the reader's next page, carrying the message cookie, is read there too; a stopped or lagging
replica is skipped with no failed request and logged once; an editor, and readers, see a
publish at once; a replica with a wrong user name is logged once and never read from."""

import os
import time

import pytest
import requests
from bs4 import BeautifulSoup

from . import postgres_cluster
from .postgres_cluster import Cluster
from .replicated_site import PORTS, SERVER, Site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    missing = postgres_cluster.binaries_missing()
    if missing:
        names = ", ".join(missing)
        message = f"PostgreSQL server programs missing: {names} (apt-get install postgresql-15)"
        if os.environ.get("QALAM_REQUIRE_REPLICA") == "1":
            pytest.fail(message)
        pytest.skip(message)
    with Cluster(PORTS, replicas=2) as cluster:
        site = Site(cluster, tmp_path_factory.mktemp("var"))
        try:
            site.start()
            yield site
        finally:
            site.stop()


@pytest.fixture
def replica_in_step(site):
    """Every test starts with the replicas running, replaying, and read from."""
    for replica in site.replicas:
        if not replica.running():
            replica.start()
        replica.execute("SELECT pg_wal_replay_resume()")
    site.until_read_from("replica")
    return site


def on_replicas(site, sql):
    for replica in site.replicas:
        replica.execute(sql)


def said(site, before):
    """What the site has logged of its two replica nodes (replica1, replica3) since `before`."""
    return [site.replica_lines(alias)[before[alias] :] for alias in ("replica1", "replica3")]


def counts(site):
    return {alias: len(site.replica_lines(alias)) for alias in ("replica1", "replica3")}


def test_anonymous_readers_pages_are_read_from_the_replica(replica_in_step):
    site = replica_in_step
    for path in ["/", "/ekonomika/", "/ekonomika/eksport/", "/ekonomika/eksport/"]:
        response, ran = site.read(path)
        assert (response.status_code, ran) == (200, {"replica"}), path
    assert "Экспорт зерна вырос" in response.text
    # The replica with a wrong user name: said once, and skipped.
    wrong = site.replica_lines("replica2")
    assert len(wrong) == 1 and 'role "nobody" does not exist' in wrong[0]
    # Two healthy replicas share the readers.
    site.replica_nodes.clear()
    for _ in range(20):
        assert site.read("/ekonomika/eksport/")[1] == {"replica"}
    assert set(site.replica_nodes) == {1, 2}
    # The read API, like the admin, is the primary's, even for a reader who is not signed in.
    response, ran = site.read("/api/v2/pages/")
    assert (response.status_code, ran) == (200, {"primary"})


def test_a_comment_is_written_on_the_primary_and_its_notice_read_there(replica_in_step):
    site, reader = replica_in_step, requests.Session()
    page, ran = site.read("/ekonomika/eksport/", reader)
    assert ran == {"replica"}
    form = BeautifulSoup(page.text, "html.parser").select_one(
        "form.comment-form, form[action*='/comments/post/']"
    )
    fields = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    fields.update(author_name="Айгерим", email="aigerim@example.kz", text="Реплика с реплики.")
    time.sleep(1.1)  # QALAM_COMMENT_MIN_SECONDS: a form sent at once is a bot's
    offsets = [server.log_size() for server in (site.primary, *site.replicas)]
    posted = reader.post(site.base + form["action"], data=fields, allow_redirects=False, timeout=10)
    assert posted.status_code == 302, posted.text
    assert "messages" in reader.cookies
    assert any(
        'INSERT INTO "comments_comment"' in line
        for line in site.primary.log_since(offsets[0], SERVER)
    )
    for replica, offset in zip(site.replicas, offsets[1:], strict=True):
        assert replica.log_since(offset, SERVER) == []

    followed, ran = site.read(posted.headers["Location"], reader)
    assert ran == {"primary"}
    assert "появится после проверки" in followed.text
    assert site.primary.execute("SELECT text FROM comments_comment") == [("Реплика с реплики.",)]
    # The notice read, the cookie is gone, and the reader is back on the replica.
    assert "messages" not in reader.cookies
    assert site.read("/ekonomika/eksport/", reader)[1] == {"replica"}


def test_stopped_replicas_are_skipped_without_a_failed_request(replica_in_step):
    site = replica_in_step
    before = counts(site)
    for replica in site.replicas:
        replica.stop()
    paths = ["/", "/ekonomika/", "/ekonomika/eksport/"]
    answers = [site.read(path) for _ in range(5) for path in paths]
    assert [response.status_code for response, _ in answers] == [200] * 15
    assert {frozenset(ran) for _, ran in answers} == {frozenset({"primary"})}
    for lines in said(site, before):
        assert len(lines) == 1 and "skipped, unreachable" in lines[0]

    before = counts(site)
    for replica in site.replicas:
        replica.start()
    site.until_read_from("replica")
    time.sleep(1)  # the next look finds the other one back too
    site.read("/")
    for lines in said(site, before):
        assert len(lines) == 1 and "is back" in lines[0]


def test_lagging_replicas_are_skipped_until_they_catch_up(replica_in_step):
    site = replica_in_step
    before = counts(site)
    on_replicas(site, "SELECT pg_wal_replay_pause()")
    site.primary.execute("CREATE TABLE written_meanwhile AS SELECT 1 AS x")
    site.until_read_from("primary", within=15)
    assert "written_meanwhile" not in str(site.replica.execute("SELECT relname FROM pg_class"))
    for lines in said(site, before):
        assert len(lines) == 1 and "behind (QALAM_REPLICA_MAX_LAG)" in lines[0]

    on_replicas(site, "SELECT pg_wal_replay_resume()")
    site.until_read_from("replica")


def test_an_editor_sees_their_own_publish_at_once(replica_in_step):
    site, editor = replica_in_step, requests.Session()
    login = editor.get(site.base + "/admin/login/", timeout=10)
    token = BeautifulSoup(login.text, "html.parser").select_one("[name=csrfmiddlewaretoken]")[
        "value"
    ]
    signed_in = editor.post(
        site.base + "/admin/login/",
        data={"username": "editor", "password": "editor-password", "csrfmiddlewaretoken": token},
        headers={"Referer": site.base + "/admin/login/"}, timeout=10,
    )  # fmt: skip
    assert signed_in.status_code == 200 and "sessionid" in editor.cookies
    (draft_id,) = site.primary.execute("SELECT id FROM wagtailcore_page WHERE slug = 'tirazh'")[0]
    # The replica replays nothing more, but stays within QALAM_REPLICA_MAX_LAG for a while.
    on_replicas(site, "SELECT pg_wal_replay_pause()")
    before = counts(site)

    url = f"{site.base}/admin/bulk/wagtailcore/page/publish/?id={draft_id}"
    form = BeautifulSoup(editor.get(url, timeout=10).text, "html.parser")
    token = form.select_one("[name=csrfmiddlewaretoken]")["value"]
    published = editor.post(
        url, data={"csrfmiddlewaretoken": token}, headers={"Referer": url},
        allow_redirects=False, timeout=10,
    )  # fmt: skip
    assert published.status_code == 302
    assert site.primary.execute("SELECT live FROM wagtailcore_page WHERE slug = 'tirazh'") == [
        (True,)
    ]
    page, ran = site.read("/ekonomika/tirazh/", editor)
    assert (page.status_code, ran) == (200, {"primary"})
    assert "Тираж бюллетеней утверждён" in page.text
    # Readers too: the replica has not replayed the publish, so their pages come from the
    # primary until it has, lest the page cache keep the page as it was.
    page, ran = site.read("/ekonomika/tirazh/")
    assert (page.status_code, ran) == (200, {"primary"})
    assert "Тираж бюллетеней утверждён" in page.text
    assert said(site, before) == [[], []], "skipped for their lag, not for the publish"
    assert site.replica.execute("SELECT live FROM wagtailcore_page WHERE slug = 'tirazh'") == [
        (False,)
    ]
