"""Keeps Wagtail's reference index filing a story under its own type.

Wagtail files a page's references under its most specific type (`articles.articlepage`).
When a child row of a story is saved (an author link, a related pin), Wagtail indexes the
parent that the row's ParentalKey names, `StoryPage`, and files those references under it
beside the ones filed under the story's type, which it leaves: the index then counts a
reference twice. Indexing the story as its own type after that puts every row back under
it (Wagtail removes what it finds under the less specific types)."""

from django.db.models.signals import post_save

from modelcluster.fields import ParentalKey
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import reference_index_auto_update_disabled
from wagtail.tasks import update_reference_index_task


def index_the_story(field):
    def reindex(sender, instance, raw=False, **kwargs):
        if raw or getattr(reference_index_auto_update_disabled, "value", False):
            return
        story = getattr(instance, field.name)  # the story being saved, as modelcluster set it
        if story is None:
            return
        model = story.specific_class
        update_reference_index_task.enqueue(
            model._meta.app_label, model._meta.model_name, str(story.pk)
        )

    return reindex


def register_signal_handlers():
    from django.apps import apps

    from .models import StoryPage

    for model in apps.get_models():
        if not ReferenceIndex.model_is_indexable(model, allow_child_models=True):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, ParentalKey) and issubclass(StoryPage, field.related_model):
                uid = f"qalam-story-references-{model._meta.label_lower}"
                post_save.connect(
                    index_the_story(field), sender=model, dispatch_uid=uid, weak=False
                )
