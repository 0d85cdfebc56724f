# The comment rules get a setting of their own (they were part of core.SiteSettings).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('comments', '0002_moderators_may_moderate'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='CommentSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('close_after_days', models.PositiveIntegerField(blank=True, help_text='Articles stop taking comments this many days after publication. Empty: never.', null=True, verbose_name='close comments after (days)')),
                ('stop_words', models.TextField(blank=True, help_text='One word or phrase a line. A comment containing one waits for an editor.', verbose_name='words that hold a comment')),
                ('spam_words', models.TextField(blank=True, help_text='One word or phrase a line. A comment containing one goes to spam.', verbose_name='words that mark spam')),
                ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
            ],
            options={
                'verbose_name': 'comments',
            },
        ),
    ]
