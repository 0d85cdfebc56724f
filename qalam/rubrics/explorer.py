"""A rubric's listing in Wagtail's page explorer: its articles with when they go out and who
wrote them, filtered by where they stand (live, scheduled, draft)."""

from django.db.models import CharField, Exists, F, OuterRef, Prefetch, prefetch_related_objects
from django.db.models.functions import Cast
from django.forms import RadioSelect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import (
    BulkActionsColumn,
    PageStatusColumn,
    PageTitleColumn,
    PageTypeColumn,
)
from wagtail.admin.views.pages.listing import ExplorableIndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, Revision

from django_filters.filters import ChoiceFilter

from qalam.articles.models import ArticleAuthor, StoryPage
from qalam.core.counting import TotalPaginator
from qalam.core.templatetags.qalam_tags import newsdate

from .models import RubricPage


def scheduled():
    """A revision of the page waits for its go-live time."""
    return Exists(
        Revision.page_revisions.filter(
            approved_go_live_at__isnull=False,
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
    )


class StatusFilter(ChoiceFilter):
    def filter(self, queryset, value):
        if value == "live":
            return queryset.filter(live=True)
        if value == "scheduled":
            return queryset.filter(scheduled())
        if value == "draft":
            return queryset.filter(live=False).exclude(scheduled())
        return queryset


class RubricFilterSet(PageFilterSet):
    status = StatusFilter(
        label=_("Status"),
        empty_label=_("Any"),
        choices=[("live", _("Live")), ("scheduled", _("Scheduled")), ("draft", _("Draft"))],
        widget=RadioSelect,
    )


def going_out(page):
    """When the page went out, or, scheduled, when it will."""
    return newsdate(page.first_published_at or page.go_live_at, "SHORT_DATETIME_FORMAT")


def bylines(page):
    links = getattr(page, "bylines", ())
    return ", ".join(link.author.name for link in links)


class RubricIndexView(ExplorableIndexView):
    paginator_class = TotalPaginator
    table_classname = "listing full-width rubric-listing"
    default_ordering = "-first_published_at"

    def order_queryset(self, queryset):
        # Newest first, and what has not gone out yet (drafts, scheduled) above it on every
        # database: PostgreSQL puts empty dates first when descending, SQLite last.
        if self.ordering == "-first_published_at" and not self.is_searching:
            return queryset.order_by(F("first_published_at").desc(nulls_first=True), "-pk")
        return super().order_queryset(queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The authors of the listed articles in one query, as Wagtail finds their parents.
        articles = [page for page in context["object_list"] if isinstance(page, StoryPage)]
        authors = ArticleAuthor.objects.select_related("author")
        prefetch_related_objects(
            articles, Prefetch("article_authors", queryset=authors, to_attr="bylines")
        )
        return context


class RubricListingViewSet(PageViewSet):
    """The explorer's view of a rubric. Wagtail hands a parent's listing to the viewset of
    the page type it holds; a rubric also holds sub-rubrics, so the listing itself stays one
    of pages, each shown as its own type."""

    model = StoryPage
    index_view_class = RubricIndexView
    filterset_class = RubricFilterSet
    columns = [
        BulkActionsColumn("bulk_actions"),
        PageTitleColumn("title", label=_("Title"), sort_key="title", classname="title"),
        Column(
            "published",
            label=_("Publication"),
            accessor=going_out,
            sort_key="first_published_at",
            classname="rubric-listing__date",
        ),
        Column("authors", label=_("Authors"), accessor=bylines),
        PageTypeColumn("type", label=_("Type"), accessor="page_type_display_name"),
        PageStatusColumn("status", label=_("Status"), sort_key="live"),
    ]

    @cached_property
    def parent_models(self):
        return [RubricPage]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(model=Page, **kwargs)
