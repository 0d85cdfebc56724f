"""The board's filters: the day (today unless another is asked for), desk, language, assignee
and status, as Wagtail shows any listing's filters."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Locale

import django_filters

from .forms import desk_label, desks, language_label, newsroom_users, user_label
from .models import PlannedStory, Status


class DeskFilter(django_filters.ModelChoiceFilter):
    """A desk and the rubrics under it."""

    def filter(self, qs, value):
        return qs.in_desk(value) if value else qs


class BoardFilterSet(WagtailFilterSet):
    day = django_filters.DateFilter(
        field_name="slot_date", label=_("publication day"), widget=AdminDateInput
    )
    desk = DeskFilter(label=_("desk"), queryset=lambda request: desks())
    language = django_filters.ModelChoiceFilter(
        field_name="languages",
        label=_("language"),
        queryset=lambda request: Locale.objects.order_by("pk"),
    )
    assignee = django_filters.ModelChoiceFilter(
        field_name="assignees",
        label=_("assignee"),
        queryset=lambda request: newsroom_users(),
    )
    status = django_filters.ChoiceFilter(label=_("status"), choices=Status.choices)

    class Meta:
        model = PlannedStory
        fields = []  # all declared above

    def __init__(self, data=None, *args, **kwargs):
        # The board opens on today: the day is always set, and today is its initial value,
        # so Wagtail lists no «active filter» for it and its removal returns here.
        today = timezone.localdate()
        if data is not None:
            data = data.copy()
            try:
                forms.DateField().clean(data.get("day"))
            except ValidationError:  # none, or not a date: a board always shows a day
                data["day"] = today.isoformat()
        super().__init__(data, *args, **kwargs)
        fields = self.form.fields
        fields["day"].initial = today
        fields["desk"].label_from_instance = desk_label
        fields["language"].label_from_instance = language_label
        fields["assignee"].label_from_instance = user_label

    @property
    def chosen_day(self):
        self.is_valid()  # cleans the form; a wrong value elsewhere leaves the day
        return self.form.cleaned_data.get("day") or timezone.localdate()
