"""Related lists follow publication: a published or edited article gets its list and enters
the lists it belongs in; one that goes offline leaves the lists that showed it."""

from django.db import transaction
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _

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
    from qalam.articles.models import StoryPage

    return StoryPage.objects.published().filter(pk__in=listing(page.pk))


def register_signal_handlers():
    from qalam.articles.models import connect_stories
    from qalam.core import purge

    purge.register_showing(lists_showing)
    register_editing()

    connect_stories(page_published, article_published, "qalam-related-published")
    connect_stories(page_unpublished, article_unpublished, "qalam-related-unpublished")
    connect_stories(pre_delete, article_deleted, "qalam-related-deleted")


def register_editing():
    """The article page reads the stored lists; the article editor shows the list, the pins
    and the exclusions."""
    from wagtail.admin.panels import InlinePanel, MultiFieldPanel

    from qalam.articles.models import add_editor_panels, register_related_lines

    from .models import MAX_PINS
    from .panels import RelatedListPanel

    register_related_lines(RelatedArticle._meta.db_table)
    add_editor_panels(
        [
            MultiFieldPanel([RelatedListPanel()], heading=_("Related articles")),
            InlinePanel(
                "related_pins",
                label=_("Pinned related articles"),
                max_num=MAX_PINS,
                help_text=_(
                    "Shown first, in this order; the computed related articles fill the rest "
                    "(six in all). Articles in other languages may be pinned too."
                ),
            ),
            InlinePanel(
                "related_exclusions",
                label=_("Never list as related"),
                help_text=_("Articles that must not appear among this article's related articles."),
            ),
        ]
    )
