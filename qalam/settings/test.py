"""Tests run on whatever DATABASE_URL and REDIS_URL name (SQLite and local memory when
unset), so CI exercises PostgreSQL and Redis with the same suite."""

import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "qalam-tests-only"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="qalam-test-media-"))  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_AUTOREFRESH = True
# What commands keep under var/ (the demo's password, the schedule's lock) goes to a folder of
# the run's own, or the one a test gives the processes it starts.
VAR_DIR = Path(os.environ.get("QALAM_VAR_DIR") or tempfile.mkdtemp(prefix="qalam-test-var-"))  # noqa: F405
# The embedded default's file cache in a folder of the run's own; Redis when REDIS_URL is set.
if not REDIS_URL and "QALAM_CACHE_DIR" not in os.environ:  # noqa: F405
    CACHES["default"]["LOCATION"] = tempfile.mkdtemp(prefix="qalam-test-cache-")  # noqa: F405
# A test database on disk, as the embedded default's: a `qalam worker` started by a test
# (qalam/tests/test_out_of_process.py) must see what the test wrote.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.mkdtemp(prefix="qalam-test-db-")) / "qalam.sqlite3")  # noqa: F405
    }
# A second story type, defined in test code only (qalam/tests/test_story_types.py).
INSTALLED_APPS = [*INSTALLED_APPS, "qalam.tests.storytypes"]  # noqa: F405
# Pages are made afresh for every request unless a test turns the page cache on, or gives a
# server it starts QALAM_PAGE_CACHE=1 (qalam/tests/test_redis_outage_under_load.py).
QALAM_PAGE_CACHE = os.environ.get("QALAM_PAGE_CACHE") == "1"  # noqa: F405
# The language model of related articles only where a test is about it (qalam/related/tests).
QALAM_RELATED_MODEL = False
# Tests post to a Bot API server of their own (qalam/telegram/tests/botapi.py), never to one
# the environment names.
QALAM_TELEGRAM_BOT_TOKEN = QALAM_TELEGRAM_CHANNELS = ""
QALAM_TELEGRAM_API_URL = "http://127.0.0.1:9"
