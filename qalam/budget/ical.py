"""The budget as an iCalendar feed, for calendar apps: a desk's planned stories (or every
desk's) at a secret address of the user's own (`CalendarKey`), from a month back to two
months ahead. Each plan is an event at its publication slot, and one more at its deadline
while the copy is not in."""

import datetime

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail.permissions import policy_registry

import icalendar

from qalam.core.ids import whole_number
from qalam.rubrics.models import RubricPage

from .forms import language_label, user_label
from .models import DONE, CalendarKey, PlannedStory, Status

PAST = datetime.timedelta(days=31)
AHEAD = datetime.timedelta(days=62)
SLOT_LENGTH = datetime.timedelta(minutes=30)


def reader(key):
    """The user whose key this is, while they may still read the budget."""
    found = CalendarKey.objects.select_related("user").filter(key=key).first()
    if found is None or not found.user.is_active:
        return None
    policy = policy_registry.get_by_type(PlannedStory)
    if not policy.user_has_any_permission(found.user, ["add", "change", "delete", "view"]):
        return None
    return found.user


def preferred_language(user):
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile and profile.get_preferred_language()) or settings.LANGUAGE_CODE


@never_cache
@require_GET
def feed(request, key, desk):
    user = reader(key)
    if user is None:
        raise Http404
    items = PlannedStory.objects.for_board()
    rubric = None
    if desk != "all":
        if whole_number(desk) is None:
            raise Http404
        rubric = get_object_or_404(RubricPage, pk=whole_number(desk))
        items = items.in_desk(rubric)
    today = timezone.localdate()
    items = items.filter(slot_date__gte=today - PAST, slot_date__lte=today + AHEAD)
    with translation.override(preferred_language(user)):
        calendar = budget_calendar(list(items), rubric)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="budget.ics"'
    return response


def budget_calendar(items, rubric=None):
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Qalam//Budget//EN")
    calendar.add("version", "2.0")
    name = _("Budget") + (f": {rubric.title}" if rubric else "")
    calendar.add("x-wr-calname", f"{settings.WAGTAIL_SITE_NAME} — {name}")
    stamp = timezone.now()
    for item in items:
        calendar.add_component(slot_event(item, stamp))
        if item.deadline and item.status not in DONE:
            calendar.add_component(deadline_event(item, stamp))
    return calendar


def admin_url(item):
    return settings.WAGTAILADMIN_BASE_URL + reverse("budget:edit", args=[item.pk])


def slot_event(item, stamp):
    event = icalendar.Event()
    event.add("uid", f"planned-{item.pk}@qalam")
    event.add("dtstamp", stamp)
    event.add("last-modified", item.updated_at)
    if item.slot_time:
        start = item.slot.astimezone(datetime.UTC)
        event.add("dtstart", start)
        event.add("dtend", start + SLOT_LENGTH)
    else:  # some time that day: a day-long event
        event.add("dtstart", item.slot_date)
        event.add("dtend", item.slot_date + datetime.timedelta(days=1))
    event.add("summary", f"{item.title} [{item.get_status_display()}]")
    event.add("description", description(item))
    event.add("url", admin_url(item))
    event.add("status", "CANCELLED" if item.status == Status.SPIKED else "CONFIRMED")
    if item.desk_name:
        event.add("categories", [item.desk_name])
    return event


def deadline_event(item, stamp):
    event = icalendar.Event()
    event.add("uid", f"planned-{item.pk}-deadline@qalam")
    event.add("dtstamp", stamp)
    event.add("last-modified", item.updated_at)
    event.add("dtstart", item.deadline.astimezone(datetime.UTC))  # a moment: no end
    event.add("summary", _("Deadline: %(title)s") % {"title": item.title})
    event.add("description", description(item))
    event.add("url", admin_url(item))
    return event


def description(item):
    lines = [
        _("Status: %(status)s") % {"status": item.get_status_display()},
        _("Desk: %(desk)s") % {"desk": item.desk_name or "—"},
        _("Languages: %(languages)s")
        % {"languages": ", ".join(language_label(locale) for locale in item.languages.all())},
        _("Assignees: %(people)s")
        % {"people": ", ".join(user_label(user) for user in item.assignees.all()) or "—"},
    ]
    if item.deadline:
        when = timezone.localtime(item.deadline).strftime("%d.%m.%Y %H:%M")
        lines.append(_("Due: %(when)s") % {"when": when})
    if item.notes:
        lines += ["", item.notes]
    lines += ["", admin_url(item)]
    return "\n".join(lines)
