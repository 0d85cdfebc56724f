"""Telling the caches that published content changed, once the change is committed.

A change to a page purges the addresses that show it (`addresses_showing`): the page, its
rubric and edition home, and what the apps that show it register (its tag and author pages,
the feeds that carry it, the sitemaps, search, its translations, the articles whose stored
related list holds it). Qalam's own page cache (`pagecache`) outdates every copy of those
paths, whatever their query string (the pages of a listing, each search); a reverse proxy or
CDN in front (`wagtail.contrib.frontend_cache`, installed when `QALAM_PROXY_PURGE_URL` is
set) is told the same addresses. A change that shows on every page (the menu, the site's
settings, an author's or a tag's name, a page with pages below it, a move, a large import)
outdates Qalam's whole cache instead. docs/caching.md says why."""

from django.apps import apps
from django.db import transaction
from django.utils import translation

from wagtail.models import Page

from . import pagecache

# What else shows a page, by app (`register_showing`).
SHOWING = []
# Page models every page shows (the menu, an edition's start): `shown_on_every_page`.
EVERY_PAGE_SHOWS = set()
# Up to this many stories written at once, each one's addresses are told to a proxy in front.
ADDRESSED_STORIES = 200


def proxy_in_front():
    return apps.is_installed("wagtail.contrib.frontend_cache")


def everything_changed():
    """A change that shows on pages without being a page itself (a site setting, an author's
    name, a tag, a photo's caption)."""
    transaction.on_commit(pagecache.forget_all)


def shown_on_every_page(model):
    """Changes to pages of `model` (a rubric, an edition home, a page in the menu) outdate
    every page of Qalam's cache: the chrome that every page carries shows them."""
    EVERY_PAGE_SHOWS.add(model)


def content_changed(page, everywhere=False):
    """`page` was published, unpublished, moved or is being deleted: the addresses are read
    now, while the page and its tags still exist, and purged after the commit. A page of the
    menu or with pages below it (whose articles show its title), or `everywhere` (a move: the
    page and its descendants left addresses no list names), outdates every page."""
    everywhere = everywhere or type(page) in EVERY_PAGE_SHOWS or page.numchild > 0
    purge_after_commit(addresses_showing(page), everywhere=everywhere)


def purge_after_commit(addresses, everywhere=False):
    """Once the transaction commits: the copies of `addresses` in Qalam's cache outdated (or
    every copy, `everywhere`), and a proxy in front told `addresses`."""

    def purge():
        if everywhere:
            pagecache.forget_all()
        else:
            pagecache.forget_paths(addresses)
        if addresses and proxy_in_front():
            from wagtail.contrib.frontend_cache.utils import PurgeBatch

            PurgeBatch(addresses).purge()

    transaction.on_commit(purge)


def stories_written(stories):
    """Live stories written in bulk, past Wagtail's signals (an import): up to
    ADDRESSED_STORIES, the addresses that show each are purged as a publish purges them. A
    larger batch outdates every page of Qalam's cache and tells a proxy the listings only
    (the rubrics, edition homes and site feeds); its articles' own pages were not there before
    or expire by `s-maxage` (docs/caching.md)."""
    stories = list(stories)
    if not stories:
        return
    if len(stories) <= ADDRESSED_STORIES:
        addresses = {address for story in stories for address in addresses_showing(story)}
        purge_after_commit(sorted(addresses))
    else:
        purge_after_commit(sorted(listings_of(stories)) if proxy_in_front() else [], True)


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
    """A change on one page alone: a comment approved, edited or removed, the page's related
    list changed. Every copy of its address goes (the pages of its comments too)."""

    def purge():
        page = Page.objects.filter(pk=page_id).specific().first()
        if page is None:
            return
        if url := page.get_url():
            pagecache.forget_paths([url])
        if proxy_in_front():
            from wagtail.contrib.frontend_cache.utils import purge_page_from_cache

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
    """Full URLs of the pages a change to `page` shows on: the page, its ancestors below the
    root, and what the registered functions name. Each stands for every query string of its
    path (the pages of a listing): Qalam's cache outdates them all, and deploy/varnish.vcl
    bans them all."""
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
