from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "qalam.core"
    verbose_name = _("Site")

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
