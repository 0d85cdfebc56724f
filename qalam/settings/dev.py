from .base import *  # noqa: F403

DEBUG = True
# A development key only: production.py refuses to start without its own SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY") or "qalam-dev-only-not-for-production"  # noqa: F405
# Readers see the site's 404 page, not Django's list of every address (core/middleware.py).
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "qalam.core.middleware.ReadersNotFoundMiddleware",
)
