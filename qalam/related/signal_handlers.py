"""Related lists follow publication: a published or edited article gets its list and enters
the lists it belongs in; one that goes offline leaves the lists that showed it."""

from django.db import transaction
from django.db.models.signals import pre_delete

from wagtail.signals import page_published, page_unpublished

from .models import RelatedArticle
from .tasks import refresh_related, relist_related


def article_published(sender, instance, **kwargs):
    refresh_related.enqueue([instance.pk])


def listing(article_id):
    return list(
        RelatedArticle.objects.filter(related_id=article_id)
        .exclude(article_id=article_id)
        .values_list("article_id", flat=True)
    )


def article_unpublished(sender, instance, **kwargs):
    if ids := listing(instance.pk):
        relist_related.enqueue(ids)


def article_deleted(sender, instance, **kwargs):
    # Its lines go with it (on delete cascade): the lists that showed it fill up again after.
    if ids := listing(instance.pk):
        transaction.on_commit(lambda: relist_related.enqueue(ids))


def lists_showing(page):
    """The published articles whose «Статьи по теме» show `page` (core.purge)."""
    from qalam.articles.models import ArticlePage

    return ArticlePage.objects.published().filter(pk__in=listing(page.pk))


def register_signal_handlers():
    from qalam.articles.models import ArticlePage
    from qalam.core import purge

    purge.register_showing(lists_showing)

    page_published.connect(
        article_published, sender=ArticlePage, dispatch_uid="qalam-related-published"
    )
    page_unpublished.connect(
        article_unpublished, sender=ArticlePage, dispatch_uid="qalam-related-unpublished"
    )
    pre_delete.connect(article_deleted, sender=ArticlePage, dispatch_uid="qalam-related-deleted")
