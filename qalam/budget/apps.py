from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "qalam.budget"
    verbose_name = _("Budget")

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
