"""Telling the caches that published content changed, once the change is committed.

Qalam's own page cache (`pagecache`) forgets every page at once: one counter bumped, and no
page that shows the change can be missed. A reverse proxy or CDN in front
(`wagtail.contrib.frontend_cache`, installed when `QALAM_PROXY_PURGE_URL` is set) is told the
addresses that show the page: the page, its rubric and edition home, its tag and author pages,
the feeds that carry it, its translations and the articles whose stored related list holds
it. Pages past the first of a listing are left to expire (`s-maxage`); docs/caching.md says
why."""

from django.apps import apps
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page

from . import pagecache

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
    addresses = addresses_showing(page) if proxy_in_front() else []

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

    def purge():
        pagecache.forget_all()
        if addresses:
            from wagtail.contrib.frontend_cache.utils import PurgeBatch

            PurgeBatch(sorted(addresses)).purge()

    transaction.on_commit(purge)


def listings_of(stories):
    """Full URLs of the rubrics and edition homes holding `stories`, and their sites' feeds."""
    prefixes = {
        story.path[:end]
        for story in stories
        for end in range(2 * Page.steplen, len(story.path), Page.steplen)
    }
    addresses = set()
    for page in Page.objects.filter(path__in=prefixes).specific():
        addresses.add(page.get_full_url())
        site = page.get_site()
        if site:
            with translation.override(page.locale.language_code):
                addresses.update(
                    site.root_url + reverse(f"feeds:site-{feed}") for feed in ("rss", "atom")
                )
    return addresses - {None}


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


def addresses_showing(page):
    """Full URLs of the pages a change to `page` shows on (first pages of listings)."""
    from qalam.articles.models import ArticlePage
    from qalam.related.models import RelatedArticle

    site_root = page.get_site().root_url if page.get_site() else ""
    pages = [page, *page.get_ancestors().filter(depth__gte=2).specific()]
    paths = []
    with translation.override(page.locale.language_code):
        paths += [reverse("feeds:site-rss"), reverse("feeds:site-atom")]
        if isinstance(page, ArticlePage):
            tags = page.get_tags()
            authors = [link.author for link in page.article_authors.select_related("author")]
            listing = RelatedArticle.objects.filter(related_id=page.pk).values("article_id")
            pages += ArticlePage.objects.published().filter(pk__in=listing)
            pages += page.related_and_translations()[1]
            rubric = page.get_parent().specific
            subjects = [("tag", tag.slug) for tag in tags]
            subjects += [("author", author.slug) for author in authors]
            subjects += [("rubric", rubric.slug)] if rubric else []
            paths += [thing.get_absolute_url() for thing in [*tags, *authors]]
            for kind, slug in subjects:
                paths += [reverse(f"feeds:{feed}", args=[kind, slug]) for feed in ("rss", "atom")]
    urls = [url for url in (p.get_full_url() for p in pages) if url]
    return sorted({*urls, *(site_root + path for path in paths)})
