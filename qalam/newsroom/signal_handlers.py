from wagtail.log_actions import get_active_log_context, log
from wagtail.models import PageLogEntry, TaskState
from wagtail.signals import page_published, task_submitted

from qalam.articles.models import connect_stories

from .notifications import DeskReviewSubmittedNotifier

CORRECTION = "qalam.correction"

desk_review_submitted = DeskReviewSubmittedNotifier()


def log_correction(sender, instance, revision=None, **kwargs):
    """A correction that this publication adds or changes goes into the story's history under
    its own name, with its text, beside Wagtail's «Опубликовано»."""
    if not instance.correction:
        return
    earlier = (
        PageLogEntry.objects.filter(page=instance, action="wagtail.publish", revision__isnull=False)
        .exclude(revision=revision)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    before = earlier.revision.content.get("correction", "") if earlier else ""
    if before != instance.correction:
        # Who publishes it (the admin's log context), else who wrote the revision (a schedule).
        user = get_active_log_context().user or (revision.user if revision else None)
        log(
            instance,
            CORRECTION,
            user=user,
            revision=revision,
            data={"correction": instance.correction},
        )


def register_signal_handlers():
    task_submitted.connect(
        desk_review_submitted, sender=TaskState, dispatch_uid="qalam-newsroom-review-submitted"
    )
    connect_stories(page_published, log_correction, "qalam-newsroom-correction")
