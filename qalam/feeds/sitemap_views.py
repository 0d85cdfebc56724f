"""sitemap.xml (an index of sections), the Google News sitemap and robots.txt. Sitemaps
answer 304 when nothing was published since the reader's copy."""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition

from .sitemaps import SITEMAPS, latest_publication, news_articles

MAX_AGE = 600


def last_publication(request, *args, **kwargs):
    return latest_publication()


cached = cache_control(public=True, max_age=MAX_AGE, s_maxage=MAX_AGE)
since_last_publication = condition(last_modified_func=last_publication)


def root_url(request):
    return f"{request.scheme}://{request.get_host()}"


@cached
@since_last_publication
def index(request):
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap-section")


@cached
@since_last_publication
def section(request, section):
    response = sitemap_views.sitemap(
        request, SITEMAPS, section=section, template_name="feeds/sitemap.xml"
    )
    response.context_data["root_url"] = root_url(request)
    return response


@cached
@since_last_publication
def news(request):
    context = {
        "articles": news_articles(),
        "root_url": root_url(request),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    return render(request, "feeds/news_sitemap.xml", context, content_type="application/xml")


@cache_control(public=True, max_age=86400)
def robots(request):
    return render(
        request, "feeds/robots.txt", {"root_url": root_url(request)}, content_type="text/plain"
    )
