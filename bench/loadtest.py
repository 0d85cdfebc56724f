"""Load testing on loopback for the benchmarks: the scratch newsroom database and the
production environment Qalam runs in for them, a server process that is stopped however the
run ends, wrk runs and their figures, and the bytes a browser receives for a page."""

import contextlib
import gzip
import http.client
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

from import_articles import write_articles

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT / "deploy"))

# How `make serve-cluster` stops a process group (the server and its workers) is how the
# benches stop theirs.
from serve_cluster import stop  # noqa: E402

HEADERS = {"Accept-Encoding": "gzip", "User-Agent": "qalam-bench"}
# wrk's default 2 s timeout would count the slowest answers as errors instead of latencies.
WRK = ["-t2", "-c16", "--latency", "--timeout", "10s", "-H", "Accept-Encoding: gzip"]
WARM_UP_REQUESTS = 5
WARM_UP_SECONDS = 3


def sh(command, timeout=600, **kwargs):
    return subprocess.run(
        command, check=True, capture_output=True, text=True, timeout=timeout, **kwargs
    ).stdout


def psql(server, sql, database="postgres"):
    return sh(["psql", f"{server}/{database}", "-Atqc", sql]).strip()


def qalam(*args, env, timeout=1800):
    print(f"  qalam {' '.join(args)}", flush=True)
    sh([str(BIN / "qalam"), *args], timeout=timeout, env=env, cwd=ROOT)


def postgres_server():
    """The PostgreSQL server DATABASE_URL names (without its database), or the local one."""
    url = os.environ.get("DATABASE_URL", "")
    return (
        url.rsplit("/", 1)[0]
        if url.startswith("postgres")
        else "postgres://postgres@127.0.0.1:5432"
    )


def production_env(server, database, var, redis, cache_prefix):
    """Qalam's environment as `make serve-prod` sets it, on a scratch database and cache."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qalam.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "QALAM_SSL_REDIRECT": "0",
        "DATABASE_URL": f"{server}/{database}",
        "REDIS_URL": redis,
        "QALAM_CACHE_PREFIX": cache_prefix,
        "QALAM_VAR_DIR": str(var),
        "MEDIA_ROOT": str(var / "media"),
        "STATIC_ROOT": str(var / "static"),
    }


def granian(port, var, threads):
    """granian as `make serve-prod` starts it: a worker per core, `threads` each."""
    return [
        str(BIN / "granian"), "--interface", "wsgi", "--workers", str(len(os.sched_getaffinity(0))),
        "--blocking-threads", str(threads), "--host", "127.0.0.1", "--port", str(port),
        "--static-path-route", "/media", "--static-path-mount", str(var / "media"),
        "--no-ws", "--log-level", "warning", "qalam.wsgi:application",
    ]  # fmt: skip


def story_count(server, database):
    try:
        return int(psql(server, "SELECT count(*) FROM articles_storypage", database))
    except subprocess.CalledProcessError:
        return 0


def prepare_newsroom(server, env, database, var, articles, fresh):
    """The scratch database `database`: the demo newsroom and `articles` imported articles,
    kept for the next run unless `fresh`; migrated and with static files collected."""
    count = story_count(server, database)
    if count >= articles and not fresh:
        print(f"Reusing {database}: {count} stories (--fresh rebuilds it)")
    else:
        print(f"Preparing {database}: the demo newsroom and {articles} imported articles")
        psql(server, f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        psql(server, f"CREATE DATABASE {database}")
        shutil.rmtree(var, ignore_errors=True)
        # The demo's background tasks (reference index, related articles) run at once, so the
        # seed article shows its related block as on a newsroom's site. The imported
        # articles' are dropped below: related lists for 10,000 articles take hours on two
        # cores, and no measured page needs them.
        at_once = {**env, "QALAM_TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
        qalam("migrate", "--noinput", "-v0", env=at_once)
        qalam("load_demo", env=at_once)
        with tempfile.TemporaryDirectory(prefix="qalam-bench-") as tmp:
            data = Path(tmp) / "articles.jsonl"
            write_articles(data, articles)
            qalam("import_articles", str(data), env=env)
        # What autovacuum does after a bulk load: statistics for the planner, no dead rows.
        psql(server, "VACUUM ANALYZE", database)
    qalam("migrate", "--noinput", "-v0", env=env)
    qalam("collectstatic", "--noinput", "--verbosity", "0", env=env)
    # The import's queued tasks, and those an earlier run left (a run's worker is stopped
    # with the run), would keep each run's worker busy for hours with the archive's related
    # lists while the publishes' own tasks wait behind them: a newsroom's worker keeps up
    # with its queue, so each run starts with an empty one.
    psql(
        server,
        "DELETE FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')",
        database,
    )


@dataclass
class Run:
    """One wrk run against one page, or why there was none."""

    missing: str = ""
    rps: float = 0.0
    p50: float = 0.0
    p99: float = 0.0
    requests: int = 0
    errors: dict = field(default_factory=dict)

    @property
    def error_count(self):
        return sum(self.errors.values())


@dataclass
class Size:
    """Bytes a browser receives for a page, gzip accepted; assets: its CSS and JS."""

    html: int
    gzipped: bool
    html_if_gzipped: int  # at the level Django's GZipMiddleware uses
    assets: int = 0
    assets_gzipped: bool = True


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def server(command, env, cwd, log, base):
    """Runs `command` until it answers 200 at `base`, yields the process, and stops it and
    every process it started however the block ends."""
    with log.open("w") as output:
        process = subprocess.Popen(
            command, env=env, cwd=cwd, stdout=output, stderr=output, start_new_session=True
        )
        try:
            wait_until_up(base, process, log)
            yield process
        finally:
            stop(process)


def post_comment(connection, path, text, email):
    """A reader's comment on the page at `path` as a browser sends it, on `connection`: the
    page (for its form and token), then the form's POST. Its answer's status (302: accepted),
    or "no form"."""
    connection.request("GET", path)
    page = connection.getresponse().read().decode()
    action = re.search(r'action="((?:/[a-z]{2})?/comments/post/\d+/)[^"]*"', page)
    token = re.search(r'name="token" value="([^"]+)"', page)
    if not (action and token):
        return "no form"
    body = urlencode({
        "author_name": "Читатель", "email": email, "url": "", "text": text, "homepage": "",
        "token": token[1], "parent": "",
    })  # fmt: skip
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    connection.request("POST", action[1], body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    return response.status


def wait_until_up(base, process, log, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"{base}: the server stopped at start-up; see {log}")
        if answers(base):
            return
        time.sleep(0.5)
    sys.exit(f"{base} did not answer within {timeout} s; see {log}")


def children_rss(process):
    """VmRSS in MB of each process that `process` started (granian's workers)."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        with contextlib.suppress(OSError):
            text = status.read_text()
            if re.search(rf"^PPid:\s+{process.pid}$", text, re.M):
                sizes.append(int(re.search(r"^VmRSS:\s+(\d+) kB", text, re.M)[1]) / 1024)
    return sizes


def fetch(base, path):
    """Status, body as sent and whether it came gzipped; redirects are not followed."""
    url = urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    try:
        connection.request("GET", path, headers=HEADERS)
        response = connection.getresponse()
        body = response.read()
        return response.status, body, response.getheader("Content-Encoding") == "gzip"
    finally:
        connection.close()


def answers(base):
    with contextlib.suppress(OSError, http.client.HTTPException):
        return fetch(base, "/")[0] == 200
    return False


def text(body, gzipped):
    return (gzip.decompress(body) if gzipped else body).decode("utf-8", "replace")


def bench(base, path, duration):
    """Warm-up requests, then wrk; a page that does not answer 200 is not measured."""
    for _ in range(WARM_UP_REQUESTS):
        status = fetch(base, path)[0]
    if status != 200:
        return Run(missing=f"HTTP {status}")
    # Then the load the measured run brings, so that every worker is warm, not only one.
    wrk(base + path, WARM_UP_SECONDS)
    return parse_wrk(wrk(base + path, duration))


def wrk(url, duration):
    return subprocess.run(
        ["wrk", *WRK, f"-d{duration}s", url],
        check=True,
        capture_output=True,
        text=True,
        timeout=duration + 60,
    ).stdout


def parse_wrk(output):
    errors = {}
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors["non-2xx/3xx"] = int(match[1])
    if match := re.search(r"Socket errors: (.*)", output):
        errors.update((kind, int(count)) for kind, count in re.findall(r"(\w+) (\d+)", match[1]))
    errors = {kind: count for kind, count in errors.items() if count}
    requests = int(re.search(r"(\d+) requests in", output)[1])
    if not requests:
        return Run(missing="no request completed", errors=errors)
    latency = {
        share: float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
        for share, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
    }
    return Run(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        p50=latency["50"],
        p99=latency["99"],
        requests=requests,
        errors=errors,
    )


class LinkedAssets(HTMLParser):
    """The stylesheets and scripts a page makes the browser load."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.urls.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])


def page_size(base, path, with_assets=False):
    """The page's Size, or why there is none."""
    status, body, gzipped = fetch(base, path)
    if status != 200:
        return f"HTTP {status}"
    size = Size(len(body), gzipped, len(body) if gzipped else len(gzip.compress(body, 6)))
    if with_assets:
        parser = LinkedAssets()
        parser.feed(text(body, gzipped))
        for url in dict.fromkeys(urljoin(base + path, href) for href in parser.urls):
            asset = urlsplit(url)
            if asset.hostname not in ("127.0.0.1", "localhost"):
                sys.exit(f"{base}{path} links {url}: only loopback addresses are fetched")
            status, body, gzipped = fetch(
                f"http://{asset.netloc}", asset._replace(scheme="", netloc="").geturl()
            )
            if status != 200:
                sys.exit(f"{url}, linked from {base}{path}, answered HTTP {status}")
            size.assets += len(body)
            size.assets_gzipped &= gzipped
    return size


def cpu_idle(seconds=1.0):
    """Share of all CPUs idle over the next `seconds`: how busy a shared machine is."""

    def sample():
        values = [int(value) for value in Path("/proc/stat").read_text().split()[1:9]]
        return values[3] + values[4], sum(values)

    idle, total = sample()
    time.sleep(seconds)
    idle_after, total_after = sample()
    return 100 * (idle_after - idle) / max(1, total_after - total)
