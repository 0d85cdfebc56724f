"""The roles' groups made before the roles held the budget's permissions get them: a release
that gives a role more gives it to the groups already there too. Nothing is taken away, and
a permission an administrator removed earlier is not one of these."""

from django.db import migrations


def forwards(apps, schema_editor):
    from qalam.newsroom.roles import ROLES, Newsroom

    newsroom = Newsroom(apps)
    for spec in ROLES:
        budget = [permission for permission in spec.model_permissions if permission[0] == "budget"]
        if not budget:
            continue
        permissions = [newsroom.permission(*permission) for permission in budget]
        for role in newsroom.Role.objects.filter(code=spec.code).select_related("group"):
            role.group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0002_newsroom_roles"),
        ("budget", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
