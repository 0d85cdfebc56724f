"""Backups of what Qalam cannot rebuild: the database and MEDIA_ROOT (docs/operations.md).

A backup is a folder: the database (PostgreSQL's `pg_dump` custom format, or a copy of the
SQLite file made with SQLite's backup API, which is consistent under WAL while the site
writes), `media.tar.gz`, and `manifest.json` that names them with their SHA-256 and the
migrations they hold. Restoring checks the sums first, then replaces the database named by
the settings and the media, and empties the page cache."""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from . import pagecache

MANIFEST = "manifest.json"
MEDIA = "media.tar.gz"
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    pass


def checksum(path):
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        for chunk in iter(lambda: source.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def postgres_command(program, db):
    """A client program's arguments and environment for the configured database."""
    arguments = [program, "--host", db["HOST"] or "localhost", "--username", db["USER"]]
    if db["PORT"]:
        arguments += ["--port", str(db["PORT"])]
    environment = {**os.environ, "PGPASSWORD": db["PASSWORD"] or ""}
    return arguments, environment


def run(arguments, environment):
    done = subprocess.run(arguments, env=environment, capture_output=True, text=True)  # noqa: S603
    if done.returncode:
        raise BackupError(f"{arguments[0]} failed: {done.stderr.strip()}")


def dump_database(target):
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        arguments, environment = postgres_command("pg_dump", db)
        run([*arguments, "--format=custom", "--file", str(target), db["NAME"]], environment)
    else:
        copy_sqlite(db["NAME"], target)


def load_database(dump):
    db = connection.settings_dict
    connection.close()
    if connection.vendor == "postgresql":
        from django.core.management import call_command

        call_command("createdb")
        arguments, environment = postgres_command("pg_restore", db)
        run(
            [*arguments, "--clean", "--if-exists", "--no-owner", "--single-transaction"]
            + ["--dbname", db["NAME"], str(dump)],
            environment,
        )
    else:
        copy_sqlite(dump, db["NAME"])


def copy_sqlite(source, target):
    """SQLite's online backup: page by page under the source's read lock, WAL included."""
    with closing(sqlite3.connect(source)) as reading, closing(sqlite3.connect(target)) as writing:
        reading.backup(writing)


def applied_migrations():
    latest = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def backup(destination):
    """Writes a backup folder under `destination` and returns its path."""
    stamp = datetime.datetime.now(tz=datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = Path(destination) / f"qalam-{stamp}"
    folder.mkdir(parents=True)
    dump = folder / DUMPS[connection.vendor]
    migrations = applied_migrations()
    dump_database(dump)
    with tarfile.open(folder / MEDIA, "w:gz") as media:
        if Path(settings.MEDIA_ROOT).is_dir():
            media.add(settings.MEDIA_ROOT, arcname=".")
    manifest = {
        "created": stamp,
        "database": {"engine": connection.vendor, "file": dump.name},
        "files": {path.name: checksum(path) for path in (dump, folder / MEDIA)},
        "migrations": migrations,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return folder


def read_manifest(folder):
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder} holds no readable {MANIFEST}: {error}") from error
    for name, expected in manifest["files"].items():
        if not (folder / name).is_file() or checksum(folder / name) != expected:
            raise BackupError(f"{name} is missing or does not match the manifest")
    if manifest["database"]["engine"] != connection.vendor:
        raise BackupError(
            f"the backup is of {manifest['database']['engine']}, "
            f"the settings name {connection.vendor}"
        )
    return manifest


def restore(folder, media=True):
    """Replaces the database (and MEDIA_ROOT) with the backup's; returns its manifest."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    load_database(folder / manifest["database"]["file"])
    if media:
        root = Path(settings.MEDIA_ROOT)
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        with tarfile.open(folder / MEDIA) as archive:
            archive.extractall(root, filter="data")
    pagecache.forget_all()
    return manifest
