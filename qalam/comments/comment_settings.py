"""The comment settings of the request's site, kept in the cache until an editor saves them,
so that the article page pays no query for them (`signal_handlers` forgets them)."""

from django.core.cache import cache

from qalam.core.chrome import edition

from .models import CommentSettings

TIMEOUT = 60 * 60


def cache_key(site_id):
    return f"qalam:comment-settings:{site_id}"


def current(request):
    """Read once a request; the site comes from the cached edition (`core.chrome`)."""
    if hasattr(request, "_qalam_comment_settings"):
        return request._qalam_comment_settings
    site, _home = edition(request)
    if site is None:
        found = CommentSettings()
    else:
        found = cache.get(cache_key(site.pk))
        if found is None:
            found = CommentSettings.for_site(site)
            cache.set(cache_key(site.pk), found, TIMEOUT)
    request._qalam_comment_settings = found
    return found


def forget(site_id):
    cache.delete(cache_key(site_id))
