import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from qalam.authors.models import Author
from qalam.core.ids import ModelChoiceById
from qalam.rubrics.models import RubricPage

from .query import MAX_QUERY_LENGTH


class RubricChoiceField(ModelChoiceById):
    def label_from_instance(self, rubric):
        return f"{rubric.title} ({rubric.locale.language_code})"


class DayInput(forms.DateInput):
    """The browser's date picker, whose value can only be a day written `YYYY-MM-DD`. A day
    typed into the address another way is shown that way; what is no day at all is left
    out, as a browser would drop it, and the field's error says what was wrong."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value):
        if isinstance(value, str):
            try:
                value = forms.DateField().to_python(value)
            except ValidationError:
                return None
        return super().format_value(value)


class SearchForm(forms.Form):
    """What a reader asks the search page. Every filter is optional; a value that does not
    parse is reported and left out, the search still runs."""

    RELEVANCE, DATE = "relevance", "date"

    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    rubric = RubricChoiceField(
        label=_("Rubric"),
        required=False,
        empty_label=_("All rubrics"),
        queryset=RubricPage.objects.live().select_related("locale").order_by("locale", "title"),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("All languages")), *settings.LANGUAGES],
    )
    author = ModelChoiceById(
        label=_("Author"),
        required=False,
        empty_label=_("All authors"),
        queryset=Author.objects.order_by("name"),
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DayInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DayInput())
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(RELEVANCE, _("relevance")), (DATE, _("date"))],
    )

    def clean_q(self):
        # NUL and other control characters mean nothing in a query; spaces stand for them.
        query = "".join(char if char.isprintable() else " " for char in self.cleaned_data["q"])
        return " ".join(query.split())

    @property
    def shortened(self):
        return len(self.cleaned_data.get("q", "")) > MAX_QUERY_LENGTH

    def filter(self, articles):
        """`articles` narrowed by the filters that parsed."""
        data = self.cleaned_data
        if data.get("rubric"):
            articles = articles.descendant_of(data["rubric"])
        if data.get("language"):
            locales = Locale.objects.filter(language_code=data["language"])
            articles = articles.filter(locale__in=locales)
        if data.get("author"):
            articles = articles.filter(
                id__in=data["author"].article_links.values("page_id"),
            )
        if data.get("date_from"):
            articles = articles.filter(first_published_at__gte=_day_start(data["date_from"]))
        if data.get("date_to"):
            next_day = data["date_to"] + datetime.timedelta(days=1)
            articles = articles.filter(first_published_at__lt=_day_start(next_day))
        return articles

    def by_date(self):
        return self.cleaned_data.get("sort") == self.DATE


def _day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
