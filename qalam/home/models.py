from django.db.models import F, Window
from django.db.models.functions import RowNumber, Substr
from django.utils.translation import gettext_lazy as _

from qalam.articles.models import ArticlePage
from qalam.core.chrome import site_chrome
from qalam.core.models import BasePage
from qalam.feeds import structured_data
from qalam.rubrics.models import RubricPage

LATEST_COUNT = 12
PER_RUBRIC = 4


class HomePage(BasePage):
    """The front page of one language edition: the latest news and a block per rubric."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["rubrics.RubricPage", "pages.SimplePage"]
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def route(self, request, path_components):
        """Rubrics are most of a home page's children: find one in a single query."""
        if path_components:
            rubric = (
                RubricPage.objects.live().child_of(self).filter(slug=path_components[0]).first()
            )
            if rubric is not None:
                return rubric.route(request, path_components[1:])
        return super().route(request, path_components)

    def rubric_blocks(self, rubrics):
        """The newest articles of every rubric, in two queries whatever the number of rubrics
        or articles: their ids, ranked within each rubric over narrow rows, then the rows a
        listing shows. One query ranking full rows sorted the whole edition on disk."""
        rubric_path_length = (self.depth + 1) * self.steplen
        newest = (
            ArticlePage.objects.published()
            .descendant_of(self)
            .annotate(
                position=Window(
                    RowNumber(),
                    partition_by=Substr("path", 1, rubric_path_length),
                    order_by=[F("first_published_at").desc(), F("pk").desc()],
                ),
            )
            .filter(position__lte=PER_RUBRIC)
            .values_list("pk", flat=True)
        )
        articles = ArticlePage.objects.filter(pk__in=list(newest)).newest_first().for_listing()
        by_rubric = {}
        for article in articles:
            by_rubric.setdefault(article.rubric_path, []).append(article)
        return [
            (rubric, by_rubric[rubric.path])
            for rubric in rubrics
            if rubric.show_on_home and rubric.path in by_rubric
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        translations = list(self.get_translations().live().select_related("locale"))
        context["language_alternates"] = self.language_alternates(request, translations)
        latest = list(
            ArticlePage.objects.published()
            .descendant_of(self)
            .newest_first()
            .for_listing()[:LATEST_COUNT]
        )
        rubrics = list(RubricPage.objects.published().child_of(self))
        # The lead story is the newest with a photo; a front page opens with a picture.
        lead = next((a for a in latest if a.main_image_id), latest[0] if latest else None)
        context["lead_article"] = lead
        context["latest_articles"] = [a for a in latest if a is not lead]
        context["rubric_blocks"] = self.rubric_blocks(rubrics)
        context["rubric_menu"] = [rubric for rubric in rubrics if rubric.show_in_menus]
        context["structured_data"] = structured_data.website(
            request, site_chrome(request)["settings"], self
        )
        return context
