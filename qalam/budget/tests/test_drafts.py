"""«Создать черновик»: the planned story becomes article drafts in its desk's rubric (the
Kazakh one a translation in the Kazakh rubric), bylined with its assignees, linked to the
plan, which moves to «в работе», and the editor opens."""

from django.urls import reverse

import pytest

from qalam.articles.models import ArticlePage
from qalam.authors.factories import AuthorFactory
from qalam.budget.factories import PlannedStoryFactory
from qalam.budget.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(politics, locales, reporter):
    return PlannedStoryFactory(
        title="Заседание Правительства: итоги года",
        desk=politics,
        status=Status.ASSIGNED,
        languages=[locales["ru"], locales["kk"], locales["en"]],
        assignees=[reporter],
    )


def test_create_draft_makes_drafts_in_the_desks_rubrics_and_opens_the_editor(
    signed_in, plan, politics, reporter
):
    byline = AuthorFactory(name="Айгерим Сарсенова")
    AuthorFactory(name="Другой автор")
    response = signed_in.post(reverse("budget:draft", args=[plan.pk]))

    russian = ArticlePage.objects.get(locale__language_code="ru")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[russian.pk])
    assert russian.get_parent().pk == politics.pk
    assert russian.title == "Заседание Правительства: итоги года"
    assert not russian.live and russian.latest_revision is not None
    assert [link.author for link in russian.article_authors.all()] == [byline]

    # The Kazakh draft is its translation in the Kazakh desk; the desk has no English rubric.
    kazakh = ArticlePage.objects.get(locale__language_code="kk")
    assert kazakh.translation_key == russian.translation_key
    assert kazakh.get_parent().title == "Саясат"
    assert not ArticlePage.objects.filter(locale__language_code="en").exists()

    plan.refresh_from_db()
    assert set(plan.stories.values_list("pk", flat=True)) == {russian.pk, kazakh.pk}
    assert plan.status == Status.IN_PROGRESS
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("English" in message for message in messages)


def test_the_history_of_the_plan_says_who_made_the_draft(signed_in, plan, chief):
    signed_in.post(reverse("budget:draft", args=[plan.pk]))
    history = signed_in.get(reverse("budget:history", args=[plan.pk])).content.decode()
    assert "Создан черновик" in history
    assert "«назначен» → «в работе»" in history
    assert "Асель Нурланова" in history


def test_a_second_press_makes_no_second_draft(signed_in, plan):
    signed_in.post(reverse("budget:draft", args=[plan.pk]))
    signed_in.post(reverse("budget:draft", args=[plan.pk]))
    assert ArticlePage.objects.count() == 2


def test_without_a_desk_nothing_is_made_and_the_planner_is_told(signed_in, locales):
    plan = PlannedStoryFactory(desk=None, languages=[locales["ru"]])
    response = signed_in.post(reverse("budget:draft", args=[plan.pk]), follow=True)
    assert "Сначала выберите отдел" in response.content.decode()
    assert not ArticlePage.objects.exists()


def test_a_user_who_cannot_change_plans_is_refused(client, plan, outsider):
    client.force_login(outsider)
    response = client.post(reverse("budget:draft", args=[plan.pk]))
    assert response.status_code == 403
    assert not ArticlePage.objects.exists()


def test_the_board_offers_the_button_until_every_language_has_its_article(signed_in, plan):
    board = signed_in.get(reverse("budget:index")).content.decode()
    assert "Создать черновик" in board
    signed_in.post(reverse("budget:draft", args=[plan.pk]))
    board = signed_in.get(reverse("budget:index")).content.decode()
    assert "Создать черновик (English)" in board


def test_the_byline_linked_to_an_assignees_account_comes_first(signed_in, plan, reporter):
    # Linked: a byline whose name is not the account's; unlinked, a namesake is not taken.
    linked = AuthorFactory(name="А. Сарсенова", user=reporter)
    AuthorFactory(name="Айгерим Сарсенова")
    signed_in.post(reverse("budget:draft", args=[plan.pk]))
    russian = ArticlePage.objects.get(locale__language_code="ru")
    assert [link.author for link in russian.article_authors.all()] == [linked]


def test_a_namesake_linked_to_someone_else_is_not_an_assignees_byline(
    signed_in, plan, reporter, chief
):
    AuthorFactory(name="Айгерим Сарсенова", user=chief)
    signed_in.post(reverse("budget:draft", args=[plan.pk]))
    russian = ArticlePage.objects.get(locale__language_code="ru")
    assert not russian.article_authors.exists()
