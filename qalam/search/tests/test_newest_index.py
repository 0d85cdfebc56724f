"""PostgreSQL's newest-first table follows the index: a row per indexed page with its
publication time, gone with the page, made anew by a rebuild. A page of results and its
count come from it in two statements."""

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from modelsearch.query import And, PlainText

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.articles.models import ArticlePage

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL table"),
]


def newest_rows():
    from qalam.search.models import NewestIndex

    return {row.page_id: row.published_at for row in NewestIndex.objects.all()}


def test_publishing_deleting_and_rebuilding_keep_the_table_in_step(rubric, hours_ago):
    article = ArticlePageFactory(
        parent=rubric, title="Встреча в Астане", first_published_at=hours_ago(3)
    )
    assert newest_rows()[article.pk] == article.first_published_at
    assert rubric.pk in newest_rows()

    article.delete()
    assert article.pk not in newest_rows()

    kept = ArticlePageFactory(parent=rubric, title="Встреча в Туркестане")
    from qalam.search.models import NewestIndex

    NewestIndex.objects.all()._raw_delete(using="default")
    call_command("rebuild_index", verbosity=0)
    assert kept.pk in newest_rows()


def test_a_page_of_results_and_its_count_take_two_statements(rubric, monkeypatch):
    monkeypatch.setattr("qalam.search.backends.RECENT_MATCHES", 2)
    for n in range(3):
        ArticlePageFactory(parent=rubric, title=f"Встреча {n}")
    results = ArticlePage.objects.live().search("встречи")
    with CaptureQueriesContext(connection) as queries:
        found = list(results[:1])
        count = results.count()
    assert (len(found), count) == (1, 2)
    assert len([query for query in queries if query["sql"].startswith("SELECT")]) == 2


def test_a_structured_autocomplete_counts_its_results(rubric):
    # It goes through modelsearch's own autocomplete, which the newest-first table is not for.
    ArticlePageFactory(parent=rubric, title="Экспорт зерна")
    words = And([PlainText("экспорт"), PlainText("зерна")])
    assert ArticlePage.objects.live().autocomplete(words).count() == 1
