from django_tasks import task

from .index import index_articles

CHUNK = 500


@task()
def reindex_articles(ids):
    """Index entries of these articles made anew: a renamed rubric, tag or author changes
    what many articles are found by, and an import adds them a batch at a time."""
    ids = sorted(ids)
    for start in range(0, len(ids), CHUNK):
        index_articles(ids[start : start + CHUNK])
