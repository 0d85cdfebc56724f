import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from qalam.authors.models import Author
from qalam.rubrics.models import RubricPage

from .query import MAX_QUERY_LENGTH


class RubricChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, rubric):
        return f"{rubric.title} ({rubric.locale.language_code})"


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
    author = forms.ModelChoiceField(
        label=_("Author"),
        required=False,
        empty_label=_("All authors"),
        queryset=Author.objects.order_by("name"),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
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
