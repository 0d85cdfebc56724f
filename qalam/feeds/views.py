"""Feed views: conditional GET (Last-Modified and ETag from the newest change among the
feed's articles, so an unchanged feed costs one query and answers 304) and caching headers
fit for a shared cache."""

import hashlib

from django.db.models import Count, Max
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import condition

from .feeds import ArticlesFeed, AtomArticlesFeed, subject_for

MAX_AGE = 300


def newest_change(request, kind="site", slug=None, **kwargs):
    """Asked by both the ETag and the Last-Modified check: read once per request."""
    known = request.__dict__.setdefault("qalam_feed_changes", {})
    if (kind, slug) not in known:
        subject = subject_for(request, kind, slug)
        known[kind, slug] = subject.articles.aggregate(
            changed=Max("last_published_at"), count=Count("pk")
        )
    return known[kind, slug]


def last_modified(request, *args, **kwargs):
    return newest_change(request, *args, **kwargs)["changed"]


def etag(request, *args, **kwargs):
    change = newest_change(request, *args, **kwargs)
    key = f"{request.path}|{get_language()}|{change['changed']}|{change['count']}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def feed_view(feed):
    @condition(etag_func=etag, last_modified_func=last_modified)
    def view(request, *args, **kwargs):
        response = feed(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=MAX_AGE, s_maxage=MAX_AGE)
        return response

    return view


rss = feed_view(ArticlesFeed())
atom = feed_view(AtomArticlesFeed())
