"""Serving a page with the edition's start of the route taken from the cache.

Wagtail finds a page by asking, on every request, which site answers this host (one query),
which locale is active (one) and which home page is that locale's translation of the site's
root (one or two). Those answers change only when an editor edits a site, a locale or a
home page, so Qalam keeps them in the cache beside the chrome (`chrome.forget()` drops both)
and hands them to Wagtail through the per-request memos its docstrings name,
`request._wagtail_site` and `request._wagtail_route_for_request`. Everything else, the
route from the home page down and the serve hooks, stays Wagtail's own."""

from django.core.cache import cache
from django.http import Http404
from django.utils.translation import get_language

from wagtail import views as wagtail_views
from wagtail.models import Site

from . import chrome

TIMEOUT = 60 * 60


def edition(request):
    """(site, home page of the active language) for this request; (None, None) when no site
    answers the host."""
    host, port, language = request.get_host(), request.get_port(), get_language()
    key = f"qalam:edition:{chrome.version(request)}:{host}:{port}:{language}"
    found = cache.get(key)
    if found is None:
        site = Site.find_for_request(request)
        home = site.root_page.localized.specific if site else None
        found = (site, home)
        cache.set(key, found, TIMEOUT)
    return found


def serve(request, path):
    site, home = edition(request)
    if site is None:
        raise Http404
    request._wagtail_site = site
    components = [component for component in path.split("/") if component]
    try:
        request._wagtail_route_for_request = home.route(request, components)
    except Http404:
        request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)
