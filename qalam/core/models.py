from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page, PageManager, PageViewRestriction

from qalam.search.index import page_search_fields

from .query import NewsPageQuerySet


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What every page of a site shows around its content."""

    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
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

    close_comments_after_days = models.PositiveIntegerField(
        _("close comments after (days)"),
        null=True,
        blank=True,
        help_text=_(
            "Articles stop taking comments this many days after publication. Empty: never."
        ),
    )
    comment_stop_words = models.TextField(
        _("words that hold a comment"),
        blank=True,
        help_text=_("One word or phrase a line. A comment containing one waits for an editor."),
    )
    comment_spam_words = models.TextField(
        _("words that mark spam"),
        blank=True,
        help_text=_("One word or phrase a line. A comment containing one goes to spam."),
    )

    select_related = ["logo", "placeholder_image"]

    panels = [
        FieldPanel("tagline"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [FieldPanel("placeholder_image"), FieldPanel("placeholder_alt")],
            heading=_("Article without a photo"),
        ),
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [
                FieldPanel("close_comments_after_days"),
                FieldPanel("comment_stop_words"),
                FieldPanel("comment_spam_words"),
            ],
            heading=_("Reader comments"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")


class BasePage(Page):
    """What every public page type of Qalam shares."""

    objects = PageManager.from_queryset(NewsPageQuerySet)()
    search_fields = page_search_fields()

    class Meta:
        abstract = True

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
