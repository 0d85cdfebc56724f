from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .signal_handlers import CORRECTION


@hooks.register("register_log_actions")
def register_correction(actions):
    @actions.register_action(CORRECTION)
    class CorrectionFormatter(LogFormatter):
        label = _("Correction")
        message = _("Correction published")

        def format_comment(self, log_entry):
            return log_entry.data.get("correction", "")


def asks_to_publish(request):
    return request.method == "POST" and bool(request.POST.get("action-publish"))


# Wagtail answers a publish from someone without the right by saving a draft instead; a
# request that asks to publish and may not is refused outright, so nobody takes the draft
# for a publication (and a crafted request shows up as what it is).
@hooks.register("before_edit_page")
def refuse_publish_without_right(request, page):
    if asks_to_publish(request) and not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied


@hooks.register("before_create_page")
def refuse_publish_on_create_without_right(request, parent_page, page_class):
    tester = parent_page.permissions_for_user(request.user)
    if asks_to_publish(request) and not tester.can_publish_subpage():
        raise PermissionDenied
