from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from qalam.articles.listing import paginate
from qalam.articles.models import StoryPage
from qalam.core.forms import PageForm
from qalam.core.models import BasePage


def menu(language_code):
    """The top rubrics of one language edition that are shown in menus, in the tree's order
    (`core.chrome`)."""
    return list(
        RubricPage.objects.published()
        .in_menu()
        .in_language(language_code)
        .filter(depth=3)
        .order_by("path")
    )


def rubrics_of(stories):
    """The rubric of each of these stories, by its path, in one query."""
    paths = {story.rubric_path for story in stories}
    return {rubric.path: rubric for rubric in RubricPage.objects.filter(path__in=paths)}


class RubricPage(BasePage):
    """A section of the paper, such as «Официально»: its articles, newest first, with those
    of its sub-rubrics («Экономика» → «Финансы»)."""

    description = models.TextField(_("description"), blank=True, max_length=1000)
    show_on_home = models.BooleanField(_("show a block on the home page"), default=True)

    parent_page_types = ["home.HomePage", "rubrics.RubricPage"]
    # Not listed: a rubric takes sub-rubrics and every story type, each of which names the
    # rubric among its `parent_page_types`, so a new type needs no edit here.
    template = "pages/rubric_page.html"
    base_form_class = PageForm

    content_panels = [*Page.content_panels, FieldPanel("description")]
    api_fields = [APIField("description")]
    promote_panels = [*Page.promote_panels, FieldPanel("show_on_home")]

    class Meta:
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")

    def route(self, request, path_components):
        """Finds the story, as its own type, in one query and hands it this rubric, which
        its page shows; a sub-rubric is looked for only when no story has the slug, and a
        page of any other type only when neither has it."""
        if not path_components:
            return super().route(request, path_components)
        slug, rest = path_components[0], path_components[1:]
        if not rest:
            story = (
                StoryPage.objects.live()
                .child_of(self)
                .filter(slug=slug)
                .first_as_its_type("main_image", "locale")
            )
            if story is not None:
                return RouteResult(story, kwargs={"rubric": self})
        subrubric = RubricPage.objects.live().child_of(self).filter(slug=slug).first()
        if subrubric is not None:
            return subrubric.route(request, rest)
        # Any other live child, as Wagtail finds one.
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        translations = list(self.get_translations().live().select_related("locale"))
        context["language_alternates"] = self.language_alternates(request, translations)
        articles = StoryPage.objects.published().in_rubric(self).newest_first().for_listing()
        context["articles"] = paginate(request, articles)
        context["subrubrics"] = RubricPage.objects.published().child_of(self)
        return context
