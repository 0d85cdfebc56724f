"""The moderation queue in the admin. Each row carries what an editor needs to decide (the
text, who sent it, on which article, why it was held) and one-click approve, reject and spam
buttons: small POST forms that work without JavaScript, after which a message says what
happened and offers to undo it."""

from django.contrib import messages
from django.http import HttpResponseBadRequest
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import View

from wagtail.admin.ui.tables import (
    BulkActionsCheckboxColumn,
    ButtonsColumnMixin,
    Column,
    StatusTagColumn,
    TitleColumn,
)
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.snippets.views.snippets import IndexView, InspectView

from .models import Comment, Status

STYLES = {"all": ["css/comment-queue.css"]}

# The buttons a row offers; a comment awaits moderation again only through undo.
DECISIONS = [
    (Status.APPROVED, _("Approve")),
    (Status.REJECTED, _("Reject")),
    (Status.SPAM, _("Spam")),
]

DONE = {
    Status.APPROVED: _("Comment “%(comment)s” approved."),
    Status.REJECTED: _("Comment “%(comment)s” rejected."),
    Status.SPAM: _("Comment “%(comment)s” marked as spam."),
    Status.PENDING: _("Comment “%(comment)s” is awaiting moderation again."),
}


class CommentColumn(ButtonsColumnMixin, TitleColumn):
    """The comment linked to its edit view, with the article it is on and what it answers;
    the row's other actions (edit, inspect, delete) in Wagtail's menu beside it."""

    cell_template_name = "comments/admin/comment_cell.html"

    class Media:
        css = STYLES

    def __init__(self, name, get_buttons, **kwargs):
        super().__init__(name, **kwargs)
        self.get_row_buttons = get_buttons

    def get_buttons(self, instance, parent_context):
        return self.get_row_buttons(instance)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["article_url"] = instance.article.get_url(parent_context.get("request"))
        return context


class SenderColumn(Column):
    cell_template_name = "comments/admin/sender_cell.html"


class PostedAtColumn(Column):
    """The time in the admin's time zone, written out: a moderator compares it with the
    article's, and a phone has no tooltip to show it."""

    cell_template_name = "comments/admin/posted_at_cell.html"


class StatusColumn(StatusTagColumn):
    """The status, and under it the rule that held the comment or marked it spam."""

    cell_template_name = "comments/admin/status_cell.html"


class DecisionColumn(Column):
    """Approve, reject, spam: whichever the comment is not already."""

    cell_template_name = "comments/admin/decision_cell.html"

    def __init__(self, name, next_url, get_title_id, **kwargs):
        super().__init__(name, **kwargs)
        self.next_url = next_url
        self.get_title_id = get_title_id

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(
            action=reverse("wagtailsnippets_comments_comment:moderate", args=[instance.pk]),
            decisions=[(status, label) for status, label in DECISIONS if status != instance.status],
            next_url=self.next_url,
            title_id=self.get_title_id(instance),
            # A table cell is rendered without the request's context processors.
            csrf_token=get_token(parent_context["request"]),
        )
        return context


class CommentIndexView(IndexView):
    table_classname = "listing comment-queue"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("article", "parent").pending_first()

    def order_queryset(self, queryset):
        # Whatever column the editor sorts by, the comments waiting for them stay on top.
        ordering = self.ordering or []
        if isinstance(ordering, str):
            ordering = [ordering]
        return queryset.order_by("pending_rank", *ordering, "-pk")

    @cached_property
    def header_buttons(self):
        # Comments come from readers: an «add comment» button would invite editors to write
        # one in a reader's name, and it crowds the queue's title on a phone.
        return []

    def get_queue_url(self):
        """The listing as the editor sees it, filters and page kept, to come back to after
        a one-click decision (also when this is the results part fetched by script)."""
        query = self.request.GET.urlencode()
        return f"{self.index_url}?{query}" if query else self.index_url

    @cached_property
    def columns(self):
        checkbox = BulkActionsCheckboxColumn("bulk_actions", obj_type="snippet")
        return [
            checkbox,
            CommentColumn(
                "text",
                accessor="excerpt",
                label=capfirst(_("comment")),
                get_url=lambda comment: self.get_edit_url(comment) or self.get_inspect_url(comment),
                get_title_id=checkbox.get_aria_describedby,
                get_buttons=self.get_list_buttons,
            ),
            SenderColumn("author_name", label=capfirst(_("sender")), sort_key="author_name"),
            PostedAtColumn("created_at", label=capfirst(_("posted at")), sort_key="created_at"),
            StatusColumn(
                "status",
                label=capfirst(_("status")),
                accessor="get_status_display",
                primary=lambda comment: comment.status == Status.PENDING,
                sort_key="status",
            ),
            DecisionColumn(
                "decision",
                label=capfirst(_("decision")),
                next_url=self.get_queue_url(),
                get_title_id=checkbox.get_aria_describedby,
            ),
        ]


class CommentInspectView(InspectView):
    def get_created_at_display_value(self):
        # The generic template's `localize` filter would print the stored UTC time.
        return formats.date_format(timezone.localtime(self.object.created_at), "DATETIME_FORMAT")

    def get_parent_display_value(self):
        return str(self.object.parent) if self.object.parent_id else "—"


class ModerateView(PermissionCheckedMixin, View):
    """One click in the queue: the comment takes the status of the button pressed (saved on
    its own, so the signal handlers purge its article's page), and the message says so with
    an undo button that puts the previous status back through this same view."""

    model = Comment
    permission_required = "change"
    http_method_names = ["post"]
    index_url_name = None

    def post(self, request, pk):
        comment = get_object_or_404(Comment, pk=pk)
        status = request.POST.get("status")
        if status not in Status.values:
            return HttpResponseBadRequest()
        previous = comment.status
        if status != previous:
            comment.status = status
            comment.save(update_fields=["status"])

        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse(self.index_url_name)
        message = render_to_string(
            "comments/admin/moderated_message.html",
            {
                "message": DONE[status] % {"comment": comment},
                "undo_status": previous if previous != status else None,
                "action": request.path,
                "next_url": next_url,
            },
            request=request,
        )
        messages.success(request, message)
        return redirect(next_url)
