"""The daily budget (планирование): the stories a newsroom plans, by desk, day and language,
and each user's secret calendar address (docs/budget.md)."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale


class Status(models.TextChoices):
    IDEA = "idea", _("idea")
    ASSIGNED = "assigned", _("assigned")
    IN_PROGRESS = "in_progress", _("in progress")
    IN_REVIEW = "in_review", _("in review")
    READY = "ready", _("ready")
    PUBLISHED = "published", _("published")
    SPIKED = "spiked", _("spiked")


# How far along a story is: the article's own events only move it forward (a publication
# followed by the workflow's approval leaves it published), save the two that send it back.
PROGRESS = [
    Status.IDEA,
    Status.ASSIGNED,
    Status.IN_PROGRESS,
    Status.IN_REVIEW,
    Status.READY,
    Status.PUBLISHED,
]
# Past their deadline these no longer need anyone: neither late nor in anyone's assignments.
DONE = [Status.READY, Status.PUBLISHED, Status.SPIKED]
FINISHED = [Status.PUBLISHED, Status.SPIKED]
# How many of a deleted desk's plans the delete questions list.
SHOWN_WHEN_DELETING = 100


def local_today():
    return timezone.localdate()


class PlannedQuerySet(models.QuerySet):
    def on_day(self, day):
        return self.filter(slot_date=day)

    def in_desk(self, rubric):
        """The items of a desk: its rubric and the rubrics under it."""
        return self.filter(desk__path__startswith=rubric.path)

    def in_subtrees(self, pages):
        query = Q()
        for page in pages:
            query |= Q(desk__path__startswith=page.path)
        return self.filter(query) if query else self.none()

    def left_by_deleting(self, pages):
        """The plans that deleting `pages` leaves without a desk: theirs and their
        sub-rubrics'."""
        return self.in_subtrees(pages).select_related("desk")

    def left_over(self, day, days_back=7):
        """Plans of the days before `day` (a week at most) that never got ready: the board of
        the day offers to carry them over."""
        since = day - datetime.timedelta(days=days_back)
        return self.filter(slot_date__lt=day, slot_date__gte=since).exclude(status__in=DONE)

    def open(self):
        return self.exclude(status__in=FINISHED)

    def overdue(self, now=None):
        return self.filter(deadline__lt=now or timezone.now()).exclude(status__in=DONE)

    def for_board(self):
        return (
            self.select_related("desk", "desk__locale")
            .prefetch_related(
                models.Prefetch("languages", queryset=Locale.objects.order_by("pk")),
                "assignees",
                "stories",
                "stories__locale",
            )
            .order_by(
                "desk__path",
                models.F("slot_time").asc(nulls_last=True),
                models.F("deadline").asc(nulls_last=True),
                "pk",
            )
        )


class PlannedStory(models.Model):
    """A story a desk plans for a day: what, in which languages, by whom, by when, and the
    article pages it became."""

    title = models.CharField(
        _("working title"),
        max_length=255,
        help_text=_("What the story is about, for the desk; the headline comes later."),
    )
    desk = models.ForeignKey(
        "rubrics.RubricPage",
        verbose_name=_("desk"),
        null=True,
        blank=True,
        # Deleting a rubric keeps its plans: the admin asks first and lists them
        # (wagtail_hooks.confirm_deleting_a_desk), and `former_desk` keeps the rubric's name.
        on_delete=models.SET_NULL,
        related_name="planned_stories",
        help_text=_("The rubric the story will be published in."),
    )
    former_desk = models.CharField(
        _("deleted desk"),
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("The name of the desk's rubric, kept when the rubric was deleted."),
    )
    languages = models.ManyToManyField(
        "wagtailcore.Locale",
        verbose_name=_("languages"),
        related_name="+",
        help_text=_("The editions the story is wanted in."),
    )
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignees"),
        blank=True,
        related_name="planned_stories",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IDEA
    )
    deadline = models.DateTimeField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("When the copy is due to the desk editor."),
    )
    slot_date = models.DateField(
        _("publication day"), default=local_today, help_text=_("The day the story is planned for.")
    )
    slot_time = models.TimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("Leave empty for «some time that day»."),
    )
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    stories = models.ManyToManyField(
        "articles.StoryPage",
        verbose_name=_("articles"),
        blank=True,
        related_name="planned_as",
        help_text=_("The article pages the plan became, one per language."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PlannedQuerySet.as_manager()

    class Meta:
        verbose_name = _("planned story")
        verbose_name_plural = _("planned stories")
        ordering = ["slot_date", "slot_time", "pk"]
        indexes = [models.Index(fields=["slot_date", "status"])]

    def __str__(self):
        return self.title

    @property
    def slot(self):
        """The planned publication as a moment in the newsroom's time zone (the start of the
        day when no time is set)."""
        moment = datetime.datetime.combine(self.slot_date, self.slot_time or datetime.time())
        return timezone.make_aware(moment)

    def is_overdue(self, now=None):
        return (
            self.deadline is not None
            and self.deadline < (now or timezone.now())
            and self.status not in DONE
        )

    @property
    def desk_name(self):
        return self.desk.title if self.desk_id else self.former_desk


class CalendarKey(models.Model):
    """The secret in a user's calendar address (`budget/urls.py`): a calendar app cannot sign
    in, so whoever holds the address reads the budget. A new key makes the old address stop
    working; a deactivated user's address answers 404, a deleted user's key goes with them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="budget_calendar_key",
    )
    key = models.CharField(_("key"), max_length=64, unique=True, editable=False)
    issued_at = models.DateTimeField(_("issued at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar key")
        verbose_name_plural = _("calendar keys")

    def __str__(self):
        return str(self.user)

    @staticmethod
    def new_key():
        return secrets.token_urlsafe(32)

    @classmethod
    def issue(cls, user):
        """A new key for the user, replacing the one they had."""
        key, _created = cls.objects.update_or_create(user=user, defaults={"key": cls.new_key()})
        return key
