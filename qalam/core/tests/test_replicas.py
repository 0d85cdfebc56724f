"""The read replicas' rules that need no replica (core/replicas.py): which requests may be read
from one, that a transaction always reads the primary, and the settings that configure them.
qalam/tests/test_read_replicas.py shows them on a real streaming replica."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

import pytest

from qalam.core.replicas import (
    PageRead,
    ReplicaReadMiddleware,
    ReplicaRouter,
    page_read,
    read_alias,
)
from qalam.settings.base import replica_databases


def marked(request):
    """Whether the middleware lets `request` read from a replica."""
    seen = []
    ReplicaReadMiddleware(lambda request: seen.append(page_read.get()) or HttpResponse())(request)
    assert page_read.get() is None  # nothing stays for the thread's next request
    return seen[0] is not None


def request_with(method="get", path="/ekonomika/eksport/", cookies=None):
    request = getattr(RequestFactory(), method)(path)
    request.COOKIES.update(cookies or {})
    return request


def test_only_an_anonymous_readers_page_may_be_read_from_a_replica():
    assert marked(request_with())
    assert marked(request_with("head"))
    assert not marked(request_with("post", "/comments/post/7/"))
    for path in ("/admin/", "/api/v2/pages/", "/django-admin/", "/documents/1/"):
        assert not marked(request_with(path=path)), path
    # An editor, and a reader who has just commented and has a message waiting.
    assert not marked(request_with(cookies={settings.SESSION_COOKIE_NAME: "x"}))
    assert not marked(request_with(cookies={"messages": "x"}))


def test_a_readers_page_keeps_the_replica_it_was_given():
    token = page_read.set(PageRead())
    try:
        page_read.get().alias = "replica2"
        assert [read_alias(), read_alias()] == ["replica2", "replica2"]
    finally:
        page_read.reset(token)
    assert read_alias() == "default"  # the worker, commands, anything outside a reader's page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_read_inside_a_transaction_goes_to_the_primary():
    token = page_read.set(PageRead())
    try:
        page_read.get().alias = "replica1"
        with transaction.atomic():
            assert read_alias() == "default"
        assert read_alias() == "replica1"
    finally:
        page_read.reset(token)


def test_writes_and_migrations_go_to_the_primary_only():
    router = ReplicaRouter()
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("default", "articles") is True
    assert router.allow_migrate("replica1", "articles") is False


def test_each_replica_url_becomes_an_alias_mirroring_the_primary_in_tests():
    replicas = replica_databases(
        [
            "postgres://reader@10.0.0.2:5432/qalam",
            "postgres://reader@10.0.0.3/qalam?connect_timeout=5",
        ]
    )
    assert list(replicas) == ["replica1", "replica2"]
    assert replicas["replica1"]["HOST"] == "10.0.0.2"
    assert replicas["replica1"]["TEST"] == {"MIRROR": "default"}
    assert replicas["replica1"]["OPTIONS"]["connect_timeout"] == 2
    assert replicas["replica2"]["OPTIONS"]["connect_timeout"] == 5


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("sqlite:///var/replica.sqlite3", "replica 1 is not a PostgreSQL server"),
        ("replica.example.kz", "replica 1: Scheme"),
        ("postgres://reader@10.0.0.2:port/qalam", "replica 1: This string is not a valid url"),
    ],
)
def test_a_replica_url_that_is_no_postgresql_server_is_refused(url, says):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_REPLICA_URLS") as refused:
        replica_databases([url])
    assert says in str(refused.value)


def test_start_up_stops_on_a_misconfigured_replica():
    env = {**os.environ, "DATABASE_REPLICA_URLS": "sqlite:///var/replica.sqlite3"}
    result = subprocess.run(
        [sys.executable, "-m", "qalam", "check"],
        env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    assert "DATABASE_REPLICA_URLS: replica 1 is not a PostgreSQL server" in result.stderr
