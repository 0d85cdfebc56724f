from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page, PageManager, PageViewRestriction

from qalam.core.search_fields import page_search_fields

from .permissions import NewsroomPagePermissionTester
from .query import NewsPageQuerySet


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """What every page of a site shows around its content: the pictures, shared by its
    editions, and each edition's texts in its own language (`EditionSettings`)."""

    logo = models.ForeignKey(
        "images.QalamImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    placeholder_image = models.ForeignKey(
        "images.QalamImage",
        verbose_name=_("placeholder photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in the photo slot of an article that has no photo of its own."),
    )

    select_related = ["logo", "placeholder_image"]

    panels = [
        FieldPanel("logo"),
        FieldPanel("placeholder_image"),
        InlinePanel(
            "editions",
            heading=_("Language editions"),
            label=_("Edition"),
            help_text=_(
                "What the pages of each language edition show, written in its language. "
                "An edition without its own texts shows none."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def for_language(self, language_code):
        """The texts of one language edition; blank ones when the editors wrote none, so that
        an edition never shows another language's."""
        found = (
            self.editions.filter(locale__language_code=language_code)
            .select_related("corrections_policy", "ethics_policy", "masthead")
            .first()
        )
        return found or EditionSettings(settings=self)


def trust_page(verbose_name, help_text):
    """One of the pages an edition names for its readers' trust (linked from the footer)."""
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


class EditionSettings(models.Model):
    """The site's texts as one language edition shows them."""

    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="editions")
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
    tagline = models.CharField(
        _("tagline"),
        max_length=255,
        blank=True,
        help_text=_(
            "Follows the site's name in the home page's title and in the footer; the "
            "description of pages without their own."
        ),
    )
    placeholder_alt = models.CharField(
        _("placeholder alt text"),
        max_length=255,
        blank=True,
        default="",
        help_text=_("Read out instead of the placeholder photo, e.g. the site's name."),
    )
    footer_text = models.TextField(
        _("footer text"),
        blank=True,
        help_text=_("Publisher details, registration certificate, contacts."),
    )

    corrections_policy = trust_page(
        _("corrections policy"), _("The page that says how the newsroom corrects its mistakes.")
    )
    ethics_policy = trust_page(
        _("ethics policy"), _("The page with the newsroom's editorial standards.")
    )
    masthead = trust_page(
        _("masthead"), _("The page that names the editors and how to reach them.")
    )

    panels = [
        FieldPanel("locale"),
        FieldPanel("tagline"),
        FieldPanel("placeholder_alt"),
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [
                PageChooserPanel("corrections_policy"),
                PageChooserPanel("ethics_policy"),
                PageChooserPanel("masthead"),
            ],
            heading=_("Trust"),
            help_text=_("Linked from the footer and named to search engines."),
        ),
    ]

    class Meta:
        verbose_name = _("edition settings")
        verbose_name_plural = _("edition settings")
        ordering = ["locale_id"]  # the default language first, then as the editions were made
        constraints = [
            models.UniqueConstraint(
                fields=["settings", "locale"], name="core_one_edition_settings_per_language"
            )
        ]

    def __str__(self):
        return str(self.locale)


class BasePage(Page):
    """What every public page type of Qalam shares."""

    objects = PageManager.from_queryset(NewsPageQuerySet)()
    search_fields = page_search_fields()

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return NewsroomPagePermissionTester(user, self)

    def language_alternates(self, request, translations):
        """hreflang links to this page and its translations, when it has any."""
        if not translations:
            return []
        pages = [(get_language(), self), *((t.locale.language_code, t) for t in translations)]
        return [
            {"language": code, "url": request.build_absolute_uri(page.get_url(request))}
            for code, page in sorted(pages, key=lambda pair: pair[0])
        ]

    def with_content_json(self, content):
        """The page as a revision holds it, less a go-live time that has passed: such a time
        schedules nothing (publishing the revision publishes it at once), and left in place
        Wagtail's status panel would announce it as a schedule to come on every later draft."""
        page = super().with_content_json(content)
        if page.go_live_at and page.go_live_at <= timezone.now():
            page.go_live_at = None
        return page

    def get_view_restrictions(self):
        """Wagtail's answer in one query instead of two: the ancestors' paths are the
        prefixes of this page's path, and an alias takes its source page's restrictions."""
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)
        ).distinct()


class WorkerBeat(models.Model):
    """That a `qalam worker` process was alive at `seen_at` (core/workers.py): a task left
    running by a worker that stopped beating is run again."""

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    host = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))
    seen_at = models.DateTimeField(_("seen at"))

    class Meta:
        verbose_name = _("worker beat")
        verbose_name_plural = _("worker beats")

    def __str__(self):
        return self.worker_id
