"""Settings every deployment shares. Whatever varies between deployments comes from the
environment, with defaults that run on a bare machine: SQLite under var/, media on local
disk, a local-memory cache."""

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

import dj_database_url
import dj_email_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "qalam"
VAR_DIR = Path(os.environ.get("QALAM_VAR_DIR", BASE_DIR / "var"))


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "qalam.users",
    "qalam.core",
    "qalam.images",
    "qalam.home",
    "qalam.rubrics",
    "qalam.authors",
    "qalam.tags",
    "qalam.articles",
    "qalam.pages",
    "qalam.lang",
    "qalam.search",
    "qalam.related",
    "qalam.demo",
    "qalam.importers",
    "qalam.feeds",
    "qalam.api",
    "qalam.comments",
    "qalam.newsroom",
    "qalam.budget",
    "qalam.telegram",
    "qalam.digests",
    "anymail",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.table_block",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_ratelimit",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so a cached page gets the policy of the day (docs/security.md).
    "qalam.core.headers.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "qalam.core.pagecache.PageCacheMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "qalam.core.replicas.ReplicaReadMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "qalam.core.middleware.AdminRefusalMiddleware",
    "qalam.core.middleware.MediaFullMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "qalam.importers.middleware.WordPressAddressMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "qalam.urls"
WSGI_APPLICATION = "qalam.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "qalam.core.context_processors.site_chrome",
            ],
        },
    },
]

# Database: DATABASE_URL, or SQLite under var/ in WAL mode so readers never wait for a writer.
SQLITE_OPTIONS = {
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
    ),
    "transaction_mode": "IMMEDIATE",
}
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'qalam.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def env_seconds(name, default):
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number of seconds") from None


def replica_databases(urls):
    """DATABASE_REPLICA_URLS as DATABASES aliases replica1, replica2…: PostgreSQL streaming
    replicas that anonymous readers' pages are read from (core/replicas.py, docs/scaling.md).
    A URL that does not parse, or names no PostgreSQL server, stops start-up."""
    replicas = {}
    for number, url in enumerate(urls, 1):
        try:
            replica = dj_database_url.parse(
                url,
                conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
                conn_health_checks=True,
            )
        except ValueError as error:
            raise ImproperlyConfigured(
                f"DATABASE_REPLICA_URLS: replica {number}: {error}"
            ) from None
        if not replica["ENGINE"].endswith("postgresql"):
            raise ImproperlyConfigured(
                f"DATABASE_REPLICA_URLS: replica {number} is not a PostgreSQL server"
                f" ({replica['ENGINE']}); only PostgreSQL streaming replicas are read from"
            )
        # A replica that does not answer is skipped after two seconds, not waited for.
        replica["OPTIONS"] = {"connect_timeout": 2, **replica.get("OPTIONS", {})}
        # Tests read the test database through it: no database of its own to create.
        replica["TEST"] = {"MIRROR": "default"}
        replicas[f"replica{number}"] = replica
    return replicas


DATABASES.update(replica_databases(env_list("DATABASE_REPLICA_URLS")))
if len(DATABASES) > 1:
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URLS: replicas need DATABASE_URL to name their PostgreSQL primary"
        )
    DATABASE_ROUTERS = ["qalam.core.replicas.ReplicaRouter"]
# Seconds a replica may be behind its primary and still be read from; how often each process
# looks at its replicas' health (core/replicas.py).
QALAM_REPLICA_MAX_LAG = env_seconds("QALAM_REPLICA_MAX_LAG", "10")
QALAM_REPLICA_CHECK_SECONDS = env_seconds("QALAM_REPLICA_CHECK_SECONDS", "5")

# Cache: Redis when REDIS_URL is set. Otherwise files under var/cache, which the web server,
# `qalam worker` and every other `qalam` command share, so a purge made by the scheduler or an
# import reaches the pages the web server keeps (docs/caching.md: why not local memory).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache, one client a pool (qalam/core/cache.py says why).
            "BACKEND": "qalam.core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("QALAM_CACHE_PREFIX", "qalam"),
            # A Redis that is down or unreachable is noticed within a second or two and
            # served around (core/cache.py), instead of holding every request.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        },
        # Editors' sessions, shared by every app server (docs/scaling.md: why Redis and not
        # signed cookies). A Redis of their own may be named, one that keeps what it holds
        # (no eviction, persistence) while the page cache's may evict; this cache does not
        # degrade (core/cache.py).
        "sessions": {
            "BACKEND": "qalam.core.cache.SharedRedisCache",
            "LOCATION": os.environ.get("QALAM_SESSION_REDIS_URL") or REDIS_URL,
            "KEY_PREFIX": os.environ.get("QALAM_CACHE_PREFIX", "qalam") + "-sessions",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    SESSION_CACHE_ALIAS = "sessions"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("QALAM_CACHE_DIR", str(VAR_DIR / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
        # Counting needs an atomic increment, which files lack; the embedded default serves
        # readers from one process, so its own memory counts right.
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "qalam-ratelimit",
        },
    }
RATELIMIT_USE_CACHE = "default" if REDIS_URL else "ratelimit"

# Related articles read a multilingual language model (qalam/related, docs/related.md);
# `0` leaves them to words, names, tags and rubrics.
QALAM_RELATED_MODEL = os.environ.get("QALAM_RELATED_MODEL", "1") == "1"

# Full-page cache for anonymous readers (core/pagecache.py, docs/caching.md): how long a page
# is kept here and by a proxy or CDN in front (`s-maxage`); publishing purges it before that.
QALAM_PAGE_CACHE = os.environ.get("QALAM_PAGE_CACHE", "1") == "1"
QALAM_PAGE_CACHE_SECONDS = int(os.environ.get("QALAM_PAGE_CACHE_SECONDS", "600"))
# After a change, one reader remakes a page while the others get the outdated copy; past this
# many seconds without a new copy (that reader's request died), another reader tries.
QALAM_PAGE_CACHE_REMAKE_SECONDS = 10
QALAM_PAGE_CACHE_SKIP = (
    "/admin/",
    "/django-admin/",
    "/api/",
    "/documents/",
    "/_util/",
    "/budget/",  # calendar feeds: each address is one user's
)
# A caching reverse proxy in front that takes PURGE requests (Varnish, nginx; docs/caching.md).
# Every proxy or cache in front, comma-separated: each is told every purge (two Varnish
# servers side by side, or a Varnish and a CDN's purge address).
QALAM_PROXY_PURGE_URLS = env_list("QALAM_PROXY_PURGE_URL")
if QALAM_PROXY_PURGE_URLS:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        f"proxy{number}": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": url,
        }
        for number, url in enumerate(QALAM_PROXY_PURGE_URLS, 1)
    }
# Qalam's addresses already carry their language (/, /kk/, /en/): purge each as it is.
WAGTAILFRONTENDCACHE_LANGUAGES = []

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    # Django's, removing what it half wrote when the disk is full (core/storage.py).
    "default": {"BACKEND": "qalam.core.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def public_media_url(url):
    """QALAM_MEDIA_URL, the public address media files are linked at (a CDN in front of the
    bucket, or the bucket's own), with the one trailing slash Django wants."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
        raise ImproperlyConfigured(
            f"QALAM_MEDIA_URL must be an http(s) address without a query, e.g. "
            f"https://media.example.kz/, not «{url}»"
        )
    return url.rstrip("/") + "/"


def s3_media_storage(environ):
    """The `default` storage in an S3-compatible bucket (core/s3.py, docs/scaling.md), from
    QALAM_MEDIA_S3_BUCKET and the variables django-storages reads. Keys stay in the
    environment, where boto3 reads them, so they never travel in a task's arguments (the
    storage is handed to tasks by its options). A missing or malformed variable stops
    start-up with its name."""
    endpoint = environ.get("AWS_S3_ENDPOINT_URL", "")
    region = environ.get("AWS_S3_REGION_NAME", "")
    if endpoint and (urlsplit(endpoint).scheme not in ("http", "https")
                     or not urlsplit(endpoint).hostname):  # fmt: skip
        raise ImproperlyConfigured(
            f"AWS_S3_ENDPOINT_URL must be an http(s) address, not «{endpoint}»"
        )
    if not (endpoint or region):
        raise ImproperlyConfigured(
            "QALAM_MEDIA_S3_BUCKET needs AWS_S3_ENDPOINT_URL (an S3-compatible server) or "
            "AWS_S3_REGION_NAME (Amazon S3)"
        )
    keys = [name for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY") if environ.get(name)]
    if len(keys) == 1 or (endpoint and not keys):
        missing = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"} - set(keys)
        raise ImproperlyConfigured(
            f"{' and '.join(sorted(missing))} must be set with QALAM_MEDIA_S3_BUCKET"
        )
    if not environ.get("QALAM_MEDIA_URL"):
        raise ImproperlyConfigured(
            "QALAM_MEDIA_URL must be set with QALAM_MEDIA_S3_BUCKET: the public address of "
            "the bucket, or of the CDN in front of it"
        )
    media_url = urlsplit(public_media_url(environ["QALAM_MEDIA_URL"]))
    options = {
        "bucket_name": environ["QALAM_MEDIA_S3_BUCKET"],
        # Public addresses without a signature, which a CDN can cache (docs/scaling.md).
        "custom_domain": media_url.netloc + media_url.path.rstrip("/"),
        "url_protocol": media_url.scheme + ":",
        "querystring_auth": False,
        # A name taken gets a suffix, as on the local disk: no photo replaces another.
        "file_overwrite": False,
        # Names are never reused, so a file never changes under its address.
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        # S3-compatible servers answer at their own address; Amazon's at the bucket's name.
        "addressing_style": environ.get("AWS_S3_ADDRESSING_STYLE")
        or ("path" if endpoint else "virtual"),
    }
    if endpoint:
        options["endpoint_url"] = endpoint
    if region:
        options["region_name"] = region
    return {"BACKEND": "qalam.core.s3.MediaS3Storage", "OPTIONS": options}


if os.environ.get("QALAM_MEDIA_S3_BUCKET"):
    STORAGES["default"] = s3_media_storage(os.environ)
if os.environ.get("QALAM_MEDIA_URL"):
    MEDIA_URL = public_media_url(os.environ["QALAM_MEDIA_URL"])

# Content-Security-Policy (core/headers.py, docs/security.md). Readers' pages: nothing inline,
# nothing from elsewhere but embedded players in frames.
CSP_COMMON = {
    "default-src": [SELF],
    # Photos come from the media address when it is another site's (a CDN, the bucket).
    "img-src": [SELF, "data:", *([MEDIA_URL] if MEDIA_URL.startswith("http") else [])],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CSP_COMMON,
        "script-src": [SELF],
        "style-src": [SELF],
        # YouTube's and other players of the embed block are frames from their own sites.
        "frame-src": [SELF, "https:"],
    }
}
# The admin: Wagtail 8.0's widgets start with inline scripts and its editor injects <style>
# elements, none with a nonce, so inline is allowed there and nowhere else (docs/security.md).
QALAM_ADMIN_PREFIXES = ("/admin/", "/django-admin/")
QALAM_ADMIN_CSP = {
    **CSP_COMMON,
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "frame-src": [SELF, "https:"],
}
# Features no page of Qalam uses, refused to every page and whatever it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

AUTH_USER_MODEL = "users.User"
# Sign-in attempts (docs/security.md): django-axes locks an account *from one address* after
# AXES_FAILURE_LIMIT failures for AXES_COOLOFF_TIME hours; one address may fail
# QALAM_SIGNIN_FAILURES times in all, whatever the accounts (core/signin.py). The client's
# address is the one comments' rate limits use (QALAM_CLIENT_IP_HEADER below).
# Axes first (it refuses a locked sign-in before the password is checked), in its form that is
# also Django's ModelBackend: the first backend is the one a session names after a forced
# sign-in (`force_login`, Wagtail's test helpers), so it must be able to read users back.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
WAGTAILADMIN_USER_LOGIN_FORM = "qalam.users.forms.SignInForm"
AXES_FAILURE_LIMIT = int(os.environ.get("QALAM_SIGNIN_ATTEMPTS", "10"))
AXES_COOLOFF_TIME = int(os.environ.get("QALAM_SIGNIN_LOCK_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "qalam.core.clients.client_ip"
AXES_LOCKOUT_CALLABLE = "qalam.core.signin.locked_out"
AXES_VERBOSE = False
QALAM_SIGNIN_FAILURES = os.environ.get("QALAM_SIGNIN_FAILURES", "50/h")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Russian is the default and has no URL prefix; Kazakh lives under /kk/, English
# under /en/. Interface and content languages are the same three.
LANGUAGE_CODE = "ru"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("ru", "Русский"),
    ("kk", "Қазақша"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [PROJECT_DIR / "locale"]
FORMAT_MODULE_PATH = ["qalam.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("QALAM_TIME_ZONE", "Asia/Almaty")


# Background work (search and reference index updates, imports): run at once by default;
# production queues it in the database for `qalam worker` (django_tasks_db.DatabaseBackend).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "QALAM_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

WAGTAIL_SITE_NAME = os.environ.get("QALAM_SITE_NAME", "Qalam")
WAGTAILADMIN_BASE_URL = QALAM_BASE_URL = os.environ.get("QALAM_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "images.QalamImage"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The database's own full text, fed with word-form terms (qalam/search/backends/); `simple`,
# since the terms arrive analysed and must not be stemmed again.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "qalam.search.backends."
        + ("postgres" if DATABASES["default"]["ENGINE"].endswith("postgresql") else "sqlite"),
        "SEARCH_CONFIG": "simple",
    }
}
# Wagtail's responsive wrapper is a style attribute, which readers' CSP refuses.
WAGTAILEMBEDS_RESPONSIVE_HTML = False
# The admin asks nothing of outside services: avatars are uploaded or Wagtail's default (an
# avatar service would receive a hash of every editor's email), and no release check (it fails
# offline with a console error; upgrades are chosen through requirements.lock).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The read API gives rich text with addresses a client can follow (docs/api.md).
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
TAGGIT_CASE_INSENSITIVE = True

# Email: the review's notifications (docs/newsroom.md). EMAIL_URL names the server, e.g.
# smtp://user:password@mail.example:587/?tls=True or smtps://… ; unset, messages go to the
# console (the server's log), as in development. DEFAULT_FROM_EMAIL is the sender.
EMAIL_CONFIG = dj_email_url.parse(os.environ.get("EMAIL_URL") or "console://")
# A provider's API instead of SMTP: its django-anymail backend, e.g.
# anymail.backends.postmark.EmailBackend, and its key as ANYMAIL_POSTMARK_SERVER_TOKEN (every
# ANYMAIL_* variable becomes one of anymail's settings, below).
EMAIL_BACKEND = os.environ.get("QALAM_EMAIL_BACKEND") or EMAIL_CONFIG["EMAIL_BACKEND"]
EMAIL_HOST = EMAIL_CONFIG["EMAIL_HOST"] or "localhost"
EMAIL_PORT = EMAIL_CONFIG["EMAIL_PORT"] or 25
EMAIL_HOST_USER = EMAIL_CONFIG["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = EMAIL_CONFIG["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = EMAIL_CONFIG["EMAIL_USE_TLS"]
EMAIL_USE_SSL = EMAIL_CONFIG["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = EMAIL_CONFIG["EMAIL_TIMEOUT"] or 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Qalam <qalam@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# How often `qalam worker` looks for pages whose go-live or expiry time has passed.
# The editions' Telegram channels (docs/distribution.md): nothing is sent without the token,
# which lives only here; QALAM_TELEGRAM_CHANNELS pairs editions and channels
# (ru=@qalam_news,kk=@qalam_kz) and is checked at start-up (qalam/telegram/checks.py).
QALAM_TELEGRAM_BOT_TOKEN = os.environ.get("QALAM_TELEGRAM_BOT_TOKEN", "")
QALAM_TELEGRAM_CHANNELS = os.environ.get("QALAM_TELEGRAM_CHANNELS", "")
QALAM_TELEGRAM_API_URL = os.environ.get("QALAM_TELEGRAM_API_URL", "https://api.telegram.org")

QALAM_SCHEDULER_INTERVAL = int(os.environ.get("QALAM_SCHEDULER_INTERVAL", "30"))
# Commands `qalam worker` runs on its own, each in a thread of its own and by one worker at a
# time: (command, arguments, seconds between runs). A command that is not installed is left out.
QALAM_WORKER_COMMANDS = [("send_digest", ["--due"], 60)]
# A worker silent for this long is taken for gone, and its running task is run again by
# another (core/workers.py); its beat comes at every look at the schedule.
QALAM_WORKER_SILENCE = int(
    os.environ.get("QALAM_WORKER_SILENCE", str(3 * QALAM_SCHEDULER_INTERVAL + 30))
)
# A worker asked to stop (SIGTERM) gives its running task this long to finish, then puts it
# back in the queue and exits: less than the 10 s `docker stop` waits before SIGKILL.
QALAM_WORKER_GRACE = float(os.environ.get("QALAM_WORKER_GRACE", "5"))

# Reader comments (docs/comments.md). Behind a reverse proxy, QALAM_CLIENT_IP_HEADER names the
# header it sets to the reader's address (e.g. X-Real-IP); unset, REMOTE_ADDR is the client.
QALAM_CLIENT_IP_HEADER = os.environ.get("QALAM_CLIENT_IP_HEADER", "")
QALAM_COMMENT_RATE = os.environ.get("QALAM_COMMENT_RATE", "5/10m")
QALAM_COMMENT_MIN_SECONDS = int(os.environ.get("QALAM_COMMENT_MIN_SECONDS", "3"))
QALAM_COMMENT_FORM_MAX_AGE = int(os.environ.get("QALAM_COMMENT_FORM_MAX_AGE", str(24 * 3600)))
# Email digests (docs/distribution.md): subscriptions a minute from one client or to one
# address; the provider's tracking webhooks (bounces, complaints) ask for
# QALAM_MAIL_WEBHOOK_SECRET as HTTP basic auth, "user:password".
QALAM_SUBSCRIBE_RATE = os.environ.get("QALAM_SUBSCRIBE_RATE", "5/m")
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): value
    for name, value in os.environ.items()
    if name.startswith("ANYMAIL_")
}
ANYMAIL.setdefault("WEBHOOK_SECRET", os.environ.get("QALAM_MAIL_WEBHOOK_SECRET", ""))
QALAM_COMMENT_MAX_LINKS = int(os.environ.get("QALAM_COMMENT_MAX_LINKS", "2"))
QALAM_COMMENT_STOP_WORDS = env_list("QALAM_COMMENT_STOP_WORDS")
QALAM_COMMENT_SPAM_WORDS = env_list("QALAM_COMMENT_SPAM_WORDS")
# Rate limits live in the `ratelimit` cache. Django's own Redis cache increments atomically,
# though django-ratelimit lists only django-redis; local memory counts per process, which is
# right for the one-process embedded default and nowhere else.
# With Redis unreachable nothing is counted (core/cache.py): readers may comment, each comment
# still passing the form's other checks and moderation, rather than all being refused.
RATELIMIT_FAIL_OPEN = True
SILENCED_SYSTEM_CHECKS = [
    "django_ratelimit.W001",
    # Wants Page's own title SearchField; Qalam's pages index the title analysed instead.
    "wagtailsearch.W001",
]
if not REDIS_URL:
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"qalam": {"level": os.environ.get("QALAM_LOG_LEVEL", "INFO")}},
}
