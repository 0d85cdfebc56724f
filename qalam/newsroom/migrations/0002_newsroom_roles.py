"""The newsroom's roles and the review workflow, as `qalam setup_newsroom` makes them; desks
are the editors' to choose (`qalam setup_newsroom --desk <rubric>`)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from qalam.newsroom.roles import setup_newsroom

    setup_newsroom(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("home", "0002_home_page_lead_article"),
        ("core", "0009_wagtail_defaults_named_for_editors"),
        ("comments", "0004_comment_settings_from_site_settings"),
        ("simple_translation", "0001_initial"),
        ("wagtailimages", "0027_image_description"),
        # after Wagtail gives every admin group `choose_document`: the roles hold only theirs
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
