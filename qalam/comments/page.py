"""What the article page shows of its comments: the approved ones in one query, threaded
one level deep in Python, and the form (or why it is closed)."""

import datetime

from django.utils import timezone

from . import comment_settings
from .forms import CommentForm
from .models import Comment


def comments_are_open(article, rules):
    """`rules`: the site's `CommentSettings`."""
    if not article.comments_open:
        return False
    days = rules.close_after_days
    if days and article.first_published_at:
        return timezone.now() < article.first_published_at + datetime.timedelta(days=days)
    return True


def thread(comments):
    """Top-level comments oldest first, each with its replies (`thread_replies`) oldest
    first. A reply whose parent is not shown stands on its own."""
    by_id = {comment.pk: comment for comment in comments}
    top = []
    for comment in comments:
        comment.thread_replies = []
    for comment in comments:
        parent = by_id.get(comment.parent_id)
        while parent is not None and parent.parent_id in by_id:
            parent = by_id[parent.parent_id]
        (parent.thread_replies if parent else top).append(comment)
    return top


def requested_parent(value, comments):
    """The approved comment a reader asked to reply to (`?replyto=ID`), if it is one."""
    try:
        wanted = int(value or 0)
    except ValueError:
        return None
    return next((comment for comment in comments if comment.pk == wanted), None)


def comments_context(article, request, form=None):
    if article.pk is None:  # the preview of an article not yet saved: nothing to comment on
        return {"comments_shown": False}
    comments = list(Comment.objects.for_page(article))
    is_open = comments_are_open(article, comment_settings.current(request))
    if form is not None:
        reply_to = requested_parent(form.data.get("parent"), comments)
    else:
        reply_to = requested_parent(request.GET.get("replyto"), comments)
        if is_open:
            parent = (reply_to.parent_id or reply_to.pk) if reply_to else None
            form = CommentForm(article=article, initial={"parent": parent})
    return {
        "comments_shown": True,
        "comments": thread(comments),
        "comment_count": len(comments),
        "comments_open": is_open,
        "comment_form": form,
        "reply_to": reply_to,
    }
