"""Panels of the admin's dashboard (Wagtail's `construct_homepage_panels`): the user's
assignments, what is scheduled to go live today, what each desk published today, and the
latest corrections. Each reads what it shows in one to three queries, however much there
is."""

import datetime

from django.conf import settings
from django.db.models import Count, F
from django.db.models.functions import Substr
from django.utils import timezone

from wagtail.admin.ui.components import Component
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Revision

from qalam.articles.models import StoryPage
from qalam.rubrics.models import RubricPage

from .models import PlannedStory

LIMIT = 8
# A top rubric (a desk) is the third level of the tree: root, edition's home, rubric.
DESK_DEPTH = 3


def today_bounds():
    start = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))
    return start, start + datetime.timedelta(days=1)


class BudgetPanel(Component):
    class Media:
        css = {"all": ["css/budget.css"]}


class MyAssignmentsPanel(BudgetPanel):
    name = "budget_my_assignments"
    template_name = "budget/panels/my_assignments.html"
    order = 50

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        items = list(
            PlannedStory.objects.filter(assignees=user)
            .open()
            .select_related("desk")
            .order_by(F("deadline").asc(nulls_last=True), "slot_date", "slot_time", "pk")[:LIMIT]
        )
        now = timezone.now()
        for item in items:
            item.overdue = item.is_overdue(now)
        return {"items": items}


class ScheduledTodayPanel(BudgetPanel):
    """Pages whose approved revision goes live today, as Wagtail's scheduler will publish
    them (`publish_scheduled`, run by `qalam worker`)."""

    name = "budget_scheduled_today"
    template_name = "budget/panels/scheduled_today.html"
    order = 60

    def get_context_data(self, parent_context):
        start, end = today_bounds()
        scheduled = (
            Revision.page_revisions.filter(
                approved_go_live_at__gte=start, approved_go_live_at__lt=end
            )
            .order_by("approved_go_live_at", "pk")
            .values("object_id", "object_str", "approved_go_live_at")
        )
        return {
            "pages": [
                {
                    "id": int(row["object_id"]),
                    "title": row["object_str"],
                    "at": row["approved_go_live_at"],
                }
                for row in scheduled
            ]
        }


class PublishedTodayPanel(BudgetPanel):
    """How many stories each desk first published today, its editions together."""

    name = "budget_published_today"
    template_name = "budget/panels/published_today.html"
    order = 70

    def get_context_data(self, parent_context):
        start, end = today_bounds()
        counts = list(
            StoryPage.objects.published()
            .filter(first_published_at__gte=start, first_published_at__lt=end)
            .annotate(desk_path=Substr("path", 1, Page.steplen * DESK_DEPTH))
            .values("desk_path")
            .annotate(count=Count("pk"))
            .order_by()
        )
        rubrics = RubricPage.objects.filter(path__in=[row["desk_path"] for row in counts])
        rubrics = {
            rubric["path"]: rubric
            for rubric in rubrics.values(
                "path", "title", "translation_key", "locale__language_code"
            )
        }
        names = self.names_in_default_language({r["translation_key"] for r in rubrics.values()})
        desks = {}
        for row in counts:
            rubric = rubrics.get(row["desk_path"])
            if rubric is None:
                continue
            key = rubric["translation_key"]
            desk = desks.setdefault(
                key, {"title": names.get(key, rubric["title"]), "count": 0, "languages": []}
            )
            desk["count"] += row["count"]
            desk["languages"].append((rubric["locale__language_code"], row["count"]))
        listed = sorted(desks.values(), key=lambda desk: (-desk["count"], desk["title"]))
        order = [code for code, _name in settings.LANGUAGES]
        for desk in listed:
            desk["languages"].sort(
                key=lambda pair: order.index(pair[0]) if pair[0] in order else 99
            )
        return {"desks": listed, "total": sum(desk["count"] for desk in listed)}

    @staticmethod
    def names_in_default_language(keys):
        if not keys:
            return {}
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        rubrics = RubricPage.objects.filter(translation_key__in=keys, locale__language_code=default)
        return dict(rubrics.values_list("translation_key", "title"))


class RecentCorrectionsPanel(BudgetPanel):
    name = "budget_recent_corrections"
    template_name = "budget/panels/recent_corrections.html"
    order = 80

    def get_context_data(self, parent_context):
        stories = (
            StoryPage.objects.published()
            .exclude(correction="")
            .filter(corrected_at__isnull=False)
            .select_related("locale")
            .only("title", "correction", "corrected_at", "locale__language_code")
            .order_by("-corrected_at", "-pk")[:LIMIT]
        )
        return {"stories": list(stories)}


def add_panels(request, panels):
    panels.extend(
        [
            MyAssignmentsPanel(),
            ScheduledTodayPanel(),
            PublishedTodayPanel(),
            RecentCorrectionsPanel(),
        ]
    )
