"""The admin of the morning email: subscribers (found, exported as CSV, deleted when a reader
asks), the digests editors prepare before the send, and each edition's time of sending."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Digest, DigestSchedule, Subscriber


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Subscribers")
    list_display = ["email", "language", "status", "created_at", "confirmed_at"]
    list_filter = ["language", "status"]
    list_export = ["email", "language", "status", "created_at", "confirmed_at"]
    export_filename = "qalam-subscribers"
    search_fields = ["email"]
    search_backend_name = None  # a plain lookup: addresses are not indexed anywhere
    ordering = "-created_at"
    list_per_page = 50
    panels = [
        FieldPanel("email"),
        FieldPanel("language"),
        FieldPanel("status"),
        FieldPanel("rubrics"),
        MultiFieldPanel(
            [FieldPanel("created_at", read_only=True), FieldPanel("confirmed_at", read_only=True)],
            heading=_("History"),
        ),
    ]


class DigestViewSet(SnippetViewSet):
    model = Digest
    icon = "doc-full"
    menu_label = _("Digests")
    list_display = ["__str__", "intro", "sent_at"]
    list_filter = ["language"]
    ordering = "-date"


class DigestScheduleViewSet(SnippetViewSet):
    model = DigestSchedule
    icon = "time"
    menu_label = _("Schedule")
    list_display = ["language", "send_at", "enabled"]


class MorningEmailGroup(SnippetViewSetGroup):
    items = (DigestViewSet, SubscriberViewSet, DigestScheduleViewSet)
    menu_icon = "mail"
    menu_label = _("Morning email")
    menu_name = "morning-email"
    menu_order = 260


register_snippet(MorningEmailGroup)
