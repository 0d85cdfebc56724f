from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import AbstractImage, AbstractRendition, Image


class QalamImage(AbstractImage):
    """A newsroom photo: what it shows (alt text), the caption printed under it and who
    holds the rights (credit)."""

    description = models.CharField(
        _("alt text"),
        max_length=255,
        blank=True,
        default="",
        help_text=_("What the photo shows, for readers who cannot see it."),
    )
    caption = models.CharField(
        _("caption"),
        max_length=500,
        blank=True,
        help_text=_("Printed under the photo."),
    )
    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_("Photographer or agency, e.g. «Фото: Акорда»."),
    )

    admin_form_fields = (*Image.admin_form_fields, "caption", "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class QalamRendition(AbstractRendition):
    image = models.ForeignKey(QalamImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
