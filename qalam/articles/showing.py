"""What shows an article besides its rubric and edition home, for the purge of a proxy in
front (`core.purge.register_showing`): its translations, its tag and author pages, and the
edition's corrections page (a correction added, changed or taken back)."""

from django.urls import reverse

from .models import StoryPage


def pages_showing(page):
    if not isinstance(page, StoryPage):
        return []
    authors = [link.author for link in page.article_authors.select_related("author")]
    translations = page.related_and_translations()[1]
    things = [*page.get_tags(), *authors]
    return [*translations, reverse("corrections"), *(thing.get_absolute_url() for thing in things)]
