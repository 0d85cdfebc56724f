"""What keeps the index current beyond Wagtail's own save and delete handlers."""

from django.db.models.signals import post_save

from modelsearch.tasks import insert_or_update_object_task
from wagtail.signals import page_published

from .tasks import reindex_articles


def reindex_published_article(sender, instance, **kwargs):
    # Wagtail indexes a page when its row is saved, before its tags and authors are: index
    # it again once publishing has saved them.
    insert_or_update_object_task.enqueue(
        instance._meta.app_label, instance._meta.model_name, str(instance.pk)
    )


def reindex_rubric_articles(sender, instance, **kwargs):
    from qalam.articles.models import ArticlePage

    ids = list(ArticlePage.objects.child_of(instance).values_list("pk", flat=True))
    if ids:
        reindex_articles.enqueue(ids)


def reindex_tagged_articles(sender, instance, created, **kwargs):
    if not created:
        ids = list(instance.tagged_articles.values_list("content_object_id", flat=True))
        if ids:
            reindex_articles.enqueue(ids)


def reindex_authored_articles(sender, instance, created, **kwargs):
    if not created:
        ids = list(instance.article_links.values_list("page_id", flat=True))
        if ids:
            reindex_articles.enqueue(ids)


def register_signal_handlers():
    from qalam.articles.models import ArticlePage
    from qalam.authors.models import Author
    from qalam.rubrics.models import RubricPage
    from qalam.tags.models import Tag

    page_published.connect(
        reindex_published_article, sender=ArticlePage, dispatch_uid="qalam-search-article"
    )
    page_published.connect(
        reindex_rubric_articles, sender=RubricPage, dispatch_uid="qalam-search-rubric"
    )
    post_save.connect(reindex_tagged_articles, sender=Tag, dispatch_uid="qalam-search-tag")
    post_save.connect(reindex_authored_articles, sender=Author, dispatch_uid="qalam-search-author")
