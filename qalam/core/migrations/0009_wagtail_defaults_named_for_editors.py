"""Names that Wagtail's migrations give to data, in English whatever the admin's language,
shown to editors as they are: the root of the page tree («Root», in breadcrumbs and the page
chooser) and the default review workflow and its task («Moderators approval»). They are
data, not strings, so no catalogue translates them; they are renamed once, and only while
nobody has renamed them."""

from django.db import migrations

ROOT = ("Root", "Qalam")
REVIEW = ("Moderators approval", "Проверка модератором")


def forwards(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title=ROOT[0]).update(title=ROOT[1], draft_title=ROOT[1])
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=REVIEW[0]).update(name=REVIEW[1])


def backwards(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title=ROOT[1]).update(title=ROOT[0], draft_title=ROOT[0])
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=REVIEW[1]).update(name=REVIEW[0])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_remove_comment_settings"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
