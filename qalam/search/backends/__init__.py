"""Wagtail's database search backends with Qalam's word forms on the query side: whatever
searches (the reader's search page, the admin, the API) types plain words, and they are
matched through every form they take in Russian, Kazakh and English. The index side is
`qalam.core.search_fields.AnalysedField`.

One module per database, chosen in settings as modelsearch's own are: `postgres` (PostgreSQL
full text, production) and `sqlite` (FTS5, the embedded default). Both index with the
`simple` configuration: the terms arrive analysed, the database must not stem them again.
Only the chosen one is imported: modelsearch's SQLite module needs SQLite's FTS model."""

from modelsearch.backends.base import EmptySearchResults
from modelsearch.query import PlainText

from qalam.search.query import reader_query

# PostgreSQL ranks a page among the newest this many of its matches, so that a word found
# in a third of a large archive costs about what a rare one does; older matches are reached
# by narrowing the dates. See docs/search.md.
RECENT_MATCHES = 200
# They are looked for first among this many newest matches of any page, which the narrow
# newest-first table gives in one query; the page filters (live, language, rubric…) apply
# to those.
NEWEST_CANDIDATES = 400
# How much more a word in the headline counts than one in the text (SQLite; PostgreSQL
# weighs by the fields' boosts).
TITLE_WEIGHT = 4.0


class AnalysedQueries:
    """Reads a query string, or the plain text the admin parses out of one, as a reader's
    words; the admin's search-as-you-type also matches the beginning of the last word.
    Phrases and other structured queries pass through as they are."""

    def search(self, query, model_or_queryset, *args, **kwargs):
        query = analysed(query)
        if query is None:
            return EmptySearchResults()
        return super().search(query, model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        if not _is_plain(query):
            return super().autocomplete(query, model_or_queryset, *args, **kwargs)
        query = analysed(query, prefix_last=True)
        if query is None:
            return EmptySearchResults()
        return super().search(query, model_or_queryset, *args, **kwargs)


def analysed(query, prefix_last=False):
    if not _is_plain(query):
        return query
    text = query if isinstance(query, str) else query.query_string
    return reader_query(text, prefix_last=prefix_last)


def _is_plain(query):
    return isinstance(query, str) or type(query) is PlainText
