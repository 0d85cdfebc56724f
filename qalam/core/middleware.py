"""How Qalam answers a request it will not serve: a reader's missing page, and an admin
request the user has no right to."""

import logging

from django.conf import settings
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.urls import Resolver404, reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from django.views.defaults import page_not_found

from .storage import MediaFull, MediaUnreachable

logger = logging.getLogger(__name__)

# What Wagtail's admin says when it refuses (wagtail.admin.auth.permission_denied); the
# test of AdminRefusalMiddleware notices if an upgrade changes it (docs/upgrading.md).
WAGTAIL_REFUSAL = "Sorry, you do not have permission to access this area."


def shown_to_reader(request):
    user = getattr(request, "user", None)
    return not (user and user.is_staff)


class ReadersNotFoundMiddleware:
    """`make run` runs with DEBUG on, and Django then answers a missing page with its technical
    page, which lists every address pattern of the site. A reader gets the site's own 404 page
    instead; a signed-in staff member, who may be tracing a route, keeps Django's. Errors keep
    their traceback page: that is what a developer runs DEBUG for.

    After AuthenticationMiddleware (it asks who is reading), before Wagtail's redirects
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


class AdminRefusalMiddleware:
    """Wagtail's admin answers a browser's request it refuses (a reporter's crafted publish, an
    article of another desk) with a redirect to its home page and a message, and only a
    script's request with 403. Qalam answers both with 403 and the reason on the page: a
    refusal is not a success, for the browser, a proxy's log or a script that forgot the
    header. Between MessageMiddleware (the message is read here) and the views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 302 or response.get("Location") != reverse("wagtailadmin_home"):
            return response
        storage = messages.get_messages(request)
        read = [(message, language_of_refusal(message)) for message in storage]
        language = next((language for _, language in read if language), None)
        if language is None:
            storage.used = False  # not ours: they stay for the page the redirect leads to
            return response
        # The refusal is the page's text; the user's other messages are shown above it.
        others = [message for message, refusal in read if refusal is None]
        # In the language the admin refused in: the user's own, which may not be the request's.
        with translation.override(language):
            context = {
                "title": gettext("No access"),
                "message": gettext(WAGTAIL_REFUSAL),
                "messages": others,
            }
            return TemplateResponse(request, "admin/refused.html", context, status=403).render()


def language_of_refusal(message):
    """The language of Wagtail's refusal in `message` (rendered by wagtail.admin.messages), or
    None when it is another message."""
    if message.level != messages.ERROR:
        return None
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            if escape(gettext(WAGTAIL_REFUSAL)) in str(message.message):
                return language
    return None


class MediaFullMiddleware:
    """An upload the media disk has no room for (507 Insufficient Storage), or that the object
    storage did not take (503): the editor is told why on a page of the admin, or in the
    upload list's own answer for a script's request, instead of a server error. Nothing is
    half written: core/storage.py removes a partial file, and an object reaches a bucket whole
    or not at all; the image's row is saved after its file, so none is made."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, MediaFull | MediaUnreachable):
            return None
        if not request.path.startswith("/admin/"):
            return None
        if isinstance(exception, MediaFull):
            logger.error("media folder full: %s", exception)
            title, status = gettext("No room for files"), 507
            message = gettext(
                "The server has no room left for files, so the upload was not saved. Nothing "
                "else was changed. Tell the site's administrator; try again once there is room."
            )
        else:
            logger.error("media storage unreachable: %s", exception)
            title, status = gettext("File storage unreachable"), 503
            message = gettext(
                "The storage that keeps the site's photos and files did not answer, so the "
                "upload was not saved. Nothing else was changed. Try again in a few minutes; if "
                "it goes on, tell the site's administrator."
            )
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return JsonResponse({"success": False, "error_message": message}, status=status)
        context = {"title": title, "message": message}
        return TemplateResponse(request, "admin/media_full.html", context, status=status)
