"""What keeps the index current beyond Wagtail's own save and delete handlers."""

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from django.urls import reverse
from django.utils import translation

from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.signals import page_published

from .tasks import reindex_articles


def reindex_published_article(sender, instance, **kwargs):
    # Wagtail indexes a page when its row is saved, before its tags and authors are: index
    # it again, as a save would, once publishing has saved them.
    post_save_signal_handler(instance)


def remember_name(field):
    """A pre_save handler noting the name a rubric, tag or author is indexed under, so that
    only a rename reindexes their articles (there may be thousands)."""

    def remember(sender, instance, **kwargs):
        stored = sender._default_manager.filter(pk=instance.pk).values_list(field, flat=True)
        instance.indexed_name = stored.first() if instance.pk else None

    return remember


def renamed(instance, field):
    indexed = getattr(instance, "indexed_name", None)
    return indexed is not None and indexed != getattr(instance, field)


def reindex_rubric_articles(sender, instance, **kwargs):
    if renamed(instance, "title"):
        from qalam.articles.models import StoryPage

        ids = list(StoryPage.objects.child_of(instance).values_list("pk", flat=True))
        if ids:
            reindex_articles.enqueue(ids)


def reindex_tagged_articles(sender, instance, **kwargs):
    if renamed(instance, "name"):
        ids = list(instance.tagged_articles.values_list("content_object_id", flat=True))
        if ids:
            reindex_articles.enqueue(ids)


def reindex_authored_articles(sender, instance, **kwargs):
    if renamed(instance, "name"):
        ids = list(instance.article_links.values_list("page_id", flat=True))
        if ids:
            reindex_articles.enqueue(ids)


def search_showing(page):
    """The search page of every language (it finds articles in all of them), for the purges
    (`core.purge`); each query is a query string of it."""
    from qalam.articles.models import StoryPage

    if not isinstance(page, StoryPage):
        return []
    paths = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths.append(reverse("search"))
    return paths


def register_signal_handlers():
    from qalam.articles.models import connect_stories
    from qalam.authors.models import Author
    from qalam.core import purge
    from qalam.rubrics.models import RubricPage
    from qalam.tags.models import Tag

    purge.register_showing(search_showing)
    connect_stories(page_published, reindex_published_article, "qalam-search-article")
    for model, field, reindex in (
        (RubricPage, "title", reindex_rubric_articles),
        (Tag, "name", reindex_tagged_articles),
        (Author, "name", reindex_authored_articles),
    ):
        uid = f"qalam-search-{model._meta.model_name}"
        pre_save.connect(remember_name(field), sender=model, dispatch_uid=uid, weak=False)
        signal = page_published if model is RubricPage else post_save
        signal.connect(reindex, sender=model, dispatch_uid=uid)
