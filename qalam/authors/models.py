from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.search import index

from qalam.core.api_fields import AbsoluteURLField
from qalam.lang.slugs import free_slug, latin_slug


class Author(index.Indexed, models.Model):
    """A byline: a staff journalist, a correspondent or an agency."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("The author's address on the site; made from the name when left empty."),
    )
    role = models.CharField(
        _("role"), max_length=255, blank=True, help_text=_("e.g. «обозреватель»")
    )
    photo = models.ForeignKey(
        "images.QalamImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("short bio"), blank=True, max_length=2000)
    # Never in the API or on a page: which account writes under a byline is the newsroom's.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="byline",
        help_text=_(
            "The newsroom account that writes under this byline: drafts made for its "
            "assignments carry this byline. Empty for correspondents and agencies."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("user"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    api_fields = [
        APIField("name"),
        APIField("slug"),
        APIField("role"),
        APIField("bio"),
        APIField("photo", serializer=ImageRenditionField("fill-160x160")),
        APIField("url", serializer=AbsoluteURLField()),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("authors:detail", args=[self.slug])

    def unique_slug(self):
        base = latin_slug(self.name, max_length=90)
        others = Author.objects.filter(slug__startswith=base).exclude(pk=self.pk)
        return free_slug(base, set(others.values_list("slug", flat=True)))
