"""The story contract: the articles' table becomes `StoryPage`'s, the table every story type
shares, and `ArticlePage` becomes its first type with a table of its own (docs/architecture.md,
"One story table").

The rename is wrapped in SeparateDatabaseAndState so that Django's contenttypes app does not
rename the `articles.articlepage` content type: every existing page stays an `ArticlePage`,
and what pointed at the articles' rows (tags, authors, comments, related lists, the home
page's lead) points at the same rows, renamed in place, with no data copied."""

import django.db.models.deletion
from django.db import migrations, models


def articles_rows(apps, schema_editor):
    """Every existing story was an article: each gets its row in the articles' new table."""
    stories = schema_editor.quote_name("articles_storypage")
    articles = schema_editor.quote_name("articles_articlepage")
    schema_editor.execute(
        f"INSERT INTO {articles} (storypage_ptr_id) SELECT page_ptr_id FROM {stories}"
    )


def stories_rows(apps, schema_editor):
    """Backwards: the articles' table is dropped by the reverse of its creation; nothing to
    copy, its rows hold only the link."""


class Migration(migrations.Migration):

    # What points at the articles' rows must exist before the rename, so that it follows
    # the rows to the stories' table rather than point at the new articles' one.
    dependencies = [
        ("articles", "0006_body_blocks_feed_templates"),
        ("comments", "0004_comment_settings_from_site_settings"),
        ("home", "0002_home_page_lead_article"),
        ("related", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RenameModel("ArticlePage", "StoryPage")],
            state_operations=[migrations.RenameModel("ArticlePage", "StoryPage")],
        ),
        migrations.AlterModelOptions(
            name="storypage",
            options={"verbose_name": "story", "verbose_name_plural": "stories"},
        ),
        migrations.CreateModel(
            name="ArticlePage",
            fields=[
                (
                    "storypage_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="articles.storypage",
                    ),
                ),
            ],
            options={"verbose_name": "article", "verbose_name_plural": "articles"},
            bases=("articles.storypage",),
        ),
        migrations.RunPython(articles_rows, stories_rows),
    ]
