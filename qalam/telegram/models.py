from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .config import CHANNEL
from .panels import SettingsStatusPanel


@register_setting(icon="mail")
class TelegramSettings(ClusterableModel, BaseSiteSetting):
    """The editions' Telegram channels; the bot's token comes only from the environment."""

    panels = [
        SettingsStatusPanel(heading=_("State")),
        InlinePanel(
            "channels",
            heading=_("Channels"),
            label=_("Channel"),
            help_text=_(
                "One channel an edition. A channel named in QALAM_TELEGRAM_CHANNELS takes the "
                "place of the one written here."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("Telegram")

    def channel(self, language):
        return self.channels.filter(locale__language_code=language).first()


def validate_channel(value):
    if not CHANNEL.fullmatch(value):
        raise ValidationError(
            _(
                "Write the channel as @username (5 to 32 letters, digits and underscores) or as "
                "its numeric id, which starts with -100."
            )
        )


class TelegramChannel(models.Model):
    FORMATS = [
        ("photo", _("Photo with caption (text with a link preview when there is no photo)")),
        ("text", _("Text with a link preview")),
    ]

    settings = ParentalKey(TelegramSettings, on_delete=models.CASCADE, related_name="channels")
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("edition"), on_delete=models.CASCADE, related_name="+"
    )
    channel = models.CharField(
        _("channel"),
        max_length=40,
        validators=[validate_channel],
        help_text=_("e.g. @qalam_news. The bot must be an administrator of the channel."),
    )
    enabled = models.BooleanField(_("post new stories"), default=True)
    post_format = models.CharField(
        _("post format"), max_length=10, choices=FORMATS, default="photo"
    )

    panels = [
        FieldPanel("locale"),
        FieldPanel("channel"),
        FieldPanel("enabled"),
        FieldPanel("post_format"),
    ]

    class Meta:
        verbose_name = _("Telegram channel")
        ordering = ["locale_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["settings", "locale"], name="telegram_one_channel_an_edition"
            )
        ]

    def __str__(self):
        return self.channel


class StoryChoice(models.Model):
    """The editor's word on one story's post, kept in its revisions like the rest of it."""

    MODES = [
        ("post", _("Post with a notification")),
        ("silent", _("Post silently (no notification)")),
        ("off", _("Do not post")),
    ]

    page = ParentalKey(
        "articles.StoryPage", on_delete=models.CASCADE, related_name="telegram_choice"
    )
    mode = models.CharField(_("Telegram post"), max_length=10, choices=MODES, default="post")

    panels = [FieldPanel("mode")]

    class Meta:
        verbose_name = _("Telegram post")
        verbose_name_plural = _("Telegram post")

    def __str__(self):
        return self.get_mode_display()


class Post(models.Model):
    """A story's message in a channel: one a story and channel, whatever the number of
    publications and workers (the constraint)."""

    class State(models.TextChoices):
        POSTED = "posted", _("posted")
        FAILED = "failed", _("not sent")
        DELETED = "deleted", _("deleted")

    story = models.ForeignKey("articles.StoryPage", on_delete=models.CASCADE, related_name="+")
    chat = models.CharField(max_length=40)
    message_id = models.BigIntegerField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.POSTED)
    # What the message shows now, so a publication that changed none of it edits nothing.
    text = models.TextField(blank=True)
    photo_id = models.PositiveIntegerField(null=True, blank=True)
    # The last refusal of the Bot API, shown to editors; empty when the last call went through.
    error = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "chat"], name="telegram_one_post_a_story")
        ]

    def __str__(self):
        return f"{self.chat}/{self.message_id}"

    @property
    def link(self):
        from .config import public_link

        return public_link(self.chat, self.message_id) if self.message_id else ""
