"""What keeps the index current beyond Wagtail's own save and delete handlers."""

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from django.urls import reverse
from django.utils import translation

from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.signals import page_published

from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished

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

    return search_paths() if isinstance(page, StoryPage) else []


# The tasks that change what the search page finds: modelsearch's update of one object's
# entry (queued at every save in production) and Qalam's reindexing of many articles.
INDEX_TASKS = {
    "modelsearch.tasks.insert_or_update_object_task",
    "qalam.search.tasks.reindex_articles",
}


def index_updated(sender, task_result, **kwargs):
    """In production the worker updates the index after the publish has committed and its
    purge has run: the search pages are outdated again once the index finds the change."""
    from django.apps import apps

    from wagtail.models import Site

    from qalam.articles.models import StoryPage
    from qalam.core import purge

    if (
        task_result.task.module_path not in INDEX_TASKS
        or task_result.status != TaskResultStatus.SUCCESSFUL
    ):
        return
    if task_result.task.module_path.startswith("modelsearch."):
        app_label, model_name = task_result.args[:2]
        if not issubclass(apps.get_model(app_label, model_name), StoryPage):
            return
    sites = Site.objects.all()
    purge.purge_after_commit([site.root_url + path for site in sites for path in search_paths()])


def search_paths():
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
    task_finished.connect(index_updated, dispatch_uid="qalam-search-index-updated")
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
