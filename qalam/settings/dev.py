from .base import *  # noqa: F403

DEBUG = True
# A development key only: production.py refuses to start without its own SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY") or "qalam-dev-only-not-for-production"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
