from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taggit.models import TagBase

from qalam.lang.slugs import latin_slug


class Tag(TagBase):
    """A topic such as «Туркменистан». Its slug is Latin so tag URLs read well anywhere."""

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def slugify(self, tag, i=None):
        slug = latin_slug(tag, max_length=90)
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self):
        return reverse("tags:detail", args=[self.slug])
