import logging

from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import AbstractImage, AbstractRendition, Filter, Image

from qalam.core.storage import MediaFull

logger = logging.getLogger(__name__)

# Sent with the image as sender after new renditions of it were made, in bulk or one at a
# time (Wagtail makes several at once with `bulk_create`, which sends no `post_save`).
renditions_created = Signal()


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

    def create_renditions(self, *filters):
        """One at a time, each file and its row together. Wagtail's makes several files in
        threads and saves their rows at once: on a full disk the files written before the one
        that found no room would stay behind, with no row."""
        renditions, made = {}, False
        for filter in filters:
            try:
                renditions[filter] = super().create_rendition(filter)
                made = True
            except MediaFull as error:
                renditions[filter] = self.original_in_place_of(filter, error)
        if made:
            renditions_created.send(sender=self)
        return renditions

    def create_rendition(self, filter):
        try:
            rendition = super().create_rendition(filter)
        except MediaFull as error:
            return self.original_in_place_of(filter, error)
        renditions_created.send(sender=self)
        return rendition

    def original_in_place_of(self, filter, error):
        """While the media disk is full, a rendition that could not be written: the original
        photo at its own size, so that the page is still served (a reader must not get an
        error for an editor's full disk). It is kept nowhere: marked as read from the cache,
        which tells Wagtail not to store it there, and never saved, so the first page made
        once there is room again makes the real rendition."""
        logger.warning("photo %s shown as its original: %s", self.pk, error)
        rendition = self.get_rendition_model()(
            image=self,
            filter_spec=filter.spec,
            focal_point_key=filter.get_cache_key(self),
            width=self.width,
            height=self.height,
        )
        rendition.file.name = self.file.name
        rendition._from_cache = True
        return rendition

    def get_rendition(self, filter):
        """Wagtail's, without writing back to the cache a rendition just read from it (Wagtail
        8.0 does so on every call; a later Wagtail release fixes it)."""
        filter = self.clean_filter_for_svg(
            Filter(spec=filter) if isinstance(filter, str) else filter
        )
        rendition = self.find_existing_renditions(filter).get(filter)
        if rendition is None:
            rendition = self.create_rendition(filter)
            self._add_to_prefetched_renditions(rendition)  # as Wagtail's: reused by this object
        if not getattr(rendition, "_from_cache", False):
            key = rendition.construct_cache_key(self, filter.get_cache_key(self), filter.spec)
            rendition.cache_backend.set(key, rendition)
        return rendition

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class QalamRendition(AbstractRendition):
    image = models.ForeignKey(QalamImage, on_delete=models.CASCADE, related_name="renditions")

    def __setstate__(self, state):
        """A rendition read back from a cache is marked as such, so that Wagtail's
        `get_renditions` does not store it again. Wagtail 8.0 marks only prefetched ones and
        writes the others back on every page view (docs/performance.md)."""
        super().__setstate__(state)
        self._from_cache = True

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
