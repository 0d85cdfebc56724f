"""Search at archive scale: N synthetic articles (100,000 by default) made from the demo
corpus and imported into a scratch PostgreSQL database, then a fixed set of 50 queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/qalam .venv/bin/python bench/search.py

Prints the import and index build times, the index size, and the latency of each query's
first page of results (the search as the page runs it: results and their count) and of the
whole search page; appends them to bench/results/search.md."""

import argparse
import datetime
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import percentile

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "qalam_bench_search"
QUERIES = [
    # names in their forms
    "Токаеву", "Токаевым", "Бердымухамедова", "Мирзиёев", "Касым-Жомарт Токаев",
    "Тоқаев", "Tokayev",
    # common words, which match a large part of the archive
    "президент", "Казахстана", "встреча", "встречах", "сотрудничество", "экономика",
    "государства", "области", "развитие",
    # several words
    "встреча президентов", "экспорт зерна", "цифровизация государственных услуг",
    "инвестиционные проекты области", "модернизация сельского здравоохранения",
    "водного хозяйства", "Туркестанской области", "Национального банка",
    "чемпионата Азии по боксу",
    # Kazakh
    "Президентінің", "президентке", "Қазақстанның", "мектептерде", "Түркістанда",
    "ынтымақтастық", "экспорттау",
    # English
    "meetings", "president visited", "raw materials", "exports", "partnership",
    "critical raw materials",
    # rare words, misspellings and odd input
    "мавзолей", "Ясави", "Токаеф", "перспективв", "зернл", "covid", "2026",
    "'; DROP TABLE--", '"токаев" OR *', "😀 президент", "a" * 300, "и",
]  # fmt: skip


def write_articles(path, count):
    """Articles stitched from the demo corpus's sentences, so that the vocabulary, the word
    forms and the languages are those of real news."""
    rnd = random.Random(2026)
    corpus = json.loads((ROOT / "qalam" / "demo" / "data" / "articles.json").read_text())
    by_language = {}
    for article in corpus:
        paragraphs = [block["text"] for block in article["body"] if block.get("text")]
        by_language.setdefault(article["language"], []).append((article, paragraphs))
    start = datetime.datetime(
        2026, 11, 25, 12, tzinfo=datetime.timezone(datetime.timedelta(hours=5))
    )
    languages = ["ru"] * 6 + ["kk"] * 2 + ["en"] * 2
    with path.open("w", encoding="utf-8") as f:
        for n in range(count):
            language = languages[n % len(languages)]
            pool = by_language.get(language) or by_language["ru"]
            article, paragraphs = rnd.choice(pool)
            _, others = rnd.choice(pool)
            record = {
                "title": f"{article['title']} ({n})",
                "lead": article["lead"],
                "body": rnd.sample(paragraphs + others, min(5, len(paragraphs + others))),
                "rubric": article["rubric"],
                "tags": article.get("tags", [])[:3],
                "authors": article.get("authors", [])[:1] or ["Редакция"],
                "published_at": (start - datetime.timedelta(minutes=7 * n)).isoformat(),
                "language": language,
                "source_url": f"https://archive.example.kz/{language}/{n}",
            }
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def bench_env(database_url, var_dir):
    """The environment of a benchmark's `qalam` commands."""
    return {
        **os.environ,
        # Production's settings without its HTTPS redirect: DEBUG off, nothing recorded.
        "DJANGO_SETTINGS_MODULE": "qalam.settings.base",
        "SECRET_KEY": "qalam-bench-only",
        "DATABASE_URL": database_url,
        "QALAM_VAR_DIR": var_dir,
        # Background tasks (reference index, related lists) are not what is measured.
        "QALAM_TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
        # Every page made afresh: the page cache would time a cache read.
        "QALAM_PAGE_CACHE": "0",
    }


def psql(base, sql, database="postgres"):
    subprocess.run(["psql", f"{base}/{database}", "-qc", sql], check=True, capture_output=True)


def run(*args, env):
    started = time.monotonic()
    subprocess.run([str(ROOT / ".venv" / "bin" / "qalam"), *args], env=env, check=True)
    return time.monotonic() - started


def measure(env, rounds):
    """Latencies in ms per query, measured in this process against the built database."""
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from qalam.articles.models import ArticlePage

    # As a web worker does once loaded (qalam/wsgi.py): the collector leaves the loaded code
    # alone, so a full collection does not land inside a timed search.
    gc.freeze()
    client = Client(HTTP_HOST="127.0.0.1")
    searches, pages = [], []
    for query in QUERIES:  # a first round warms the analysers and the database's caches
        list(ArticlePage.objects.live().public().search(query)[:20])
        client.get("/search/", {"q": query})
    for _ in range(rounds):
        for query in QUERIES:
            started = time.perf_counter()
            results = ArticlePage.objects.live().public().search(query)
            list(results[:20])
            results.count()
            searches.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            response = client.get("/search/", {"q": query})
            pages.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                sys.exit(f"the search page answered {response.status_code} to {query!r}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_total_relation_size('wagtailsearch_indexentry')")
        size = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM wagtailsearch_indexentry")
        entries = cursor.fetchone()[0]
    connection.close()  # so that the scratch database can be dropped
    return searches, pages, size, entries


def seconds(value):
    return "not run (--reuse)" if value is None else f"{value:.0f} s"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help=f"keep the {DATABASE} database")
    parser.add_argument(
        "--reuse", action="store_true", help=f"measure a {DATABASE} database kept earlier"
    )
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/qalam")
    if not url.startswith("postgres"):
        sys.exit("bench/search.py measures PostgreSQL: set DATABASE_URL to a postgres:// URL")
    base = url.rsplit("/", 1)[0]
    import_seconds = rebuild_seconds = None
    with tempfile.TemporaryDirectory(prefix="qalam-bench-") as tmp:
        env = bench_env(f"{base}/{DATABASE}", tmp)
        if not args.reuse:
            psql(base, f"DROP DATABASE IF EXISTS {DATABASE}")
            psql(base, f"CREATE DATABASE {DATABASE}")
            run("migrate", "-v0", env=env)
            run("setup_site", env=env)
            data = Path(tmp) / "articles.jsonl"
            write_articles(data, args.articles)
            import_seconds = run("import_articles", str(data), env=env)
            rebuild_seconds = run("rebuild_index", "-v0", env=env)
            # What autovacuum does after a bulk load: statistics for the planner, no dead rows.
            psql(base, "VACUUM ANALYZE", database=DATABASE)
        run("migrate", "-v0", env=env)
        searches, pages, size, entries = measure(env, args.rounds)

    def row(label, values):
        return (
            f"| {label} | {statistics.median(values):.1f} | {percentile(values, 0.95):.1f} "
            f"| {max(values):.1f} |"
        )

    lines = [
        f"## {datetime.date.today()} · {entries} index entries · PostgreSQL · "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "",
        f"- import (articles and their index entries): {seconds(import_seconds)}",
        f"- `qalam rebuild_index` ({entries} entries): {seconds(rebuild_seconds)}",
        f"- index table with its indexes: {size / 2**20:.0f} MiB",
        f"- {len(QUERIES)} queries × {args.rounds} rounds, warm",
        "",
        "| ms | p50 | p95 | max |",
        "|---|---:|---:|---:|",
        row("search: first 20 results + count", searches),
        row("the whole search page", pages),
        "",
    ]
    print("\n".join(lines))
    with (ROOT / "bench" / "results" / "search.md").open("a", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    if not args.keep:
        psql(base, f"DROP DATABASE {DATABASE}")


if __name__ == "__main__":
    sys.exit(main())
