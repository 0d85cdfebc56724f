"""Listings that count their items as «Всего: 4». Wagtail writes the number before the
model's plural name («4 авторы»), which Russian and Kazakh decline by the number; its
paginator builds that label outside the catalogue, so Qalam's listings use their own."""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from wagtail.admin.paginator import WagtailPaginator
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet


class TotalPaginator(WagtailPaginator):
    @cached_property
    def items_count_label(self):
        return _("Total: %(count)s") % {"count": intcomma(self.count)}


class CountingChooseView(ChooseView):
    paginator_class = TotalPaginator


class CountingChooseResultsView(ChooseResultsView):
    paginator_class = TotalPaginator


class CountingChooserViewSet(SnippetChooserViewSet):
    choose_view_class = CountingChooseView
    choose_results_view_class = CountingChooseResultsView


class CountingSnippetViewSet(SnippetViewSet):
    """A snippet's listing and chooser, counting with `TotalPaginator`."""

    chooser_viewset_class = CountingChooserViewSet

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(paginator_class=TotalPaginator, **kwargs)
