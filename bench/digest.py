"""How long `qalam send_digest` takes, and how much memory, for N confirmed subscribers (a
third of them with rubrics of their own), sending to a local SMTP sink (aiosmtpd) on the
database DATABASE_URL names (a scratch database is created and dropped on PostgreSQL).

    .venv/bin/python bench/digest.py [--subscribers 10000] [--also 1000]

Prints the figures and appends them to bench/results/digest.md."""

import argparse
import datetime
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from aiosmtpd.controller import Controller

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_articles import ROOT, drop_scratch_database, qalam, scratch_database

SETUP = """
import datetime
from django.utils import timezone
from qalam.articles.models import ArticlePage
from qalam.digests.models import Subscriber
from qalam.home.editions import ensure_editions
from qalam.rubrics.models import RubricPage

home = ensure_editions()["ru"]
rubrics = [home.add_child(instance=RubricPage(title=t, slug=s)) for t, s in
           [("Политика", "politika"), ("Экономика", "ekonomika"), ("Спорт", "sport")]]
for n in range(24):
    rubrics[n % 3].add_child(instance=ArticlePage(
        title=f"Новость дня номер {n}", slug=f"novost-{n}", lead="Стороны обсудили сотрудничество.",
        first_published_at=timezone.now() - datetime.timedelta(minutes=30 * n + 5)))
Subscriber.objects.bulk_create(
    Subscriber(email=f"reader{n}@example.org", language="ru", status="active")
    for n in range(COUNT))
Through = Subscriber.rubrics.through
Through.objects.bulk_create(
    Through(subscriber_id=pk, rubricpage_id=rubrics[pk % 3].pk)
    for pk in Subscriber.objects.values_list("pk", flat=True)[::3])
"""


class Sink:
    def __init__(self):
        self.count = 0
        self.recipients = set()

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        self.recipients.update(envelope.rcpt_tos)
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(count, url, tmp):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "qalam.settings.dev", "QALAM_VAR_DIR": tmp}
    scratch_database(url, env, "qalam_bench_digest")
    qalam("migrate", "-v0", env=env)
    qalam("shell", "-c", SETUP.replace("COUNT", str(count)), env=env)
    sink, port = Sink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    env["EMAIL_URL"] = f"smtp://127.0.0.1:{port}"
    started = time.monotonic()
    child = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "qalam"), "send_digest", "--edition", "ru"], env=env
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.monotonic() - started
    controller.stop()
    drop_scratch_database(url, "qalam_bench_digest")
    if status != 0:
        raise SystemExit(f"send_digest failed ({status})")
    if not sink.count == len(sink.recipients) == count:
        raise SystemExit(f"{count} subscribers, {sink.count} messages to {len(sink.recipients)}")
    return seconds, usage.ru_maxrss / 1024  # kilobytes on Linux


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--also", default="1000", help="smaller counts, to see memory stay flat")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    database = "PostgreSQL" if url.startswith("postgres") else "SQLite (WAL)"
    counts = sorted({args.subscribers, *(int(n) for n in args.also.split(",") if n)})
    rows = []
    for count in counts:
        with tempfile.TemporaryDirectory(prefix="qalam-bench-") as tmp:
            rows.append((count, *measure(count, url, tmp)))
    lines = [
        f"## {datetime.date.today()} · {database} · SMTP sink on 127.0.0.1 (aiosmtpd) · "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "",
        "`qalam send_digest --edition ru`, batches of 200 on one SMTP connection each, 24",
        "stories, a third of the subscribers with one rubric; every message arrived once.",
        "",
        "| subscribers | seconds | messages/s | peak RSS of the command (MB) |",
        "|---:|---:|---:|---:|",
        *(f"| {n} | {s:.1f} | {n / s:.0f} | {rss:.0f} |" for n, s, rss in rows),
        "",
    ]
    print("\n".join(lines))
    with (ROOT / "bench" / "results" / "digest.md").open("a", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
