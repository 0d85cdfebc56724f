from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

import django_filters

from qalam.articles.models import StoryPage

from .models import Comment, Status


def commented_articles(request):
    # Only articles that have comments: a newsroom has far too many articles to list.
    return StoryPage.objects.filter(reader_comments__isnull=False).distinct().order_by("title")


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=Status.choices)
    article = django_filters.ModelChoiceFilter(label=_("article"), queryset=commented_articles)
    created_at = django_filters.DateFromToRangeFilter(
        label=_("posted at"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Comment
        fields = ["status", "article", "created_at"]
