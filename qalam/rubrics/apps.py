from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RubricsConfig(AppConfig):
    name = "qalam.rubrics"
    verbose_name = _("Rubrics")

    def ready(self):
        from qalam.core.chrome import register_menu
        from qalam.core.signal_handlers import chrome_shows

        from .models import RubricPage, menu

        chrome_shows(RubricPage)
        register_menu(menu)
