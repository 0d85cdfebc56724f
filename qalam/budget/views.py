"""The board (Wagtail's listing of planned stories, one day at a time, grouped by desk) and
its two buttons: «Создать черновик» and a new calendar address."""

import datetime

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import View

from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.log_actions import log

from qalam.core.counting import TotalPaginator
from qalam.core.ids import whole_number

from .drafts import NoDesk, create_drafts
from .forms import language_label
from .models import FINISHED, CalendarKey, PlannedStory

CARRIED_OVER = "qalam.budget.carried"


class BoardView(IndexView):
    template_name = "budget/board.html"
    results_template_name = "budget/board_results.html"
    page_title = gettext_lazy("Budget")
    columns = []  # the board shows cards (board_results.html), not a table
    paginator_class = TotalPaginator

    def get_base_queryset(self):
        return PlannedStory.objects.for_board()

    def order_queryset(self, queryset):
        return queryset  # by desk, then time: the board's order, whatever is asked

    def filter_queryset(self, queryset):
        # Wagtail leaves a listing unfiltered when a filter's value is wrong (a deleted
        # desk in an old link): the board still shows one day.
        if self.filters and not self.filters.is_valid():
            return queryset.on_day(self.day)
        return super().filter_queryset(queryset)

    @cached_property
    def day(self):
        return self.filters.chosen_day if self.filters else timezone.localdate()

    def day_url(self, day):
        query = self.request.GET.copy()
        query.pop(self.page_kwarg, None)
        query.pop("_w_filter_fragment", None)
        query["day"] = day.isoformat()
        return f"{self.index_url}?{query.urlencode()}"

    def calendar_url(self):
        key = CalendarKey.objects.filter(user=self.request.user).first()
        if key is None:
            return ""
        desk = self.filters.form.cleaned_data.get("desk") if self.filters.is_valid() else None
        path = reverse("budget_calendar", args=[key.key, desk.pk if desk else "all"])
        return self.request.build_absolute_uri(path)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        day, now = self.day, timezone.now()
        for item in context["object_list"]:
            item.overdue = item.is_overdue(now)
            item.desk_heading = desk_heading(item)
            item.missing_languages = missing_languages(item)
            item.can_draft = bool(
                item.desk_id and item.missing_languages and item.status not in FINISHED
            )
        previous_day, next_day = day - datetime.timedelta(days=1), day + datetime.timedelta(days=1)
        context.update(
            day=day,
            previous_day=previous_day,
            next_day=next_day,
            is_today=day == timezone.localdate(),
            previous_day_url=self.day_url(previous_day),
            next_day_url=self.day_url(next_day),
            today_url=self.day_url(timezone.localdate()),
            calendar_url=self.calendar_url(),
            calendar_key_url=reverse("budget:calendar_key"),
            board_url=self.day_url(day),
            left_over=self.left_over() if day == timezone.localdate() else [],
        )
        return context

    def left_over(self):
        """The open plans of the past week, in the desk the board is filtered to."""
        items = PlannedStory.objects.left_over(self.day).select_related("desk")
        desk = self.filters.form.cleaned_data.get("desk") if self.filters.is_valid() else None
        if desk:
            items = items.in_desk(desk)
        return list(items.order_by("slot_date", "slot_time", "pk")[:50])


def desk_heading(item):
    if item.desk_id:
        return f"{item.desk.title} · {item.desk.locale.language_code}"
    if item.former_desk:
        return _("%(desk)s (deleted)") % {"desk": item.former_desk}
    return ""


def missing_languages(item):
    have = {story.locale_id for story in item.stories.all()}
    return [language_label(locale) for locale in item.languages.all() if locale.pk not in have]


def next_url(request, fallback):
    url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback


class CreateDraftView(PermissionCheckedMixin, View):
    """«Создать черновик»: the drafts, then the editor of the first one."""

    model = PlannedStory
    permission_required = "change"
    http_method_names = ["post"]
    index_url_name = None

    def post(self, request, pk):
        item = get_object_or_404(PlannedStory.objects.select_related("desk"), pk=pk)
        back = next_url(request, reverse(self.index_url_name))
        try:
            made, missing = create_drafts(item, request.user)
        except NoDesk:
            messages.error(request, _("Choose the desk first: the draft is made in its rubric."))
            return redirect(back)
        if missing:
            messages.warning(
                request,
                _(
                    "No draft in: %(languages)s. The desk has no rubric there, "
                    "or you may not write in it."
                )
                % {"languages": ", ".join(language_label(locale) for locale in missing)},
            )
        if not made:
            return redirect(back)
        messages.success(
            request,
            _("Draft “%(title)s” created for the planned story.") % {"title": made[0].title},
        )
        return redirect("wagtailadmin_pages:edit", made[0].pk)


class CalendarKeyView(PermissionCheckedMixin, View):
    """Gives the user a calendar address, or a new one in place of the old."""

    model = PlannedStory
    any_permission_required = BoardView.any_permission_required
    http_method_names = ["post"]
    index_url_name = None

    def post(self, request):
        had = CalendarKey.objects.filter(user=request.user).exists()
        CalendarKey.issue(request.user)
        if had:
            messages.success(
                request, _("Your calendar has a new address; the old one no longer works.")
            )
        else:
            messages.success(request, _("Your calendar address is ready: add it to your calendar."))
        return redirect(next_url(request, reverse(self.index_url_name)))


class CarryOverView(PermissionCheckedMixin, View):
    """Moves plans of past days that never got ready to today, and says so in each plan's
    history."""

    model = PlannedStory
    permission_required = "change"
    http_method_names = ["post"]
    index_url_name = None

    def post(self, request):
        today = timezone.localdate()
        ids = [whole_number(value) for value in request.POST.getlist("item")]
        ids = [pk for pk in ids if pk is not None]
        items = PlannedStory.objects.left_over(today).filter(pk__in=ids)
        moved = 0
        for item in items:
            previous = item.slot_date
            item.slot_date = today
            item.save(update_fields=["slot_date", "updated_at"])
            log(item, CARRIED_OVER, user=request.user, data={"from": previous.isoformat()})
            moved += 1
        if moved:
            messages.success(
                request,
                ngettext(
                    "%(count)d planned story moved to today.",
                    "%(count)d planned stories moved to today.",
                    moved,
                )
                % {"count": moved},
            )
        return redirect(next_url(request, reverse(self.index_url_name)))
