from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "qalam.articles"
    verbose_name = _("Articles")

    def ready(self):
        from qalam.core import purge

        from .showing import pages_showing
        from .signal_handlers import register_signal_handlers

        purge.register_showing(pages_showing)
        register_signal_handlers()
