"""Sitemaps for search engines: an index of sections, articles split into files of
`ArticleSitemap.limit` with their main photos, and a Google News sitemap of the last 48
hours. Every file costs a fixed number of queries."""

import datetime

from django.contrib.sitemaps import Sitemap
from django.utils import timezone

from qalam.articles.models import StoryPage
from qalam.authors.models import Author
from qalam.home.models import HomePage
from qalam.rubrics.models import RubricPage
from qalam.tags.models import Tag

SITEMAP_PHOTO = "width-960"
NEWS_WINDOW = datetime.timedelta(hours=48)


def latest_publication():
    """The newest publication of any published article, read backwards along the index on
    `last_published_at` (core migration 0004) to the first published one."""
    published = StoryPage.objects.published().filter(last_published_at__isnull=False)
    return (
        published.order_by("-last_published_at").values_list("last_published_at", flat=True).first()
    )


class ArticleSitemap(Sitemap):
    limit = 5000

    def get_latest_lastmod(self):
        # The sitemap index dates each section; Django's default computes every item's
        # lastmod, here every article with its photo (docs/performance.md).
        return latest_publication()

    def items(self):
        return (
            StoryPage.objects.published()
            .defer_streamfields()
            .with_photo(SITEMAP_PHOTO)
            .select_related("locale")
            .order_by("-first_published_at", "-pk")
        )

    def location(self, article):
        return article.url

    def lastmod(self, article):
        return article.last_published_at


class SectionSitemap(Sitemap):
    """The home page of each edition and its rubrics."""

    def items(self):
        homes = list(HomePage.objects.published().select_related("locale"))
        rubrics = list(RubricPage.objects.published().select_related("locale").order_by("path"))
        return homes + rubrics

    def location(self, page):
        return page.url

    def lastmod(self, page):
        return page.last_published_at


class AuthorSitemap(Sitemap):
    def items(self):
        return Author.objects.filter(article_links__isnull=False).distinct().order_by("name")


class TagSitemap(Sitemap):
    limit = 5000

    def items(self):
        return Tag.objects.filter(tagged_articles__isnull=False).distinct().order_by("name")


SITEMAPS = {
    "sections": SectionSitemap,
    "articles": ArticleSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
}


def news_articles():
    """The articles of the last 48 hours, for the Google News sitemap (at most 1000)."""
    since = timezone.now() - NEWS_WINDOW
    return list(
        StoryPage.objects.published()
        .filter(first_published_at__gte=since)
        .defer_streamfields()
        .select_related("locale")
        .order_by("-first_published_at", "-pk")[:1000]
    )
