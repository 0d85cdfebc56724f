from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedsConfig(AppConfig):
    name = "qalam.feeds"
    verbose_name = _("Feeds")

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
