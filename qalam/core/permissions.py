"""What a person may do to a page, as Wagtail's page permissions say, with one rule of the
newsroom's on top: deleting or moving a page takes the right to publish where it stands.

Wagtail lets whoever may add pages delete and move the drafts they own, and whoever may
change pages delete any draft without a live page below it. A reporter (add and change, no
publish) could then remove a colleague's draft or move a story to another desk; in Qalam that
is an editor's decision. Abandoned drafts are cleared by `qalam worker` (articles/drafts.py)."""

from wagtail.models import PagePermissionTester


class NewsroomPagePermissionTester(PagePermissionTester):
    def can_delete(self, ignore_bulk=False):
        if self.user.is_active and not self.user.is_superuser and "publish" not in self.permissions:
            return False
        return super().can_delete(ignore_bulk=ignore_bulk)
