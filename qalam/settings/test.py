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
# Pages are made afresh for every request unless a test turns the page cache on.
QALAM_PAGE_CACHE = False
# The language model of related articles only where a test is about it (qalam/related/tests).
QALAM_RELATED_MODEL = False
