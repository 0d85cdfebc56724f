"""Throwaway PostgreSQL servers for tests that need a server of their own to stop, restart or
replicate: a primary made with `initdb` and its streaming replica made with
`pg_basebackup -R`, from Debian's PostgreSQL 15 binaries, on free ports, removed after.

The machine's own server allows no replication connections and must not be stopped by a test.
initdb refuses to run as root, so under root every program runs as the `postgres` user in
folders it owns. Every statement is logged (`log_statement=all`) with the application name, so
a test can tell exactly which server ran what (`PostgresServer.log_since`)."""

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

BIN = Path(os.environ.get("QALAM_POSTGRES_BIN", "/usr/lib/postgresql/15/bin"))
STEP_TIMEOUT = 60  # seconds any one program may take
SETTINGS = (
    "listen_addresses = '127.0.0.1'",
    "log_statement = 'all'",
    "log_line_prefix = '%a|'",
    # A throwaway server: nothing needs to survive a crash of the machine. Commits stay
    # synchronous: WAL is sent to a replica once flushed, which an asynchronous commit leaves
    # to the WAL writer, 200 ms later.
    "fsync = off",
    "full_page_writes = off",
)


def binaries_missing():
    """The PostgreSQL server programs not found, by name."""
    programs = ("initdb", "pg_ctl", "pg_basebackup", "postgres")
    return [name for name in programs if not (BIN / name).exists()]


def free_port(ports):
    for port in ports:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port among {ports}")


def run_as_owner(*command):
    """Runs a PostgreSQL program, as `postgres` when the tests run as root."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    result = subprocess.run(  # noqa: S603 - PostgreSQL's own programs with our arguments
        [*prefix, *map(str, command)], capture_output=True, text=True, timeout=STEP_TIMEOUT
    )
    if result.returncode:
        raise RuntimeError(f"{command[0]} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


class PostgresServer:
    def __init__(self, folder, port):
        self.folder, self.port = Path(folder), port
        self.data, self.log = self.folder / "data", self.folder / "server.log"

    def url(self, database="qalam", user="postgres"):
        return f"postgres://{user}@127.0.0.1:{self.port}/{database}"

    def start(self):
        options = f"-p {self.port} -k {self.folder}"
        run_as_owner(BIN / "pg_ctl", "start", "-w", "-t", STEP_TIMEOUT, "-D", self.data,
                     "-l", self.log, "-o", options)  # fmt: skip

    def stop(self, mode="fast"):
        run_as_owner(BIN / "pg_ctl", "stop", "-w", "-m", mode, "-D", self.data)

    def running(self):
        return (self.data / "postmaster.pid").exists()

    def connect(self, database="qalam"):
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname=database,
            autocommit=True, connect_timeout=5, application_name="qalam-tests",
        )  # fmt: skip

    def execute(self, sql, database="qalam"):
        with self.connect(database) as connection:
            cursor = connection.execute(sql)
            return cursor.fetchall() if cursor.description else None

    def log_size(self):
        return self.log.stat().st_size

    def log_since(self, offset, application="qalam-server"):
        """The statements the application ran here since `offset` in the log."""
        with self.log.open("rb") as log:
            log.seek(offset)
            lines = log.read().decode(errors="replace").splitlines()
        return [line for line in lines if line.startswith(f"{application}|LOG:  statement:")]


class Cluster:
    """A primary with a database `qalam`, and `replicas` streaming replicas of it."""

    def __init__(self, ports, replicas=1):
        self.ports, self.count = ports, replicas
        self.folder = Path(tempfile.mkdtemp(prefix="qalam-postgres-"))
        self.primary, self.replicas = None, []

    def __enter__(self):
        try:
            self.create()
        except BaseException:
            self.remove()
            raise
        return self

    def __exit__(self, *exc):
        self.remove()

    def server_folder(self, name):
        folder = self.folder / name
        folder.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
            shutil.chown(folder, "postgres")
        return folder

    def create(self):
        self.primary = PostgresServer(self.server_folder("primary"), free_port(self.ports))
        run_as_owner(BIN / "initdb", "-D", self.primary.data, "-U", "postgres", "--auth=trust",
                     "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        with (self.primary.data / "postgresql.conf").open("a") as conf:
            conf.write("\n".join(SETTINGS) + "\n")
        self.primary.start()
        self.primary.execute("CREATE DATABASE qalam", database="postgres")
        taken = {self.primary.port}
        for number in range(1, self.count + 1):
            port = free_port([p for p in self.ports if p not in taken])
            taken.add(port)
            replica = PostgresServer(self.server_folder(f"replica{number}"), port)
            run_as_owner(BIN / "pg_basebackup", "-h", "127.0.0.1", "-p", self.primary.port,
                         "-U", "postgres", "-D", replica.data, "-R", "-X", "stream",
                         "--checkpoint=fast", "--no-sync")  # fmt: skip
            replica.start()
            self.replicas.append(replica)

    def remove(self):
        for server in [self.primary, *self.replicas]:
            if server is not None and server.running():
                # The folder goes anyway: a server whose lock file is gone stops within a minute.
                with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                    server.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)
