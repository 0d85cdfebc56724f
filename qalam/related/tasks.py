"""Background work for related lists. The scoring and the model are imported inside the
tasks, so the web process that enqueues them loads neither."""

import logging

from django_tasks import task

logger = logging.getLogger("qalam.related")


@task()
def refresh_related(article_ids, neighbours=True):
    """Lists of these articles computed anew (after a publication, an edit or an import), and
    of the articles that should now list them."""
    from .refresh import refresh

    try:
        refresh(article_ids, neighbours=neighbours)
    except Exception:
        # A related list is never worth a failed publication: the page keeps its old list.
        logger.exception("related articles: refreshing %s failed", article_ids)


@task()
def relist_related(article_ids):
    """Lists of these articles computed again: an article they listed went offline."""
    from .refresh import relist_ids

    try:
        relist_ids(article_ids)
    except Exception:
        logger.exception("related articles: relisting %s failed", article_ids)
