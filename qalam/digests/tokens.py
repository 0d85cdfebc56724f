"""Signed, expiring tokens in the links of the emails: whoever holds one acts for one
subscriber, for one purpose (the salt), until it expires. Nothing is stored for them."""

import datetime

from django.core import signing

CONFIRM = "qalam.digests.confirm"
MANAGE = "qalam.digests.manage"  # unsubscribe and rubrics: the links of every digest
LIFETIMES = {
    CONFIRM: datetime.timedelta(days=7),
    # Long enough that an old digest in the inbox still unsubscribes its reader.
    MANAGE: datetime.timedelta(days=120),
}


def make(purpose, subscriber, **extra):
    return signing.TimestampSigner(salt=purpose).sign_object(
        {**extra, "id": subscriber.pk, "email": subscriber.email}
    )


def read(purpose, token, subscribers):
    """(subscriber, what the token carries), or (None, {}) when it is forged, expired or
    names an address no longer subscribed (deleted at the reader's request)."""
    try:
        value = signing.TimestampSigner(salt=purpose).unsign_object(
            token, max_age=LIFETIMES[purpose]
        )
    except (signing.BadSignature, TypeError, ValueError):
        return None, {}
    if not isinstance(value, dict):
        return None, {}
    found = subscribers.filter(pk=value.get("id"), email=value.get("email")).first()
    return found, (value if found else {})
