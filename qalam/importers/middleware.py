"""WordPress's own short addresses, `/?p=123`, `/?page_id=7`, `/?cat=4`, reach the home page,
which answers them, so Wagtail's redirect middleware (it looks only at 404s) never sees
them. This one looks their redirects up first; other requests cost it one dictionary look."""

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect

from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

QUERY_KEYS = ("p", "page_id", "cat", "tag", "author")


class WordPressAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and request.GET:
            for key in QUERY_KEYS:
                if key in request.GET:
                    path = Redirect.normalise_path(f"/?{key}={request.GET[key]}")
                    redirect = get_redirect(request, path)
                    if redirect is not None and redirect.link:
                        response = (
                            HttpResponsePermanentRedirect
                            if redirect.is_permanent
                            else HttpResponseRedirect
                        )
                        return response(redirect.link)
        return self.get_response(request)
