from wagtail.models import Locale, Site

import factory

from .models import EditionSettings, SiteSettings


def default_site_settings():
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


class EditionSettingsFactory(factory.django.DjangoModelFactory):
    """The texts of one language edition of the default site (the default language unless
    `locale` says otherwise); a second call for the same edition returns the first row."""

    settings = factory.LazyFunction(default_site_settings)
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = EditionSettings
        django_get_or_create = ("settings", "locale")
