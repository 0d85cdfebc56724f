"""`qalam createdb`: creates the PostgreSQL database DATABASE_URL names when it is missing, so
`make serve-prod` and the benchmarks start on a bare PostgreSQL server. SQLite needs nothing."""

from django.core.management.base import BaseCommand
from django.db import connection

import psycopg
from psycopg import sql


class Command(BaseCommand):
    help = "Creates the PostgreSQL database named by DATABASE_URL if it does not exist yet."

    def handle(self, *args, **options):
        db = connection.settings_dict  # the settings' own, or what a restore drill points at
        if connection.vendor != "postgresql":
            return
        server = {
            "dbname": "postgres",
            "user": db["USER"],
            "password": db["PASSWORD"],
            "host": db["HOST"],
            "port": db["PORT"] or None,
        }
        with psycopg.connect(**server, autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]
            ).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
                self.stdout.write(f"Created database {db['NAME']}.")
