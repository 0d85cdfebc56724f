from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page

from qalam.articles.blocks import ArticleBodyBlock
from qalam.core.forms import PageForm
from qalam.core.models import BasePage
from qalam.core.search_fields import AnalysedField, page_search_fields


class SimplePage(BasePage):
    """A page outside the rubrics, such as «О редакции» or «Контакты»: a title and a body."""

    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["home.HomePage", "pages.SimplePage"]
    subpage_types = ["pages.SimplePage"]
    template = "pages/simple_page.html"
    base_form_class = PageForm

    content_panels = [*Page.content_panels, FieldPanel("body")]
    api_fields = [APIField("body")]
    search_fields = page_search_fields(AnalysedField("body"))

    class Meta:
        verbose_name = _("simple page")
        verbose_name_plural = _("simple pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        translations = list(self.get_translations().live().select_related("locale"))
        context["language_alternates"] = self.language_alternates(request, translations)
        return context
