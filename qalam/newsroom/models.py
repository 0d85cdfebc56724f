"""The newsroom's roles as Django groups, and the review step of «Проверка редактором»."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from wagtail.models import LockableMixin, Page, Task, TaskState
from wagtail.permissions import policy_registry


class RoleCode(models.TextChoices):
    REPORTER = "reporter", _("reporter")
    DESK_EDITOR = "desk_editor", _("desk editor")
    DUTY_EDITOR = "duty_editor", _("duty editor")
    TRANSLATOR = "translator", _("translator")
    PROOFREADER = "proofreader", _("proofreader")
    PHOTO_EDITOR = "photo_editor", _("photo editor")
    COMMENT_MODERATOR = "comment_moderator", _("comment moderator")


class Role(models.Model):
    """Which role of the newsroom a group stands for, and in which desk. The group's name is
    the editors' to change; the code is what Qalam goes by."""

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="newsroom_role", verbose_name=_("group")
    )
    code = models.CharField(_("newsroom role"), max_length=30, choices=RoleCode.choices)
    desk = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="newsroom_roles",
        verbose_name=_("desk"),
        help_text=_("The rubric or edition whose pages the group works on."),
    )

    class Meta:
        verbose_name = _("newsroom role")
        verbose_name_plural = _("newsroom roles")
        constraints = [
            models.UniqueConstraint(fields=["code", "desk"], name="newsroom_one_group_a_desk_role"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(desk__isnull=True), name="newsroom_one_global_role"
            ),
        ]

    def __str__(self):
        return str(self.group)


def has_role(user, code):
    return user.is_active and user.groups.filter(newsroom_role__code=code).exists()


class DeskApprovalTask(Task):
    """Approved by whoever may publish the page: the editors of its desk and the duty
    editors. Wagtail's group approval would let any editor approve any desk's story."""

    admin_form_fields = Task.admin_form_fields

    class Meta:
        verbose_name = _("desk editor's approval")
        verbose_name_plural = _("desk editor's approvals")

    @classmethod
    def get_description(cls):
        return _("An editor who may publish the page in its desk approves it")

    def can_approve(self, obj, user):
        return (
            user.is_authenticated
            and isinstance(obj, Page)
            and obj.permissions_for_user(user).can_publish()
        )

    def can_proofread(self, user):
        # Asked several times a request (editor, lock, panels): once a user object.
        if not hasattr(user, "_newsroom_proofreader"):
            user._newsroom_proofreader = user.is_authenticated and has_role(
                user, RoleCode.PROOFREADER
            )
        return user._newsroom_proofreader

    def start(self, workflow_state, user=None):
        page = workflow_state.content_object
        # A lock held by someone who cannot review would keep the reviewers out.
        locker = page.locked_by if isinstance(page, LockableMixin) else None
        if locker and not self.can_approve(page, locker):
            page.locked, page.locked_by, page.locked_at = False, None, None
            page.save(update_fields=["locked", "locked_by", "locked_at"])
        return super().start(workflow_state, user=user)

    def user_can_access_editor(self, obj, user):
        return self.can_approve(obj, user) or self.can_proofread(user)

    def locked_for_user(self, obj, user):
        return not self.user_can_access_editor(obj, user)

    def user_can_lock(self, obj, user):
        return self.can_approve(obj, user)

    def get_actions(self, obj, user):
        if self.can_approve(obj, user):
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Approve"), False),
                ("approve", _("Approve with comment"), True),
            ]
        return []

    def on_action(self, task_state, user, action_name, **kwargs):
        # The workflow action view checks get_actions too; this holds for any other caller.
        if not self.can_approve(task_state.workflow_state.content_object, user):
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if not user.is_authenticated:
            return states.none()
        if user.is_superuser or self.can_proofread(user):
            return states
        pages = policy_registry.get_by_type(Page).instances_user_has_permission_for(user, "publish")
        ids = pages.annotate(text_id=Cast("pk", CharField())).values("text_id")
        return states.filter(workflow_state__object_id__in=ids)
