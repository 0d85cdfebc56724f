"""SQLite FTS5 with Qalam's word forms and a title-weighted rank (the embedded default)."""

from django.db.models import FloatField, Func

from modelsearch.backends.database.sqlite import sqlite
from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression

from qalam.search import backends
from qalam.search.query import Prefix


class TitleWeightedBM25(Func):
    """SQLite's bm25 rank with a match in the title worth more than one in the text,
    as PostgreSQL's weights have it. The FTS table's columns: autocomplete, body, title."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        table = sqlite.SQLiteFTSIndexEntry._meta.db_table
        return f"bm25({table}, 0.0, 1.0, {backends.TITLE_WEIGHT})", []


class Compiler(sqlite.SQLiteSearchQueryCompiler):
    def _build_rank_expression(self, vectors, config):
        return TitleWeightedBM25()

    def build_search_query_content(self, query, config=None):
        if isinstance(query, Prefix):
            lexeme = Lexeme(query.query_string, prefix=True)
            return SearchQueryExpression(lexeme, config=config)
        return super().build_search_query_content(query, config=config)


class SearchBackend(backends.AnalysedQueries, sqlite.SQLiteSearchBackend):
    query_compiler_class = Compiler
