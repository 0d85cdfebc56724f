"""The page tree every Qalam site starts from: a home page per language edition, the Russian
one as the site root and the Kazakh and English ones as its translations."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction

from wagtail.models import Locale, Page, Site

from .models import HomePage

HOME_TITLES = {"ru": "Главная", "kk": "Басты бет", "en": "Home"}


@transaction.atomic
def ensure_editions():
    """Creates whatever of the tree is missing and returns the home pages by language.
    Running it again changes nothing."""
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }
    default = locales[settings.LANGUAGE_CODE]
    home = HomePage.objects.filter(depth=2, locale=default).first()
    if home is None:
        home = create_home(default)
    homes = {settings.LANGUAGE_CODE: home}
    for code, locale in locales.items():
        if code == settings.LANGUAGE_CODE:
            continue
        translation = home.get_translation_or_none(locale)
        if translation is None:
            translation = home.copy_for_translation(locale)
            translation.title = HOME_TITLES.get(code, translation.title)
            translation.save_revision().publish()
        homes[code] = translation.specific
    ensure_site(home)
    return homes


def create_home(locale):
    root = Page.get_first_root_node()
    # Wagtail's migrations leave a placeholder welcome page; Qalam's home page replaces it.
    for welcome in root.get_children().filter(slug="home", content_type__model="page"):
        if not welcome.get_children().exists():
            welcome.delete()
    home = HomePage(title=HOME_TITLES.get(locale.language_code, "Home"), slug="home", locale=locale)
    root.add_child(instance=home)
    home.save_revision().publish()
    return home


def ensure_site(home):
    """Makes `home` the default site's root, addressed as QALAM_BASE_URL says. A site already
    rooted there keeps the address and name its editors gave it: imports and the demo loader
    run this too, and must not move the site."""
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    if site.pk and site.root_page_id == home.pk:
        return
    url = urlsplit(settings.QALAM_BASE_URL)
    site.root_page = home
    site.hostname = url.hostname or "localhost"
    site.port = url.port or (443 if url.scheme == "https" else 80)
    site.site_name = settings.WAGTAIL_SITE_NAME
    site.save()
    Site.clear_site_root_paths_cache()
