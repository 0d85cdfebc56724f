"""The newest-first table (`models.NewestIndex`) on PostgreSQL, filled from the index entries
that already exist, so an upgrade needs no rebuild. SQLite ranks all its matches and has no
such table. No foreign key: the test database's flush truncates Django's tables only, and a
key to wagtailcore_page would stop it; the index removes a page's row with its entry."""

import django.contrib.postgres.search
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

CREATE = [
    """
CREATE TABLE IF NOT EXISTS qalam_search_newest (
    page_id integer PRIMARY KEY,
    published_at timestamptz,
    terms tsvector NOT NULL
) WITH (toast_tuple_target = 128)
""",
    "CREATE INDEX IF NOT EXISTS qalam_search_newest_terms ON qalam_search_newest USING gin (terms)",
    """
INSERT INTO qalam_search_newest (page_id, published_at, terms)
SELECT page.id, page.first_published_at, entry.title || entry.body
FROM wagtailsearch_indexentry entry
JOIN wagtailcore_page page
    ON entry.content_type_id = page.content_type_id
    AND page.id = CASE WHEN entry.object_id ~ '^[0-9]+$' THEN entry.object_id::integer END
ON CONFLICT (page_id) DO NOTHING
""",
    "ANALYZE qalam_search_newest",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS qalam_search_newest")


class Migration(migrations.Migration):

    dependencies = [
        ('qalam_search', '0002_narrow_index_rows'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='NewestIndex',
            fields=[
                ('page', models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='+', serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('published_at', models.DateTimeField(null=True)),
                ('terms', django.contrib.postgres.search.SearchVectorField()),
            ],
            options={
                'db_table': 'qalam_search_newest',
                'managed': False,
            },
        ),
        migrations.RunPython(create, drop),
    ]
