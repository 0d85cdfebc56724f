"""WordPress pages → simple pages under the edition's home page, their hierarchy kept.
Pages are few, so they take Wagtail's ordinary path, one by one, parents first."""

from django.utils import timezone

from wagtail.coreutils import find_available_slug
from wagtail.models import PageViewRestriction

from qalam.lang.slugs import latin_slug
from qalam.pages.models import SimplePage

from .posts import digest


class Pages:
    def __init__(self, importer):
        self.importer = importer
        self.report, self.keys = importer.report, importer.keys

    def write(self, items):
        known = self.keys.find("page", [item.id for item in items])
        existing = SimplePage.objects.in_bulk([object_id for object_id, _ in known.values()])
        by_id = {item.id: item for item in items}
        written = {}  # WordPress ID → SimplePage

        def write(item, trail=()):
            if item.id in written or item.id in trail:
                return
            parent = by_id.get(item.parent)
            if parent is not None:
                write(parent, (*trail, item.id))
            object_id, last = known.get(item.id, (None, None))
            if object_id is not None and object_id not in existing:
                self.report.count("pages", "skipped")
                self.report.warn("pages", item, "deleted in Qalam since the last import")
                return
            page = self.write_page(item, existing.get(object_id), last, written.get(item.parent))
            if page is not None:
                written[item.id] = page

        for item in items:
            write(item)

    def write_page(self, item, page, last_digest, parent):
        importer = self.importer
        record = importer.posts.record(item, kind="pages")
        if record is None:
            return None
        if item.comments:
            self.report.warn(
                "pages", item, f"{len(item.comments)} comments not imported: pages take none"
            )
            self.report.count("comments", "skipped", len(item.comments))
        fingerprint = digest(record)
        if page is not None and last_digest == fingerprint:
            self.report.count("pages", "unchanged")
            return page
        created = page is None
        parent = parent or importer.home
        if created:
            page = SimplePage(locale=importer.home.locale)
            page.slug = find_available_slug(parent, record.slug or latin_slug(record.title))
        page.title, page.draft_title, page.body = record.title, record.title, record.body
        page.seo_title, page.search_description = record.seo_title, record.search_description
        scheduled = not record.draft and record.published_at > timezone.now()
        if not record.draft:
            page.first_published_at = record.published_at
        if created:
            page.live = not (record.draft or scheduled)
            parent.add_child(instance=page)
        else:
            page.save()
        if record.draft:
            page.save_revision()
            if page.live:
                page.unpublish()
        else:
            page.go_live_at = record.published_at if scheduled else None
            page.save_revision().publish()
        PageViewRestriction.objects.filter(page=page).delete()
        if record.restriction:
            PageViewRestriction.objects.create(
                page=page, restriction_type=record.restriction, password=record.password
            )
        self.keys.remember("page", [(item.id, page.pk, fingerprint)])
        self.report.count("pages", "created" if created else "updated")
        if not record.draft and not scheduled:
            importer.redirect(item.link, page)
            importer.redirect(f"/?page_id={item.id}", page)
            importer.redirect(f"/?p={item.id}", page)
        return page
