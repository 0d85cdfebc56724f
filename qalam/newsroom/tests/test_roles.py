from io import StringIO

from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command

from wagtail.models import GroupPagePermission, WorkflowPage

import pytest

from qalam.newsroom.models import DeskApprovalTask, Role, RoleCode
from qalam.newsroom.roles import desk_groups, setup_desk, setup_newsroom
from qalam.rubrics.factories import RubricPageFactory

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(Group.objects.values_list("name", flat=True)),
        GroupPagePermission.objects.count(),
        sorted(Role.objects.values_list("code", "desk")),
        WorkflowPage.objects.count(),
        DeskApprovalTask.objects.count(),
    )


def test_the_migration_made_the_roles_with_russian_names(db):
    names = {role.code: role.group.name for role in Role.objects.filter(desk=None)}
    assert names == {
        RoleCode.DUTY_EDITOR: "Дежурные редакторы",
        RoleCode.TRANSLATOR: "Переводчики",
        RoleCode.PROOFREADER: "Корректоры",
        RoleCode.PHOTO_EDITOR: "Фоторедакторы",
        RoleCode.COMMENT_MODERATOR: "Модераторы комментариев",
    }


def test_setting_up_again_changes_nothing_and_keeps_what_editors_changed(homes):
    rubric = RubricPageFactory(parent=homes["ru"], title="Политика", slug="politika")
    setup_newsroom()
    setup_desk(rubric)
    before = snapshot()
    setup_newsroom()
    setup_desk(rubric)
    assert snapshot() == before

    # An editor takes a permission away and renames a group in the admin: both stay so.
    duty = Role.objects.get(code=RoleCode.DUTY_EDITOR).group
    duty.name = "Выпускающие"
    duty.save()
    reporters = desk_groups(rubric)[RoleCode.REPORTER]
    GroupPagePermission.objects.filter(group=reporters, permission__codename="change_page").delete()
    setup_newsroom()
    setup_desk(rubric)
    assert setup_newsroom()[RoleCode.DUTY_EDITOR].name == "Выпускающие"
    assert not GroupPagePermission.objects.filter(
        group=reporters, permission__codename="change_page"
    ).exists()


def test_a_desk_is_two_groups_with_page_permissions_on_its_rubric(homes):
    rubric = RubricPageFactory(parent=homes["ru"], title="Экономика", slug="ekonomika")
    groups = setup_desk(rubric)
    assert groups[RoleCode.REPORTER].name == "Экономика: корреспонденты"
    assert groups[RoleCode.DESK_EDITOR].name == "Экономика: редакторы"

    def actions(group):
        return set(
            GroupPagePermission.objects.filter(group=group, page=rubric).values_list(
                "permission__codename", flat=True
            )
        )

    assert actions(groups[RoleCode.REPORTER]) == {"add_page", "change_page"}
    assert actions(groups[RoleCode.DESK_EDITOR]) == {
        "add_page", "change_page", "publish_page", "lock_page", "unlock_page"
    }  # fmt: skip
    assert groups[RoleCode.REPORTER].permissions.filter(codename="access_admin").exists()


def test_edition_wide_roles_reach_the_editions_made_after_them(homes):
    """The migration ran before any edition existed; setting up afterwards gives the duty
    editors every edition and the translators the Kazakh and English ones."""
    setup_newsroom()
    duty = Role.objects.get(code=RoleCode.DUTY_EDITOR).group
    translators = Role.objects.get(code=RoleCode.TRANSLATOR).group

    def pages(group, codename):
        return set(
            GroupPagePermission.objects.filter(
                group=group, permission__codename=codename
            ).values_list("page__locale__language_code", flat=True)
        )

    assert pages(duty, "publish_page") == {"ru", "kk", "en"}
    assert pages(translators, "change_page") == {"kk", "en"}
    assert pages(translators, "publish_page") == set()


def test_the_review_workflow_is_on_every_edition(homes):
    setup_newsroom()
    for home in homes.values():
        workflow = home.get_workflow()
        assert workflow.name == "Проверка редактором"
        assert isinstance(workflow.tasks.get().specific, DeskApprovalTask)


def test_the_moderators_role_holds_the_comment_permissions_only(db):
    moderators = Role.objects.get(code=RoleCode.COMMENT_MODERATOR).group
    held = set(moderators.permissions.values_list("content_type__app_label", "codename"))
    assert held == {
        ("wagtailadmin", "access_admin"),
        ("comments", "view_comment"),
        ("comments", "change_comment"),
        ("comments", "delete_comment"),
        ("comments", "view_block"),
        ("comments", "add_block"),
        ("comments", "change_block"),
        ("comments", "delete_block"),
    }
    assert not GroupPagePermission.objects.filter(group=moderators).exists()


def test_the_command_makes_a_desk_of_a_rubric_or_an_edition(homes):
    RubricPageFactory(parent=homes["ru"], title="Спорт", slug="sport")
    out = StringIO()
    call_command("setup_newsroom", "--desk", "sport", "--edition", "kk", stdout=out)
    assert "Спорт: корреспонденты" in out.getvalue()
    assert desk_groups(homes["kk"])[RoleCode.DESK_EDITOR].name == "Казахская редакция: редакторы"
    with pytest.raises(CommandError, match="no rubric"):
        call_command("setup_newsroom", "--desk", "nowhere", stdout=out)
    assert Permission.objects.filter(codename="publish_page").exists()


@pytest.mark.parametrize(
    ("login", "sees_the_board"),
    [
        ("reporter", True),
        ("editor", True),
        ("duty", True),
        ("translator", True),
        ("moderator", False),
        ("photo", False),
    ],
)
def test_the_people_who_plan_stories_see_the_budget(newsroom, signed_in, login, sees_the_board):
    response = signed_in(newsroom[login]).get("/admin/budget/")
    assert (response.status_code == 200) is sees_the_board, response.status_code
    if sees_the_board:  # the sidebar's menu, which Wagtail hands its script as data
        assert '"/admin/budget/"' in signed_in(newsroom[login]).get("/admin/").content.decode()


def test_groups_made_before_the_budget_get_its_permissions_from_the_migration(homes):
    from importlib import import_module

    from django.apps import apps

    desk = setup_desk(RubricPageFactory(parent=homes["ru"], title="Политика", slug="politika"))
    reporters, editors = desk[RoleCode.REPORTER], desk[RoleCode.DESK_EDITOR]
    translators = setup_newsroom()[RoleCode.TRANSLATOR]
    moderators = setup_newsroom()[RoleCode.COMMENT_MODERATOR]
    for group in (reporters, editors, translators):
        group.permissions.remove(*group.permissions.filter(content_type__app_label="budget"))
    kept = set(editors.permissions.exclude(content_type__app_label="budget"))

    import_module("qalam.newsroom.migrations.0003_roles_plan_the_budget").forwards(apps, None)

    def budget(group):
        return set(
            group.permissions.filter(content_type__app_label="budget").values_list(
                "codename", flat=True
            )
        )

    assert budget(reporters) == {"view_plannedstory", "add_plannedstory", "change_plannedstory"}
    assert "delete_plannedstory" in budget(editors)
    assert budget(translators) == {"view_plannedstory", "change_plannedstory"}
    assert budget(moderators) == set()  # comments only, as before
    assert set(editors.permissions.exclude(content_type__app_label="budget")) == kept
