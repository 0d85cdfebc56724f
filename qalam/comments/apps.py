from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "qalam.comments"
    verbose_name = _("Reader comments")

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
