"""The feeds a change shows in, for the purge of a proxy in front (`core.purge`): the
edition's own, and a story's rubric, tag and author feeds."""

from django.urls import reverse

from qalam.articles.models import StoryPage

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


def register_signal_handlers():
    from qalam.core import purge

    purge.register_showing(feeds_showing)
