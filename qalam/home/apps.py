from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "qalam.home"
    verbose_name = _("Home page")

    def ready(self):
        from qalam.core.signal_handlers import chrome_shows

        from .models import HomePage

        chrome_shows(HomePage)
