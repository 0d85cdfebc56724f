"""Qalam on several app servers behind Varnish, as `make serve-cluster` runs it: readers,
commenters and an editor through Varnish, first with one app server, then with two, one of
which is killed (SIGKILL) halfway through.

    .venv/bin/python bench/cluster.py [--seconds 40] [--readers 16] [--warm-up 15]
        [--port 8200] [--postgres-ports 5440-5459] [--note TEXT]

The cluster is deploy/serve_cluster.py's: a throwaway PostgreSQL primary and streaming replica,
the Redis of REDIS_URL (redis://127.0.0.1:6379/13 unless set; the benchmark empties that
database before each run), two `qalam worker` processes
and granian app servers of one process each, the demo newsroom loaded. For `--seconds` each
run, `--readers` threads read (a third edition homes, rubrics, the day's articles; one read in
five asks for an address Varnish holds no copy of: a search, or an article with a campaign's
query string), a commenter posts through the real form (its token and all) every 0.1 s, and an
editor publishes an edit of one of the day's articles every 4 s through Wagtail's page API.
Each run follows `--warm-up` seconds of reading alone, not counted, and starts with a
Varnish of its own. Prints requests/s through Varnish with one app server and with two
(before the kill, and after), the readers' requests that failed, comments accepted against
stored, and the tasks the publishes queued and how often each ran. Appends to
bench/results/cluster.md."""

import argparse
import contextlib
import datetime
import http.client
import os
import random
import re
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))

import loadtest  # noqa: E402
import serve_cluster  # noqa: E402

MARKER = "Комментарий кластерного теста"
SEARCHES = ["Токаев", "экспорт", "зерно", "бюджет", "выборы", "Астана", "нефть", "тенге"]
PUBLISH_EVERY = 4


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.reads = []  # (moment, status, cached)
        self.accepted, self.refused = set(), Counter()
        self.publishes = 0


def reader(port, paths, results, stop, seed):
    rnd = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while not stop.is_set():
        roll = rnd.random()
        if roll < 0.30:
            path = rnd.choice(["/", "/kk/", "/en/"])
        elif roll < 0.45:
            path = rnd.choice(paths["rubrics"])
        elif roll < 0.80:
            path = rnd.choice(paths["day"])
        elif roll < 0.90:
            path = "/search/?" + urlencode({"q": rnd.choice(SEARCHES), "page": rnd.randint(1, 3)})
        else:
            path = rnd.choice(paths["day"]) + f"?utm_campaign={rnd.randrange(10**9)}"
        try:
            connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
            response = connection.getresponse()
            response.read()
            status, cached = response.status, response.getheader("x-cache") == "hit"
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            status, cached = type(error).__name__, False
        with results.lock:
            results.reads.append((time.monotonic(), status, cached))


def commenter(port, paths, results, stop, first):
    number = first
    while not stop.wait(0.1):
        number += 1
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            status = loadtest.post_comment(
                connection,
                paths["day"][number % len(paths["day"])],
                f"{MARKER} {number}",
                f"cluster{number}@example.org",
            )
            if status == 302:
                results.accepted.add(number)
            else:
                results.refused[status] += 1
        except (OSError, http.client.HTTPException) as error:
            results.refused[type(error).__name__] += 1
        finally:
            connection.close()


def editor(paths, results, stop):
    from django.contrib.auth import get_user_model

    from qalam.articles.models import StoryPage

    user = get_user_model().objects.filter(is_superuser=True).first()
    number = 0
    while not stop.wait(PUBLISH_EVERY):
        number += 1
        story = StoryPage.objects.get(pk=paths["day_ids"][number % len(paths["day_ids"])]).specific
        story.title = re.sub(r" · правка \d+$", "", story.title) + f" · правка {number}"
        story.save_revision(user=user).publish(user=user)
        results.publishes += 1


def newsroom():
    from qalam.articles.models import StoryPage
    from qalam.rubrics.models import RubricPage

    day = list(StoryPage.objects.live().public().filter(comments_open=True).newest_first()[:30])
    return {
        "day": [story.url for story in day],
        "day_ids": [story.pk for story in day],
        "rubrics": [rubric.url for rubric in RubricPage.objects.live().public()],
    }


def warm_up(port, paths, args):
    """Readers alone for `args.warm_up` seconds, not counted: each run starts with its app
    servers, PostgreSQL and the page cache warmed from empty alike, and Varnish cold."""
    results, stop = Results(), threading.Event()
    threads = [
        threading.Thread(target=reader, args=(port, paths, results, stop, 1000 + n))
        for n in range(args.readers)
    ]
    for thread in threads:
        thread.start()
    stop.wait(args.warm_up)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)


def run(port, paths, args, first_comment, kill=None):
    """Readers, a commenter and an editor for `args.seconds`; `kill` is SIGKILLed halfway."""
    results, stop = Results(), threading.Event()
    threads = [
        threading.Thread(target=reader, args=(port, paths, results, stop, n))
        for n in range(args.readers)
    ]
    threads += [
        threading.Thread(target=commenter, args=(port, paths, results, stop, first_comment)),
        threading.Thread(target=editor, args=(paths, results, stop)),
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    killed_at = None
    if kill is not None:
        stop.wait(args.seconds / 2)
        os.killpg(kill.pid, signal.SIGKILL)
        killed_at = time.monotonic()
        print(f"  app server {kill.pid} killed after {killed_at - started:.0f} s", flush=True)
    stop.wait(args.seconds - (time.monotonic() - started))
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    return results, started, time.monotonic(), killed_at


def stored_comments():
    from qalam.comments.models import Comment

    texts = Comment.objects.filter(text__startswith=MARKER).values_list("text", flat=True)
    return {int(text.rsplit(" ", 1)[1]) for text in texts}


def figures(results, started, ended, killed_at, stored_before):
    def rps(since, until):
        count = sum(1 for moment, *_ in results.reads if since <= moment < until)
        return count / max(until - since, 0.001)

    stored = stored_comments() - stored_before
    failed = Counter(status for _, status, _ in results.reads if status != 200)
    return {
        "rps": rps(started, killed_at or ended),
        "rps after": f"{rps(killed_at, ended):,.0f}" if killed_at else "–",
        "reads": len(results.reads),
        "failed": dict(failed) or 0,
        "cached": sum(1 for *_, cached in results.reads if cached) / max(1, len(results.reads)),
        "accepted": len(results.accepted),
        "stored": len(stored),
        "lost": len(results.accepted - stored),
        "cut off": len(stored - results.accepted),
        "refused": dict(results.refused) or 0,
        "publishes": results.publishes,
    }


def tasks_since(moment):
    """Each task name queued since `moment`: rows, their states, and rows run more than once."""
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(enqueued_at__gte=moment)
    deadline = time.monotonic() + 120
    while rows.filter(status__in=["READY", "RUNNING"]).exists() and time.monotonic() < deadline:
        time.sleep(1)
    tasks = {}
    for path, status, workers in rows.values_list("task_path", "status", "worker_ids"):
        entry = tasks.setdefault(path, {"rows": 0, "states": Counter(), "twice": 0})
        entry["rows"] += 1
        entry["states"][status] += 1
        entry["twice"] += len(workers) > 1
    return tasks


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=40)
    parser.add_argument("--readers", type=int, default=16)
    parser.add_argument("--warm-up", type=int, default=15, help="seconds of reading first")
    parser.add_argument("--port", type=int, default=8200, help="Varnish; app servers after it")
    parser.add_argument("--postgres-ports", type=serve_cluster.port_range, default="5440-5459")
    parser.add_argument("--note", default="")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/13")
    var = Path(tempfile.mkdtemp(prefix="qalam-bench-cluster-"))
    one, two = args.port + 1, args.port + 2
    table = {}
    with contextlib.ExitStack() as stack:
        stack.callback(serve_cluster.shutil.rmtree, var, True)
        primary, replicas = stack.enter_context(serve_cluster.database(args.postgres_ports))
        env = {
            **serve_cluster.environment(primary, replicas, var, args.port),
            "QALAM_CACHE_PREFIX": "bench-cluster",
            "QALAM_COMMENT_RATE": "100000/m",
            "QALAM_COMMENT_MIN_SECONDS": "0",
        }
        # The demo's tasks at once, before any Varnish is there to purge.
        now = {**env, "QALAM_TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
               "QALAM_PROXY_PURGE_URL": ""}  # fmt: skip
        serve_cluster.qalam("migrate", "--noinput", "-v0", env=now)
        serve_cluster.qalam("collectstatic", "--noinput", "--verbosity", "0", env=now)
        serve_cluster.qalam("load_demo", env=now)
        os.environ.update(env)
        import django

        django.setup()
        from django.core.cache import caches
        from django.utils import timezone

        paths = newsroom()
        processes = serve_cluster.Processes(stack, var)
        for number in (1, 2):
            processes.worker(number, env)
        first = processes.app_server(one, env)
        tasks_from = timezone.now()
        publishes = 0
        for name, ports in (("one app server", [one]), ("two app servers", [one, two])):
            with contextlib.ExitStack() as phase:
                phase_processes = serve_cluster.Processes(phase, var)
                if len(ports) == 2:
                    phase_processes.app_server(two, env)
                front = args.port
                warming = phase_processes.varnish(
                    front, ports, env, var / f"warm-{len(ports)}", 0.5
                )
                # Qalam's page cache emptied too: what the first run made would serve the
                # second's misses, and the runs would not compare.
                caches["default"].clear()
                warm_up(front, paths, args)
                # A Varnish of its own for the run: the same cold start for both.
                serve_cluster.stop(warming)
                phase_processes.varnish(front, ports, env, var / f"varnish-{len(ports)}b", 0.5)
                print(f"{name}: {args.seconds} s, {args.readers} readers", flush=True)
                before = stored_comments()
                results, started, ended, killed_at = run(
                    front, paths, args, 10**6 * len(ports), first if len(ports) == 2 else None
                )
                table[name] = figures(results, started, ended, killed_at, before)
                publishes += results.publishes
        tasks = tasks_since(tasks_from)
        report(table, tasks, publishes, args)


def report(table, tasks, publishes, args):
    rows = [
        ("reader requests/s through Varnish", "{:,.0f}", "rps"),
        ("… after one app server was killed", "{}", "rps after"),
        ("reader requests", "{:,}", "reads"),
        ("failed reader requests", "{}", "failed"),
        ("served from Varnish's cache", "{:.1%}", "cached"),
        ("comments accepted", "{}", "accepted"),
        ("comments stored", "{}", "stored"),
        ("accepted but not stored", "{}", "lost"),
        ("stored, the answer cut off by the kill", "{}", "cut off"),
        ("comments refused", "{}", "refused"),
        ("publishes", "{}", "publishes"),
    ]
    names = list(table)
    lines = [
        f"## {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC · {args.seconds} s a run"
        f" · {args.readers} readers · {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
        " after",
        "",
        *([args.note, ""] if args.note else []),
        "| | " + " | ".join(names) + " |",
        "|---|" + "---:|" * len(names),
    ]
    for label, form, key in rows:
        cells = [form.format(table[n][key]) for n in names]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    if len(names) == 2 and table[names[0]]["rps"]:
        ratio = table[names[1]]["rps"] / table[names[0]]["rps"]
        lines += ["", f"Two app servers against one: {ratio:.2f}×."]
    lines += ["", f"Tasks queued by {publishes} publishes (and the comments), run by two workers:",
              "", "| task | rows | per publish | states | run by more than one worker |",
              "|---|---:|---:|---|---:|"]  # fmt: skip
    for path, entry in sorted(tasks.items()):
        states = ", ".join(f"{state} {count}" for state, count in entry["states"].items())
        lines.append(
            f"| `{path}` | {entry['rows']} | {entry['rows'] / max(1, publishes):.2f} | {states} "
            f"| {entry['twice']} |"
        )
    lines.append("")
    print("\n".join(lines))
    with (ROOT / "bench" / "results" / "cluster.md").open("a") as results_file:
        results_file.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
