# Each language edition's texts in its own row beside the site settings.

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_page_last_published_index'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='EditionSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('tagline', models.CharField(blank=True, help_text="Follows the site's name in the home page's title and in the footer; the description of pages without their own.", max_length=255, verbose_name='tagline')),
                ('placeholder_alt', models.CharField(blank=True, default='', help_text="Read out instead of the placeholder photo, e.g. the site's name.", max_length=255, verbose_name='placeholder alt text')),
                ('footer_text', models.TextField(blank=True, help_text='Publisher details, registration certificate, contacts.', verbose_name='footer text')),
                ('locale', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.locale', verbose_name='language')),
                ('settings', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='editions', to='core.sitesettings')),
            ],
            options={
                'verbose_name': 'edition settings',
                'verbose_name_plural': 'edition settings',
                'ordering': ['locale_id'],
                'constraints': [models.UniqueConstraint(fields=('settings', 'locale'), name='core_one_edition_settings_per_language')],
            },
        ),
    ]
