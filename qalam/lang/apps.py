from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LangConfig(AppConfig):
    name = "qalam.lang"
    verbose_name = _("Languages")

    def ready(self):
        from django.db import models

        from wagtail.admin.forms.models import register_form_field_override

        from .widgets import LatinSlugInput

        # Every slug field of the admin's forms (pages, authors) proposes Latin slugs.
        register_form_field_override(models.SlugField, override={"widget": LatinSlugInput})
