"""The feeds and sitemaps a change shows in, for the purges (`core.purge`): the edition's
feeds, a story's rubric, tag and author feeds, and the sitemaps (their pages are query
strings of these paths)."""

from django.urls import reverse

from qalam.articles.models import StoryPage

from .sitemaps import SITEMAPS

FORMATS = ("rss", "atom")


def feeds_showing(page):
    paths = [reverse(f"feeds:site-{feed}") for feed in FORMATS]
    if isinstance(page, StoryPage):
        authors = [link.author for link in page.article_authors.select_related("author")]
        subjects = [("tag", tag.slug) for tag in page.get_tags()]
        subjects += [("author", author.slug) for author in authors]
        subjects += [("rubric", page.get_parent().slug)]
        paths += [
            reverse(f"feeds:{feed}", args=subject) for subject in subjects for feed in FORMATS
        ]
    return paths


def sitemaps_showing(page):
    sections = [reverse("sitemap-section", args=[section]) for section in SITEMAPS]
    return [reverse("sitemap-index"), reverse("sitemap-news"), *sections]


def register_signal_handlers():
    from qalam.core import purge

    purge.register_showing(feeds_showing)
    purge.register_showing(sitemaps_showing)
