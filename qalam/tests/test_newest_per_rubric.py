"""`StoryQuerySet.newest_per_rubric`, the home page's rubric blocks: the newest few stories of
each rubric, of every type, in one query, bound from one compiled part per rubric."""

from wagtail.models import PageViewRestriction

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.articles.models import StoryPage
from qalam.rubrics.factories import RubricPageFactory
from qalam.tests.storytypes.models import BriefPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def rubrics(home, rubric, hours_ago):
    economy = RubricPageFactory(parent=home, title="Экономика", slug="ekonomika")
    sport = RubricPageFactory(parent=home, title="Спорт", slug="sport")
    finance = RubricPageFactory(parent=economy, title="Финансы", slug="finansy")
    for hour in range(1, 7):
        ArticlePageFactory(
            parent=rubric, title=f"Официально {hour}", first_published_at=hours_ago(hour)
        )
    ArticlePageFactory(parent=economy, title="Экономика 1", first_published_at=hours_ago(2))
    ArticlePageFactory(parent=finance, title="Финансы 1", first_published_at=hours_ago(1))
    brief = BriefPage(
        title="Экономика коротко", slug="korotko", lead="…", first_published_at=hours_ago(3)
    )
    economy.add_child(instance=brief)
    brief.save_revision().publish()
    ArticlePageFactory(
        parent=economy, title="Черновик", live=False, first_published_at=hours_ago(1)
    )
    private = ArticlePageFactory(parent=economy, title="Закрытая", first_published_at=hours_ago(1))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return [rubric, economy, sport]


def titles(stories):
    return [story.title for story in stories]


def test_the_newest_few_of_each_rubric_in_one_query(rubrics, django_assert_num_queries):
    with django_assert_num_queries(1):
        stories = list(StoryPage.objects.published().newest_per_rubric(rubrics, 4))
    by_rubric = {}
    for story in stories:
        by_rubric.setdefault(story.rubric_path, []).append(story.title)
    official, economy, sport = rubrics
    assert by_rubric[official.path] == [f"Официально {hour}" for hour in range(1, 5)]
    # Its own children of every type, newest first: not the sub-rubric's, the draft or the
    # private story.
    assert by_rubric[economy.path] == ["Экономика 1", "Экономика коротко"]
    assert sport.path not in by_rubric


def test_each_rubric_is_bound_to_its_own_part(rubrics):
    official, economy, _ = rubrics
    assert titles(StoryPage.objects.published().newest_per_rubric([economy], 1)) == ["Экономика 1"]
    assert titles(StoryPage.objects.published().newest_per_rubric([official, economy], 1)) == [
        "Официально 1",
        "Экономика 1",
    ]
    assert not StoryPage.objects.published().newest_per_rubric([], 4).exists()


def test_the_queryset_s_own_filters_hold_in_every_part(rubrics):
    _, economy, _ = rubrics
    briefs = StoryPage.objects.published().filter(title__contains="коротко")
    assert titles(briefs.newest_per_rubric([economy], 4)) == ["Экономика коротко"]


def test_rubrics_of_different_depths_are_refused(rubrics):
    official, economy, _ = rubrics
    finance = economy.get_children().get(slug="finansy")
    with pytest.raises(ValueError, match="sibling rubrics"):
        StoryPage.objects.newest_per_rubric([official, finance], 4)


def test_the_newest_and_one_older_story_in_one_query(rubrics, homes, hours_ago):
    official = rubrics[0]
    older = ArticlePageFactory(
        parent=official, title="Давняя новость", first_published_at=hours_ago(90)
    )
    kk_rubric = RubricPageFactory(parent=homes["kk"], title="Ресми", slug="resmi")
    elsewhere = ArticlePageFactory(parent=kk_rubric, title="Басқа басылым")
    stories = StoryPage.objects.published().descendant_of(official)
    assert titles(stories.newest_and(older.pk, 2)) == [
        "Официально 1",
        "Официально 2",
        "Давняя новость",
    ]
    # The queryset's filters hold for the one story too: another edition's is left out.
    assert titles(stories.newest_and(elsewhere.pk, 2)) == ["Официально 1", "Официально 2"]
