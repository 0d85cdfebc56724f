"""Redis stopped for a few seconds under readers' load, then started, against Qalam as a
server process (replicated_site.py, on a throwaway PostgreSQL) whose page cache and rate
limits are on a throwaway redis-server: every reader gets its page, the outage is logged
once and its end once, and pages come from the cache again within 5 s. The short form of
bench/faults.py's fault (a); test_postgres_restart.py is the short form of (b)."""

import os
import threading
import time

import pytest
import requests

from . import postgres_cluster
from .conftest import free_port
from .postgres_cluster import Cluster
from .redis_server import RedisProcess
from .replicated_site import Site

PAGES = ["/", "/ekonomika/", "/ekonomika/eksport/", "/feeds/rss/"]
PORTS = range(8760, 8780)  # beside test_postgres_restart.py's, so both can run at once
READERS = 6
DOWN = 4  # seconds
RECOVERY = 5  # seconds


@pytest.fixture
def site(tmp_path):
    missing = postgres_cluster.binaries_missing()
    if missing:
        message = f"PostgreSQL server programs missing: {', '.join(missing)}"
        if os.environ.get("QALAM_REQUIRE_REPLICA") == "1":
            pytest.fail(message)
        pytest.skip(message)
    redis_server = RedisProcess(free_port(), tmp_path)
    redis_server.start()
    with Cluster(PORTS, replicas=0) as cluster:
        site = Site(cluster, tmp_path)
        site.env.update(REDIS_URL=redis_server.url, QALAM_PAGE_CACHE="1")
        site.redis = redis_server
        try:
            site.start()
            yield site
        finally:
            site.stop()
            if redis_server.running():
                redis_server.stop()


def test_readers_get_every_page_through_a_redis_outage(site):
    stop = threading.Event()
    answers = []  # (moment, status, served from the cache)

    def read():
        session = requests.Session()
        while not stop.is_set():
            for path in PAGES:
                started = time.monotonic()
                try:
                    response = session.get(site.base + path, timeout=10)
                    status = response.status_code
                    cached = response.headers.get("X-Qalam-Cache") in ("hit", "stale")
                except requests.RequestException:
                    status, cached = 0, False
                answers.append((started, status, cached))

    readers = [threading.Thread(target=read) for _ in range(READERS)]
    for reader in readers:
        reader.start()
    try:
        time.sleep(2)
        went_down = time.monotonic()
        site.redis.stop()
        time.sleep(DOWN)
        site.redis.start()
        came_back = time.monotonic()
        time.sleep(RECOVERY + 1)
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=30)

    assert any(cached for moment, _, cached in answers if moment < went_down)
    during = [row for row in answers if went_down + 0.5 < row[0] < came_back - 0.5]
    assert during and not any(cached for *_, cached in during), "the outage was not felt"
    statuses = {status for _, status, _ in answers}
    assert statuses <= {200, 304}, sorted(statuses)
    unreachable = [line for line in site.lines if "Redis is unreachable" in line]
    back = [line for line in site.lines if "Redis is back" in line]
    assert (len(unreachable), len(back)) == (1, 1), unreachable + back
    first_hit = min(moment for moment, _, cached in answers if moment >= came_back and cached)
    assert first_hit - came_back <= RECOVERY
    # The figures for docs/operations.md, shown with -s.
    print(  # noqa: T201
        f"{len(answers)} reader requests by {READERS} readers, {len(during)} while Redis was "
        f"down, all 200/304; one log line for the outage and one for its end; the first page "
        f"from the cache {first_hit - came_back:.2f} s after Redis was back"
    )
