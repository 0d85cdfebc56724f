from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from qalam.articles.models import ArticlePage
from qalam.core.models import BasePage
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
        """The newest articles of every rubric shown on the home page, in one query whatever
        the number of articles: per rubric, its newest few, each found through the index on
        the publication date (or the path, for a small rubric), joined with UNION ALL.

        A window function ranking every article of the edition did the same in two queries,
        and its cost grew with the archive (most of the page's SQL; docs/performance.md).
        The per-rubric query is the ORM's published listing, compiled once: the rubrics are
        siblings, so their queries differ only in the path prefix, and compiling one queryset
        a rubric was a cost of its own. Only the union is written here, because the ORM
        does not slice the parts of a union on SQLite."""
        shown = [rubric for rubric in rubrics if rubric.show_on_home]
        if not shown:
            return []
        first = shown[0]
        newest = (
            ArticlePage.objects.published()
            .filter(path__startswith=first.path, depth=first.depth + 1)
            .newest_first()
            .values("pk")[:PER_RUBRIC]
        )
        sql, first_params = newest.query.sql_with_params()
        prefix = first_params.index(f"{first.path}%")  # paths are digits: nothing escaped
        parts, params = [], []
        for number, rubric in enumerate(shown):
            parts.append(f"SELECT * FROM ({sql}) AS newest{number}")  # noqa: S608
            own = list(first_params)
            own[prefix] = f"{rubric.path}%"
            params.extend(own)
        newest_ids = RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611 (compiled by the ORM)
        articles = ArticlePage.objects.filter(pk__in=newest_ids).newest_first().for_listing()
        by_rubric = {}
        for article in articles:
            by_rubric.setdefault(article.rubric_path, []).append(article)
        return [(rubric, by_rubric[rubric.path]) for rubric in shown if rubric.path in by_rubric]

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
        return context
