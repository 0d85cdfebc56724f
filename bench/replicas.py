"""Read replicas on this machine: how long a throwaway primary and its streaming replica take to
make, how soon a commit on the primary shows on the replica, and an anonymous reader's article
page read from the replica against the same page read from the primary (a reader with a
message cookie), through Qalam's runserver (qalam/tests/replicated_site.py).

    .venv/bin/python bench/replicas.py [--requests N]

Needs PostgreSQL 15's server programs (postgresql-15). Prints one table and appends it to
bench/results/replicas.md."""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from report import append_table, percentile

from qalam.tests.postgres_cluster import Cluster
from qalam.tests.replicated_site import PORTS, Site

RESULTS = Path(__file__).resolve().parent / "results" / "replicas.md"
ARTICLE = "/ekonomika/eksport/"


def timed(action):
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def replication_delays(cluster, times=20):
    """Seconds from a commit on the primary until a reader of the replica sees it."""
    delays = []
    with cluster.primary.connect() as primary, cluster.replicas[0].connect() as replica:
        primary.execute("CREATE TABLE bench_seen (n int)")
        while replica.execute("SELECT to_regclass('bench_seen')").fetchone()[0] is None:
            time.sleep(0.01)
        for n in range(times):
            primary.execute("INSERT INTO bench_seen VALUES (%s)", [n])
            committed = time.perf_counter()
            while not replica.execute("SELECT 1 FROM bench_seen WHERE n = %s", [n]).fetchall():
                time.sleep(0.0005)
            delays.append(time.perf_counter() - committed)
    return delays


def page_latencies(site, count):
    """Milliseconds per article page read from the replica and from the primary, alternated so
    that both meet the same load on the machine."""
    replica, primary = [], []
    for _ in range(count):
        for cookies, times, node in (
            (None, replica, "replica"),
            ({"messages": "x"}, primary, "primary"),
        ):
            started = time.perf_counter()
            response, ran = site.read(ARTICLE, cookies=cookies)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200 or ran != {node}:
                raise RuntimeError(f"{ARTICLE} for the {node}: {response.status_code}, {ran}")
    return replica, primary


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    arguments = parser.parse_args()
    started = time.perf_counter()
    with Cluster(PORTS) as cluster:
        made = time.perf_counter() - started
        delays = replication_delays(cluster)
        site = Site(cluster, Path(tempfile.mkdtemp(prefix="qalam-bench-replicas-")))
        try:
            prepared = timed(site.prepare)
            serving = timed(site.serve)
            site.until_read_from("replica")  # the first requests look at the replica
            replica, primary = page_latencies(site, arguments.requests)
        finally:
            site.stop()
    rows = [
        ("primary and replica made (initdb, start, pg_basebackup -R, start)", f"{made:.1f} s"),
        ("migrations and content on the primary", f"{prepared:.1f} s"),
        ("runserver started", f"{serving:.1f} s"),
        ("commit on the primary → seen on the replica, median / max",
         f"{statistics.median(delays) * 1000:.1f} / {max(delays) * 1000:.1f} ms"),
    ]  # fmt: skip
    for name, times in (("replica", replica), ("primary", primary)):
        rows.append((
            f"article page read from the {name}, median / p95 ({arguments.requests} requests)",
            f"{statistics.median(times):.1f} / {percentile(times, 0.95):.1f} ms",
        ))  # fmt: skip
    append_table(RESULTS, rows)


if __name__ == "__main__":
    main()
