"""`make serve-cluster`: Qalam as a newsroom past one machine runs it, each part a process of
its own on this machine (docs/scaling.md).

    .venv/bin/python deploy/serve_cluster.py [--port 8000] [--app-servers 2] [--workers 2]
        [--postgres-ports 5440-5459] [--s3-port PORT | --local-media]

- PostgreSQL: a throwaway primary and its streaming replica (initdb, pg_basebackup -R, on
  free ports of --postgres-ports; qalam/tests/postgres_cluster.py), removed when it stops;
  the app servers read anonymous pages from the replica (DATABASE_REPLICA_URLS);
- Redis: the one REDIS_URL names (redis://127.0.0.1:6379/0 unless set), for the page cache,
  rate limits and editors' sessions;
- app servers: granian, one process of two threads each, on the ports after --port;
- `qalam worker` processes side by side (each task run once, the schedule under a lock);
- Varnish on --port with deploy/varnish.vcl balancing between the app servers, each probed
  (`qalam varnish_vcl`), and told every purge (QALAM_PROXY_PURGE_URL).

- media: in a bucket of a local S3-protocol server (moto's, qalam/tests/s3_server.py, in
  memory, public-read as docs/scaling.md asks), pages linking to its address. With
  QALAM_MEDIA_S3_BUCKET (and AWS_S3_ENDPOINT_URL, credentials…) already set, that bucket is
  used as it is; with --local-media, the local disk under var/cluster/media, which every app
  server here shares and serves.

Ctrl-C (or SIGTERM) stops everything it started, in the reverse order."""

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
sys.path.insert(0, str(ROOT))

from qalam.tests.postgres_cluster import Cluster, binaries_missing  # noqa: E402


def port_range(text):
    first, _, last = text.partition("-")
    return range(int(first), int(last or first) + 1)


def environment(primary, replicas, var, front):
    """Every process's environment: production settings on the cluster's databases."""
    env = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "QALAM_SSL_REDIRECT": "0",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "QALAM_CACHE_PREFIX": "qalam-cluster",
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qalam.settings.production",
        "DATABASE_URL": primary,
        "DATABASE_REPLICA_URLS": ",".join(replicas),
        "QALAM_VAR_DIR": str(var),
        "MEDIA_ROOT": str(var / "media"),
        "STATIC_ROOT": str(var / "static"),
        "QALAM_PROXY_PURGE_URL": f"http://127.0.0.1:{front}",
    }
    env.setdefault("QALAM_BASE_URL", f"http://127.0.0.1:{front}")
    return env


def qalam(*args, env):
    print(f"  qalam {' '.join(args)}", flush=True)
    subprocess.run([str(BIN / "qalam"), *args], env=env, cwd=ROOT, check=True, timeout=1800)


def wait_until_up(url, process, log, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"{url}: stopped at start-up; see {log}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(url, timeout=5) as answer,  # noqa: S310 - loopback
        ):
            if answer.status == 200:
                return
        time.sleep(0.3)
    sys.exit(f"{url} did not answer within {timeout} s; see {log}")


def stop(process):
    """Stops the process group `process` leads (granian's workers with it)."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)


class Processes:
    """Processes started in their own process groups, each stopped when the stack unwinds."""

    def __init__(self, stack, logs):
        self.stack, self.logs = stack, logs

    def start(self, name, command, env):
        log = self.logs / f"{name}.log"
        output = log.open("w")
        process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=output, stderr=output, start_new_session=True
        )
        self.stack.callback(stop, process)
        self.stack.callback(output.close)
        process.log = log
        return process

    def app_server(self, port, env, threads=2):
        command = [
            str(BIN / "granian"), "--interface", "wsgi", "--workers", "1",
            "--blocking-threads", str(threads), "--host", "127.0.0.1", "--port", str(port),
            "--no-ws", "--log-level", "warning", "qalam.wsgi:application",
        ]  # fmt: skip
        if not env.get("QALAM_MEDIA_S3_BUCKET"):
            command[-1:-1] = ["--static-path-route", "/media",
                              "--static-path-mount", env["MEDIA_ROOT"]]  # fmt: skip
        process = self.start(f"app-{port}", command, env)
        wait_until_up(f"http://127.0.0.1:{port}/robots.txt", process, process.log)
        return process

    def worker(self, number, env):
        return self.start(f"worker-{number}", [str(BIN / "qalam"), "worker"], env)

    def varnish(self, port, app_ports, env, folder, probe_interval=1.0):
        backends = " ".join(f"--backend 127.0.0.1:{p}" for p in app_ports).split()
        vcl = subprocess.run(
            [str(BIN / "qalam"), "varnish_vcl", *backends, "--probe-interval", str(probe_interval)],
            env=env, cwd=ROOT, check=True, capture_output=True, text=True, timeout=60,
        ).stdout  # fmt: skip
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "cluster.vcl").write_text(vcl)
        command = [VARNISHD, "-F", "-j", "none", "-n", str(folder / "work"),
                   "-a", f"127.0.0.1:{port}", "-f", str(folder / "cluster.vcl"),
                   "-s", "malloc,256m"]  # fmt: skip
        process = self.start(f"varnish-{port}", command, env)
        wait_until_up(f"http://127.0.0.1:{port}/robots.txt", process, process.log)
        return process


@contextlib.contextmanager
def bucket(port=None, name="qalam-cluster-media"):
    """moto's S3 server (on `port`, or a free one) with a public-read bucket: the variables
    that point Qalam at it."""
    import boto3

    from qalam.tests.s3_server import KEYS, S3Server, public_read

    server = S3Server()
    if port:
        server.port, server.url = port, f"http://127.0.0.1:{port}"
    server.start()
    print(f"S3: moto's server at {server.url}, bucket {name}")
    try:
        client = boto3.client(
            "s3", endpoint_url=server.url, region_name="us-east-1",
            aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
        )  # fmt: skip
        client.create_bucket(Bucket=name)
        client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_read(name)))
        yield {
            **KEYS,
            "QALAM_MEDIA_S3_BUCKET": name,
            "AWS_S3_ENDPOINT_URL": server.url,
            "AWS_S3_REGION_NAME": "us-east-1",
            "QALAM_MEDIA_URL": f"{server.url}/{name}/",
        }
    finally:
        server.stop()


@contextlib.contextmanager
def database(postgres_ports):
    """The throwaway primary and replica: their URLs for Qalam."""
    missing = binaries_missing()
    if missing:
        sys.exit(f"PostgreSQL 15's server programs are missing ({', '.join(missing)}): "
                 "apt-get install postgresql-15")  # fmt: skip
    print(f"PostgreSQL: a primary and a streaming replica on ports among {postgres_ports}")
    with Cluster(postgres_ports, replicas=1) as cluster:
        yield cluster.primary.url(), [replica.url() for replica in cluster.replicas]


def prepare(env):
    """What `make serve-prod` does to a fresh database, on the primary."""
    qalam("migrate", "--noinput", "-v0", env=env)
    qalam("collectstatic", "--noinput", "--verbosity", "0", env=env)
    qalam("ensure_admin", env=env)
    qalam("load_demo", env=env)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--app-servers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--postgres-ports", type=port_range, default=port_range("5440-5459"))
    parser.add_argument("--local-media", action="store_true", help="media on the local disk")
    parser.add_argument("--s3-port", type=int, help="moto's S3 server (default: a free port)")
    args = parser.parse_args()
    if not os.path.exists(VARNISHD):
        sys.exit("Varnish is not installed: apt-get install varnish")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    # Ctrl-C, even where the shell started this in the background with SIGINT ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    var = ROOT / "var" / "cluster"
    var.mkdir(parents=True, exist_ok=True)
    app_ports = [args.port + n for n in range(1, args.app_servers + 1)]
    try:
        with contextlib.ExitStack() as stack:
            primary, replicas = stack.enter_context(database(args.postgres_ports))
            env = environment(primary, replicas, var, args.port)
            if not (args.local_media or env.get("QALAM_MEDIA_S3_BUCKET")):
                env.update(stack.enter_context(bucket(args.s3_port)))
            prepare(env)
            processes = Processes(stack, var)
            for port in app_ports:
                processes.app_server(port, env)
            for number in range(1, args.workers + 1):
                processes.worker(number, env)
            folder = Path(tempfile.mkdtemp(prefix="qalam-cluster-varnish-"))
            stack.callback(shutil.rmtree, folder, True)
            processes.varnish(args.port, app_ports, env, folder)
            print(
                f"Site:        http://127.0.0.1:{args.port}/ (Varnish)\n"
                f"App servers: {', '.join(f'127.0.0.1:{p}' for p in app_ports)}\n"
                f"Workers:     {args.workers}\n"
                f"PostgreSQL:  {primary} (primary), {', '.join(replicas)} (replica)\n"
                f"Redis:       {env['REDIS_URL']}\n"
                f"Media:       {env.get('QALAM_MEDIA_URL') or env['MEDIA_ROOT']}\n"
                f"Logs:        {var}/\n"
                "Ctrl-C stops everything.",
                flush=True,
            )
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        print("Stopped.")


if __name__ == "__main__":
    main()
