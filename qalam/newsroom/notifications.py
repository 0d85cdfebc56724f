"""Email to the editors who may approve a story when it is submitted for their review.

Wagtail's own notifiers tell the reporter when the story is approved or sent back, with the
editor's comment (`WorkflowStateApprovalEmailNotifier`, `…RejectionEmailNotifier`); the one
for a submission knows only group approval, so the desk's review has this one, built as
Wagtail's guide to custom tasks builds it."""

from django.conf import settings

from wagtail.admin.mail import EmailNotificationMixin, Notifier
from wagtail.models import Page, TaskState
from wagtail.permissions import policy_registry

from .models import DeskApprovalTask


class DeskReviewSubmittedNotifier(EmailNotificationMixin, Notifier):
    notification = "submitted"

    def __init__(self):
        super().__init__((TaskState,))

    def can_handle(self, instance, **kwargs):
        return super().can_handle(instance, **kwargs) and isinstance(
            instance.task.specific, DeskApprovalTask
        )

    def get_context(self, task_state, **kwargs):
        context = super().get_context(task_state, **kwargs)
        context["task"] = task_state.task.specific
        context["object"] = task_state.workflow_state.content_object
        context["page"] = context["object"].specific
        context["model_name"] = context["object"]._meta.verbose_name
        return context

    def get_recipient_users(self, task_state, **kwargs):
        page = task_state.workflow_state.content_object
        recipients = policy_registry.get_by_type(Page).users_with_permission_for_instance(
            "publish",
            page,
            include_superusers=getattr(
                settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True
            ),
        )
        if user := kwargs.get("user"):
            recipients = recipients.exclude(pk=user.pk)
        return set(recipients)
