from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TagsConfig(AppConfig):
    name = "qalam.tags"
    verbose_name = _("Tags")

    def ready(self):
        from qalam.core.signal_handlers import pages_show

        from .models import Tag

        pages_show(Tag)
