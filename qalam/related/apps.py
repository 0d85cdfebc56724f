from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelatedConfig(AppConfig):
    name = "qalam.related"
    verbose_name = _("Related articles")

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
