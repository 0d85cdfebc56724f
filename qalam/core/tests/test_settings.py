"""Production settings refuse to start without their secrets and pass Django's deploy check."""

import os
import subprocess
import sys

from django.conf import settings

import pytest

PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-key-" + "x" * 40,
    "ALLOWED_HOSTS": "news.example.kz",
    "DATABASE_URL": "sqlite:////tmp/qalam-deploy-check.sqlite3",
    "DJANGO_SETTINGS_MODULE": "qalam.settings.production",
}


def run_qalam(*args, env):
    clean = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "qalam", *args],
        env={**clean, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = run_qalam("check", env=env)
    assert result.returncode != 0
    assert f"{missing} must be set in the environment for production" in result.stderr


def test_production_passes_the_deploy_check():
    result = run_qalam("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_cache_follows_redis_url():
    from django.core.cache import caches

    cache = caches["default"]
    expected = "RedisCache" if os.environ.get("REDIS_URL") else "FileBasedCache"
    assert type(cache).__name__ == expected
    cache.set("qalam-test-key", {"тенге": 36.5}, 30)
    assert cache.get("qalam-test-key") == {"тенге": 36.5}


def test_database_follows_database_url():
    from django.db import connection

    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected


def test_embedded_sqlite_runs_in_wal_mode(tmp_path):
    env = {
        "DATABASE_URL": "",
        "QALAM_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "qalam.settings.dev",
    }
    result = run_qalam(
        "shell",
        "-c",
        "from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0])",
        env=env,
    )
    assert result.stdout.strip().splitlines()[-1] == "wal", result.stderr


def test_web_worker_leaves_what_loading_made_out_of_garbage_collection():
    code = "import gc, qalam.wsgi; print(gc.get_freeze_count())"
    clean = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={**clean, **PRODUCTION_ENV},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 50_000


def test_every_proxy_named_is_told_every_purge():
    code = (
        "from django.conf import settings; "
        "print(sorted((k, v['LOCATION']) for k, v in settings.WAGTAILFRONTENDCACHE.items()))"
    )
    urls = "http://10.0.0.1:6081, http://10.0.0.2:6081"
    result = run_qalam("shell", "-c", code, env={**PRODUCTION_ENV, "QALAM_PROXY_PURGE_URL": urls})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "[('proxy1', 'http://10.0.0.1:6081'), ('proxy2', 'http://10.0.0.2:6081')]"
    )
