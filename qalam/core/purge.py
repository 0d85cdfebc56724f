"""Telling caches in front of Qalam that a page changed. Today no page cache is configured,
so this does nothing unless `wagtail.contrib.frontend_cache` is installed; a full-page cache
hooks in here, and every caller (comments, …) stays as it is."""

from django.apps import apps
from django.db import transaction

from wagtail.models import Page


def purge_page(page_id):
    if not apps.is_installed("wagtail.contrib.frontend_cache"):
        return
    from wagtail.contrib.frontend_cache.utils import purge_page_from_cache

    def purge():
        page = Page.objects.filter(pk=page_id).specific().first()
        if page is not None:
            purge_page_from_cache(page)

    transaction.on_commit(purge)
