"""Wagtail's database search backend with Qalam's word forms on the query side: whatever
searches (the reader's search page, the admin, the API) types plain words, and they are
matched through every form they take in Russian, Kazakh and English. The index side is
`qalam.search.index.AnalysedField`.

Chosen per database like modelsearch's own `database` backend: PostgreSQL full text in
production, SQLite FTS5 in the embedded default. Both index with the `simple` configuration:
the terms arrive analysed, the database must not stem them again. Each database's module is
imported only on that database: modelsearch's SQLite module needs SQLite's FTS model."""

import functools

from django.db import connection, transaction
from django.db.models import BooleanField, F, FloatField, Func, IntegerField, Value

from modelsearch.backends.base import EmptySearchResults
from modelsearch.query import And, Or, PlainText

from .query import Prefix, reader_query

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


@functools.cache
def postgres_backend():
    from django.contrib.postgres.search import SearchQuery

    from modelsearch.backends.database.postgres import postgres
    from modelsearch.backends.database.postgres.query import Lexeme
    from modelsearch.utils import get_content_type_pk
    from wagtail.models import Page

    from .models import NewestIndex

    class NewestFirstIndex(postgres.PostgresIndex):
        """modelsearch's index entries, and for pages a narrow row beside each in
        `NewestIndex`: publication time and the same terms."""

        def add_items(self, model, objs):
            super().add_items(model, objs)
            if not issubclass(model, Page) or not objs:
                return
            with self.write_connection.cursor() as cursor:
                cursor.execute(
                    """
                    INSERT INTO qalam_search_newest (page_id, published_at, terms)
                    SELECT page.id, page.first_published_at, entry.title || entry.body
                    FROM wagtailsearch_indexentry entry
                    JOIN wagtailcore_page page ON page.id = entry.object_id::integer
                    WHERE entry.content_type_id = %s AND entry.object_id = ANY(%s)
                    ON CONFLICT (page_id) DO UPDATE
                    SET published_at = EXCLUDED.published_at, terms = EXCLUDED.terms
                    """,
                    [get_content_type_pk(model), [str(obj.pk) for obj in objs]],
                )

        def delete_item(self, item):
            super().delete_item(item)
            if isinstance(item, Page):
                NewestIndex.objects.filter(page_id=item.pk)._raw_delete(
                    using=self.write_connection.alias
                )

        def reset(self):
            super().reset()
            NewestIndex.objects.all()._raw_delete(using=self.write_connection.alias)

    class Compiler(postgres.PostgresSearchQueryCompiler):
        newest_ids = None

        def search(self, config, start, stop, score_field=None, backend=None):
            """Pages are ranked among their newest matches only (see RECENT_MATCHES), on the
            terms of the narrow table."""
            ids = self.newest_matches(config)
            if ids is None:
                return super().search(config, start, stop, score_field, backend)
            if not ids:
                return self.queryset.none()
            pages = self.queryset.filter(AnyOf(ids))
            rank = self.build_tsrank(F("search_newest__terms"), self.query, config=config)
            return self._apply_ordering_and_scoring(pages, rank, start, stop, score_field)

        def newest_matches(self, config):
            """The ids of the newest matches, found once for a page of results and its count
            (they share this compiler), or None for what is ranked among all matches. First
            among the newest matches of any page; from the whole archive when the filters
            leave too few of those."""
            if self.newest_ids is None:
                if not _has_publication_time(self.queryset.model) or not isinstance(
                    self.query, PlainText | And | Or
                ):
                    return None
                matches = NewestIndex.objects.filter(terms=self.build_tsquery(self.query, config))
                newest = matches.order_by(F("published_at").desc(nulls_first=True), "-page_id")
                candidates = newest.values("page_id")[:NEWEST_CANDIDATES]
                # PostgreSQL prices a sequential scan without the cost of unpacking each
                # row's terms, and picks one for very common words: a second, not 10 ms.
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute("SET LOCAL enable_seqscan = off")
                    self.newest_ids = self.newest(self.queryset.filter(pk__in=candidates))
                if len(self.newest_ids) < RECENT_MATCHES:
                    self.newest_ids = self.newest(
                        self.queryset.filter(pk__in=matches.values("page_id"))
                    )
            return self.newest_ids

        def newest(self, pages):
            newest = pages.order_by(F("first_published_at").desc(nulls_first=True), "-pk")
            return list(newest.values_list("pk", flat=True)[:RECENT_MATCHES])

        def build_tsquery_content(self, query, config=None, invert=False):
            if isinstance(query, Prefix):
                lexeme = Lexeme(query.query_string, invert=invert, prefix=True)
                return SearchQuery(lexeme, search_type="raw", config=config)
            return super().build_tsquery_content(query, config=config, invert=invert)

    class Results(postgres.PostgresSearchResults):
        def _do_count(self):
            compiler = self.query_compiler
            if isinstance(compiler, Compiler):  # not the autocomplete's
                ids = compiler.newest_matches(compiler.get_config(self.backend))
                if ids is not None:
                    return len(ids[self.start : self.stop])
            return super()._do_count()

    class Backend(AnalysedQueries, postgres.PostgresSearchBackend):
        query_compiler_class = Compiler
        results_class = Results
        index_class = NewestFirstIndex

    return Backend


@functools.cache
def sqlite_backend():
    from modelsearch.backends.database.sqlite import sqlite
    from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression

    class TitleWeightedBM25(Func):
        """SQLite's bm25 rank with a match in the title worth more than one in the text,
        as PostgreSQL's weights have it. The FTS table's columns: autocomplete, body, title."""

        output_field = FloatField()

        def as_sql(self, compiler, connection, **extra_context):
            table = sqlite.SQLiteFTSIndexEntry._meta.db_table
            return f"bm25({table}, 0.0, 1.0, {TITLE_WEIGHT})", []

    class Compiler(sqlite.SQLiteSearchQueryCompiler):
        def _build_rank_expression(self, vectors, config):
            return TitleWeightedBM25()

        def build_search_query_content(self, query, config=None):
            if isinstance(query, Prefix):
                lexeme = Lexeme(query.query_string, prefix=True)
                return SearchQueryExpression(lexeme, config=config)
            return super().build_search_query_content(query, config=config)

    class Backend(AnalysedQueries, sqlite.SQLiteSearchBackend):
        query_compiler_class = Compiler

    return Backend


class AnyOf(Func):
    """`pk = ANY(%s)`: the ids bound as one array, not as a parameter each."""

    arg_joiner = " = ANY("
    template = "%(expressions)s)"
    output_field = BooleanField()

    def __init__(self, ids):
        from django.contrib.postgres.fields import ArrayField

        super().__init__(F("pk"), Value(ids, output_field=ArrayField(IntegerField())))


def _has_publication_time(model):
    return any(field.name == "first_published_at" for field in model._meta.get_fields())


def SearchBackend(params):
    params = {"SEARCH_CONFIG": "simple", **params}
    if connection.vendor == "postgresql":
        return postgres_backend()(params)
    if connection.vendor == "sqlite":
        return sqlite_backend()(params)
    raise NotImplementedError(f"Qalam's search needs PostgreSQL or SQLite, not {connection.vendor}")
