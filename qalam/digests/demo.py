"""The demo's morning email (`qalam load_demo`): a schedule for each edition, a few confirmed
subscribers at example.org, and yesterday's digest of the Russian edition in the archive,
with a pinned story and an intro. Run again, it adds nothing."""

import datetime

from django.utils import timezone

from qalam.articles.models import StoryPage
from qalam.rubrics.models import RubricPage

from . import compose
from .models import Digest, DigestPin, DigestSchedule, Subscriber

# (address, edition, slugs of the rubrics chosen: none for every story)
SUBSCRIBERS = [
    ("aigerim@example.org", "ru", []),
    ("marat@example.org", "ru", ["ekonomika", "politika"]),
    ("dana@example.org", "kk", ["sport"]),
    ("john@example.org", "en", []),
]
SEND_AT = {"ru": datetime.time(7, 0), "kk": datetime.time(7, 30), "en": datetime.time(8, 0)}
INTRO = "Доброе утро! Главное за вчерашний день — в одном письме."


def load_digests():
    """The number of subscribers added (0 when the demo already has them)."""
    if Subscriber.objects.exists():
        return 0
    for language, send_at in SEND_AT.items():
        DigestSchedule.objects.get_or_create(language=language, defaults={"send_at": send_at})
    now = timezone.now()
    for email, language, slugs in SUBSCRIBERS:
        subscriber = Subscriber.objects.create(
            email=email, language=language, status=Subscriber.Status.ACTIVE, confirmed_at=now
        )
        rubrics = RubricPage.objects.filter(locale__language_code=language, slug__in=slugs)
        subscriber.rubrics.set(rubrics)
    archive_yesterday(now)
    return len(SUBSCRIBERS)


def archive_yesterday(now):
    yesterday = timezone.localdate(now) - datetime.timedelta(days=1)
    stories = StoryPage.objects.published().in_language("ru").newest_first()
    newest = stories.filter(first_published_at__lt=now - datetime.timedelta(hours=12)).first()
    if newest is None:
        return
    digest = Digest.objects.create(language="ru", date=yesterday, intro=INTRO)
    pinned = stories.exclude(main_image=None).first()
    if pinned:
        DigestPin.objects.create(digest=digest, story=pinned, sort_order=0)
    digest.contents = compose.collect(digest, until=newest.first_published_at)
    digest.sent_at = now - datetime.timedelta(days=1)
    digest.save()
