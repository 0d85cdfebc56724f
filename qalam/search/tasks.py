from wagtail.search.backends import get_search_backends

from django_tasks import task

from qalam.articles.models import story_types
from qalam.core.search_fields import read_for_indexing

CHUNK = 500


@task()
def reindex_articles(ids):
    """Index entries of these articles made anew: a renamed rubric, tag or author changes
    what many articles are found by, and an import adds them a batch at a time."""
    ids = sorted(ids)
    for start in range(0, len(ids), CHUNK):
        index_articles(ids[start : start + CHUNK])


def index_articles(ids):
    """Index entries of these articles made anew, the articles read as the index reads them:
    with their rubric, tags and authors."""
    for model in story_types():  # each type is indexed as itself, as Wagtail indexes a page
        stories = read_for_indexing(list(model.get_indexed_objects().filter(pk__in=ids)))
        if stories:
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(model, stories)
