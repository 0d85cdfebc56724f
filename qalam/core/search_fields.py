"""Search fields that hold word-form terms instead of raw text, for every page type to
declare. The database keeps the terms (with the `simple` configuration, which only
lower-cases), so PostgreSQL and SQLite FTS find the same articles for the same query: the
language work is done once, in Python, by `qalam.lang.analysis`. The search feature itself
(backends, the page, keeping the index current) is `qalam.search`."""

import functools

from wagtail.models import Locale, Page
from wagtail.search import index

from qalam.lang.analysis import terms


class AnalysedField(index.SearchField):
    """A search field indexed as the terms of its text in the page's language."""

    def get_value(self, obj):
        # modelsearch reads every field once for each column it fills (up to five times an
        # object); an object read for indexing alone (`read_for_indexing`) keeps its text, so
        # a body's blocks are taken apart once.
        kept = getattr(obj, "_indexed_text", None)
        if kept is None:
            return analysed(plain_text(super().get_value(obj)), page_language(obj))
        if self.field_name not in kept:
            kept[self.field_name] = analysed(plain_text(super().get_value(obj)), page_language(obj))
        return kept[self.field_name]


def read_for_indexing(objects):
    """Marks objects freshly read to be indexed once: their analysed fields are made once."""
    for obj in objects:
        obj._indexed_text = {}
    return objects


@functools.lru_cache(maxsize=64)
def analysed(text, language):
    # modelsearch reads every field once for each column it fills (up to five times an
    # object): the terms of the same text are made once.
    return " ".join(terms(text, language))


def plain_text(value):
    """The text of a field as modelsearch reads it: strings, lists (StreamField content)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return " ".join(plain_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(plain_text(item) for item in value.values())
    return str(value)


def page_language(page):
    return language_of_locale(page.locale_id) if page.locale_id else "ru"


@functools.lru_cache(maxsize=32)
def language_of_locale(locale_id):
    # A locale's language never changes, so the lookup is made once per process.
    return Locale.objects.values_list("language_code", flat=True).get(pk=locale_id)


def page_search_fields(*fields):
    """Wagtail's search fields of a page with its title analysed, plus `fields`."""
    inherited = [
        field
        for field in Page.search_fields
        if not (type(field) is index.SearchField and field.field_name == "title")
    ]
    return [AnalysedField("title", boost=2), *inherited, *fields]
