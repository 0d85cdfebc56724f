"""The two emails: the confirmation of a subscription, and a digest as one subscriber
receives it. A digest's body is rendered once per choice of rubrics, the subscriber's own
links put in afterwards, so ten thousand readers cost a few renders, not ten thousand."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from . import links

# Stand-ins for the subscriber's links while the body is shared (tokens never contain them).
UNSUBSCRIBE = "https://qalam.invalid/unsubscribe-link"
RUBRICS = "https://qalam.invalid/rubrics-link"


def send_confirmation(subscriber, rubric_ids):
    with translation.override(subscriber.language):
        context = {"url": links.confirm_url(subscriber, rubric_ids), "site_name": site_name()}
        send_mail(
            _("Confirm your subscription to %(site)s") % {"site": site_name()},
            render_to_string("digests/email/confirm.txt", context),
            None,
            [subscriber.email],
        )


def site_name():
    return settings.WAGTAIL_SITE_NAME


def stories_for(contents, sections):
    """What one subscriber receives: the pinned stories, then those of their rubrics (all
    when they chose none)."""
    return [s for s in contents if s["pinned"] or not sections or s["section"] in sections]


class DigestMail:
    """Builds the messages of one digest; keeps one rendered body per choice of rubrics."""

    def __init__(self, digest):
        self.digest = digest
        self.bodies = {}

    def body(self, sections):
        key = frozenset(sections)
        if key not in self.bodies:
            stories = stories_for(self.digest.contents, key)
            context = {
                "digest": self.digest,
                "stories": stories,
                "site_name": site_name(),
                "base_url": settings.QALAM_BASE_URL.rstrip("/"),
                "unsubscribe_url": UNSUBSCRIBE,
                "rubrics_url": RUBRICS,
            }
            with translation.override(self.digest.language):
                subject = _("%(site)s: the day's news, %(date)s") % {
                    "site": site_name(),
                    "date": self.digest.date.strftime("%d.%m.%Y"),
                }
                self.bodies[key] = (
                    (
                        subject,
                        render_to_string("digests/email/digest.txt", context),
                        render_to_string("digests/email/digest.html", context),
                    )
                    if stories
                    else None
                )
        return self.bodies[key]

    def message(self, subscriber, sections, connection):
        """The subscriber's email, or None when nothing today is of their rubrics."""
        found = self.body(sections)
        if found is None:
            return None
        subject, text, html = found
        unsubscribe, rubrics = links.manage_urls(subscriber)
        message = EmailMultiAlternatives(
            subject,
            text.replace(UNSUBSCRIBE, unsubscribe).replace(RUBRICS, rubrics),
            to=[subscriber.email],
            connection=connection,
            headers={
                # RFC 8058: the provider unsubscribes with one POST to this address.
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.attach_alternative(
            html.replace(UNSUBSCRIBE, unsubscribe).replace(RUBRICS, rubrics), "text/html"
        )
        return message
