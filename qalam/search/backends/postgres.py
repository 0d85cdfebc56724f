"""PostgreSQL full text with Qalam's word forms, and pages ranked among their newest matches
(docs/search.md)."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery
from django.db import connection, transaction
from django.db.models import BooleanField, F, Func, IntegerField, Value

from modelsearch.backends.database.postgres import postgres
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import And, Or, PlainText
from modelsearch.utils import get_content_type_pk
from wagtail.models import Page

from qalam.search import backends
from qalam.search.models import NewestIndex
from qalam.search.query import Prefix


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
        """Pages are ranked among their newest matches only (see backends.RECENT_MATCHES), on the
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
            candidates = newest.values("page_id")[: backends.NEWEST_CANDIDATES]
            # PostgreSQL prices a sequential scan without the cost of unpacking each
            # row's terms, and picks one for very common words, far slower (docs/search.md).
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
                self.newest_ids = self.newest(self.queryset.filter(pk__in=candidates))
            if len(self.newest_ids) < backends.RECENT_MATCHES:
                self.newest_ids = self.newest(
                    self.queryset.filter(pk__in=matches.values("page_id"))
                )
        return self.newest_ids

    def newest(self, pages):
        newest = pages.order_by(F("first_published_at").desc(nulls_first=True), "-pk")
        return list(newest.values_list("pk", flat=True)[: backends.RECENT_MATCHES])

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


class SearchBackend(backends.AnalysedQueries, postgres.PostgresSearchBackend):
    query_compiler_class = Compiler
    results_class = Results
    index_class = NewestFirstIndex


class AnyOf(Func):
    """`pk = ANY(%s)`: the ids bound as one array, not as a parameter each."""

    arg_joiner = " = ANY("
    template = "%(expressions)s)"
    output_field = BooleanField()

    def __init__(self, ids):
        super().__init__(F("pk"), Value(ids, output_field=ArrayField(IntegerField())))


def _has_publication_time(model):
    return any(field.name == "first_published_at" for field in model._meta.get_fields())
