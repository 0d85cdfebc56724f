# The comment rules have a setting of their own in the comments app, which copies them
# before this runs (it says so with `run_before`).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0007_remove_site_settings_texts'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='sitesettings',
            name='close_comments_after_days',
        ),
        migrations.RemoveField(
            model_name='sitesettings',
            name='comment_spam_words',
        ),
        migrations.RemoveField(
            model_name='sitesettings',
            name='comment_stop_words',
        ),
    ]
