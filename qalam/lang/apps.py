from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LangConfig(AppConfig):
    name = "qalam.lang"
    verbose_name = _("Languages")
