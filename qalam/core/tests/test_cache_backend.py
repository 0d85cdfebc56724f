"""Qalam's Redis cache keeps one client a pool (qalam/core/cache.py) and stays correct when
the threads of one worker share it."""

import os
import threading

import pytest

from qalam.core.cache import RedisCache

pytestmark = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL")


@pytest.fixture
def redis_cache():
    cache = RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": "qalam-test-shared-client"})
    yield cache
    cache.delete_many([f"key-{n}" for n in range(8)] + ["counter"])


def test_one_client_serves_every_call(redis_cache):
    redis_cache.set("key-0", "Астана", 30)
    first = redis_cache._cache.get_client()
    assert redis_cache.get("key-0") == "Астана"
    assert redis_cache._cache.get_client(write=True) is first
    assert redis_cache.get_many(["key-0", "key-1"]) == {"key-0": "Астана"}
    assert redis_cache._cache.get_client() is first


def test_threads_sharing_the_client_read_their_own_values(redis_cache):
    errors = []

    def work(n):
        for round_ in range(50):
            value = {"thread": n, "round": round_, "text": "тенге" * n}
            redis_cache.set(f"key-{n}", value, 30)
            if redis_cache.get(f"key-{n}") != value:
                errors.append((n, round_))
            redis_cache.add("counter", 0, 30)
            redis_cache.incr("counter")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(redis_cache._cache._clients) == 1
    assert redis_cache.get("counter") == 8 * 50
