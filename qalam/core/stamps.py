"""Stamps kept in the cache: a value that every key of one family carries (the page cache's
generation, the chrome's version), replaced to drop the whole family at once.

A new stamp is the clock in microseconds rather than the old stamp plus one. A stamp can be
lost: the file cache of the embedded default culls files at random when it is full, an
evicting or restarted Redis forgets keys, and an increment through Django's file cache
rewrites the key with the default timeout. Counting from one again would bring back copies
made under the old stamps; a clock reading never does."""

import time

from django.core.cache import cache


def fresh():
    return time.time_ns() // 1000


def current(key):
    return cache.get_or_set(key, fresh, None)


def renew(key):
    cache.set(key, fresh(), None)


def renew_many(keys, timeout):
    cache.set_many(dict.fromkeys(keys, fresh()), timeout)


def current_with(stamps, key):
    """The current values of `stamps` (key: timeout for a stamp made anew) as a tuple, and the
    value stored under `key`, read together in one cache call; a missing stamp is made."""
    found = cache.get_many([*stamps, key])
    current = tuple(
        found[name] if name in found else cache.get_or_set(name, fresh, timeout)
        for name, timeout in stamps.items()
    )
    return current, found.get(key)
