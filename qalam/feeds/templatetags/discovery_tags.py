import json

from django import template
from django.utils.safestring import mark_safe

from qalam.core.ids import whole_number
from qalam.feeds import structured_data as structured_data_module

register = template.Library()

# Characters that could end the script element or open a comment inside it.
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A JSON-LD script element; text from editors or imports cannot break out of it."""
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The schema.org data of the page being rendered: an article's NewsArticle and
    breadcrumbs, an edition home's WebSite and publisher."""
    page = context.get("page")
    return structured_data_module.for_page(page, context) if page is not None else []


def listing_page(request):
    return whole_number(request.GET.get("page", "1")) or 1


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's address without tracking or other parameters; a listing keeps its page."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    number = listing_page(request)
    return f"{url}?page={number}" if number > 1 else url


@register.simple_tag(takes_context=True)
def robots_meta(context):
    """Listings past their first page are followed but not indexed."""
    return "noindex, follow" if listing_page(context["request"]) > 1 else ""
