from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedObject(models.Model):
    """What an import made of one thing of its source (a WordPress site's post, comment,
    category…), so that importing the same source again updates it instead of making
    another, and leaves alone what did not change."""

    source = models.CharField(_("source"), max_length=255, help_text=_("e.g. wordpress:news.kz"))
    kind = models.CharField(_("kind"), max_length=20, help_text=_("e.g. post, comment"))
    external_id = models.PositiveBigIntegerField(_("ID in the source"))
    object_id = models.PositiveBigIntegerField(_("ID in Qalam"))
    digest = models.CharField(
        _("digest"), max_length=40, blank=True, help_text=_("Of what was imported last time.")
    )

    class Meta:
        verbose_name = _("imported object")
        verbose_name_plural = _("imported objects")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "external_id"], name="unique_imported_object"
            )
        ]

    def __str__(self):
        return f"{self.source} {self.kind} {self.external_id} → {self.object_id}"
