from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigestsConfig(AppConfig):
    name = "qalam.digests"
    verbose_name = _("Email digests")

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
