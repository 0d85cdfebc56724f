"""Qalam's full-page cache for anonymous readers (docs/caching.md says why it is Qalam's own).

A reader's GET is answered from the default cache (Redis in production, files under var/ in
the embedded default, shared by the web server, the worker and every `qalam` command) when
the same page was made for another reader since the last change.
The key is the host, the path (which carries the language), the query string without
tracking parameters, and whether the reader takes gzip; the stored copy is the compressed
one, so a hit costs two cache reads and no work.

Copies are outdated by two stamps (`stamps`), both stored with every copy: the site's
generation, renewed by `forget_all()` for a change that shows on every page (the menu, the
site's settings, an author's or a tag's name, a large import), and the stamp of the copy's
path, renewed by `forget_paths()` for the addresses that show a published, edited or
unpublished page (`purge.addresses_showing`: the page, its rubric and edition home, tag and
author pages, feeds, sitemaps, search, the articles whose related block lists it). The path
stamp covers every copy of the path: each query string (a listing's `?page=2`, each search),
encoding and language. A copy is fresh while both stamps are the ones it was made under; a
hit reads the two stamps and the copy in one cache round trip. An outdated copy is not
dropped at once: the first reader to ask for it takes a
short lock and makes the page again, while the readers who come meanwhile get the outdated
copy (stale-while-revalidate), so a publish costs each page one render, not one per reader
waiting for it. The new page replaces the copy; a page that is now gone, private or not
cacheable drops it; a page that fails to render (a server error) leaves it, and the reader
gets the outdated copy instead of the error (stale-if-error).

Requests that carry a session (editors, previews) or a message for this reader, and
responses that set a cookie, say `private` or `no-store`, or are not 200, bypass it.
Editors' responses are marked `private` so no shared cache keeps them either."""

import hashlib
import pickle
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, patch_cache_control, set_response_etag
from django.utils.http import http_date

from . import stamps

GENERATION_KEY = "qalam:pages:generation"
# The moment of the last change readers can see, whole or by path: core/replicas.py reads
# from a replica only once it holds it.
LAST_CHANGE_KEY = "qalam:pages:changed"
# A path's stamp outlives every copy made under it (QALAM_PAGE_CACHE_SECONDS); one that
# expires or is evicted is made again as a new stamp, which outdates those copies, never
# brings older ones back. Paths nobody reads for a day (a crawler's guesses) leave no key.
PATH_STAMP_SECONDS = 24 * 3600
TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "yclid", "_openstat", "mc_")
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Encoding",
    "Vary",
    "ETag",
    "Cache-Control",
    "X-Frame-Options",
    "Link",
    "Last-Modified",
)


def generation():
    return stamps.current(GENERATION_KEY)


def last_change():
    return stamps.current(LAST_CHANGE_KEY)


def forget_all():
    stamps.renew_many([GENERATION_KEY, LAST_CHANGE_KEY], None)


def path_stamp_key(path):
    """The key of the stamp that every copy of `path` carries, whatever its query string,
    encoding or language."""
    return f"qalam:pages:path:{hashlib.sha256(path.encode()).hexdigest()[:32]}"


def forget_paths(paths):
    """Outdates every copy of these paths (or full URLs: their paths are taken). The host is
    not part of it: a path purged on one site outdates the same path on another, at the price
    of a render. Paths are compared decoded, as `request.path` gives them (`reverse` quotes a
    Cyrillic slug, Wagtail does not)."""
    keys = {path_stamp_key(unquote(urlsplit(path).path) or "/") for path in paths}
    if keys:
        stamps.renew_many(keys, PATH_STAMP_SECONDS)
        stamps.renew(LAST_CHANGE_KEY)


def page_key(host, path, query="", encoding="", language=""):
    address = f"{host}{path}?{query}#{language}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"qalam:page:{digest}:{encoding}"


def remaking_lock(key):
    """The lock the reader who remakes the page of `key` holds meanwhile."""
    return f"{key}:remaking"


def kept_query(request):
    """The query string that decides the page: tracking parameters dropped, order fixed."""
    if not request.META.get("QUERY_STRING"):
        return ""
    pairs = parse_qsl(request.META["QUERY_STRING"], keep_blank_values=True)
    return urlencode(sorted((k, v) for k, v in pairs if not k.startswith(TRACKING_PARAMETERS)))


def accepted_encoding(request):
    return "gzip" if "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "") else ""


def reader_is_anonymous(request):
    """No session (editors, password-protected pages passed) and no message waiting."""
    private = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
    return not any(name in request.COOKIES for name in private)


def cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = {d.strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    return not control & {"private", "no-store", "no-cache"}


class PageCacheMiddleware:
    """Between LocaleMiddleware (the language is known) and GZipMiddleware (the copy kept is
    compressed); ConditionalGetMiddleware outside answers 304 for hits and misses alike."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or request.path.startswith(
            settings.QALAM_PAGE_CACHE_SKIP
        ):
            return self.get_response(request)
        if not reader_is_anonymous(request):
            response = self.get_response(request)
            patch_cache_control(response, private=True)
            return response
        if not settings.QALAM_PAGE_CACHE:
            response = self.get_response(request)
            if cacheable_response(response):
                self.mark_shared(response)
            return response

        key = page_key(
            request.get_host(),
            request.path,
            kept_query(request),
            accepted_encoding(request),
            request.LANGUAGE_CODE,
        )
        current, stored = stamps.current_with(
            {GENERATION_KEY: None, path_stamp_key(request.path): PATH_STAMP_SECONDS}, key
        )
        if stored is not None:
            made_under, content, headers = pickle.loads(stored)  # noqa: S301 - from store()
            if made_under == current:
                return self.restore(content, headers, "hit")
            lock = remaking_lock(key)
            if not cache.add(lock, 1, settings.QALAM_PAGE_CACHE_REMAKE_SECONDS):
                return self.restore(content, headers, "stale")  # another reader remakes it
            try:
                return self.remake(request, key, current, (content, headers))
            finally:
                cache.delete(lock)
        return self.remake(request, key, current)

    def remake(self, request, key, current, outdated=None):
        """Makes the page and keeps it under the stamps read before it was made: a change
        committed meanwhile outdates it again."""
        response = self.get_response(request)
        if cacheable_response(response):
            self.mark_shared(response)
            response["Last-Modified"] = http_date()
            set_response_etag(response)
            cache.set(key, self.store(current, response), settings.QALAM_PAGE_CACHE_SECONDS)
            response["X-Qalam-Cache"] = "miss"
        elif outdated is not None and response.status_code >= 500:
            return self.restore(*outdated, "stale-if-error")
        elif outdated is not None:
            cache.delete(key)  # gone, private or not for sharing now: no copy of it stays
        return response

    @staticmethod
    def mark_shared(response):
        """Browsers revalidate every time (a 304 is cheap); a proxy or CDN keeps the page
        for a while and is purged on change. Views that set their own policy keep it."""
        if "Cache-Control" in response:
            return
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=settings.QALAM_PAGE_CACHE_SECONDS,
            stale_while_revalidate=30,
        )

    @staticmethod
    def store(made_under, response):
        """`made_under`: the generation and the path's stamp, as a tuple; a copy stored before
        paths had stamps carries a number, which no tuple equals, so it is remade."""
        headers = [(name, response[name]) for name in STORED_HEADERS if name in response]
        copy = (made_under, response.content, headers)
        return pickle.dumps(copy, protocol=pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def restore(content, headers, state):
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response["X-Qalam-Cache"] = state
        return response
