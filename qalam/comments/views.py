"""Posting a comment. It works without JavaScript and without cookies: a POST, then a
redirect back to the article with a message, or the article again with the form as typed
and the reason next to it. The view needs no CSRF token (docs/comments.md says why)."""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpResponseRedirect
from django.http.multipartparser import MultiPartParserError
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from django_ratelimit.core import is_ratelimited

from qalam.articles.models import StoryPage

from . import comment_settings, moderation, senders
from .forms import CommentForm
from .models import Block, Status
from .page import comments_are_open

logger = logging.getLogger(__name__)
LARGEST_ID = 2**63 - 1  # past a 64-bit integer SQLite raises instead of finding nothing


def same_site(request):
    """A browser names the page a POST comes from (Origin, else Referer); a form on another
    site posting here is refused. Neither header present: the signed form token decides."""
    source = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER")
    if not source:
        return True
    parts = urlsplit(source)
    origin = f"{parts.scheme}://{parts.netloc}"
    own = f"{request.scheme}://{request.get_host()}"
    return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS


def render_article(request, article, form, status, error=None):
    """The article page again, the form holding what was typed and `error` above it."""
    if error:
        form.refuse(error)
    context = {**article.get_context(request), "comment_form": form}
    response = TemplateResponse(request, article.get_template(request), context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def article_gone(request, text):
    response = TemplateResponse(request, "comments/article_gone.html", {"text": text}, status=404)
    response["Cache-Control"] = "private, no-store"
    return response


@csrf_exempt
@require_POST
def post_comment(request, article_id):
    article = None
    if article_id <= LARGEST_ID:
        article = StoryPage.objects.published().filter(pk=article_id).first()
    try:
        data = request.POST
    except (RequestDataTooBig, TooManyFieldsSent, MultiPartParserError):
        if article is None:
            return article_gone(request, "")
        form = CommentForm(article=article)
        message = _("The comment was too large to receive. Please shorten it and send it again.")
        return render_article(request, article, form, status=413, error=message)
    if article is None:
        return article_gone(request, data.get("text", ""))

    form = CommentForm(data, article=article)
    rules = comment_settings.current(request)
    if not comments_are_open(article, rules):
        return render_article(request, article, form, status=403)
    if not same_site(request):
        message = _("The comment came from a form on another site. Please send it from this page.")
        return render_article(request, article, form, status=403, error=message)
    if not form.is_valid():
        return render_article(request, article, form, status=400)
    if form.is_bot:
        logger.info("Dropped a comment on article %s: the hidden field was filled", article.pk)
        messages.success(request, awaiting_moderation())
        return HttpResponseRedirect(article.get_url(request) + "#comments")
    if is_ratelimited(
        request,
        group="qalam.comments.post",
        key=senders.rate_limit_key,
        rate=settings.QALAM_COMMENT_RATE,
        increment=True,
    ):
        message = _(
            "You have sent several comments in a short time. Please wait a few minutes and "
            "send this one again: it is kept below."
        )
        response = render_article(request, article, form, status=429, error=message)
        response["Retry-After"] = "600"
        return response

    comment = form.save(commit=False)
    comment.ip_hash = senders.ip_hash(request)
    comment.user_agent = request.META.get("HTTP_USER_AGENT", "")[:255]
    if Block.is_blocked(comment.email, comment.ip_hash):
        message = _("Comments from this address are not accepted.")
        return render_article(request, article, form, status=403, error=message)
    with translation.override(settings.LANGUAGE_CODE):  # the reason is for the newsroom
        comment.status, comment.moderation_reason = moderation.decide(comment, rules)
    comment.save()

    if comment.status == Status.APPROVED:
        messages.success(request, _("Thank you! Your comment is published."))
        return HttpResponseRedirect(f"{article.get_url(request)}#comment-{comment.pk}")
    messages.success(request, awaiting_moderation())
    return HttpResponseRedirect(article.get_url(request) + "#comments")


def awaiting_moderation():
    # Spam hears the same answer as a held comment: it learns nothing from it.
    return _("Thank you! Your comment will appear once an editor has approved it.")
