"""Bulk moderation in the comment queue: approve, reject, mark spam, block the senders
(delete is Wagtail's own). Each comment is saved on its own so that the signal handlers
purge its article's page."""

from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from .models import Block, Comment, Status


class SetStatusBulkAction(SnippetBulkAction):
    template_name = "comments/admin/confirm_bulk_status.html"
    status = None

    @classproperty
    def models(cls):
        return [Comment]

    def check_perm(self, snippet):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", snippet
        )

    @classmethod
    def execute_action(cls, objects, **kwargs):
        changed = 0
        for comment in objects:
            if comment.status != cls.status:
                comment.status = cls.status
                comment.save(update_fields=["status"])
                changed += 1
        return changed, 0

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action_label": self.display_name}


class ApproveBulkAction(SetStatusBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve selected comments")
    action_priority = 10
    status = Status.APPROVED

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment approved.", "%(count)d comments approved.", num_parent_objects
        ) % {"count": num_parent_objects}


class RejectBulkAction(SetStatusBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject selected comments")
    action_priority = 15
    status = Status.REJECTED

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment rejected.", "%(count)d comments rejected.", num_parent_objects
        ) % {"count": num_parent_objects}


class SpamBulkAction(SetStatusBulkAction):
    display_name = _("Mark as spam")
    action_type = "spam"
    aria_label = _("Mark selected comments as spam")
    action_priority = 20
    status = Status.SPAM

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment marked as spam.",
            "%(count)d comments marked as spam.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class BlockSendersBulkAction(SetStatusBulkAction):
    """Blocks the email and IP hash of each selected comment and marks it spam."""

    display_name = _("Block senders")
    action_type = "block"
    aria_label = _("Block the senders of the selected comments")
    action_priority = 25
    status = Status.SPAM

    @classmethod
    def execute_action(cls, objects, **kwargs):
        for comment in objects:
            Block.objects.get_or_create(kind=Block.Kind.EMAIL, value=comment.email)
            if comment.ip_hash:
                Block.objects.get_or_create(kind=Block.Kind.IP_HASH, value=comment.ip_hash)
        super().execute_action(objects, **kwargs)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "The sender of %(count)d comment is blocked.",
            "The senders of %(count)d comments are blocked.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
