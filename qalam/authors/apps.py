from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthorsConfig(AppConfig):
    name = "qalam.authors"
    verbose_name = _("Authors")
