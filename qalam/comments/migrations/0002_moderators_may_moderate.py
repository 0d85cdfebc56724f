"""Wagtail's Editors and Moderators groups moderate reader comments and the block list."""

from django.db import migrations

GROUPS = ["Editors", "Moderators"]
CODENAMES = [
    f"{action}_{model}"
    for model in ("comment", "block")
    for action in ("view", "change", "delete", "add")
    if (action, model) != ("add", "comment")
]


def grant(apps, schema_editor):
    # Django creates permissions after all migrations; these are made here so that the
    # groups can have them now. post_migrate then finds them in place.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = []
    for codename in CODENAMES:
        action, model = codename.split("_")
        content_type, _ = ContentType.objects.get_or_create(app_label="comments", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {action} {model}"},
        )
        permissions.append(permission)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="comments")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("wagtailcore", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
