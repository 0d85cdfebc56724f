from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "qalam.pages"
    verbose_name = _("Pages")

    def ready(self):
        from qalam.core.signal_handlers import chrome_shows

        from .models import SimplePage

        # The footer links the edition's policy pages: a renamed or moved one shows at once.
        chrome_shows(SimplePage)
