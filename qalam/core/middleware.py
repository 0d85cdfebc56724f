"""`make run` runs with DEBUG on, and Django then answers a missing page with its technical
page, which lists every address pattern of the site. A reader gets the site's own 404 page
instead; a signed-in staff member, who may be tracing a route, keeps Django's. Errors keep
their traceback page: that is what a developer runs DEBUG for."""

from django.http import Http404
from django.urls import Resolver404
from django.views.defaults import page_not_found


def shown_to_reader(request):
    user = getattr(request, "user", None)
    return not (user and user.is_staff)


class ReadersNotFoundMiddleware:
    """After AuthenticationMiddleware (it asks who is reading), before Wagtail's redirects
    (they still turn a 404 into a redirect first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # No address pattern matched: Django made its technical page before any view ran.
        unmatched = response.status_code == 404 and request.resolver_match is None
        if unmatched and shown_to_reader(request):
            return page_not_found(request, Resolver404())
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, Http404) and shown_to_reader(request):
            return page_not_found(request, exception)
        return None
