"""The newest-first table's terms compressed with LZ4 instead of PostgreSQL's default pglz:
ranking a page of results unpacks the terms of 200 pages, and LZ4 does it in half the time
(docs/search.md). A server built without LZ4 keeps pglz."""

from django.db import migrations

HAS_LZ4 = "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"


def compress(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(HAS_LZ4)
        if not cursor.fetchone()[0]:
            return
    schema_editor.execute("ALTER TABLE qalam_search_newest ALTER COLUMN terms SET COMPRESSION lz4")
    # Stored values keep the method they were written with (VACUUM FULL does not change it):
    # each is written anew. Autovacuum then reclaims the old rows.
    schema_editor.execute("UPDATE qalam_search_newest SET terms = terms || ''::tsvector")


def uncompress(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE qalam_search_newest ALTER COLUMN terms SET COMPRESSION default"
        )


class Migration(migrations.Migration):
    dependencies = [("qalam_search", "0003_newest_index")]

    operations = [migrations.RunPython(compress, uncompress)]
