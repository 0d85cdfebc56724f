"""Which digests are due: an edition's whose time of day (DigestSchedule, in TIME_ZONE) has
come and whose digest of today has not gone yet."""

from django.utils import timezone

from .models import Digest, DigestSchedule


def todays(language, today=None):
    """Today's digest of an edition, made now unless editors made it ahead of the send."""
    today = today or timezone.localdate()
    digest, _created = Digest.objects.get_or_create(language=language, date=today)
    return digest


def due(now=None):
    now = timezone.localtime(now)
    for schedule in DigestSchedule.objects.filter(enabled=True, send_at__lte=now.time()):
        sent = Digest.objects.sent().filter(language=schedule.language, date=now.date())
        if not sent.exists():
            yield todays(schedule.language, now.date())
