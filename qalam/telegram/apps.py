from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TelegramConfig(AppConfig):
    name = "qalam.telegram"
    verbose_name = _("Telegram channels")

    def ready(self):
        from . import checks  # noqa: F401  (registers the check of QALAM_TELEGRAM_CHANNELS)
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
