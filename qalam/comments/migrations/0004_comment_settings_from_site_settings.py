"""Each site's comment rules move from its site settings to its comment settings, and whoever
could change the site settings can change the comment settings; going back, they return. Run
before core drops the fields, and apart from the table's creation, so that PostgreSQL alters
no table with rows just written."""

from django.db import migrations

FIELDS = {
    "close_comments_after_days": "close_after_days",
    "comment_stop_words": "stop_words",
    "comment_spam_words": "spam_words",
}


def from_site_settings(apps, schema_editor):
    SiteSettings = apps.get_model("core", "SiteSettings")
    CommentSettings = apps.get_model("comments", "CommentSettings")
    for row in SiteSettings.objects.all():
        CommentSettings.objects.update_or_create(
            site_id=row.site_id,
            defaults={new: getattr(row, old) for old, new in FIELDS.items()},
        )
    grant_like(apps, SiteSettings, CommentSettings)


def to_site_settings(apps, schema_editor):
    SiteSettings = apps.get_model("core", "SiteSettings")
    CommentSettings = apps.get_model("comments", "CommentSettings")
    for row in CommentSettings.objects.all():
        SiteSettings.objects.update_or_create(
            site_id=row.site_id,
            defaults={old: getattr(row, new) for old, new in FIELDS.items()},
        )


def grant_like(apps, source, target):
    """Groups and users allowed to change the `source` model may change `target` too."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    User = apps.get_model("users", "User")
    holders = Permission.objects.filter(
        content_type__app_label=source._meta.app_label,
        codename=f"change_{source._meta.model_name}",
    ).first()
    if holders is None:  # a new database: Django makes the permissions after migrating
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label=target._meta.app_label, model=target._meta.model_name
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"change_{target._meta.model_name}",
        defaults={"name": f"Can change {target._meta.verbose_name}"},
    )
    for group in Group.objects.filter(permissions=holders):
        group.permissions.add(permission)
    for user in User.objects.filter(user_permissions=holders):
        user.user_permissions.add(permission)


class Migration(migrations.Migration):

    dependencies = [
        ('comments', '0003_comment_settings'),
        ('core', '0007_remove_site_settings_texts'),
        ('users', '0001_initial'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]
    run_before = [
        ('core', '0008_remove_comment_settings'),
    ]

    operations = [
        migrations.RunPython(from_site_settings, to_site_settings),
    ]
