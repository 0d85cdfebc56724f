from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthorsConfig(AppConfig):
    name = "qalam.authors"
    verbose_name = _("Authors")

    def ready(self):
        from qalam.core.signal_handlers import pages_show

        from .models import Author

        pages_show(Author)
