"""Read replicas (DATABASE_REPLICA_URLS, docs/scaling.md): an anonymous reader's page is read
from a healthy PostgreSQL streaming replica; everything else reads and writes on the primary.

Only the reader's page is sent there because only it can take data a few seconds old: an
editor must see their own publish, a reader who has just commented carries a message cookie
and must see their comment's notice, the admin, the API and the worker act on what they
read, and a read inside a transaction must see that transaction's writes.

A replica is skipped while it refuses connections, lags more than QALAM_REPLICA_MAX_LAG
seconds behind, or has not yet replayed the last change readers can see; each process looks at
most every QALAM_REPLICA_CHECK_SECONDS and says so in its log once when a replica goes and once
when it comes back."""

import contextvars
import logging
import random
import threading
import time
from collections import deque

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from . import pagecache, stamps
from .pagecache import reader_is_anonymous

logger = logging.getLogger(__name__)

# How far behind the replica is, in seconds since the last transaction it replayed (0 when it
# has replayed all it received, and for a server that is no standby), and where it is.
LAG_SQL = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
    ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
END, pg_last_wal_replay_lsn()
"""


def wal_position(text):
    """A PostgreSQL WAL position ('16/B374D848') as a number."""
    high, low = text.split("/")
    return (int(high, 16) << 32) + int(low, 16)


class PageRead:
    """One anonymous reader's page request; it reads from one node from start to end."""

    alias = None


page_read = contextvars.ContextVar("qalam_replica_page_read", default=None)


class ReplicaReadMiddleware:
    """Marks an anonymous reader's GET of a page, the requests the page cache would keep, as
    one that may be read from a replica. After AuthenticationMiddleware, with the page cache's
    rule for who is anonymous and which addresses are not pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        may_lag = (
            request.method in ("GET", "HEAD")
            and not request.path.startswith(settings.QALAM_PAGE_CACHE_SKIP)
            and reader_is_anonymous(request)
        )
        token = page_read.set(PageRead() if may_lag else None)
        try:
            return self.get_response(request)
        finally:
            page_read.reset(token)


def replica_aliases():
    return [alias for alias in settings.DATABASES if alias != DEFAULT_DB_ALIAS]


class ReplicaHealth:
    """Which replicas may be read from, looked at once every few seconds per process.

    Besides its lag, each look notes where the primary's WAL is (`marks`), so that a later look
    tells up to which moment a replica has replayed everything: a page is read from a replica
    only once it has replayed the last change readers can see (`pagecache.last_change()`,
    renewed after every publish), or a reader's request right after a publish would make, and
    the page cache keep, the page as it was."""

    def __init__(self):
        self.healthy = {}  # alias → bool, as last seen
        self.replayed_until = {}  # alias → the latest mark it has replayed
        self.marks = deque(maxlen=20)  # (stamp, the primary's WAL position then)
        self.checked_at = None
        self.lock = threading.Lock()

    def usable(self, since):
        """The healthy replicas that hold every change made up to `since` (a stamp)."""
        due = self.checked_at is None or (
            time.monotonic() - self.checked_at >= settings.QALAM_REPLICA_CHECK_SECONDS
        )
        # One thread looks; the others go on with what was last seen.
        if due and self.lock.acquire(blocking=False):
            try:
                self.look()
            finally:
                self.lock.release()
        return [
            alias
            for alias, healthy in self.healthy.items()
            if healthy and self.replayed_until.get(alias, -1) >= since
        ]

    def look(self):
        # The stamp before the position: a change stamped earlier was committed before it.
        stamp = stamps.fresh()
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()")
            self.marks.append((stamp, wal_position(cursor.fetchone()[0])))
        for alias in replica_aliases():
            self.look_at(alias)
        self.checked_at = time.monotonic()

    def look_at(self, alias):
        connection = connections[alias]
        try:
            connection.close_if_health_check_failed()
            with connection.cursor() as cursor:
                cursor.execute(LAG_SQL)
                lag, replayed = cursor.fetchone()
        except DatabaseError as error:
            connection.close()
            self.seen(alias, False, f"unreachable: {str(error).strip()}")
            return
        position = wal_position(replayed) if replayed else None  # None: no standby
        caught_up = [stamp for stamp, at in self.marks if position is None or at <= position]
        if caught_up:
            self.replayed_until[alias] = max(caught_up)
        if lag > settings.QALAM_REPLICA_MAX_LAG:
            self.seen(alias, False, f"{lag:.1f} s behind (QALAM_REPLICA_MAX_LAG)")
        else:
            self.seen(alias, True, f"{lag:.1f} s behind")

    def seen(self, alias, healthy, how):
        was = self.healthy.get(alias)
        # A new dict, not a changed one: other threads are reading the old one.
        self.healthy = {**self.healthy, alias: healthy}
        if healthy and was is False:
            logger.warning("Read replica %s is back, %s", alias, how)
        elif not healthy and was is not False:
            logger.error("Read replica %s is skipped, %s", alias, how)

    def failed(self, alias, error):
        """A replica that failed a request between two looks is skipped until the next."""
        self.seen(alias, False, f"unreachable: {str(error).strip()}")


health = ReplicaHealth()


def connected_replica():
    """A healthy replica with a working connection, or the primary."""
    replicas = health.usable(since=pagecache.last_change())
    random.shuffle(replicas)  # several replicas share the readers
    for alias in replicas:
        connection = connections[alias]
        try:
            connection.close_if_health_check_failed()
            connection.ensure_connection()
        except DatabaseError as error:
            connection.close()
            health.failed(alias, error)
            continue
        return alias
    return DEFAULT_DB_ALIAS


def read_alias():
    """Where a read goes now: the replica of an anonymous reader's page, else the primary."""
    read = page_read.get()
    if read is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    if read.alias is None:
        read.alias = connected_replica()
    return read.alias


class ReplicaRouter:
    """In DATABASE_ROUTERS when replicas are configured (settings/base.py)."""

    def db_for_read(self, model, **hints):
        return read_alias()

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, first, second, **hints):
        return True  # every node holds the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
