"""The comment moderation queue and the block list in the Wagtail admin."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.ui.tables import DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .bulk_actions import (
    ApproveBulkAction,
    BlockSendersBulkAction,
    RejectBulkAction,
    SpamBulkAction,
)
from .filters import CommentFilterSet
from .models import Block, Comment
from .queue import CommentIndexView, CommentInspectView, ModerateView


class PendingCountMenuItem(MenuItem):
    """The sidebar has no badge of its own: the number waiting goes into the label."""

    def render_component(self, request):
        component = super().render_component(request)
        pending = Comment.objects.pending().count()
        if pending:
            return LinkMenuItem(
                component.name,
                f"{component.label} ({pending})",
                component.url,
                icon_name=component.icon_name,
                classname=component.classname,
                attrs={**component.attrs, "aria-label": f"{component.label}: {pending}"},
            )
        return component


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Reader comments")
    menu_name = "reader-comments"
    add_to_admin_menu = True
    menu_order = 250
    index_view_class = CommentIndexView  # its columns are in queue.py
    filterset_class = CommentFilterSet
    search_fields = ["author_name", "email", "text"]
    search_backend_name = None
    ordering = "-created_at"  # after the pending ones, which come first whatever the order
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_class = CommentInspectView
    panels = [
        FieldPanel("status"),
        FieldPanel("text"),
        MultiFieldPanel(
            [FieldPanel("author_name"), FieldPanel("email"), FieldPanel("url")],
            heading=_("Sender"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("article", read_only=True),
                FieldPanel("parent", read_only=True),
                FieldPanel("created_at", read_only=True),
                FieldPanel("moderation_reason", read_only=True),
                FieldPanel("ip_hash", read_only=True),
                FieldPanel("user_agent", read_only=True),
            ],
            heading=_("Where it came from"),
        ),
    ]

    @property
    def moderate_view(self):
        return self.construct_view(ModerateView, index_url_name=self.get_url_name("list"))

    def get_urlpatterns(self):
        # Appended: the menu links to the first pattern, the listing.
        return [
            *super().get_urlpatterns(),
            path(
                f"moderate/<{self.pk_path_converter}:pk>/",
                self.moderate_view,
                name="moderate",
            ),
        ]

    @property
    def menu_item_class(self):
        viewset = self

        class Item(PendingCountMenuItem):
            def is_shown(self, request):
                return viewset.permission_policy.user_has_any_permission(
                    request.user, ["change", "delete", "view"]
                )

        return Item


class BlockViewSet(SnippetViewSet):
    model = Block
    icon = "cross"
    menu_label = _("Blocked commenters")
    add_to_settings_menu = True
    list_display = ["kind", "value", "reason", DateColumn("created_at", label=_("blocked at"))]
    search_fields = ["value", "reason"]
    search_backend_name = None
    list_filter = ["kind"]
    panels = [FieldPanel("kind"), FieldPanel("value"), FieldPanel("reason")]


register_snippet(CommentViewSet)
register_snippet(BlockViewSet)
hooks.register("register_bulk_action", ApproveBulkAction)
hooks.register("register_bulk_action", RejectBulkAction)
hooks.register("register_bulk_action", SpamBulkAction)
hooks.register("register_bulk_action", BlockSendersBulkAction)
