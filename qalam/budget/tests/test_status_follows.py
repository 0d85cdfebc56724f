"""A planned story's status follows its article through Wagtail's own review and
publication, with nobody touching the plan: submitted → in review, changes requested → in
progress, approved (and so published) → published, unpublished → in progress. The plan's
history says who or what moved it."""

import datetime

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.budget.factories import PlannedStoryFactory
from qalam.budget.models import PlannedStory, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(politics):
    """A one-step review by the Moderators group for the politics desk."""
    workflow = Workflow.objects.create(name="Проверка редактором")
    task = GroupApprovalTask.objects.create(name="Редактор отдела")
    task.groups.set([Group.objects.get(name="Moderators")])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=politics)
    return workflow


@pytest.fixture
def draft(politics):
    page = ArticlePageFactory(parent=politics, title="Заседание Правительства", live=False,
                              first_published_at=None)  # fmt: skip
    page.save_revision()
    return page


@pytest.fixture
def plan(draft, locales, reporter):
    return PlannedStoryFactory(
        title="Заседание", status=Status.IN_PROGRESS, languages=[locales["ru"]],
        assignees=[reporter], stories=[draft],
    )  # fmt: skip


def status(plan):
    return PlannedStory.objects.get(pk=plan.pk).status


def test_submitting_the_article_puts_the_plan_in_review_and_approval_publishes_it(
    review, draft, plan, reporter, chief
):
    draft.save_revision(user=reporter)
    state = review.start(draft, reporter)
    assert status(plan) == Status.IN_REVIEW

    state.current_task_state.approve(user=chief)
    draft.refresh_from_db()
    assert draft.live
    # Published, then approved: the plan stays published rather than going back to ready.
    assert status(plan) == Status.PUBLISHED


def test_changes_requested_send_the_plan_back_to_work(review, draft, plan, reporter, chief):
    state = review.start(draft, reporter)
    state.current_task_state.reject(user=chief, comment="Нужен комментарий министра")
    assert status(plan) == Status.IN_PROGRESS
    # Submitted again after the changes, as the editor's «Отправить снова» does.
    draft.save_revision(user=reporter)
    state.refresh_from_db()
    state.resume(user=reporter)
    assert status(plan) == Status.IN_REVIEW


def test_publishing_directly_and_unpublishing(draft, plan, chief):
    draft.save_revision(user=chief).publish(user=chief)
    assert status(plan) == Status.PUBLISHED
    draft.refresh_from_db()
    draft.unpublish(user=chief)
    assert status(plan) == Status.IN_PROGRESS


def test_an_approval_scheduled_for_later_makes_the_plan_ready(review, draft, plan, reporter, chief):
    draft.go_live_at = timezone.now() + datetime.timedelta(hours=3)
    draft.save_revision(user=reporter)
    state = review.start(draft, reporter)
    state.current_task_state.approve(user=chief)
    draft.refresh_from_db()
    assert not draft.live  # it waits for its time
    assert status(plan) == Status.READY


def test_a_spiked_plan_stays_spiked_through_review(review, draft, plan, reporter):
    PlannedStory.objects.filter(pk=plan.pk).update(status=Status.SPIKED)
    review.start(draft, reporter)
    assert status(plan) == Status.SPIKED


def test_the_plans_history_says_what_moved_it_and_who(signed_in, review, draft, plan, reporter):
    draft.save_revision(user=reporter)
    review.start(draft, reporter)
    history = signed_in.get(reverse("budget:history", args=[plan.pk])).content.decode()
    assert "Статус изменён" in history
    assert "отправлена на проверку" in history
    assert "Айгерим Сарсенова" in history or "reporter" in history


def test_an_abandoned_draft_deleted_puts_the_plan_back_to_assigned(draft, plan):
    draft.delete()
    assert status(plan) == Status.ASSIGNED
    assert not PlannedStory.objects.get(pk=plan.pk).stories.exists()
