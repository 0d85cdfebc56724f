from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from qalam.articles.models import StoryPage
from qalam.core.models import BasePage
from qalam.rubrics.models import RubricPage

LATEST_COUNT = 12
PER_RUBRIC = 4


class HomePage(BasePage):
    """The front page of one language edition: the lead story, the latest news and a block
    per rubric."""

    lead_article = models.ForeignKey(
        "articles.StoryPage",
        verbose_name=_("lead story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "An article of this edition that opens the home page. When empty, or when the "
            "article is not published, the newest article with a photo opens it."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("lead_article")]
    # A copy, such as the edition's translation, chooses a lead among its own articles.
    exclude_fields_in_copy = ["lead_article"]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["rubrics.RubricPage", "pages.SimplePage"]
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def clean(self):
        super().clean()
        if (
            self.lead_article_id
            and self.path
            and not StoryPage.objects.descendant_of(self).filter(pk=self.lead_article_id).exists()
        ):
            raise ValidationError({"lead_article": _("Choose an article of this edition.")})

    def front_page(self):
        """The lead story and the latest articles beside it, in one query whatever the
        editors chose: their lead when it is published in this edition, else the newest
        article with a photo (a front page opens with a picture), else the newest."""
        latest = StoryPage.objects.published().descendant_of(self).newest_first()
        if self.lead_article_id:
            latest = latest.newest_and(self.lead_article_id, LATEST_COUNT)
        articles = list(latest.for_listing()[: LATEST_COUNT + 1])
        chosen = next((a for a in articles if a.pk == self.lead_article_id), None)
        with_photo = next((a for a in articles if a.main_image_id), None)
        lead = chosen or with_photo or (articles[0] if articles else None)
        return lead, [a for a in articles if a is not lead][: LATEST_COUNT - 1]

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
        """The newest stories of every rubric shown on the home page, in one query whatever
        the number of stories (`StoryQuerySet.newest_per_rubric`). A window function
        ranking every story of the edition did the same in two, and its cost grew with the
        archive (docs/performance.md)."""
        shown = [rubric for rubric in rubrics if rubric.show_on_home]
        stories = StoryPage.objects.published().newest_per_rubric(shown, PER_RUBRIC)
        by_rubric = {}
        for story in stories.for_listing():
            by_rubric.setdefault(story.rubric_path, []).append(story)
        return [(rubric, by_rubric[rubric.path]) for rubric in shown if rubric.path in by_rubric]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        translations = list(self.get_translations().live().select_related("locale"))
        context["language_alternates"] = self.language_alternates(request, translations)
        context["lead_article"], context["latest_articles"] = self.front_page()
        rubrics = list(RubricPage.objects.published().child_of(self))
        context["rubric_blocks"] = self.rubric_blocks(rubrics)
        context["rubric_menu"] = [rubric for rubric in rubrics if rubric.show_in_menus]
        return context
