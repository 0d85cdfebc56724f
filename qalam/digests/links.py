"""The absolute addresses an email carries, in the subscriber's edition."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from . import tokens


def absolute(name, language, **kwargs):
    with translation.override(language):
        return settings.QALAM_BASE_URL.rstrip("/") + reverse(name, kwargs=kwargs)


def confirm_url(subscriber, rubric_ids):
    token = tokens.make(tokens.CONFIRM, subscriber, rubrics=rubric_ids)
    return absolute("subscription:confirm", subscriber.language, token=token)


def manage_urls(subscriber):
    """(unsubscribe, change rubrics): one token serves both."""
    token = tokens.make(tokens.MANAGE, subscriber)
    return (
        absolute("subscription:unsubscribe", subscriber.language, token=token),
        absolute("subscription:rubrics", subscriber.language, token=token),
    )
