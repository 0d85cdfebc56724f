"""Articles started and abandoned. Autosave keeps a new article as a draft as soon as it has
a headline, so an editor who changes their mind leaves a draft with nothing but a headline
in the rubric; such drafts are deleted a day later (docs/architecture.md)."""

import datetime

from django.utils import timezone

from wagtail.actions.delete_page import DeletePageAction

from .models import StoryPage

ABANDONED_AFTER = datetime.timedelta(days=1)


def abandoned_drafts(now=None):
    """Articles never published nor scheduled nor in review, untouched for a day, whose
    latest revision holds a headline and nothing else."""
    candidates = StoryPage.objects.filter(
        live=False,
        first_published_at__isnull=True,
        go_live_at__isnull=True,
        lead="",  # the row keeps what the first save held; the revision says the rest
        latest_revision_created_at__lt=(now or timezone.now()) - ABANDONED_AFTER,
    )
    return [
        page
        for page in candidates
        if not page.workflow_in_progress and is_empty(page.get_latest_revision_as_object())
    ]


def is_empty(article):
    return not (
        article.lead
        or article.body
        or article.main_image_id
        or article.article_authors.all()
        or article.tags.all()
        or article.go_live_at
    )


def clear_abandoned_drafts(now=None):
    """Deletes the abandoned drafts through Wagtail, which writes each to the history."""
    drafts = abandoned_drafts(now)
    for draft in drafts:
        DeletePageAction(draft).execute(skip_permission_checks=True)
    return len(drafts)
