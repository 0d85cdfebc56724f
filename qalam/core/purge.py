"""Telling the caches that published content changed, once the change is committed.

Qalam's own page cache (`pagecache`) forgets every page at once: one stamp renewed, and no
page that shows the change can be missed. A reverse proxy or CDN in front
(`wagtail.contrib.frontend_cache`, installed when `QALAM_PROXY_PURGE_URL` is set) is told the
addresses that show the page: the page, its rubric and edition home, and what the apps that
show it register (its tag and author pages, the feeds that carry it, its translations, the
articles whose stored related list holds it). Pages past the first of a listing are left to
expire (`s-maxage`); docs/caching.md says why."""

from django.apps import apps
from django.db import transaction
from django.utils import translation

from wagtail.models import Page

from . import pagecache

# What else shows a page, by app (`register_showing`).
SHOWING = []
# Up to this many stories written at once, each one's addresses are told to a proxy in front.
ADDRESSED_STORIES = 200


def proxy_in_front():
    return apps.is_installed("wagtail.contrib.frontend_cache")


def everything_changed():
    """A change that shows on pages without being a page itself (a site setting, an author's
    name, a tag, a photo's caption)."""
    transaction.on_commit(pagecache.forget_all)


def content_changed(page):
    """`page` was published, unpublished, moved or is being deleted: the addresses are read
    now, while the page and its tags still exist, and purged after the commit."""
    purge_after_commit(addresses_showing(page) if proxy_in_front() else [])


def purge_after_commit(addresses):
    """Once the transaction commits: every page of Qalam's cache forgotten, and a proxy in
    front told `addresses`."""

    def purge():
        pagecache.forget_all()
        if addresses:
            from wagtail.contrib.frontend_cache.utils import PurgeBatch

            PurgeBatch(addresses).purge()

    transaction.on_commit(purge)


def stories_written(stories):
    """Live stories written in bulk, past Wagtail's signals (an import): every page of Qalam's
    cache dropped, and a proxy told the addresses that show them. A large import tells it the
    listings only (the rubrics, edition homes and site feeds); its articles' own pages were
    not there before or expire by `s-maxage` (docs/caching.md)."""
    stories = list(stories)
    if not stories:
        return
    addresses = set()
    if proxy_in_front():
        if len(stories) <= ADDRESSED_STORIES:
            for story in stories:
                addresses.update(addresses_showing(story))
        else:
            addresses.update(listings_of(stories))
    purge_after_commit(sorted(addresses))


def listings_of(stories):
    """Full URLs of the rubrics and edition homes holding `stories`, and what shows them."""
    prefixes = {
        story.path[:end]
        for story in stories
        for end in range(2 * Page.steplen, len(story.path), Page.steplen)
    }
    addresses = set()
    for page in Page.objects.filter(path__in=prefixes).specific():
        addresses.update(addresses_showing(page))
    return addresses


def purge_page(page_id):
    """A change on one page alone: a comment approved, edited or removed."""

    def purge():
        pagecache.forget_all()
        if proxy_in_front():
            from wagtail.contrib.frontend_cache.utils import purge_page_from_cache

            page = Page.objects.filter(pk=page_id).specific().first()
            if page is not None:
                purge_page_from_cache(page)

    transaction.on_commit(purge)


def register_showing(showing):
    """`showing(page)` names further pages, or paths in the page's language, that show `page`
    (a story's tag and author pages, the feeds, other stories' related blocks). The apps that
    make those pages register theirs in `ready()` (docs/extending.md)."""
    if showing not in SHOWING:
        SHOWING.append(showing)
    return showing


def addresses_showing(page):
    """Full URLs of the pages a change to `page` shows on (first pages of listings): the
    page, its ancestors below the root, and what the registered functions name."""
    site = page.get_site()
    site_root = site.root_url if site else ""
    pages = [page, *page.get_ancestors().filter(depth__gte=2).specific()]
    paths = []
    with translation.override(page.locale.language_code):
        for showing in SHOWING:
            for shown in showing(page):
                (paths if isinstance(shown, str) else pages).append(shown)
    urls = [url for url in (p.get_full_url() for p in pages) if url]
    return sorted({*urls, *(site_root + path for path in paths)})
