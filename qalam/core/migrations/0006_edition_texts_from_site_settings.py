"""The texts the site settings held in one language become the default edition's (Russian);
going back, the default edition's texts return to the site settings. Apart from the field
removal that follows, so that PostgreSQL alters no table with rows just written."""

from django.conf import settings
from django.db import migrations

TEXTS = ("tagline", "placeholder_alt", "footer_text")


def to_editions(apps, schema_editor):
    SiteSettings = apps.get_model("core", "SiteSettings")
    EditionSettings = apps.get_model("core", "EditionSettings")
    Locale = apps.get_model("wagtailcore", "Locale")
    site_settings = list(SiteSettings.objects.all())
    if not site_settings:
        return
    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for row in site_settings:
        EditionSettings.objects.update_or_create(
            settings=row,
            locale=locale,
            defaults={field: getattr(row, field) for field in TEXTS},
        )


def to_site_settings(apps, schema_editor):
    EditionSettings = apps.get_model("core", "EditionSettings")
    default = EditionSettings.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    for edition in default.select_related("settings"):
        for field in TEXTS:
            setattr(edition.settings, field, getattr(edition, field))
        edition.settings.save(update_fields=TEXTS)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0005_edition_settings'),
    ]

    operations = [
        migrations.RunPython(to_editions, to_site_settings),
    ]
