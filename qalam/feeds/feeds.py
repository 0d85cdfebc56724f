"""Feeds of the newest articles: the whole edition, a rubric, a tag or an author, in RSS 2.0
or Atom, in the reader's language. One `Feed` serves them all: `get_object` decides what
the feed is about and gathers, in a fixed number of queries, what its items need."""

import dataclasses
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.utils.feedgenerator import Enclosure
from django.utils.translation import get_language, gettext

from wagtail.models import Site

from qalam.articles.models import ArticleAuthor, StoryPage
from qalam.authors.models import Author
from qalam.core.chrome import edition
from qalam.rubrics.models import RubricPage, rubrics_of
from qalam.tags.models import Tag

from . import fulltext
from .generators import FullTextAtomFeed, FullTextRssFeed

ITEMS = 50


@dataclasses.dataclass
class Subject:
    """What a feed is about, and where its links point."""

    title: str
    link: str
    description: str
    articles: object  # the queryset of its articles
    request: object
    root_url: str

    @property
    def host(self):
        return urlsplit(self.root_url).hostname

    @property
    def items(self):
        """What the feed shows: its newest ITEMS articles. The items and the validators of
        the feed's conditional GET (`views.shown_items`) both read this."""
        return self.articles.newest_first()[:ITEMS]


def subject_for(request, kind, slug=None):
    site, _home = edition(request)  # from the cache, beside the chrome
    site = site or Site.objects.get(is_default_site=True)
    language = get_language()
    articles = StoryPage.objects.published().in_language(language)
    name = settings.WAGTAIL_SITE_NAME
    if kind == "site":
        return Subject(name, "/", gettext("The newest articles"), articles, request, site.root_url)
    if kind == "rubric":
        rubric = RubricPage.objects.published().in_language(language).filter(slug=slug).first()
        if rubric is None:
            raise Http404
        return Subject(
            f"{name} — {rubric.title}", rubric.get_url(request), rubric.description,
            articles.in_rubric(rubric), request, site.root_url,
        )  # fmt: skip
    if kind == "tag":
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404
        return Subject(
            f"{name} — {tag.name}", tag.get_absolute_url(), "",
            articles.tagged(tag), request, site.root_url,
        )  # fmt: skip
    if kind == "author":
        author = Author.objects.filter(slug=slug).first()
        if author is None:
            raise Http404
        return Subject(
            f"{name} — {author.name}", author.get_absolute_url(), author.bio,
            articles.by_author(author), request, site.root_url,
        )  # fmt: skip
    raise Http404


def newest(subject):
    """The feed's items with what they show attached: rubric, bylines, photo and body."""
    articles = list(
        subject.items.prefetch_related(
            Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author"))
        )
    )
    rubrics = rubrics_of(articles)
    bodies = fulltext.bodies(articles)
    photos = fulltext.photos_for(articles, bodies)
    for article, body in zip(articles, bodies, strict=True):
        rubric = rubrics.get(article.rubric_path)
        article.feed_rubric = rubric.title if rubric else ""
        article.feed_authors = ", ".join(link.author.name for link in article.article_authors.all())
        article.feed_link = article.get_full_url(subject.request)
        article.feed_guid = f"tag:{subject.host},2026:article-{article.pk}"
        article.feed_content = fulltext.render_body(body, subject.root_url)
        photo = photos.get(article.main_image_id)
        article.feed_enclosure = fulltext.enclosure(photo, subject.root_url) if photo else None
    return articles


class ArticlesFeed(Feed):
    feed_type = FullTextRssFeed
    item_guid_is_permalink = False

    # One instance serves every request: per-request state lives on the Subject.
    def get_object(self, request, kind="site", slug=None):
        return subject_for(request, kind, slug)

    def title(self, subject):
        return subject.title

    def link(self, subject):
        return subject.link

    def description(self, subject):
        return subject.description or subject.title

    def items(self, subject):
        return newest(subject)

    def item_title(self, article):
        return article.title

    def item_link(self, article):
        return article.feed_link

    def item_guid(self, article):
        # A tag URI of the page's id: stable across edits, renames and moves.
        return article.feed_guid

    def item_description(self, article):
        return article.lead

    def item_pubdate(self, article):
        return article.first_published_at

    def item_updateddate(self, article):
        return article.modified_at

    def item_author_name(self, article):
        return article.feed_authors or None

    def item_categories(self, article):
        return [article.feed_rubric] if article.feed_rubric else []

    def item_enclosures(self, article):
        if article.feed_enclosure is None:
            return []
        url, length, mime_type = article.feed_enclosure
        return [Enclosure(url, length, mime_type)]

    def item_extra_kwargs(self, article):
        return {"content": article.feed_content}


class AtomArticlesFeed(ArticlesFeed):
    feed_type = FullTextAtomFeed
    subtitle = ArticlesFeed.description
