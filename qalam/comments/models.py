from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

MAX_TEXT_LENGTH = 5000
WEB_SCHEMES = ["http", "https"]

# What the public page reads of a comment: never the email, IP hash or user agent.
PUBLIC_FIELDS = ("pk", "article_id", "parent_id", "author_name", "url", "text", "created_at")


class Status(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Approved")
    SPAM = "spam", _("Spam")
    REJECTED = "rejected", _("Rejected")


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Status.APPROVED)

    def pending(self):
        return self.filter(status=Status.PENDING)

    def for_page(self, article):
        """The approved comments of an article, oldest first, with public fields only."""
        return (
            self.approved()
            .filter(article=article)
            .only(*PUBLIC_FIELDS)
            .order_by("created_at", "pk")
        )

    def from_trusted_email(self, email):
        return self.approved().filter(email=email.casefold())

    def pending_first(self):
        return self.annotate(
            pending_rank=models.Case(
                models.When(status=Status.PENDING, then=0),
                default=1,
                output_field=models.IntegerField(),
            )
        )


class Comment(models.Model):
    article = models.ForeignKey(
        "articles.StoryPage",
        verbose_name=_("article"),
        related_name="reader_comments",
        on_delete=models.CASCADE,
    )
    # Replies are one level deep: a reply to a reply hangs under the top-level comment.
    # Deleting a comment keeps its replies, which then stand on their own.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        related_name="replies",
        on_delete=models.SET_NULL,
    )
    author_name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email"), help_text=_("Never shown outside the admin."))
    url = models.URLField(
        _("website"), max_length=200, blank=True, validators=[URLValidator(schemes=WEB_SCHEMES)]
    )
    text = models.TextField(_("comment"), max_length=MAX_TEXT_LENGTH)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    moderation_reason = models.CharField(
        _("why it was held"),
        max_length=255,
        blank=True,
        help_text=_("The rule that held the comment for moderation or marked it spam."),
    )
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)
    ip_hash = models.CharField(
        _("IP hash"),
        max_length=64,
        blank=True,
        help_text=_("A keyed hash of the sender's IP address; the address itself is not kept."),
    )
    user_agent = models.CharField(_("browser"), max_length=255, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"]),
            models.Index(fields=["status", "-created_at"]),
            models.Index(fields=["email", "status"]),
        ]

    def __str__(self):
        # Shown in admin headings and history: the email stays out of it.
        return f"{self.author_name}: {Truncator(self.text).chars(60)}"

    def save(self, *args, **kwargs):
        self.email = self.email.casefold()
        super().save(*args, **kwargs)

    @property
    def excerpt(self):
        return Truncator(self.text).chars(200)


class Block(models.Model):
    """A sender editors no longer accept comments from."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("Email address")
        IP_HASH = "ip_hash", _("IP hash")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = models.CharField(
        _("value"),
        max_length=254,
        help_text=_("The email address, or the IP hash shown on a comment."),
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("blocked at"), default=timezone.now)

    class Meta:
        verbose_name = _("blocked sender")
        verbose_name_plural = _("blocked senders")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="unique_comment_block")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    def save(self, *args, **kwargs):
        self.value = self.value.strip()
        if self.kind == self.Kind.EMAIL:
            self.value = self.value.casefold()
        super().save(*args, **kwargs)

    @classmethod
    def is_blocked(cls, email, ip_hash):
        senders = models.Q(kind=cls.Kind.EMAIL, value=email.casefold())
        if ip_hash:
            senders |= models.Q(kind=cls.Kind.IP_HASH, value=ip_hash)
        return cls.objects.filter(senders).exists()


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
    """How long a site's articles take comments and which words hold or reject one, beside
    the rules that settings/base.py reads from the environment."""

    close_after_days = models.PositiveIntegerField(
        _("close comments after (days)"),
        null=True,
        blank=True,
        help_text=_(
            "Articles stop taking comments this many days after publication. Empty: never."
        ),
    )
    stop_words = models.TextField(
        _("words that hold a comment"),
        blank=True,
        help_text=_("One word or phrase a line. A comment containing one waits for an editor."),
    )
    spam_words = models.TextField(
        _("words that mark spam"),
        blank=True,
        help_text=_("One word or phrase a line. A comment containing one goes to spam."),
    )

    class Meta:
        verbose_name = _("comments")
