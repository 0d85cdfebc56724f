from django.contrib.postgres.search import SearchVectorField
from django.db import models


class NewestIndex(models.Model):
    """PostgreSQL only: one narrow row per indexed page, its publication time and the same
    terms as its index entry, so the newest matches of a word come from one GIN scan over
    narrow rows, and are ranked on the terms (docs/search.md). Written beside
    modelsearch's index entries by `backend.NewestFirstIndex`; created by migration 0003 on
    PostgreSQL and absent on SQLite."""

    # The search index removes a page's row with its index entry (backend.NewestFirstIndex);
    # Django must not cascade, since SQLite has no such table.
    page = models.OneToOneField(
        "wagtailcore.Page",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="search_newest",
    )
    published_at = models.DateTimeField(null=True)
    terms = SearchVectorField()

    class Meta:
        managed = False
        db_table = "qalam_search_newest"

    def __str__(self):
        return f"{self.page_id} ({self.published_at})"
