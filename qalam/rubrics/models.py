from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from qalam.articles.listing import paginate
from qalam.articles.models import ArticlePage


class RubricPage(Page):
    """A section of the paper, such as «Официально»: its articles, newest first."""

    description = models.TextField(_("description"), blank=True, max_length=1000)
    show_on_home = models.BooleanField(_("show a block on the home page"), default=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    template = "pages/rubric_page.html"

    content_panels = [*Page.content_panels, FieldPanel("description")]
    promote_panels = [*Page.promote_panels, FieldPanel("show_on_home")]

    class Meta:
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.published().in_rubric(self).newest_first().for_listing()
        context["articles"] = paginate(request, articles)
        return context
