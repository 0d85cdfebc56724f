"""Django's Redis cache with one client a connection pool instead of one a call, and that
degrades to no cache while Redis is unreachable.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache operation.
Its constructor registers the client's response callbacks, which costs about as much as the
round trip to Redis it prepares, and a page made afresh makes many cache calls
(docs/performance.md). A `redis.Redis` is safe to share between threads (each command takes
a connection from the pool), so Qalam keeps one a pool. Everything else, pools, serialisation
and options, is Django's own.

What Qalam keeps in Redis can be made again: copies of pages, the chrome, rate-limit counts.
Redis stopped or restarting should cost readers speed, not answers; Django's backend raises
on every call instead, and every page would be a 500. Here a call that cannot reach Redis
answers as an empty cache would (nothing found, nothing stored, no count), and the outage is
logged once when it starts and once when it ends, not once a request. Errors other than an
unreachable server still raise.

Editors' sessions are kept in Redis too, but through `SharedRedisCache`, which does not
degrade: a session that was not stored must not look stored, and Django's cache session
backend would take an `add` that stores nothing for a key already taken and try again, ten
thousand times, on every sign-in while Redis is down (docs/scaling.md)."""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class Outage:
    """Whether Redis answered last time, so that an outage is logged at its start and end."""

    def __init__(self):
        self.since = None
        self.lock = threading.Lock()

    def began(self, error):
        with self.lock:
            if self.since is not None:
                return
            self.since = time.monotonic()
        logger.error(
            "Redis is unreachable (%s): pages are made without the cache until it is back", error
        )

    def ended(self):
        if self.since is None:
            return
        with self.lock:
            since, self.since = self.since, None
        if since is not None:
            logger.warning("Redis is back after %.1f s", time.monotonic() - since)


outage = Outage()


def degrading(fallback):
    """Runs the cache call; when Redis cannot be reached, returns `fallback(*args)`."""

    def wrap(method):
        @functools.wraps(method)
        def call(self, *args, **kwargs):
            try:
                result = method(self, *args, **kwargs)
            except UNREACHABLE as error:
                outage.began(error)
                return fallback(*args, **kwargs)
            outage.ended()
            return result

        return call

    return wrap


def nothing(*args, **kwargs):
    return None


def not_found(key, default=None, version=None):
    return default


def not_counted(*args, **kwargs):
    # What Django's caches raise for a key they do not hold; rate limits then count nothing.
    raise ValueError("Redis is unreachable")


class SharedClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class SharedRedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClient


class RedisCache(SharedRedisCache):
    get = degrading(not_found)(DjangoRedisCache.get)
    get_many = degrading(lambda keys, version=None: {})(DjangoRedisCache.get_many)
    has_key = degrading(lambda key, version=None: False)(DjangoRedisCache.has_key)
    add = degrading(lambda *args, **kwargs: False)(DjangoRedisCache.add)
    set = degrading(nothing)(DjangoRedisCache.set)
    set_many = degrading(lambda data, *args, **kwargs: list(data))(DjangoRedisCache.set_many)
    touch = degrading(lambda *args, **kwargs: False)(DjangoRedisCache.touch)
    delete = degrading(lambda *args, **kwargs: False)(DjangoRedisCache.delete)
    delete_many = degrading(nothing)(DjangoRedisCache.delete_many)
    incr = degrading(not_counted)(DjangoRedisCache.incr)
    clear = degrading(lambda: False)(DjangoRedisCache.clear)
