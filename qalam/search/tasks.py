from wagtail.search.backends import get_search_backends

from django_tasks import task

CHUNK = 500


@task()
def reindex_articles(ids):
    """Index entries of these articles made anew: a renamed rubric, tag or author changes
    what many articles are found by."""
    from qalam.articles.models import ArticlePage

    ids = sorted(ids)
    for start in range(0, len(ids), CHUNK):
        articles = list(ArticlePage.get_indexed_objects().filter(pk__in=ids[start : start + CHUNK]))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(ArticlePage, articles)
