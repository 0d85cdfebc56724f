"""Qalam's public pages side by side with WordPress's: throughput and latency under wrk with
Qalam's page cache off and on, bytes sent, SQL queries per page and worker memory.

    .venv/bin/python bench/pages.py [--fresh] [--note TEXT]

Qalam runs as `make serve-prod` runs it (production settings, PostgreSQL, Redis, granian with a
worker per core) on the scratch database qalam_bench_pages: the demo newsroom and 10,000
imported articles, kept for the next run (--fresh rebuilds it). The WordPress peer is measured
at http://127.0.0.1:8081 when it answers (docs/performance.md). Needs wrk
(bench/apt-packages.txt). Prints one table and appends it, with a profile of one article
request, to bench/results/pages.md."""

import argparse
import contextlib
import cProfile
import datetime
import os
import platform
import pstats
import re
import shutil
import signal
import statistics
import sys
import time
from urllib.parse import quote, unquote

import loadtest
import redis

ROOT = loadtest.ROOT
DATABASE = "qalam_bench_pages"
ARTICLES = 10_000
# Uploads and collected static files belong with the database and are kept with it.
VAR = ROOT / "var" / "bench-pages"
# Flushed before each server starts, so that no mode sees what the one before cached.
REDIS = "redis://127.0.0.1:6379/11"
MODES = {"off": "0", "on": "1"}  # QALAM_PAGE_CACHE
# Threads a granian worker, as `make serve-prod` sets them (THREADS in the Makefile). Left
# unset, granian starts up to 256 a worker, each with its own database connection.
THREADS = 2
WORDPRESS = "http://127.0.0.1:8081"
SEARCH = "Токаев"
WORDPRESS_PAGES = {
    "home": "/",
    "article": "/ofitsialno/perspektivy-partnerstva/",
    "rubric": "/category/ofitsialno/",
    "search": f"/?s={quote(SEARCH)}",
    "RSS": "/feed/",
}
COLUMNS = ("off", "WordPress off", "on", "WordPress on")
TARGETS = [
    "uncached article: ≥ 5× WordPress's requests/s, p99 ≤ 200 ms",
    "cached article: ≥ 50× WordPress's requests/s, p99 ≤ 20 ms",
    "≤ 8 SQL queries per article page",
    "granian worker RSS ≤ 150 MB",
    "0 errors",
]


def inspect_qalam(env):
    """In this process, on the same database with the page cache off: the pages' addresses
    (the seed article's and its rubric's from the database), the SQL queries of a view of
    each page in the steady state, and a profile of one article request."""
    os.environ.update(env, QALAM_PAGE_CACHE="0")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import translation

    from qalam.articles.models import ArticlePage
    from qalam.demo.loader import SEED_SLUG

    seed = ArticlePage.objects.live().get(slug=SEED_SLUG, locale__language_code="ru")
    with translation.override("ru"):
        paths = {
            "home": "/",
            "article": seed.get_url(),
            "rubric": seed.get_parent().get_url(),
            "search": f"{reverse('search')}?q={quote(SEARCH)}",
            "RSS": reverse("feeds:site-rss"),
        }
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip")
    # Two passes over every page first: the first views of a fresh database make renditions,
    # and new renditions of the placeholder make the next request read the chrome afresh
    # (six queries, once). What is counted is a page view in the steady state.
    for _ in range(2):
        for path in paths.values():
            client.get(path)
    queries = {}
    for name, path in paths.items():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            sys.exit(f"Qalam answered {response.status_code} to {path}")
        queries[name] = captured.captured_queries  # now: the next request clears the log
    profile = profile_request(client, paths["article"], queries["article"])
    connection.close()
    return paths, {name: len(log) for name, log in queries.items()}, profile


def profile_request(client, path, queries):
    timings = []
    for _ in range(10):
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    profiler = cProfile.Profile()
    profiler.runcall(client.get, path)
    stats = pstats.Stats(profiler).stats
    whole = max(cumulative for *_, cumulative, _ in stats.values())
    # The test client, Django's handler and the middleware chain each span the whole request.
    top = sorted(
        (item for item in stats.items() if item[1][3] < 0.98 * whole),
        key=lambda item: item[1][3],
        reverse=True,
    )[:15]
    sql = [float(query["time"]) * 1000 for query in queries]
    lines = [
        f"One uncached request for `{path}` through Django's test client with the production "
        f"settings: {statistics.median(timings):.0f} ms (median of 10, no profiler); its "
        f"{len(sql)} SQL queries took {sum(sql):.0f} ms, the slowest {max(sql):.0f} ms. Under "
        f"cProfile the request took {whole * 1000:.0f} ms; the 15 functions with the most "
        "cumulative time, leaving out the wrappers that span the whole request:",
        "",
        "| cumulative ms | own ms | calls | function |",
        "|---:|---:|---:|---|",
    ]
    for (filename, line, function), (_, calls, own, cumulative, _) in top:
        lines.append(
            f"| {cumulative * 1000:.1f} | {own * 1000:.1f} | {calls} | "
            f"`{short_path(filename)}:{line} {function}` |"
        )
    return lines


def short_path(filename):
    for marker in ("site-packages/", f"{ROOT}/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


@contextlib.contextmanager
def qalam_server(env, mode):
    """Qalam under granian as `make serve-prod` starts it, on a free port."""
    port = loadtest.free_port()
    command = loadtest.granian(port, VAR, THREADS)
    redis.Redis.from_url(REDIS).flushdb()
    mode_env = {**env, "QALAM_PAGE_CACHE": MODES[mode]}
    base = f"http://127.0.0.1:{port}"
    log = VAR / f"granian-cache-{mode}.log"
    with loadtest.server(command, mode_env, ROOT, log, base) as process:
        yield process, base


def measure(env, paths, wordpress, duration):
    """Qalam with the page cache off, then on: one server at a time, as each busy granian
    thread holds a PostgreSQL connection of its own. Page by page, Qalam and WordPress in
    turn, so that the machine's other load falls on both alike and each ratio uses the
    WordPress run beside it."""
    runs, sizes, rss, idle = {name: {} for name in paths}, {name: {} for name in paths}, {}, []
    for mode in MODES:
        with qalam_server(env, mode) as (process, base):
            for name, path in paths.items():
                sides = [
                    (mode, base, path),
                    (f"WordPress {mode}", WORDPRESS, WORDPRESS_PAGES[name]),
                ]
                for side, host, page in sides:
                    if host == WORDPRESS and not wordpress:
                        runs[name][side] = loadtest.Run(missing="not answering")
                        sizes[name][side] = "not answering"
                        continue
                    idle.append(loadtest.cpu_idle())
                    print(f"  {name} · {side}: {host}{page}", flush=True)
                    runs[name][side] = loadtest.bench(host, page, duration)
                    sizes[name][side] = loadtest.page_size(host, page, name == "article")
            rss[mode] = loadtest.children_rss(process)
    return runs, sizes, rss, idle


def report(paths, runs, sizes, queries, rss):
    lines = [
        "| page | measure | Qalam, cache off | WordPress, beside it | Qalam, cache on "
        "| WordPress, beside it | Qalam ÷ WordPress, off | Qalam ÷ WordPress, on |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]

    def add(page, measure, values, notes=("",) * 4, show=figure, ratios=True):
        """values: one per column; a string says why there is no figure."""
        cells = [
            (value if isinstance(value, str) else show(value)) + note
            for value, note in zip(values, notes, strict=True)
        ]
        cells += [ratio(*values[:2]), ratio(*values[2:])] if ratios else ["", ""]
        lines.append(f"| {page} | {measure} | {' | '.join(cells)} |")

    for name, path in paths.items():
        sides = [runs[name][column] for column in COLUMNS]
        size = [sizes[name][column] for column in COLUMNS]
        add(f"{name} `{unquote(path)}`", "requests/s", [r.missing or r.rps for r in sides])
        add("", "p50 ms", [r.missing or r.p50 for r in sides])
        add("", "p99 ms", [r.missing or r.p99 for r in sides])
        add("", "errors", [r.missing or errors(r) for r in sides], ratios=False)
        add("", "HTML bytes, gzip accepted", *bytes_sent(size, False), show=kilobytes)
        if name == "article":
            add("", "with its CSS and JS", *bytes_sent(size, True), show=kilobytes)
        add("", "SQL queries", [str(queries[name]), "–", "–", "–"], ratios=False)
    add("all pages", "RSS per worker, max MB", [max(rss["off"]), "–", max(rss["on"]), "–"])
    add("", "RSS of all workers, MB", [sum(rss["off"]), "–", sum(rss["on"]), "–"])
    return lines


def bytes_sent(sizes, with_assets):
    """Figures for a bytes row, and a note where something came uncompressed."""
    values, notes = [], []
    for size in sizes:
        note = ""
        if isinstance(size, str):
            values.append(size)
        else:
            assets = size.assets if with_assets else 0
            values.append(size.html + assets)
            if not size.gzipped:
                note = f", not gzipped ({kilobytes(size.html_if_gzipped + assets)} if it were)"
            elif with_assets and not size.assets_gzipped:
                note = ", CSS or JS not gzipped"
        notes.append(note)
    return values, notes


def figure(value):
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def kilobytes(value):
    return f"{value / 1000:.1f} KB"


def ratio(value, wordpress):
    if isinstance(value, str) or isinstance(wordpress, str) or not wordpress:
        return "–"
    share = value / wordpress
    return f"{share:.1f}×" if share >= 0.1 else f"{share:.2f}×"


def errors(run):
    if not run.errors:
        return "0"
    return f"{run.error_count} ({', '.join(f'{k} {n}' for k, n in run.errors.items())})"


def verdicts(runs, queries, rss):
    article = runs["article"]

    def speed(mode, factor, p99):
        run, wordpress = article[mode], article[f"WordPress {mode}"]
        if run.missing:
            return f"not measured ({run.missing})"
        if wordpress.missing:
            return f"p99 {figure(run.p99)} ms; WordPress {wordpress.missing}"
        share = run.rps / wordpress.rps
        met = share >= factor and run.p99 <= p99
        return f"{share:.1f}×, p99 {figure(run.p99)} ms: {'met' if met else 'NOT met'}"

    qalam_runs = [page[mode] for page in runs.values() for mode in MODES]
    failed = sum(run.error_count for run in qalam_runs)
    failed += sum(1 for run in qalam_runs if run.missing)  # a page that did not answer 200
    largest = max(rss["off"] + rss["on"])
    results = [
        speed("off", 5, 200),
        speed("on", 50, 20),
        f"{queries['article']}: {'met' if queries['article'] <= 8 else 'NOT met'}",
        f"{largest:.0f} MB: {'met' if largest <= 150 else 'NOT met'}",
        f"{failed} in {len(qalam_runs)} Qalam runs: {'met' if not failed else 'NOT met'}",
    ]
    return [f"- {target} — {result}" for target, result in zip(TARGETS, results, strict=True)]


def wordpress_version():
    status, body, gzipped = loadtest.fetch(WORDPRESS, "/")
    match = re.search(
        r'<meta name="generator" content="(WordPress [^"]+)"', loadtest.text(body, gzipped)
    )
    return match[1] if match else "WordPress"


def machine(server):
    commit = loadtest.sh(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT).strip()
    if loadtest.sh(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT):
        commit += " with uncommitted changes"
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"PostgreSQL {loadtest.psql(server, 'SHOW server_version').split()[0]} · commit {commit}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help=f"rebuild {DATABASE}")
    parser.add_argument("--duration", type=int, default=15, help="seconds of wrk per page")
    parser.add_argument("--note", default="", help="a paragraph for the results, e.g. the load")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench/pages.py needs wrk: apt-get install wrk (bench/apt-packages.txt)")
    # Ctrl-C raises KeyboardInterrupt; a plain kill must unwind too, so servers are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    server = loadtest.postgres_server()
    env = loadtest.production_env(server, DATABASE, VAR, REDIS, "bench-pages")
    loadtest.prepare_newsroom(server, env, DATABASE, VAR, ARTICLES, args.fresh)
    paths, queries, profile = inspect_qalam(env)
    wordpress = wordpress_version() if loadtest.answers(WORDPRESS) else None
    print(f"WordPress at {WORDPRESS}: {wordpress or 'not answering'}")
    load = os.getloadavg()[0]
    runs, sizes, rss, idle = measure(env, paths, wordpress, args.duration)
    lines = [
        f"## {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC · "
        f"{loadtest.story_count(server, DATABASE):,} articles · {machine(server)}",
        "",
        *([args.note, ""] if args.note else []),
        f"Qalam: production settings, granian with {len(rss['off'])} WSGI workers of "
        f"{THREADS} threads, PostgreSQL "
        f"and Redis on this machine. {wordpress or 'WordPress'} at {WORDPRESS}"
        f"{'' if wordpress else ' did not answer'}. Each page: "
        f"{loadtest.WARM_UP_REQUESTS} requests and {loadtest.WARM_UP_SECONDS} s of wrk to warm "
        f"up, then `wrk {' '.join(loadtest.WRK[:5])} -d{args.duration}s` with "
        "`Accept-Encoding: gzip`. Two passes, the page cache off then on, page by page Qalam "
        "then WordPress; WordPress's two figures for a page show the run-to-run noise. SQL "
        "queries: a page's request after two passes over all pages, page cache off. Load average "
        f"{load:.2f} before, {os.getloadavg()[0]:.2f} after; CPUs {min(idle):.0f}–"
        f"{max(idle):.0f} % idle just before the runs.",
        "",
        *report(paths, runs, sizes, queries, rss),
        "",
        "Targets:",
        "",
        *verdicts(runs, queries, rss),
        "",
    ]
    print("\n" + "\n".join(lines))
    with (ROOT / "bench" / "results" / "pages.md").open("a", encoding="utf-8") as f:
        f.write("\n".join([*lines, "### Where the time goes", "", *profile, "", ""]))
    print("Appended to bench/results/pages.md, with a profile of one article request.")


if __name__ == "__main__":
    sys.exit(main())
