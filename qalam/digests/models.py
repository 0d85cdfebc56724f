"""Readers who asked for the morning email, the digests each edition sends, and one delivery
row a digest and subscriber, which is what keeps a send from reaching anyone twice."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable


def edition_field():
    return models.CharField(_("edition"), max_length=8, choices=settings.LANGUAGES)


class SubscriberQuerySet(models.QuerySet):
    def receiving(self, language):
        return self.filter(language=language, status=Subscriber.Status.ACTIVE)


class Subscriber(models.Model):
    """An address kept for the digest only: shown in the admin, nowhere else."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        ACTIVE = "active", _("subscribed")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")
        BOUNCED = "bounced", _("address refused mail")
        COMPLAINED = "complained", _("marked the digest as spam")

    email = models.EmailField(_("email"), max_length=254)
    language = edition_field()
    rubrics = models.ManyToManyField(
        "rubrics.RubricPage",
        verbose_name=_("rubrics"),
        blank=True,
        related_name="+",
        help_text=_("None chosen: every story of the day."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("subscribed at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("digest subscriber")
        verbose_name_plural = _("digest subscribers")
        constraints = [
            models.UniqueConstraint("email", "language", name="one_subscription_an_edition")
        ]
        indexes = [models.Index(fields=["language", "status"])]

    def __str__(self):
        return f"{self.email} ({self.language})"


class DigestSchedule(models.Model):
    """When an edition's digest goes out, in the site's time zone (TIME_ZONE)."""

    language = edition_field()
    send_at = models.TimeField(_("send at"), default=datetime.time(7, 0))
    enabled = models.BooleanField(
        _("send every morning"),
        default=True,
        help_text=_("Off: the digest goes only when sent by hand (qalam send_digest)."),
    )

    panels = [FieldPanel("language"), FieldPanel("send_at"), FieldPanel("enabled")]

    class Meta:
        verbose_name = _("digest schedule")
        verbose_name_plural = _("digest schedules")
        constraints = [models.UniqueConstraint("language", name="one_schedule_an_edition")]

    def __str__(self):
        return f"{self.get_language_display()} {self.send_at:%H:%M}"


class DigestQuerySet(models.QuerySet):
    def sent(self):
        return self.filter(sent_at__isnull=False).order_by("-date")


class Digest(ClusterableModel):
    """One edition's email of one day. Editors may make it ahead of the send to pin stories
    and write an intro; otherwise the send makes it. `contents` is what was sent, kept for
    the web archive."""

    language = edition_field()
    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("intro"), blank=True, max_length=2000)
    contents = models.JSONField(_("stories sent"), default=list, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, editable=False)
    objects = DigestQuerySet.as_manager()

    panels = [
        FieldPanel("language"),
        FieldPanel("date"),
        FieldPanel("intro"),
        InlinePanel("pins", label=_("Pinned story"), heading=_("Pinned stories, first")),
    ]

    class Meta:
        verbose_name = _("digest issue")
        verbose_name_plural = _("digest issues")
        constraints = [models.UniqueConstraint("language", "date", name="one_digest_a_day")]

    def __str__(self):
        return f"{self.get_language_display()} {self.date:%Y-%m-%d}"


class DigestPin(Orderable):
    digest = ParentalKey(Digest, on_delete=models.CASCADE, related_name="pins")
    story = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("story"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("story", page_type="articles.StoryPage")]


class Delivery(models.Model):
    """Written before its message goes (`sending.py`): a row without `sent_at` belongs to a
    send that stopped between the two, and is never sent again (docs/distribution.md)."""

    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    run = models.UUIDField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint("digest", "subscriber", name="one_delivery_a_subscriber")
        ]

    def __str__(self):
        return f"{self.digest} → {self.subscriber_id}"
