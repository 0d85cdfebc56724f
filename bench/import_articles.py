"""How long `qalam import_articles` takes for N articles, on the database DATABASE_URL names
(a scratch database is created and dropped on PostgreSQL; a temporary file on SQLite).

    .venv/bin/python bench/import_articles.py [--articles 10000]

Prints the figures and appends them to bench/results/import_articles.md."""

import argparse
import datetime
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUBRICS = ["Официально", "Политика", "Экономика", "Общество", "Регионы", "Спорт"]
TAGS = ["Туркестан", "Туркменистан", "экспорт", "зерно", "цифровизация", "образование", "бокс"]
AUTHORS = ["Айгерим Сарсенова", "Дмитрий Ковалев", "Нурлан Жумабеков"]
SENTENCES = [
    "Глава государства провел совещание по вопросам развития транспортно-логистической отрасли.",
    "Участники встречи обсудили перспективы сотрудничества в газовой и торговой сферах.",
    "В области реализуются инвестиционные проекты общей стоимостью 36,5 млрд тенге.",
    "Особое внимание уделено цифровизации государственных услуг и подготовке IT-специалистов.",
    "Товарооборот между странами планируется довести до 1 миллиарда долларов.",
]


def write_articles(path, count):
    rnd = random.Random(2026)
    start = datetime.datetime(
        2026, 11, 25, 12, tzinfo=datetime.timezone(datetime.timedelta(hours=5))
    )
    with path.open("w", encoding="utf-8") as f:
        for n in range(count):
            record = {
                "title": f"Новость номер {n}: {rnd.choice(SENTENCES)[:60]}",
                "lead": rnd.choice(SENTENCES),
                "body": [rnd.choice(SENTENCES) for _ in range(6)],
                "rubric": RUBRICS[n % len(RUBRICS)],
                "tags": rnd.sample(TAGS, 2),
                "authors": [AUTHORS[n % len(AUTHORS)]],
                "published_at": (start - datetime.timedelta(minutes=17 * n)).isoformat(),
                "language": "ru",
                "source_url": f"https://archive.example.kz/news/{n}",
            }
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def qalam(*args, env):
    return subprocess.run(
        [str(ROOT / ".venv" / "bin" / "qalam"), *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


TASK_BACKENDS = {
    "at once (immediate backend)": "django_tasks.backends.immediate.ImmediateBackend",
    "queued for `qalam worker`": "django_tasks_db.DatabaseBackend",
}


def scratch_database(url, env, name):
    """An empty scratch database for `env` (DATABASE_URL set in it): PostgreSQL database
    `name` when `url` names PostgreSQL, SQLite under QALAM_VAR_DIR otherwise. Unmigrated."""
    if url.startswith("postgres"):
        base = url.rsplit("/", 1)[0]
        for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
            subprocess.run(
                ["psql", f"{base}/postgres", "-qc", sql], check=True, capture_output=True
            )
        env["DATABASE_URL"] = f"{base}/{name}"
    else:
        env["DATABASE_URL"] = ""
        Path(env["QALAM_VAR_DIR"], "qalam.sqlite3").unlink(missing_ok=True)


def drop_scratch_database(url, name):
    if url.startswith("postgres"):
        base = url.rsplit("/", 1)[0]
        subprocess.run(["psql", f"{base}/postgres", "-qc", f"DROP DATABASE {name}"], check=True)


def fresh_database(url, env):
    scratch_database(url, env, "qalam_bench_import")
    qalam("migrate", "-v0", env=env)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    database = "PostgreSQL" if url.startswith("postgres") else "SQLite (WAL)"
    rows = []
    with tempfile.TemporaryDirectory(prefix="qalam-bench-") as tmp:
        data = Path(tmp) / "articles.jsonl"
        write_articles(data, args.articles)
        for label, backend in TASK_BACKENDS.items():
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "qalam.settings.dev",
                "QALAM_VAR_DIR": tmp,
                "QALAM_TASKS_BACKEND": backend,
            }
            fresh_database(url, env)
            for run in ("first import", "re-import (updates)"):
                started = time.monotonic()
                qalam("import_articles", str(data), env=env)
                rows.append((run, label, time.monotonic() - started))
                if "worker" in label:
                    started = time.monotonic()
                    qalam("worker", "--once", env=env)
                    rows.append(
                        (f"{run}: the worker's queued tasks", label, time.monotonic() - started)
                    )
        drop_scratch_database(url, "qalam_bench_import")

    lines = [
        f"## {datetime.date.today()} · {args.articles} articles · {database} · "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "",
        "Reference-index updates are Wagtail tasks: with the immediate backend (the embedded",
        "default) the import runs them itself; in production they are queued in the database and",
        "`qalam worker` runs them after the import has committed.",
        "",
        "| run | background tasks | seconds | articles/s |",
        "|---|---|---:|---:|",
        *(
            f"| {run} | {label} | {seconds:.1f} | {args.articles / seconds:.0f} |"
            for run, label, seconds in rows
        ),
        "",
    ]
    print("\n".join(lines))
    with (ROOT / "bench" / "results" / "import_articles.md").open("a", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
