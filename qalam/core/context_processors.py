from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import chrome


def site_chrome(request):
    page_chrome = SimpleLazyObject(lambda: chrome.site_chrome(request))
    return {
        "site_settings": SimpleLazyObject(lambda: page_chrome["settings"]),
        "edition_settings": SimpleLazyObject(lambda: page_chrome["edition"]),
        "rubric_menu": SimpleLazyObject(lambda: page_chrome["menu"]),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
