# The texts now live in each edition's settings (0006 moved them there).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0006_edition_texts_from_site_settings'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='sitesettings',
            name='footer_text',
        ),
        migrations.RemoveField(
            model_name='sitesettings',
            name='placeholder_alt',
        ),
        migrations.RemoveField(
            model_name='sitesettings',
            name='tagline',
        ),
    ]
