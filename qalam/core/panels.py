from django.conf import settings
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from wagtail.admin.panels import FieldPanel, PublishingPanel
from wagtail.admin.widgets import AdminDateTimeInput

# What Wagtail's own dialog gives its two fields: closing the dialog undoes unsaved changes.
RESET_ON_CLOSE = {
    "data-controller": "w-action",
    "data-action": "w-dialog:hidden->w-action#reset",
    "data-w-dialog-target": "notify",
}


def time_zone_note():
    """Which clock the editor's times are read by: the newsroom's, whatever the browser's."""
    offset = timezone.localtime().isoformat()[-6:]
    return _("Times are in the %(zone)s time zone (UTC%(offset)s).") % {
        "zone": settings.TIME_ZONE,
        "offset": offset,
    }


class ScheduleInput(AdminDateTimeInput):
    """The date picker of the schedule dialog, opened inside its field rather than over the
    dialog, so that the stylesheet can keep it in the dialog's flow (static/css/admin.css)
    and it never covers «Сохранить расписание»."""

    def get_config(self):
        return {**super().get_config(), "insideParent": True}


class SchedulePanel(PublishingPanel):
    """Wagtail's publishing schedule dialog, saying which time zone its times are in."""

    def __init__(self, **kwargs):
        note = lazy(time_zone_note, str)()
        fields = [
            FieldPanel(name, help_text=note, widget=ScheduleInput(attrs=RESET_ON_CLOSE))
            for name in ("go_live_at", "expire_at")
        ]
        super().__init__(**{"children": fields, **kwargs})
