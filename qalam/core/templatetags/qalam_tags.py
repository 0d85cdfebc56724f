from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation

register = template.Library()


@register.filter
def newsdate(value, fmt="DATETIME_FORMAT"):
    """A publication time as the reader's language writes it: «25 ноября 2026, 15:43»."""
    if not value:
        return ""
    text = formats.date_format(timezone.localtime(value), fmt)
    # Django's Kazakh catalogue capitalises month names; inside a date Kazakh writes them small.
    return text.lower() if translation.get_language() == "kk" else text


@register.filter
def datetime_value(value):
    """A moment as the `datetime` attribute of `<time>` takes it: whole seconds and the
    offset, «2026-11-25T15:43:00+05:00». Django's `c` format keeps microseconds, and HTML
    allows three digits of a fraction at most."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.filter
def holds(rubric, page):
    """Whether `page` lies under `rubric` in the page tree (an article, a sub-rubric or one of
    its articles), read from the tree paths without a query."""
    path = getattr(page, "path", "")
    return bool(path) and path.startswith(rubric.path)


@register.simple_tag
def edition_links(alternates=()):
    """Every language edition for the language switcher: this page in that language where
    it has a translation (`alternates`), the edition's home page otherwise."""
    translated = {alternate["language"]: alternate["url"] for alternate in alternates or ()}
    links = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            url = translated.get(code) or reverse("wagtail_serve", args=[""])
        links.append({"code": code, "name": name, "url": url})
    return links
