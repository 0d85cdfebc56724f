"""Faults during a bad day's load: bench/soak.py's readers, commenter and editor on Qalam as
production runs it, while Redis stops, PostgreSQL restarts, the worker is killed mid-task and
the media disk fills up (issue 19; docs/operations.md).

    .venv/bin/python bench/faults.py [--readers 64] [--archive 500] [--note TEXT]

Qalam runs as in bench/soak.py (production settings, granian with a worker per core, `qalam
worker`) but on servers of the run's own, so that it can stop them: a throwaway PostgreSQL
15 cluster (qalam/tests/postgres_cluster.py) and a throwaway redis-server, both on ports
8400-8499, removed after. The cluster gets the demo newsroom and `--archive` imported
articles; the import's queued tasks are dropped, so the worker's queue holds the load's own.
MEDIA_ROOT is a tmpfs a few megabytes larger than the demo's media (mounting needs root;
without it the disk-full fault is left out). One load runs throughout: after --warm seconds
(the fresh newsroom's caches fill), each fault comes in turn with --quiet seconds around it.
Answers are counted by the second they arrived:

(a) Redis stopped for --redis-down seconds, then started: readers' answers by status per
    second, the log lines the outage made, and how long until answers come from the cache.
(b) PostgreSQL restarted (`pg_ctl stop -m fast`, then start): failures and when they were
    (only during the restart and the 5 s after?), the time to the last failure.
(c) The worker killed (SIGKILL) while it runs a search reindex and a related-list refresh,
    with a scheduled publication due while it is down, then started again: each task's
    attempts and end, the publication's log entries (must be one); then the same with
    SIGTERM, which hands the running task back after the worker's grace (--grace, shorter
    than the related lists take here; docs/workers.md).
(d) The media disk filled up: an upload in the admin is refused with its reason, no image row
    and no file left; once there is room again, the same upload works.

At the end, the comments that got a success answer against those stored (must all be
there). Appends to bench/results/faults.md."""

import argparse
import contextlib
import datetime
import io
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import loadtest
import requests
import soak
from PIL import Image

from qalam.tests.postgres_cluster import Cluster, free_port
from qalam.tests.redis_server import RedisProcess

ROOT = loadtest.ROOT
VAR = ROOT / "var" / "bench-faults"
DATABASE = "qalam"
RECOVERY = 5  # seconds the issue allows for coming back
GOOD = (200, 304)
MEDIA_ROOM = 8 * 1024 * 1024  # the tmpfs's room beyond the demo's media
EDITOR = ("faults-editor", "faults-editor-password")
REFUSAL = "На сервере не осталось места для файлов"  # the admin's reason, in Russian


def per_second(results, since, until, origin):
    """A line a second from `since` to `until`: the answers that came in it, by status, and
    the share of them from the cache. By arrival: under load a request waits seconds in the
    server's queue, and one sent during a fault may be answered after it."""
    lines = []
    for second in range(int(since - origin), int(until - origin) + 1):
        rows = [row for row in results.requests if second <= row[0] + row[1] - origin < second + 1]
        statuses = Counter(row[2] for row in rows)
        cached = sum(1 for row in rows if row[3]) / max(1, len(rows))
        shown = " ".join(f"{status}×{count}" for status, count in sorted(statuses.items()))
        lines.append(f"    {second:+4d} s  {shown or '-'}  (cache {cached:.0%})")
    return lines


def failures(results, since, until):
    """Readers' answers other than 200/304 to requests under way between `since` and `until`
    (under load a request can take seconds: one sent before a fault may end in it)."""
    return [
        row
        for row in results.requests
        if row[0] < until and row[0] + row[1] >= since and row[2] not in GOOD
    ]


def log_offsets(logs):
    return {log: log.stat().st_size if log.exists() else 0 for log in logs}


def log_lines_since(offsets, pattern):
    lines = []
    for log, offset in offsets.items():
        with log.open("rb") as file:
            file.seek(offset)
            text = file.read().decode(errors="replace")
        lines += [line for line in text.splitlines() if re.search(pattern, line)]
    return lines


def redis_fault(results, redis_server, logs, down, after):
    offsets = log_offsets(logs)
    stopped = time.monotonic()
    redis_server.stop()
    time.sleep(down)
    redis_server.start()
    started = time.monotonic()
    time.sleep(after)
    bad = failures(results, stopped - 1, started + after)
    during = [row for row in results.requests if stopped <= row[0] + row[1] < started]
    cached_after = [
        row[0] + row[1] for row in results.requests if row[0] + row[1] >= started and row[3]
    ]
    unreachable = log_lines_since(offsets, "Redis is unreachable")
    back = log_lines_since(offsets, "Redis is back")
    figures = {
        "answers other than 200/304 (0: no answer in 30 s)": (
            f"{len(bad)} {dict(Counter(row[2] for row in bad)) if bad else ''}"
        ),
        "answers while Redis was down (from the cache)": (
            f"{len(during)} ({sum(1 for row in during if row[3])})"
        ),
        # granian's workers and `qalam worker` each note it once.
        f"log lines 'unreachable' / 'back' ({len(os.sched_getaffinity(0)) + 1} processes)": (
            f"{len(unreachable)} / {len(back)}"
        ),
        "first answer from the cache after the start, s": (
            f"{min(cached_after) - started:.2f}" if cached_after else "none"
        ),
    }
    return figures, per_second(results, stopped - 2, started + after - 1, stopped)


def postgres_fault(results, cluster, after):
    accepted_before = len(results.accepted_numbers)
    went_down = time.monotonic()
    cluster.primary.stop("fast")
    cluster.primary.start()
    came_back = time.monotonic()
    time.sleep(after)
    bad = failures(results, went_down, came_back + after)
    # A request in flight when the server stopped fails too: it counts from its start.
    outside = [row for row in bad if row[0] + row[1] < went_down or row[0] > came_back + RECOVERY]
    last = max((row[0] for row in bad), default=None)
    figures = {
        "server down, s": f"{came_back - went_down:.2f}",
        "failed reader requests": f"{len(bad)} ({dict(Counter(row[2] for row in bad))})",
        "failures outside the restart and 5 s after": len(outside),
        "last failed request sent, s after the server was back": (
            f"{last - came_back:+.2f}" if last is not None else "none"
        ),
        "comments accepted during the fault": len(results.accepted_numbers) - accepted_before,
    }
    return figures, per_second(results, went_down - 2, came_back + min(after, 10), went_down)


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := condition():
            return found
        time.sleep(0.1)
    return None


def task_rows(ids):
    from django.db import connection

    from django_tasks_db.models import DBTaskResult

    connection.close()  # one a call: the database may have restarted
    return {str(row.pk): row for row in DBTaskResult.objects.filter(pk__in=ids)}


def worker_fault(site, env, paths, how):
    """The worker stopped (`how`: SIGKILL or SIGTERM) while it runs the search reindex of
    every story and the related lists of the day's stories, a scheduled publication falling
    due while it is down; then started again."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    from wagtail.models import PageLogEntry

    from django_tasks.base import TaskResultStatus

    from qalam.articles.models import StoryPage
    from qalam.related.tasks import refresh_related
    from qalam.search.tasks import reindex_articles

    connection.close()  # one a call: the database may have restarted
    stories = list(StoryPage.objects.live().values_list("pk", flat=True))
    tasks = {
        "search reindex": str(reindex_articles.enqueue(stories).id),
        "related lists": str(refresh_related.enqueue(paths["day_ids"], neighbours=False).id),
    }
    ids = list(tasks.values())
    user = get_user_model().objects.filter(is_superuser=True).first()
    # An archive article: the editor publishes the day's, which would unschedule it.
    archive = StoryPage.objects.live().filter(source_url__startswith=soak.ARCHIVE_SOURCE)
    scheduled = archive.first().specific
    scheduled.go_live_at = timezone.now() + datetime.timedelta(seconds=6)
    scheduled.title = f"{scheduled.title.split(' · ')[0]} · по расписанию {how}"
    scheduled.save_revision(user=user).publish(user=user)
    due, scheduled_at = scheduled.go_live_at, timezone.now()

    # SIGKILL: whichever task runs first. SIGTERM: the related lists, the longer one, so that
    # the grace period runs out before the task does.
    awaited = ids if how == "SIGKILL" else [tasks["related lists"]]

    def one_running():
        rows = task_rows(awaited).values()
        return any(row.status == TaskResultStatus.RUNNING for row in rows)

    running = wait_for(one_running, 120)
    states = {name: task_rows(ids)[pk].status for name, pk in tasks.items()}
    stopped = time.monotonic()
    worker = site["worker"]
    os.killpg(worker.pid, signal.SIGKILL if how == "SIGKILL" else signal.SIGTERM)
    worker.wait(timeout=30)
    exited = time.monotonic() - stopped
    after_stop = {name: task_rows(ids)[pk] for name, pk in tasks.items()}
    wait_for(lambda: timezone.now() > due + datetime.timedelta(seconds=2), 30)
    restarted = time.monotonic()
    site["worker"] = soak.start_worker(env, VAR / "worker.log")

    def all_done():
        rows = task_rows(ids)
        return all(row.status == TaskResultStatus.SUCCESSFUL for row in rows.values())

    done = wait_for(all_done, 180)
    finished = time.monotonic()
    wait_for(lambda: False, 3)  # time for a second publication, if one were to come
    connection.close()  # one a call: the database may have restarted
    published = PageLogEntry.objects.filter(
        page=scheduled, action="wagtail.publish.scheduled", timestamp__gt=scheduled_at
    )
    figures = {
        "tasks running when stopped": ", ".join(
            name for name, state in states.items() if state == TaskResultStatus.RUNNING
        )
        or ("none" if running else "none (no task started within 120 s)"),
        "worker exited after, s (its grace)": f"{exited:.2f} ({env['QALAM_WORKER_GRACE']})",
        "after the stop": "; ".join(
            f"{name} {row.status.lower()}, workers {len(row.worker_ids)}"
            for name, row in after_stop.items()
        ),
        "all tasks completed, s after the restart": (
            f"{finished - restarted:.1f}" if done else "not within 180 s"
        ),
        "attempts recorded (worker_ids)": ", ".join(
            f"{name} {len(task_rows(ids)[pk].worker_ids)}" for name, pk in tasks.items()
        ),
        "scheduled publication log entries": published.count(),
        "published, s after its time": (
            f"{(published.first().timestamp - due).total_seconds():.1f}"
            if published.exists()
            else "not published"
        ),
    }
    return figures, []


def noise_jpeg(size=400):
    """A photo that does not compress: random pixels, about 150 KB as JPEG."""
    rng = random.Random(7)
    pixels = bytes(rng.getrandbits(8) for _ in range(size * size * 3))
    data = io.BytesIO()
    Image.frombytes("RGB", (size, size), pixels).save(data, "JPEG", quality=95)
    return data.getvalue()


def files_in(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def upload(base, content):
    """A photo uploaded through the admin's form as an editor's browser sends it."""
    session = requests.Session()

    def send(method, path, **options):
        response = session.request(
            method, base + path, allow_redirects=False, timeout=60, **options
        )
        # Production marks its cookies Secure, for the HTTPS a proxy ends; this is plain HTTP
        # on loopback, so they are sent anyway.
        for cookie in session.cookies:
            cookie.secure = False
        return response

    def token(path):
        page = send("GET", path).text
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]

    login = {"username": EDITOR[0], "password": EDITOR[1]}
    send("POST", "/admin/login/", data={**login, "csrfmiddlewaretoken": token("/admin/login/")})
    return send(
        "POST",
        "/admin/images/add/",
        data={
            "title": "Шум",
            "collection": "1",
            "csrfmiddlewaretoken": token("/admin/images/add/"),
        },
        files={"file": ("shum.jpg", content, "image/jpeg")},
        headers={"Referer": base + "/admin/images/add/"},
    )


def media_fault(results, base, media):
    from django.db import connection

    from qalam.images.models import QalamImage

    connection.close()  # one a call: the database may have restarted
    content = noise_jpeg()
    images, files = QalamImage.objects.count(), files_in(media)
    room = shutil.disk_usage(media).free
    filler = media / "filler.bin"
    filler.write_bytes(b"\0" * max(0, room - 60_000))  # about 60 KB left, under the photo
    began = time.monotonic()
    refused = upload(base, content)
    ended = time.monotonic()
    connection.close()  # one a call: the database may have restarted
    left = {
        "image rows": QalamImage.objects.count() - images,
        # The photo's own files; readers' pages may add renditions of other photos meanwhile.
        "files": [name for name in set(files_in(media)) - set(files) if "shum" in name],
    }
    filler.unlink()
    accepted = upload(base, content)
    bad = failures(results, began - 1, ended + 1)
    figures = {
        "upload to the full disk": (
            f"HTTP {refused.status_code}, "
            + ("the reason shown" if REFUSAL in refused.text else "NO REASON SHOWN")
        ),
        "left behind": f"{left['image rows']} image rows, {len(left['files'])} files",
        "the same upload with room again": f"HTTP {accepted.status_code}",
        "readers' answers other than 200/304 meanwhile": len(bad),
    }
    return figures, []


@contextlib.contextmanager
def small_media_disk(media):
    """MEDIA_ROOT on a tmpfs holding the media now in it and MEDIA_ROOM more; yields
    whether it could be mounted."""
    size = sum(path.stat().st_size for path in media.rglob("*") if path.is_file())
    kept = media.with_name("media-kept")
    shutil.rmtree(kept, ignore_errors=True)
    media.rename(kept)
    media.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", f"size={size + MEDIA_ROOM}", "tmpfs", str(media)]
    mounted = os.geteuid() == 0 and subprocess.run(mount, check=False).returncode == 0
    if mounted:
        shutil.copytree(kept, media, dirs_exist_ok=True)
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", str(media)], check=False)
        media.rmdir()
        kept.rename(media)


def quiet_statement_log(cluster):
    """The cluster logs every statement for the tests; under load that is only disk work."""
    cluster.primary.execute("ALTER SYSTEM SET log_statement = 'none'", "postgres")
    cluster.primary.execute("SELECT pg_reload_conf()", "postgres")


def comments_kept(results):
    from django.db import connection

    from qalam.comments.models import Comment

    connection.close()  # one a call: the database may have restarted
    texts = Comment.objects.filter(text__startswith=soak.MARKER).values_list("text", flat=True)
    stored = {int(text.rsplit(" ", 1)[1]) for text in texts}
    accepted = set(results.accepted_numbers)
    return {
        "comments accepted": len(accepted),
        "comments stored": len(stored),
        "accepted but missing": len(accepted - stored),
    }


def prepare(server, env, archive):
    loadtest.prepare_newsroom(server, env, DATABASE, VAR, archive, fresh=True)
    paths = soak.newsroom(env)
    from django.contrib.auth import get_user_model

    from django_tasks_db.models import DBTaskResult

    dropped, _ = DBTaskResult.objects.all().delete()
    print(f"  dropped {dropped} queued tasks of the import", flush=True)
    get_user_model().objects.create_superuser(EDITOR[0], "faults@example.kz", EDITOR[1])
    return paths


def section(title, figures, lines):
    return (
        [f"### {title}", "", "| | |", "|---|---:|"]
        + [f"| {label} | {value} |" for label, value in figures.items()]
        + ([""] + ["```"] + lines + ["```"] if lines else [])
        + [""]
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=64)
    parser.add_argument("--archive", type=int, default=500)
    parser.add_argument("--redis-down", type=int, default=10)
    parser.add_argument("--quiet", type=int, default=15, help="seconds between faults")
    parser.add_argument("--warm", type=int, default=60, help="seconds of load before")
    parser.add_argument("--grace", type=float, default=2, help="the worker's, in seconds")
    parser.add_argument("--faults", default="abcd", help="which of (a)-(d) to make")
    parser.add_argument("--note", default="")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    VAR.mkdir(parents=True, exist_ok=True)
    report = []
    with contextlib.ExitStack() as stack:
        cluster = stack.enter_context(Cluster(range(8400, 8420), replicas=0))
        quiet_statement_log(cluster)
        redis_folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="qalam-")))
        redis_server = RedisProcess(free_port(range(8420, 8440)), redis_folder)
        redis_server.start()
        stack.callback(lambda: redis_server.running() and redis_server.stop())
        server = f"postgres://postgres@127.0.0.1:{cluster.primary.port}"
        env = {
            **loadtest.production_env(server, DATABASE, VAR, redis_server.url, "bench-faults"),
            "QALAM_COMMENT_RATE": "100000/m",
            "QALAM_COMMENT_MIN_SECONDS": "0",
            # Shorter than the related lists take here, to show the task handed back.
            "QALAM_WORKER_GRACE": str(args.grace),
        }
        print(f"Preparing the newsroom on PostgreSQL :{cluster.primary.port}", flush=True)
        paths = prepare(server, env, args.archive)
        mounted = stack.enter_context(small_media_disk(VAR / "media"))
        port = free_port(range(8440, 8460))
        base = f"http://127.0.0.1:{port}"
        granian = loadtest.granian(port, VAR, soak.THREADS)
        stack.enter_context(loadtest.server(granian, env, ROOT, VAR / "granian.log", base))
        site = {"worker": soak.start_worker(env, VAR / "worker.log")}
        stack.callback(lambda: loadtest.stop(site["worker"]))
        logs = [VAR / "granian.log", VAR / "worker.log"]
        print(f"Load: {args.readers} readers, a commenter, an editor on {base}", flush=True)
        load_started = time.monotonic()
        with soak.load(base, paths, args.readers) as results:
            # A fresh newsroom's caches are empty: the first fault waits for the steady state.
            time.sleep(args.warm)
            faults = [
                (f"(a) Redis stopped for {args.redis_down} s, then started",
                 lambda: redis_fault(results, redis_server, logs, args.redis_down, args.quiet)),
                ("(b) PostgreSQL restarted", lambda: postgres_fault(results, cluster, args.quiet)),
                ("(c) the worker killed mid-task (SIGKILL), then started",
                 lambda: worker_fault(site, env, paths, "SIGKILL")),
                ("(c') the worker stopped mid-task (SIGTERM), then started",
                 lambda: worker_fault(site, env, paths, "SIGTERM")),
            ]  # fmt: skip
            if mounted:
                faults.append(
                    ("(d) the media disk full", lambda: media_fault(results, base, VAR / "media"))
                )
            for title, fault in faults:
                if title[1] not in args.faults:
                    continue
                print(title, flush=True)
                figures, lines = fault()
                report += section(title, figures, lines)
                print("\n".join(section(title, figures, lines)), flush=True)
                time.sleep(args.quiet)
        statuses = Counter(row[2] for row in results.requests)
        latencies = [row[1] for row in results.requests]
        elapsed = time.monotonic() - load_started
        report += section(
            "The whole run",
            {
                "reader requests": len(results.requests),
                "requests/s": f"{len(results.requests) / elapsed:.0f}",
                "p50 / p99, ms": " / ".join(
                    f"{soak.percentile(latencies, share):.0f}" for share in (0.5, 0.99)
                ),
                "by status": dict(sorted(statuses.items())),
                "publishes": len(results.publishes),
                "publishes failed": dict(results.publishes_failed),
                **comments_kept(results),
            },
            [],
        )
        if not mounted:
            report.append("(d) left out: mounting a small filesystem needs root.\n")
    lines = [
        f"## {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC · {args.readers} readers"
        f" · {args.archive} archive articles · {os.cpu_count()} cores, "
        f"load {os.getloadavg()[0]:.1f} after",
        "",
        *([args.note, ""] if args.note else []),
        *report,
    ]
    print("\n".join(lines))
    with (ROOT / "bench" / "results" / "faults.md").open("a") as results_file:
        results_file.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
