"""The page editor's form, shared by Qalam's page types."""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.coreutils import find_available_slug


class PageForm(WagtailAdminPageForm):
    """Wagtail's page form, where a slug that a sibling draft holds does not block the page
    being written: autosave keeps an article its editor abandoned, and the next article with
    the same headline could not be saved, not even as a draft. That page takes a free
    variant instead; a published or once-published sibling still refuses the slug."""

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug and self.parent_page is not None and self.held_by_a_draft(slug):
            slug = find_available_slug(self.parent_page, slug, ignore_page_id=self.instance.pk)
        return slug

    def held_by_a_draft(self, slug):
        return (
            self.parent_page.get_children()
            .filter(slug=slug, live=False, first_published_at__isnull=True)
            .exclude(pk=self.instance.pk)
            .exists()
        )

    def get_field_updates_for_resave(self):
        """The free variant goes back to the form still open in the editor's browser."""
        updates = super().get_field_updates_for_resave()
        slug = self.cleaned_data.get("slug")
        if slug and slug != self.data.get(self.add_prefix("slug")):
            updates.append((self.add_prefix("slug"), slug))
        return updates
