"""Addresses outside the admin: calendar apps cannot sign in (qalam/urls.py includes these
under /budget/)."""

from django.urls import path

from . import ical

urlpatterns = [
    path("calendar/<str:key>/<str:desk>.ics", ical.feed, name="budget_calendar"),
]
