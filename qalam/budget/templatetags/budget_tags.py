"""The plans a deletion would leave without a desk, for the admin's delete questions."""

from django import template

from ..models import SHOWN_WHEN_DELETING, PlannedStory

register = template.Library()


@register.inclusion_tag("budget/planned_in_deleted.html")
def plans_kept_without_desk(items):
    """For Wagtail's bulk delete question, whose `items` are {"item": page} rows."""
    pages = [row["item"] for row in items]
    return {"items": PlannedStory.objects.left_by_deleting(pages)[:SHOWN_WHEN_DELETING]}
