"""What every public page shows around its content (the site settings, the texts of its
language edition and the rubric menu), read once and kept in the cache until an editor
changes it, so a page view pays no query for it. `signal_handlers` renews the version on
every such change.

The settings' images, the logo and the placeholder that fills every photo slot without a
photo, come with all their renditions, so that the cards of a page find theirs in memory
instead of asking the cache once a card.

The edition (which site answers the host, and its home page in the active language) is kept
beside the chrome under the same version: routing starts from it (`routing.serve`) and
Wagtail's own site lookups read it from the request."""

from django.core.cache import cache
from django.utils.translation import get_language

from wagtail.models import Site

from . import stamps
from .models import SiteSettings

VERSION_KEY = "qalam:chrome:version"
TIMEOUT = 60 * 60


# What the menu lists, in order: functions of a language code, registered by the apps whose
# pages make the menu (the rubrics) with `register_menu`.
MENU_SOURCES = []


def register_menu(source):
    """`source(language_code)` lists pages of an edition's menu."""
    if source not in MENU_SOURCES:
        MENU_SOURCES.append(source)
    return source


def menu(language_code):
    return [page for source in MENU_SOURCES for page in source(language_code)]


def version(request):
    """The chrome's version, asked of the cache once a request (routing and the page's
    context both need it)."""
    if not hasattr(request, "_qalam_chrome_version"):
        request._qalam_chrome_version = stamps.current(VERSION_KEY)
    return request._qalam_chrome_version


def edition(request):
    """(site, home page of the active language) for this request, (None, None) when no site
    answers the host; kept in the cache beside the chrome, which versions both.

    The site is handed to Wagtail as `request._wagtail_site`, the memo `Site.find_for_request`
    reads, so that nothing later in the request asks the database for it: Wagtail's lookup
    by host costs a query and some Python (the search page and the feeds paid it;
    docs/performance.md)."""
    language = get_language()
    editions = request.__dict__.setdefault("_qalam_editions", {})  # by language
    if language in editions:
        return editions[language]
    host, port = request.get_host(), request.get_port()
    key = f"qalam:edition:{version(request)}:{host}:{port}:{language}"
    found = cache.get(key)
    if found is None:
        site = Site.find_for_request(request)
        home = site.root_page.localized.specific if site else None
        found = (site, home)
        cache.set(key, found, TIMEOUT)
    editions[language] = found
    request._wagtail_site = found[0]
    return found


def site_chrome(request):
    """The chrome of the request's site and language, read once a request and language: the
    page's context and the templates' context processor share it."""
    language = get_language()
    chromes = request.__dict__.setdefault("_qalam_chromes", {})  # by language
    if language in chromes:
        return chromes[language]
    site, _home = edition(request)
    key = f"qalam:chrome:{version(request)}:{site.pk if site else 0}:{language}"
    chrome = cache.get(key)
    if chrome is None:
        site_settings = SiteSettings.for_site(site) if site else SiteSettings()
        for image in {site_settings.logo, site_settings.placeholder_image} - {None}:
            image.prefetched_renditions = list(image.renditions.all())
        chrome = {
            "settings": site_settings,
            "edition": site_settings.for_language(language),
            "menu": menu(language),
        }
        cache.set(key, chrome, TIMEOUT)
    chromes[language] = chrome
    return chrome


def forget():
    """Makes every page read the chrome afresh."""
    stamps.renew(VERSION_KEY)
