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
