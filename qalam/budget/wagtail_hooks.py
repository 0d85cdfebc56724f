"""The budget in the admin: the board «Планирование» (Wagtail's `ModelViewSet`), the
dashboard's panels, the history's wording, and a question before a desk's rubric with
plans is deleted."""

import datetime

from django.conf import settings
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter

from .dashboard import add_panels
from .drafts import DRAFT_CREATED
from .filters import BoardFilterSet
from .forms import PlannedStoryForm
from .models import SHOWN_WHEN_DELETING, PlannedStory, Status
from .panels import StoriesPanel
from .signal_handlers import REASONS, STATUS_CHANGED
from .views import CARRIED_OVER, BoardView, CalendarKeyView, CarryOverView, CreateDraftView


class BudgetViewSet(ModelViewSet):
    model = PlannedStory
    name = "budget"
    icon = "date"
    menu_label = _("Budget")
    menu_order = 150
    add_to_admin_menu = True
    index_view_class = BoardView
    filterset_class = BoardFilterSet
    list_per_page = 200
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("desk"),
            FieldPanel("languages"),
            FieldPanel("assignees"),
            FieldPanel("status"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("slot_date"), FieldPanel("slot_time")]),
                    FieldPanel("deadline"),
                ],
                heading=_("When"),
            ),
            FieldPanel("notes"),
            StoriesPanel(heading=_("Articles")),
        ],
        base_form_class=PlannedStoryForm,
    )

    def get_urlpatterns(self):
        # Appended: the menu links to the first pattern, the board.
        return [
            *super().get_urlpatterns(),
            path("draft/<int:pk>/", self.draft_view, name="draft"),
            path("calendar-key/", self.calendar_key_view, name="calendar_key"),
            path("carry-over/", self.carry_over_view, name="carry_over"),
        ]

    @property
    def draft_view(self):
        return self.construct_view(CreateDraftView, index_url_name=self.get_url_name("index"))

    @property
    def carry_over_view(self):
        return self.construct_view(CarryOverView, index_url_name=self.get_url_name("index"))

    @property
    def calendar_key_view(self):
        return self.construct_view(CalendarKeyView, index_url_name=self.get_url_name("index"))


@hooks.register("register_admin_viewset")
def register_budget():
    return BudgetViewSet()


hooks.register("construct_homepage_panels", add_panels)


@hooks.register("before_delete_page")
def confirm_deleting_a_desk(request, page):
    """Before Wagtail's own question, the plans of the rubric (its sub-rubrics and the
    translations deleted with it), and that they will be kept without a desk."""
    if request.method != "GET" or request.GET.get("planned") == "seen":
        return None
    items = list(PlannedStory.objects.left_by_deleting(deleted_with(page))[:SHOWN_WHEN_DELETING])
    if not items:
        return None
    query = request.GET.copy()
    query["planned"] = "seen"
    return render(
        request,
        "budget/confirm_delete_desk.html",
        {"page": page, "items": items, "continue_url": f"{request.path}?{query.urlencode()}"},
    )


def deleted_with(page):
    """The page and what Wagtail's delete view deletes with it: the translations that the
    `construct_translated_pages_to_cascade_actions` hook names (when the page trees are kept
    in step) under a translation of the page's parent."""
    pages = {page}
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return pages
    parents = set(page.get_parent().get_translations())
    for cascade in hooks.get_hooks("construct_translated_pages_to_cascade_actions"):
        for translations in (cascade([page], "delete") or {}).values():
            pages.update(other for other in translations if other.get_parent() in parents)
    return pages


@hooks.register("register_log_actions")
def register_log_actions(actions):
    @actions.register_action(STATUS_CHANGED)
    class StatusChanged(LogFormatter):
        label = _("Budget: status changed")

        def format_message(self, log_entry):
            data = log_entry.data
            labels = dict(Status.choices)
            message = _("Status changed from “%(from)s” to “%(to)s”") % {
                "from": labels.get(data.get("from"), data.get("from")),
                "to": labels.get(data.get("to"), data.get("to")),
            }
            reason = REASONS.get(data.get("reason"))
            if reason:
                return f"{message}: {reason % {'story': data.get('story', '')}}"
            return message

    @actions.register_action(CARRIED_OVER)
    class CarriedOver(LogFormatter):
        label = _("Budget: carried over")

        def format_message(self, log_entry):
            day = datetime.date.fromisoformat(log_entry.data["from"])
            return _("Carried over to %(day)s from %(from)s") % {
                "day": date_format(timezone.localtime(log_entry.timestamp), "j E"),
                "from": date_format(day, "j E"),
            }

    @actions.register_action(DRAFT_CREATED)
    class DraftCreated(LogFormatter):
        label = _("Budget: draft created")

        def format_message(self, log_entry):
            return _("Draft created: %(titles)s") % {
                "titles": ", ".join(log_entry.data.get("stories", []))
            }
