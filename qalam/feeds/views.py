"""Feed views: conditional GET (Last-Modified and ETag from the items the feed shows, so an
unchanged feed costs one query and answers 304), revalidated by browsers every time and kept
by a shared cache until publishing purges it."""

import hashlib

from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition

from .feeds import ArticlesFeed, AtomArticlesFeed, subject_for

SHARED_MAX_AGE = 300


def shown_items(request, kind="site", slug=None, **kwargs):
    """The id and last publication time of each item the feed shows, newest first; asked by
    both the ETag and the Last-Modified check, read once per request. The newest items come
    through the date index whatever the archive's size: a maximum and a count over all the
    edition's articles read every one of them (docs/performance.md)."""
    known = request.__dict__.setdefault("qalam_feed_items", {})
    if (kind, slug) not in known:
        subject = subject_for(request, kind, slug)
        known[kind, slug] = list(subject.items.values_list("pk", "last_published_at"))
    return known[kind, slug]


def last_modified(request, *args, **kwargs):
    times = [changed for _, changed in shown_items(request, *args, **kwargs) if changed]
    return max(times, default=None)


def etag(request, *args, **kwargs):
    # An edit, a new article, and one that leaves the feed (unpublished, deleted, or moved
    # out of a rubric's feed) each change the list. A move between rubrics changes neither
    # an item's id nor its time: the site-wide feed keeps its validators (its page cache is
    # purged on the move all the same).
    items = shown_items(request, *args, **kwargs)
    key = f"{request.path}|{get_language()}|{items}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


# `max-age=0` rather than `no-cache`: the page cache and Varnish skip a `no-cache` response,
# while a browser treats both alike (it asks again with the ETag and gets a 304).
revalidated = cache_control(public=True, max_age=0, s_maxage=SHARED_MAX_AGE)
conditional = condition(etag_func=etag, last_modified_func=last_modified)

rss = revalidated(conditional(ArticlesFeed()))
atom = revalidated(conditional(AtomArticlesFeed()))
