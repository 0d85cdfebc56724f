"""What shows an article besides its rubric and edition home, for the purge of a proxy in
front (`core.purge.register_showing`): its translations, and its tag and author pages."""

from .models import StoryPage


def pages_showing(page):
    if not isinstance(page, StoryPage):
        return []
    authors = [link.author for link in page.article_authors.select_related("author")]
    translations = page.related_and_translations()[1]
    return [*translations, *(thing.get_absolute_url() for thing in [*page.get_tags(), *authors])]
