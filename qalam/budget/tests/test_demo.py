"""The demo's budget: today a dozen plans across the editions' desks, in every state, two
linked to published articles and one late; a second run the same day adds nothing."""

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.budget.demo import LEFT_OVER, PLANS, load_budget
from qalam.budget.models import PlannedStory, Status
from qalam.rubrics.factories import RubricPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(homes):
    """The demo's desks (qalam/demo/loader.py makes them), two with an article."""
    desks = {(language, slug) for _title, (language, slug), *_rest in PLANS + LEFT_OVER}
    for language, slug in sorted(desks):
        rubric = RubricPageFactory(parent=homes[language], slug=slug, title=slug.capitalize())
        if slug in ("politika", "ekonomika"):
            ArticlePageFactory(parent=rubric)
    return get_user_model().objects.create_superuser("admin", password="demo-2026")


def test_todays_budget_has_every_state_across_editions(newsroom):
    assert load_budget() == len(PLANS) + len(LEFT_OVER) == 13
    today = PlannedStory.objects.filter(slot_date=timezone.localdate())
    assert today.count() == 12
    # …and one of yesterday's, for the board to offer to carry over.
    assert PlannedStory.objects.left_over(timezone.localdate()).count() == 1
    assert set(today.values_list("status", flat=True)) == set(Status.values)
    languages = set(today.values_list("desk__locale__language_code", flat=True))
    assert languages == {"ru", "kk", "en"}
    assert today.filter(stories__live=True, status=Status.PUBLISHED).count() == 2
    assert today.overdue().count() == 1
    assert today.filter(assignees=newsroom).exists()


def test_the_role_accounts_get_the_stories_when_they_exist(newsroom):
    User = get_user_model()
    reporter = User.objects.create_user("reporter", password="demo-2026")
    load_budget()
    assert PlannedStory.objects.filter(assignees=reporter).count() >= 5


def test_a_second_run_the_same_day_adds_nothing(newsroom):
    load_budget()
    assert load_budget() == 0
    assert PlannedStory.objects.count() == 13
