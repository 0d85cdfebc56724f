"""A planned story's status follows its articles without anyone updating it: submitted for
review, approved, sent back, published, unpublished. Each change is written to the item's
history (Wagtail's log) with who or what made it."""

from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import get_active_log_context, log
from wagtail.models import WorkflowState, get_default_page_content_type
from wagtail.signals import (
    page_published,
    page_unpublished,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from qalam.articles.models import StoryPage, connect_stories
from qalam.rubrics.models import RubricPage

from .models import PROGRESS, PlannedStory, Status

STATUS_CHANGED = "qalam.budget.status"

# Why the status moved, as the history says it.
REASONS = {
    "submitted": _("the article “%(story)s” was submitted for review"),
    "approved": _("the article “%(story)s” was approved"),
    "rejected": _("changes were requested to the article “%(story)s”"),
    "published": _("the article “%(story)s” was published"),
    "scheduled": _("the article “%(story)s” was scheduled to go live"),
    "unpublished": _("the article “%(story)s” was unpublished"),
    "deleted": _("the article “%(story)s” was deleted"),
    "draft": _("a draft was created: “%(story)s”"),
}


def move(items, status, reason, story, user=None, forward_only=True):
    """Moves each planned item to `status`: only forward along the way a story goes unless
    `forward_only` is off; spiked items move only when their story is published (a fact)."""
    for item in items:
        if item.status == status:
            continue
        if item.status == Status.SPIKED and status != Status.PUBLISHED:
            continue
        if (
            forward_only
            and item.status in PROGRESS
            and PROGRESS.index(item.status) > PROGRESS.index(status)
        ):
            continue
        set_status(item, status, reason, story, user)


def set_status(item, status, reason, story, user=None):
    previous = item.status
    item.status = status
    item.save(update_fields=["status", "updated_at"])
    log(
        item,
        STATUS_CHANGED,
        user=user,
        data={"from": previous, "to": status, "reason": reason, "story": story.title},
    )


def planned_for(page_id):
    return list(PlannedStory.objects.filter(stories=page_id))


def story_of(workflow_state):
    """The story a page workflow is about, or None (a snippet's workflow, another page)."""
    if workflow_state.base_content_type_id != get_default_page_content_type().pk:
        return None
    return StoryPage.objects.filter(pk=workflow_state.object_id).first()


def submitted(sender, instance, user=None, **kwargs):
    if story := story_of(instance):
        move(planned_for(story.pk), Status.IN_REVIEW, "submitted", story, user)


def resumed(sender, instance, user=None, **kwargs):
    # A review resumed after changes were requested starts its task again without a new
    # `workflow_submitted`.
    submitted(sender, instance.workflow_state, user)


def approved(sender, instance, user=None, **kwargs):
    if story := story_of(instance):
        move(planned_for(story.pk), Status.READY, "approved", story, user)


def rejected(sender, instance, user=None, **kwargs):
    if story := story_of(instance):
        items = [item for item in planned_for(story.pk) if item.status == Status.IN_REVIEW]
        move(items, Status.IN_PROGRESS, "rejected", story, user, forward_only=False)


def published(sender, instance, revision=None, **kwargs):
    user = _publisher(revision.user if revision is not None else None)
    if instance.live:
        move(planned_for(instance.pk), Status.PUBLISHED, "published", instance, user)
    else:  # Wagtail says «published» of a first publication set for later: scheduled
        move(planned_for(instance.pk), Status.READY, "scheduled", instance, user)


def unpublished(sender, instance, **kwargs):
    # Back to work, unless another language's article of the plan is still live.
    items = [
        item
        for item in planned_for(instance.pk)
        if item.status == Status.PUBLISHED
        and not item.stories.filter(live=True).exclude(pk=instance.pk).exists()
    ]
    move(items, Status.IN_PROGRESS, "unpublished", instance, forward_only=False)


def story_deleted(sender, instance, **kwargs):
    # An abandoned draft deleted (articles/drafts.py) leaves the plan to be written again.
    items = [
        item
        for item in planned_for(instance.pk)
        if item.status in (Status.IN_PROGRESS, Status.IN_REVIEW)
        and not item.stories.exclude(pk=instance.pk).exists()
    ]
    for item in items:
        status = Status.ASSIGNED if item.assignees.exists() else Status.IDEA
        set_status(item, status, "deleted", instance)


def keep_desk_name(sender, instance, **kwargs):
    """A desk's rubric is being deleted: its plans stay, with the rubric's name."""
    PlannedStory.objects.filter(desk=instance).update(former_desk=instance.title)


def _publisher(revision_user):
    # The log's context (the admin request) names who pressed publish; the revision names
    # who wrote it, which is all a scheduled publication has.
    return get_active_log_context().user or revision_user


def register_signal_handlers():
    workflow_submitted.connect(submitted, sender=WorkflowState, dispatch_uid="qalam-budget-submit")
    task_submitted.connect(resumed, dispatch_uid="qalam-budget-task-submit")
    workflow_approved.connect(approved, sender=WorkflowState, dispatch_uid="qalam-budget-approve")
    workflow_rejected.connect(rejected, sender=WorkflowState, dispatch_uid="qalam-budget-reject")
    connect_stories(page_published, published, "qalam-budget-published")
    connect_stories(page_unpublished, unpublished, "qalam-budget-unpublished")
    connect_stories(pre_delete, story_deleted, "qalam-budget-story-deleted")
    pre_delete.connect(keep_desk_name, sender=RubricPage, dispatch_uid="qalam-budget-desk")
