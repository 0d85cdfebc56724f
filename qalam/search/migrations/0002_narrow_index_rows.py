"""Index rows narrow enough to read many to a page: vectors and texts go out of line (TOAST)
once a row passes 128 bytes instead of 2 KB. Finding the newest matches of a common word then
reads a few hundred pages of the table instead of one page a match. Existing rows narrow on
their next update, or at once with `VACUUM FULL wagtailsearch_indexentry`."""

from django.db import migrations


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE wagtailsearch_indexentry SET (toast_tuple_target = 128)")


def widen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE wagtailsearch_indexentry RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [("qalam_search", "0001_vector_index")]

    operations = [migrations.RunPython(narrow, widen)]
