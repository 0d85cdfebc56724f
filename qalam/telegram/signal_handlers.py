"""Posts follow publication: sent on a story's first publication, edited on the next ones,
deleted when it is unpublished or deleted. The tasks are queued after the commit, so a
publication rolled back sends nothing."""

from django.db import transaction
from django.db.models.signals import pre_delete

from wagtail.signals import page_published, page_unpublished

from .config import bot_ready
from .models import Post
from .tasks import delete_messages, keep_in_step, withdraw


def first_publication(story, revision):
    """Published now for the first time, by a person: Wagtail has just set both times to the
    same moment, and the revision has an author. An import writes its archive's dates and no
    author, so its stories are never posted, not even at their go-live time."""
    return (
        story.first_published_at == story.last_published_at
        and revision is not None
        and revision.user_id is not None
    )


def story_published(sender, instance, revision=None, **kwargs):
    # Wagtail sends this for a schedule set too: the story goes live later, and posts then.
    if not instance.live or not bot_ready():
        return
    story_id, first = instance.pk, first_publication(instance, revision)
    transaction.on_commit(lambda: keep_in_step.enqueue(story_id, first))


def story_unpublished(sender, instance, **kwargs):
    if bot_ready() and Post.objects.filter(story_id=instance.pk, state=Post.State.POSTED).exists():
        story_id = instance.pk
        transaction.on_commit(lambda: withdraw.enqueue(story_id))


def story_deleted(sender, instance, **kwargs):
    if not bot_ready():
        return
    posted = Post.objects.filter(story_id=instance.pk, state=Post.State.POSTED)
    # Read now: the rows go with the story.
    messages = [list(pair) for pair in posted.values_list("chat", "message_id")]
    if messages:
        transaction.on_commit(lambda: delete_messages.enqueue(messages))


def register_signal_handlers():
    from qalam.articles.models import connect_stories

    connect_stories(page_published, story_published, "qalam-telegram-published")
    connect_stories(page_unpublished, story_unpublished, "qalam-telegram-unpublished")
    connect_stories(pre_delete, story_deleted, "qalam-telegram-deleted")
    register_editing()


def register_editing():
    """The story editor's Telegram section: the editor's choice and the post's state."""
    from django.utils.translation import gettext_lazy as _

    from wagtail.admin.panels import InlinePanel, MultiFieldPanel

    from qalam.articles.models import add_editor_panels

    from .panels import StoryStatusPanel

    add_editor_panels(
        [
            MultiFieldPanel(
                [
                    StoryStatusPanel(),
                    InlinePanel(
                        "telegram_choice",
                        max_num=1,
                        label=_("Telegram post"),
                        help_text=_(
                            "Without a choice here the story is posted, with a notification, "
                            "when it is first published."
                        ),
                    ),
                ],
                heading=_("Telegram"),
            )
        ]
    )
