"""A bad day's load: readers, commenters and an editor at once, on Qalam as production runs
it, first alone and then behind Varnish (deploy/varnish.vcl).

    .venv/bin/python bench/soak.py [--seconds 60] [--readers 64] [--only alone|varnish]
                                   [--warm] [--fresh] [--note TEXT]

Qalam runs as `make serve-prod` runs it (production settings, PostgreSQL, Redis, granian with a
worker per core, `qalam worker` beside it) on the scratch database qalam_bench_soak: the demo
newsroom and 2,000 imported archive articles, kept for the next run (--fresh rebuilds it).
Where several people share a machine, QALAM_SOAK_DATABASE, QALAM_SOAK_REDIS (a Redis URL with
its db; the run empties that db), QALAM_SOAK_PORT and QALAM_SOAK_VARNISH_PORT name one's own
(the ports are free ones otherwise).
For `--seconds`, `--readers` threads read a newsroom's mix (a quarter edition homes, 15 %
rubrics and their second pages, 45 % the day's articles, 4 % a long tail of archive articles
no cache holds, 6 % searches, 5 % feeds); a commenter posts a comment every 0.3 s through
the real form; an editor publishes an edit of one of the day's articles every 5 s through
Wagtail's page API (save_revision, publish: what the admin calls). It prints requests/s,
p50/p99, errors by status, the CPU seconds the server, the worker and this load generator
used, the share of readers' answers served from a cache, comments
accepted and stored, stale pages (a request made 2 s after a publish that still shows the old
headline) and the publish storm (p99 of the 2 s after each publish against the rest).
Appends to bench/results/soak.md."""

import argparse
import contextlib
import datetime
import http.client
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import loadtest
import redis

ROOT = loadtest.ROOT
BIN = loadtest.BIN
DATABASE = os.environ.get("QALAM_SOAK_DATABASE", "qalam_bench_soak")
ARCHIVE = 2_000
VAR = ROOT / "var" / "bench-soak"
REDIS = os.environ.get("QALAM_SOAK_REDIS", "redis://127.0.0.1:6379/11")
THREADS = 2  # granian's threads a worker, as `make serve-prod` sets them
SEARCHES = ["Токаев", "экспорт", "зерно", "бюджет", "выборы", "Астана", "нефть", "тенге"]
STORM_SECONDS = 2
MARKER = "Комментарий нагрузочного теста"
ARCHIVE_SOURCE = "https://archive.example.kz/"  # bench/import_articles.py's archive


def newsroom(env):
    """In this process, on the same database: the addresses readers ask for, and the editor's
    publish. Django is set up here with the servers' settings, so a publish here purges as the
    admin's does (the page cache at once, Varnish through the worker's queue)."""
    os.environ.update(env)
    import django

    django.setup()
    from qalam.articles.models import StoryPage
    from qalam.rubrics.models import RubricPage

    stories = StoryPage.objects.live().public().newest_first().defer_streamfields()
    imported = stories.filter(source_url__startswith=ARCHIVE_SOURCE)
    day = list(
        stories.exclude(source_url__startswith=ARCHIVE_SOURCE).filter(comments_open=True)[:40]
    )
    return {
        "day": [story.url for story in day],
        "day_ids": [story.pk for story in day],
        "archive": [story.url for story in imported],
        "rubrics": [rubric.url for rubric in RubricPage.objects.live().public()],
    }


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []  # (started, seconds, status, cached, kind of page)
        self.publishes = []  # (moment, path, headline)
        self.stale = 0
        self.stale_checks = 0
        self.comments_accepted = 0
        self.accepted_numbers = []  # of the comments answered with success
        self.comments_refused = Counter()
        self.cpu = {}  # CPU seconds by process group, and the load generator's own
        self.publishes_failed = Counter()

    def add(self, *row):
        with self.lock:
            self.requests.append(row)


def get(connection, path):
    started = time.monotonic()
    try:
        connection.request("GET", path, headers=loadtest.HEADERS)
        response = connection.getresponse()
        body = response.read()
        state = response.getheader("X-Qalam-Cache", "") + "/" + response.getheader("x-cache", "")
        status = response.status
    except (OSError, http.client.HTTPException):
        connection.close()
        return started, time.monotonic() - started, 0, False, b""
    cached = any(word in state for word in ("hit", "stale"))
    return started, time.monotonic() - started, status, cached, body


def reader(base, paths, results, stop, seed):
    rnd = random.Random(seed)
    host, port = base.split("//")[1].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    while not stop.is_set():
        kind, path = pick(rnd, paths)
        started, seconds, status, cached, _ = get(connection, path)
        results.add(started, seconds, status, cached, kind)


def pick(rnd, paths):
    """The kind and address of a reader's next page, in the mix's shares."""
    roll = rnd.random()
    if roll < 0.25:
        return "home", rnd.choice(["/", "/kk/", "/en/"])
    if roll < 0.40:
        return "rubric", rnd.choice(paths["rubrics"]) + rnd.choice(["", "", "?page=2"])
    if roll < 0.85:
        return "article", rnd.choice(paths["day"])
    if roll < 0.89:  # the long tail: an archive article, most likely asked for once
        return "archive", rnd.choice(paths["archive"])
    if roll < 0.95:
        return "search", "/search/?" + urlencode({"q": rnd.choice(SEARCHES)})
    return "feed", rnd.choice(["/feeds/rss/", "/feeds/atom/", "/kk/feeds/rss/"])


def warm_up(base, paths):
    """Every address of the mix but the archive asked for once, as on a site that has been
    serving for a while (--warm): the run then counts what publishing costs the cache, not
    its first fill."""
    host, port = base.split("//")[1].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    addresses = ["/", "/kk/", "/en/", "/feeds/rss/", "/feeds/atom/", "/kk/feeds/rss/"]
    addresses += [rubric + page for rubric in paths["rubrics"] for page in ("", "?page=2")]
    addresses += paths["day"] + ["/search/?" + urlencode({"q": q}) for q in SEARCHES]
    for path in addresses:
        get(connection, path)
    connection.close()
    return len(addresses)


def commenter(base, paths, results, stop):
    """Every 0.3 s a comment through the form of one of the day's articles, as a browser sends
    it: the page (for its form and token), then the POST, from a new reader each time."""
    host, port = base.split("//")[1].split(":")
    number = 0
    while not stop.is_set():
        number += 1
        path = paths["day"][number % len(paths["day"])]
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        try:
            status = loadtest.post_comment(
                connection, path, f"{MARKER} {number}", f"soak{number}@example.org"
            )
            if status == 302:
                results.comments_accepted += 1
                results.accepted_numbers.append(number)
            else:
                results.comments_refused[status] += 1
        except (OSError, http.client.HTTPException) as error:
            results.comments_refused[type(error).__name__] += 1
        finally:
            connection.close()
            stop.wait(0.3)


def editor(base, paths, results, stop):
    """Every 5 s a new headline for one of the day's articles, published as the admin does;
    2 s later, its page and its rubric's are read once each for the new headline."""
    from django.contrib.auth import get_user_model
    from django.db import DatabaseError, connection

    from qalam.articles.models import StoryPage

    user = get_user_model().objects.filter(is_superuser=True).first()
    host, port = base.split("//")[1].split(":")
    number = 0
    while not stop.wait(5):
        number += 1
        try:
            pk = paths["day_ids"][number % len(paths["day_ids"])]
            story = StoryPage.objects.get(pk=pk).specific
            story.title = re.sub(r" · правка \d+$", "", story.title) + f" · правка {number}"
            story.save_revision(user=user).publish(user=user)
        except DatabaseError as error:  # the database restarted (bench/faults.py): try again
            results.publishes_failed[type(error).__name__] += 1
            connection.close()
            continue
        moment = time.monotonic()
        results.publishes.append((moment, story.url, story.title))
        threading.Timer(2, check_fresh, (host, port, story, results)).start()


def check_fresh(host, port, story, results):
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    for path in (story.url, story.get_parent().url):
        _, _, status, _, body = get(connection, path)
        text = (
            loadtest.text(body, True)
            if body[:2] == b"\x1f\x8b"
            else body.decode("utf-8", "replace")
        )
        with results.lock:
            results.stale_checks += 1
            if status != 200 or story.title.split(" · ")[-1] not in text:
                results.stale += 1
    connection.close()


def chosen_port(variable):
    return int(os.environ[variable]) if os.environ.get(variable) else loadtest.free_port()


def cpu_seconds(group):
    """User and system CPU seconds of the live processes of process group `group`."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == group:
                total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def processes(env, varnish, groups=None):
    """granian and `qalam worker` (and Varnish in front when `varnish`): the base address.
    `groups`, a dict, receives the process group of each ("server", "worker")."""
    groups = {} if groups is None else groups
    port = chosen_port("QALAM_SOAK_PORT")
    granian = loadtest.granian(port, VAR, THREADS)
    redis.Redis.from_url(REDIS).flushdb()
    front = chosen_port("QALAM_SOAK_VARNISH_PORT") if varnish else port
    run_env = {**env, **({"QALAM_PROXY_PURGE_URL": f"http://127.0.0.1:{front}"} if varnish else {})}
    os.environ.update(run_env)
    base = f"http://127.0.0.1:{port}"
    with contextlib.ExitStack() as stack:
        server = stack.enter_context(
            loadtest.server(granian, run_env, ROOT, VAR / "granian.log", base)
        )
        groups["server"] = server.pid
        worker = start_worker(run_env, VAR / "worker.log")
        stack.callback(loadtest.stop, worker)
        groups["worker"] = worker.pid
        if varnish:
            vcl = (ROOT / "deploy" / "varnish.vcl").read_text().replace('"8000"', f'"{port}"')
            folder = Path(tempfile.mkdtemp(prefix="qalam-soak-varnish-"))
            (folder / "qalam.vcl").write_text(vcl)
            command = [
                shutil.which("varnishd") or "/usr/sbin/varnishd", "-F", "-j", "none",
                "-n", str(folder / "work"), "-a", f"127.0.0.1:{front}",
                "-f", str(folder / "qalam.vcl"), "-s", "malloc,256m",
            ]  # fmt: skip
            stack.enter_context(
                loadtest.server(
                    command, run_env, ROOT, VAR / "varnish.log", f"http://127.0.0.1:{front}"
                )
            )
            stack.callback(shutil.rmtree, folder, True)
        yield f"http://127.0.0.1:{front}"


def start_worker(env, log):
    """`qalam worker` as `make serve-prod` runs it, in a process group of its own."""
    with log.open("a") as output:
        return subprocess.Popen(
            [str(BIN / "qalam"), "worker", "--interval", "5"], env=env, cwd=ROOT,
            stdout=output, stderr=output, start_new_session=True,
        )  # fmt: skip


@contextlib.contextmanager
def load(base, paths, readers):
    """The readers, the commenter and the editor at work for as long as the block lasts;
    yields their Results."""
    results, stop = Results(), threading.Event()
    threads = [
        threading.Thread(target=reader, args=(base, paths, results, stop, n), daemon=True)
        for n in range(readers)
    ]
    threads += [
        threading.Thread(target=commenter, args=(base, paths, results, stop), daemon=True),
        threading.Thread(target=editor, args=(base, paths, results, stop), daemon=True),
    ]
    for thread in threads:
        thread.start()
    try:
        yield results
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        time.sleep(3)  # the last freshness checks


def run(base, paths, seconds, readers, groups=None):
    """The load for `seconds`; the results, the seconds it ran and the CPU seconds used by
    each process group of `groups` and by this process (the load generator, with the
    editor's publishes)."""
    groups = groups or {}
    started = time.monotonic()
    cpu_before = {name: cpu_seconds(group) for name, group in groups.items()}
    own_before = sum(os.times()[:2])
    with load(base, paths, readers) as results:
        time.sleep(seconds)
        cpu = {name: cpu_seconds(group) - cpu_before[name] for name, group in groups.items()}
        cpu["load generator"] = sum(os.times()[:2]) - own_before
        elapsed = time.monotonic() - started
    results.cpu = cpu
    return results, elapsed


def stored_comments():
    from qalam.comments.models import Comment

    return Comment.objects.filter(text__startswith=MARKER).count()


def percentile(values, share):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * share))] * 1000


def summary(results, elapsed, stored_before):
    storms = [(moment, moment + STORM_SECONDS) for moment, _, _ in results.publishes]
    in_storm = [s for t, s, *_ in results.requests if any(a <= t < b for a, b in storms)]
    steady = [s for t, s, *_ in results.requests if not any(a <= t < b for a, b in storms)]
    latencies = [s for _, s, *_ in results.requests]
    statuses = Counter(status for _, _, status, *_ in results.requests)
    errors = {status: count for status, count in statuses.items() if status != 200}
    cached = sum(1 for _, _, _, cached, _ in results.requests if cached)
    asked = Counter(kind for *_, kind in results.requests)
    uncached = Counter(kind for _, _, _, cached, kind in results.requests if not cached)
    return {
        "requests": len(results.requests),
        "rps": len(results.requests) / elapsed,
        "p50": percentile(latencies, 0.50),
        "p99": percentile(latencies, 0.99),
        "errors": errors,
        "cached": cached / max(1, len(results.requests)),
        "uncached": ", ".join(
            f"{kind} {uncached[kind]}/{count}" for kind, count in asked.most_common()
        ),
        "accepted": results.comments_accepted,
        "stored": stored_comments() - stored_before,
        "refused": dict(results.comments_refused),
        "publishes": len(results.publishes),
        "stale": f"{results.stale} of {results.stale_checks}",
        "storm p99": percentile(in_storm, 0.99),
        "steady p99": percentile(steady, 0.99),
        "storm ratio": percentile(in_storm, 0.99) / max(0.001, percentile(steady, 0.99)),
        "cpu": ", ".join(f"{name} {used:.0f}" for name, used in results.cpu.items()),
    }


def table(figures):
    names = list(figures)
    rows = [
        ("requests/s", "{:,.0f}", "rps"), ("requests", "{:,}", "requests"),
        ("p50, ms", "{:.1f}", "p50"), ("p99, ms", "{:.1f}", "p99"),
        ("answers other than 200", "{}", "errors"), ("served from a cache", "{:.1%}", "cached"),
        ("not from a cache, by kind (of all asked)", "{}", "uncached"),
        ("comments accepted", "{}", "accepted"), ("comments stored", "{}", "stored"),
        ("comments refused", "{}", "refused"), ("publishes", "{}", "publishes"),
        ("stale pages 2 s after a publish", "{}", "stale"),
        ("p99 in the 2 s after a publish, ms", "{:.1f}", "storm p99"),
        ("p99 the rest of the time, ms", "{:.1f}", "steady p99"),
        ("storm p99 / steady p99", "{:.2f}", "storm ratio"),
        ("CPU seconds used", "{}", "cpu"),
    ]  # fmt: skip
    lines = ["| | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for label, form, key in rows:
        lines.append(
            f"| {label} | " + " | ".join(form.format(figures[n][key]) for n in names) + " |"
        )
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--readers", type=int, default=64)
    parser.add_argument("--only", choices=["alone", "varnish"], help="one of the two runs")
    parser.add_argument(
        "--warm", action="store_true", help="ask for every address but the archive's first"
    )
    parser.add_argument("--fresh", action="store_true", help=f"rebuild {DATABASE}")
    parser.add_argument("--note", default="")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    server = loadtest.postgres_server()
    env = {
        **loadtest.production_env(server, DATABASE, VAR, REDIS, "bench-soak"),
        # One machine sends every comment: the per-reader limit would stop the second one.
        "QALAM_COMMENT_RATE": "100000/m",
        "QALAM_COMMENT_MIN_SECONDS": "0",
    }
    loadtest.prepare_newsroom(server, env, DATABASE, VAR, ARCHIVE, args.fresh)
    paths = newsroom(env)
    figures = {}
    for name, varnish in (("Qalam alone", False), ("behind Varnish", True)):
        if args.only and args.only != ("varnish" if varnish else "alone"):
            continue
        if varnish and not shutil.which("varnishd") and not Path("/usr/sbin/varnishd").exists():
            print("Varnish is not installed: apt-get install varnish")
            continue
        print(
            f"{name}: {args.seconds} s, {args.readers} readers, a commenter, an editor", flush=True
        )
        groups = {}
        with processes(env, varnish, groups) as base:
            if args.warm:
                print(f"  warmed {warm_up(base, paths)} addresses", flush=True)
            before = stored_comments()
            results, elapsed = run(base, paths, args.seconds, args.readers, groups)
            figures[name] = summary(results, elapsed, before)
    lines = [
        f"## {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC · {args.seconds} s · "
        f"{args.readers} readers · {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} after",
        "",
        *([args.note, ""] if args.note else []),
        *table(figures),
        "",
    ]
    print("\n".join(lines))
    with (ROOT / "bench" / "results" / "soak.md").open("a") as results_file:
        results_file.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
