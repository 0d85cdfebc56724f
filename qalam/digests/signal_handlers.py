"""Addresses that bounce or complain stop receiving: the provider tells through its tracking
webhook (django-anymail, at /anymail/<provider>/tracking/), whose signal lands here."""

from anymail.signals import tracking

from .models import Subscriber

STATUSES = {
    "bounced": Subscriber.Status.BOUNCED,
    "rejected": Subscriber.Status.BOUNCED,
    "complained": Subscriber.Status.COMPLAINED,
    "unsubscribed": Subscriber.Status.UNSUBSCRIBED,
}


def mark_address(sender, event, esp_name, **kwargs):
    status = STATUSES.get(event.event_type)
    # A soft bounce (a full mailbox) arrives as "deferred" and changes nothing.
    if status and event.recipient:
        Subscriber.objects.filter(email__iexact=event.recipient).update(status=status)


def register_signal_handlers():
    tracking.connect(mark_address, dispatch_uid="qalam.digests.mark_address")
