"""The newsroom's roles, desks and review workflow, made of Wagtail's own parts: a role is a
Django group with permissions, a desk's access is Wagtail page permissions on its rubric (or
edition), and review is the workflow «Проверка редактором» on every edition's home page.

`setup_newsroom()` makes whatever of it is missing and changes nothing that is there, so the
permissions an editor changed in the admin stay. It works with the migration's historical
models (`apps`) as with the real ones: migration 0002 and `qalam setup_newsroom` run the same
code."""

from dataclasses import dataclass, field

from django.apps import apps as global_apps
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from .models import RoleCode

WORKFLOW_NAME = _("Editor's review")  # «Проверка редактором»
TASK_NAME = _("Approval by the desk's editor")

# A whole edition as one desk takes its name from its language, not its home page's title.
EDITION_DESKS = {"ru": _("Russian desk"), "kk": _("Kazakh desk"), "en": _("English desk")}

PAGE = ("wagtailcore", "page")
IMAGE = ("wagtailimages", "image")
COLLECTION = ("wagtailcore", "collection")
ADMIN = ("wagtailadmin", "admin", "access_admin")
WRITING = ["add", "change"]
EDITING = ["add", "change", "publish", "lock", "unlock"]
PHOTOS_FOR_STORIES = ["add_image", "choose_image"]


@dataclass
class RoleSpec:
    code: str
    name: object  # a lazy translation; a desk's groups carry the desk's name in it
    per_desk: bool = False
    # page permissions ("add", "publish"…) on the desk's page, or on the editions named
    page_actions: list = field(default_factory=list)
    editions: str = ""  # "all" or "translations": the home pages the page actions are on
    collection_permissions: list = field(default_factory=list)  # (app, model, codename)
    model_permissions: list = field(default_factory=list)  # (app, model, codename)


def _images(*codenames):
    return [(*IMAGE, codename) for codename in codenames]


def _budget(*actions):
    """The daily budget's permissions, by name: the newsroom does not import the budget app,
    and the permission rows are made here if its migration has not run yet."""
    return [("budget", "plannedstory", f"{action}_plannedstory") for action in actions]


ROLES = [
    RoleSpec(
        RoleCode.REPORTER,
        _("%(desk)s: reporters"),
        per_desk=True,
        page_actions=WRITING,
        collection_permissions=_images(*PHOTOS_FOR_STORIES),
        model_permissions=_budget("view", "add", "change"),
    ),
    RoleSpec(
        RoleCode.DESK_EDITOR,
        _("%(desk)s: editors"),
        per_desk=True,
        page_actions=EDITING,
        collection_permissions=_images(*PHOTOS_FOR_STORIES),
        model_permissions=_budget("view", "add", "change", "delete"),
    ),
    RoleSpec(
        RoleCode.DUTY_EDITOR,
        _("Duty editors"),
        page_actions=EDITING,
        editions="all",
        collection_permissions=_images(*PHOTOS_FOR_STORIES),
        model_permissions=_budget("view", "add", "change", "delete"),
    ),
    RoleSpec(
        RoleCode.TRANSLATOR,
        _("Translators"),
        page_actions=WRITING,
        editions="translations",
        collection_permissions=_images("choose_image"),
        model_permissions=[
            ("simple_translation", "simpletranslation", "submit_translation"),
            *_budget("view", "change"),
        ],
    ),
    # Proofreaders edit what is in review and nothing else: DeskApprovalTask opens the editor
    # to them while a story waits for its desk's editor.
    RoleSpec(RoleCode.PROOFREADER, _("Proofreaders")),
    RoleSpec(
        RoleCode.PHOTO_EDITOR,
        _("Photo editors"),
        collection_permissions=[
            *_images("add_image", "change_image", "choose_image", "delete_image"),
            *[(*COLLECTION, f"{action}_collection") for action in ("add", "change", "delete")],
        ],
    ),
    RoleSpec(
        RoleCode.COMMENT_MODERATOR,
        _("Comment moderators"),
        model_permissions=[
            *[
                ("comments", "comment", f"{action}_comment")
                for action in ("view", "change", "delete")
            ],
            *[("comments", "block", f"{a}_block") for a in ("view", "add", "change", "delete")],
        ],
    ),
]


class Newsroom:
    """The models setup_newsroom works with: the real ones, or a migration's."""

    def __init__(self, apps):
        get = apps.get_model
        self.ContentType = get("contenttypes", "ContentType")
        self.Permission = get("auth", "Permission")
        self.Group = get("auth", "Group")
        self.Page = get("wagtailcore", "Page")
        self.Collection = get("wagtailcore", "Collection")
        self.GroupPagePermission = get("wagtailcore", "GroupPagePermission")
        self.GroupCollectionPermission = get("wagtailcore", "GroupCollectionPermission")
        self.Workflow = get("wagtailcore", "Workflow")
        self.WorkflowTask = get("wagtailcore", "WorkflowTask")
        self.WorkflowPage = get("wagtailcore", "WorkflowPage")
        self.DeskApprovalTask = get("newsroom", "DeskApprovalTask")
        self.Role = get("newsroom", "Role")

    def content_type(self, app_label, model):
        return self.ContentType.objects.get_or_create(app_label=app_label, model=model)[0]

    def permission(self, app_label, model, codename):
        # Django makes a model's permissions after all migrations; made here, the groups can
        # have them at once, and post_migrate finds them in place.
        return self.Permission.objects.get_or_create(
            content_type=self.content_type(app_label, model),
            codename=codename,
            defaults={"name": f"Can {codename.replace('_', ' ')}"},
        )[0]

    def homes(self):
        """The editions' home pages by language (none before `qalam setup_site`)."""
        pages = self.Page.objects.filter(
            depth=2, content_type=self.content_type("home", "homepage")
        ).select_related("locale")
        return {page.locale.language_code: page for page in pages}

    def root_collection(self):
        return self.Collection.objects.filter(depth=1).order_by("path").first()

    def group_for(self, code, name, desk=None):
        role = self.Role.objects.filter(code=code, desk=desk).select_related("group").first()
        if role:
            return role.group, False
        name, suffix = str(name)[:150], 2
        while self.Group.objects.filter(name=name).exists():
            name, suffix = f"{str(name)[:140]} ({suffix})", suffix + 1
        group = self.Group.objects.create(name=name)
        self.Role.objects.create(group=group, code=code, desk=desk)
        return group, True

    def grant(self, group, spec, pages):
        group.permissions.add(
            self.permission(*ADMIN), *(self.permission(*p) for p in spec.model_permissions)
        )
        for page in pages:
            for action in spec.page_actions:
                self.GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=self.permission(*PAGE, f"{action}_page")
                )
        root = self.root_collection()
        for permission in spec.collection_permissions if root else []:
            self.GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=self.permission(*permission)
            )

    def ensure_role(self, spec, desk=None, desk_name=""):
        name = spec.name % {"desk": desk_name} if spec.per_desk else spec.name
        group, created = self.group_for(spec.code, name, desk)
        if not created:
            return group
        homes = self.homes()
        if spec.per_desk:
            pages = [desk]
        elif spec.editions == "all":
            pages = list(homes.values())
        elif spec.editions == "translations":
            pages = [page for code, page in homes.items() if code != settings.LANGUAGE_CODE]
        else:
            pages = []
        self.grant(group, spec, pages)
        return group

    def ensure_workflow(self):
        """«Проверка редактором» on every edition's home page (so on every story), with the
        desk editor's approval as its one step."""
        # Found by its step, not its name: editors may rename it.
        step = self.content_type("newsroom", "deskapprovaltask")
        workflow = self.Workflow.objects.filter(workflow_tasks__task__content_type=step).first()
        if workflow is None:
            workflow = self.Workflow.objects.create(name=str(WORKFLOW_NAME), active=True)
            task = self.DeskApprovalTask.objects.create(
                name=str(TASK_NAME),
                active=True,
                content_type=step,
            )
            self.WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        for home in self.homes().values():
            if not self.WorkflowPage.objects.filter(page=home).exists():
                self.WorkflowPage.objects.create(page=home, workflow=workflow)
        return workflow

    def complete_global_roles(self):
        """Edition-wide roles made before the editions existed get their pages now."""
        homes = self.homes()
        for spec in ROLES:
            if spec.per_desk or not spec.editions:
                continue
            role = self.Role.objects.filter(code=spec.code, desk=None).first()
            if role is None:
                continue
            pages = (
                homes.values()
                if spec.editions == "all"
                else [page for code, page in homes.items() if code != settings.LANGUAGE_CODE]
            )
            if not self.GroupPagePermission.objects.filter(group=role.group_id).exists():
                self.grant(role.group, spec, pages)


@transaction.atomic
def setup_newsroom(apps=global_apps):
    """Creates the newsroom's edition-wide roles and the review workflow; returns the groups
    by role code. Names are in the default language, as the newsroom reads them."""
    newsroom = Newsroom(apps)
    with override(settings.LANGUAGE_CODE):
        groups = {spec.code: newsroom.ensure_role(spec) for spec in ROLES if not spec.per_desk}
        newsroom.complete_global_roles()
        newsroom.ensure_workflow()
    return groups


@transaction.atomic
def setup_desk(page, apps=global_apps):
    """Makes `page` (a rubric, or an edition's home page for a whole-language desk) a desk:
    its reporters' and editors' groups with their page permissions on it. Returns the groups
    by role code."""
    newsroom = Newsroom(apps)
    page = newsroom.Page.objects.select_related("locale").get(pk=page.pk)
    with override(settings.LANGUAGE_CODE):
        name = page.title
        if page.depth == 2:
            name = EDITION_DESKS.get(page.locale.language_code, name)
        return {
            spec.code: newsroom.ensure_role(spec, desk=page, desk_name=name)
            for spec in ROLES
            if spec.per_desk
        }


def desk_groups(page):
    """The groups of the desk `page`, by role code."""
    from .models import Role

    return {
        role.code: role.group for role in Role.objects.filter(desk=page).select_related("group")
    }
