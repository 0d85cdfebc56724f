"""Addresses that bounce or complain stop receiving: the provider tells through its tracking
webhook (django-anymail, at /anymail/<provider>/tracking/), whose signal lands here."""

import logging

from django.conf import settings

from anymail.signals import tracking

from .models import Subscriber

STATUSES = {
    "bounced": Subscriber.Status.BOUNCED,
    "rejected": Subscriber.Status.BOUNCED,
    "complained": Subscriber.Status.COMPLAINED,
    "unsubscribed": Subscriber.Status.UNSUBSCRIBED,
}


logger = logging.getLogger(__name__)


def mark_address(sender, event, esp_name, **kwargs):
    if not settings.ANYMAIL.get("WEBHOOK_SECRET"):
        # Without the secret anymail takes anyone's POST: nobody may stop a reader's digest.
        logger.warning("Ignored a %s webhook: QALAM_MAIL_WEBHOOK_SECRET is not set", esp_name)
        return
    status = STATUSES.get(event.event_type)
    # A soft bounce (a full mailbox) arrives as "deferred" and changes nothing.
    if status and event.recipient:
        Subscriber.objects.filter(email__iexact=event.recipient).update(status=status)


def register_signal_handlers():
    tracking.connect(mark_address, dispatch_uid="qalam.digests.mark_address")
