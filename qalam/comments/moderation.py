"""Which status a new comment gets. Rules that mark spam come first, then rules that hold
it for an editor, then trust: an email with an approved comment is published at once."""

import re

from django.conf import settings
from django.utils.translation import gettext as _

from .models import Comment, Status

LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


def word_list(configured, site_text):
    words = [*configured, *(site_text or "").splitlines()]
    return [word.strip().casefold() for word in words if word.strip()]


def first_match(words, text):
    return next((word for word in words if word in text), None)


def decide(comment, rules):
    """(status, reason) for a comment about to be saved; `rules`: the site's
    `CommentSettings`."""
    text = f"{comment.author_name}\n{comment.url}\n{comment.text}".casefold()
    spam_words = word_list(settings.QALAM_COMMENT_SPAM_WORDS, rules.spam_words)
    if word := first_match(spam_words, text):
        return Status.SPAM, _("spam word: %(word)s") % {"word": word}
    hold_words = word_list(settings.QALAM_COMMENT_STOP_WORDS, rules.stop_words)
    if word := first_match(hold_words, text):
        return Status.PENDING, _("stop word: %(word)s") % {"word": word}
    links = len(LINK.findall(comment.text))
    if links > settings.QALAM_COMMENT_MAX_LINKS:
        return Status.PENDING, _("%(count)d links") % {"count": links}
    if not Comment.objects.from_trusted_email(comment.email).exists():
        return Status.PENDING, _("first comment from this email")
    return Status.APPROVED, ""
