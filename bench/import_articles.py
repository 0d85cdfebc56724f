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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix="qalam-bench-") as tmp:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "qalam.settings.dev", "QALAM_VAR_DIR": tmp}
        if url.startswith("postgres"):
            base = url.rsplit("/", 1)[0]
            env["DATABASE_URL"] = f"{base}/qalam_bench_import"
            subprocess.run(
                ["psql", f"{base}/postgres", "-qc", "DROP DATABASE IF EXISTS qalam_bench_import"],
                check=True,
            )
            subprocess.run(
                ["psql", f"{base}/postgres", "-qc", "CREATE DATABASE qalam_bench_import"],
                check=True,
            )
        else:
            env["DATABASE_URL"] = ""
        database = "PostgreSQL" if url.startswith("postgres") else "SQLite (WAL)"
        try:
            qalam("migrate", "-v0", env=env)
            data = Path(tmp) / "articles.jsonl"
            write_articles(data, args.articles)
            timings = {}
            for run in ("first import", "re-import (updates)"):
                started = time.monotonic()
                qalam("import_articles", str(data), env=env)
                timings[run] = time.monotonic() - started
        finally:
            if url.startswith("postgres"):
                subprocess.run(
                    [
                        "psql",
                        f"{base}/postgres",
                        "-qc",
                        "DROP DATABASE IF EXISTS qalam_bench_import",
                    ],
                    check=True,
                )

    lines = [
        f"## {datetime.date.today()} · {args.articles} articles · {database} · "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "",
        "| run | seconds | articles/s |",
        "|---|---:|---:|",
        *(
            f"| {run} | {seconds:.1f} | {args.articles / seconds:.0f} |"
            for run, seconds in timings.items()
        ),
        "",
    ]
    print("\n".join(lines))
    with (ROOT / "bench" / "results" / "import_articles.md").open("a", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
