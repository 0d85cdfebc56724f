"""Django's Redis cache with one client a connection pool instead of one a call.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache operation.
Its constructor registers the client's response callbacks, which costs about as much as the
round trip to Redis it prepares, and a page made afresh makes many cache calls
(docs/performance.md). A `redis.Redis` is safe to share between threads (each command takes
a connection from the pool), so Qalam keeps one a pool. Everything else, pools, serialisation
and options, is Django's own."""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


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


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClient
