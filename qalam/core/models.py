from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


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

    panels = [
        FieldPanel("tagline"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [FieldPanel("placeholder_image"), FieldPanel("placeholder_alt")],
            heading=_("Article without a photo"),
        ),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("site settings")
