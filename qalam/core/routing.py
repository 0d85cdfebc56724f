"""Serving a page with the edition's start of the route taken from the cache.

Wagtail finds a page by asking, on every request, which site answers this host (one query),
which locale is active (one) and which home page is that locale's translation of the site's
root (one or two). Those answers change only when an editor edits a site, a locale or a
home page, so Qalam keeps them in the cache beside the chrome (`chrome.forget()` drops both)
and hands them to Wagtail through the per-request memos its docstrings name,
`request._wagtail_site` and `request._wagtail_route_for_request`. Everything else, the
route from the home page down and the serve hooks, stays Wagtail's own."""

from django.http import Http404

from wagtail import views as wagtail_views

from . import chrome


def serve(request, path):
    site, home = chrome.edition(request)  # also Wagtail's request._wagtail_site
    if site is None:
        raise Http404
    components = [component for component in path.split("/") if component]
    try:
        request._wagtail_route_for_request = home.route(request, components)
    except Http404:
        request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)
