"""Creating and updating articles from records that came from outside: the JSONL importer,
the demo loader and, later, archive importers all go through `ArticleWriter`.

New articles are inserted in batches: the tree paths are counted out in Python, base page
rows go in with one bulk insert, and tags and authors with one more each. That keeps an
archive import at a few milliseconds an article instead of a hundred. Updates and scheduled
articles take the ordinary Wagtail path (save, revision), one by one."""

import dataclasses
import datetime
import itertools
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError
from django.db.models import F
from django.utils import timezone

from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

from qalam.articles.models import ArticleAuthor, ArticlePage, ArticleTag
from qalam.authors.models import Author
from qalam.core import purge
from qalam.home.editions import ensure_editions
from qalam.images.models import QalamImage
from qalam.lang.slugs import latin_slug
from qalam.related.tasks import refresh_related
from qalam.rubrics.models import RubricPage
from qalam.search.tasks import reindex_articles
from qalam.tags.models import Tag

from .photos import save_image
from .places import Places, insert_own_rows
from .tasks import update_references

BATCH = 500
UPDATED_FIELDS = [
    "title", "draft_title", "slug", "url_path", "lead", "body", "source_name", "source_url",
    "first_published_at", "last_published_at", "main_image", "comments_open", "seo_title",
    "search_description",
]  # fmt: skip


@dataclasses.dataclass
class ArticleRecord:
    title: str
    lead: str
    body: list  # StreamField data: [(block type, value), ...]
    rubric: "str | RubricPage"  # a name or slug in the article's edition, or the rubric
    published_at: datetime.datetime
    language: str = "ru"
    slug: str = ""
    tags: list = dataclasses.field(default_factory=list)
    authors: list = dataclasses.field(default_factory=list)
    image: Path | None = None
    image_caption: str = ""
    image_credit: str = ""
    image_alt: str = ""
    source_name: str = ""
    source_url: str = ""
    # An importer's own identity for the article (a WordPress site and post ID), for
    # writers that find articles by it (`key`, `find_existing`).
    key: str = ""
    main_image: "QalamImage | int | None" = None  # a stored photo, instead of a file
    draft: bool = False  # kept unpublished whatever its date
    # Who may read it: "" anyone, "login" those who can sign in, "password" those who know
    # `password`; None leaves the article's restrictions as they are.
    restriction: str | None = None
    password: str = ""
    # None leaves what the article has.
    comments_open: bool | None = None
    seo_title: str | None = None
    search_description: str | None = None


class WriteError(Exception):
    def __init__(self, line, message):
        super().__init__(message)
        self.line = line


class ArticleWriter:
    """Writes records into the page tree, finding what exists so a second run updates in
    place. Rubrics, authors, tags and sibling slugs it meets are remembered for the run."""

    def __init__(self):
        self.homes = ensure_editions()
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.content_type = ContentType.objects.get_for_model(ArticlePage)
        self.places = Places()
        self.rubrics, self.authors, self.tags = {}, {}, {}
        self.counts = {"created": 0, "updated": 0}

    def write_all(self, numbered_records, progress=None):
        """Writes (line number, record) pairs; `progress(n)` hears of every n written."""
        records = iter(numbered_records)
        with disable_reference_index_auto_update():
            while batch := list(itertools.islice(records, BATCH)):
                self.write_batch(batch)
                if progress:
                    progress(len(batch))

    def write_batch(self, batch):
        """Writes (number, record) pairs; returns (number, record, article, created) for each,
        in the order written. Call it inside `disable_reference_index_auto_update()`."""
        existing = self.find_existing([record for _, record in batch])
        now = timezone.now()
        new, changed, keys, written = [], [], set(), []
        for number, record in batch:
            key = self.key(record)
            if key in keys:  # the file names this article twice: the later line wins
                written += self.insert(new) + self.update(changed)
                new, changed, keys = [], [], set()
                existing.update(self.find_existing([record]))
            keys.add(key)
            article = existing.get(key)
            rubric = self.rubric(record.rubric, record.language)
            current = record.published_at <= now and not record.draft
            if article is None and current:
                new.append((number, record))
            elif (
                article
                and article.live
                and not article.has_unpublished_changes
                and (current and article.path.startswith(rubric.path))
            ):
                changed.append((number, record, article))
            else:  # a draft, scheduled, holding an editor's draft, or moving to another rubric
                written.append(self.save(number, record, article))
        written += self.insert(new) + self.update(changed)
        self.restrict(written)
        return written

    def key(self, record):
        if record.source_url:
            return (record.language, "source", record.source_url)
        rubric = self.rubric(record.rubric, record.language)
        return (record.language, rubric.path, record.slug or latin_slug(record.title))

    def find_existing(self, records):
        urls = {r.source_url for r in records if r.source_url}
        slugs = {r.slug or latin_slug(r.title) for r in records if not r.source_url}
        found = {}
        if urls:
            for article in ArticlePage.objects.filter(source_url__in=urls).select_related("locale"):
                found[(article.locale.language_code, "source", article.source_url)] = article
        if slugs:
            for article in ArticlePage.objects.filter(slug__in=slugs).select_related("locale"):
                rubric_path = article.path[: -ArticlePage.steplen]
                found[(article.locale.language_code, rubric_path, article.slug)] = article
        return found

    def insert(self, numbered_records):
        """Inserts new, live articles in bulk."""
        if not numbered_records:
            return []
        articles, per_rubric = [], {}
        for _, record in numbered_records:
            rubric = self.rubric(record.rubric, record.language)
            articles.append(self.new_article(record, rubric))
            per_rubric.setdefault(rubric.pk, [rubric, 0])[1] += 1
        first, last = numbered_records[0][0], numbered_records[-1][0]
        try:
            base_pages = Page.objects.bulk_create(
                [
                    Page(**{f.attname: getattr(a, f.attname) for f in Page._meta.concrete_fields})
                    for a in articles
                ]
            )
            for article, page in zip(articles, base_pages, strict=True):
                article.pk = page.pk
            insert_own_rows(articles)
            self.add_tags_and_authors(articles, [record for _, record in numbered_records])
            for rubric_pk, (rubric, count) in per_rubric.items():
                Page.objects.filter(pk=rubric_pk).update(numchild=F("numchild") + count)
                rubric.numchild += count  # treebeard's add_child reads it: a leaf starts at 1
        except DatabaseError as error:
            raise WriteError(first, f"{error} (in the batch of lines {first}–{last})") from error
        self.index(articles)
        purge.stories_written(articles)
        self.counts["created"] += len(articles)
        return [
            (number, record, article, True)
            for (number, record), article in zip(numbered_records, articles, strict=True)
        ]

    def update(self, numbered):
        """Updates live articles in bulk: their fields, tags, authors and index entries."""
        if not numbered:
            return []
        articles = []
        for number, record, article in numbered:
            rubric = self.rubric(record.rubric, record.language)
            if record.slug and record.slug != article.slug:
                if record.slug in self.places.slugs(rubric):
                    raise WriteError(number, f"slug «{record.slug}» is taken in this rubric")
                self.places.slugs(rubric).add(record.slug)
                article.slug, article.url_path = record.slug, f"{rubric.url_path}{record.slug}/"
            self.fill(article, record)
            articles.append(article)
        ids = [article.pk for article in articles]
        first, last = numbered[0][0], numbered[-1][0]
        try:
            ArticlePage.objects.bulk_update(articles, UPDATED_FIELDS)
            ArticleTag.objects.filter(content_object_id__in=ids).delete()
            ArticleAuthor.objects.filter(page_id__in=ids).delete()
            self.add_tags_and_authors(articles, [record for _, record, _ in numbered])
        except DatabaseError as error:
            raise WriteError(first, f"{error} (in the batch of lines {first}–{last})") from error
        self.index(articles)
        purge.stories_written(articles)
        self.counts["updated"] += len(articles)
        return [(number, record, article, False) for number, record, article in numbered]

    def restrict(self, written):
        """Gives the articles the view restriction their records ask for."""
        managed = [
            (record, article) for _, record, article, _ in written if record.restriction is not None
        ]
        if not managed:
            return
        PageViewRestriction.objects.filter(page__in=[article for _, article in managed]).delete()
        PageViewRestriction.objects.bulk_create(
            PageViewRestriction(
                page_id=article.pk,
                restriction_type=record.restriction,
                password=record.password if record.restriction == "password" else "",
            )
            for record, article in managed
            if record.restriction
        )

    def add_tags_and_authors(self, articles, records):
        pairs = list(zip(articles, records, strict=True))
        ArticleTag.objects.bulk_create(
            ArticleTag(content_object_id=article.pk, tag=self.tag(name))
            for article, record in pairs
            for name in unique(record.tags)
        )
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(page_id=article.pk, author=self.author(name), sort_order=order)
            for article, record in pairs
            for order, name in enumerate(unique(record.authors))
        )

    def index(self, articles):
        """Search and reference index entries, a task a batch: made at once with the
        immediate backend, and by `qalam worker` after the import has committed with a queue,
        as Wagtail does for an edited page."""
        ids = [article.pk for article in articles]
        reindex_articles.enqueue(ids)
        update_references.enqueue(ids)
        refresh_related.enqueue(ids)

    def fill(self, article, record):
        article.title = article.draft_title = record.title
        article.lead = record.lead
        article.body = record.body
        article.source_name = record.source_name
        article.source_url = record.source_url
        if not record.draft:
            article.first_published_at = article.last_published_at = record.published_at
        if record.image:
            article.main_image = self.image(record)
        elif record.main_image is not None:
            article.main_image_id = getattr(record.main_image, "pk", record.main_image)
        for field in ("comments_open", "seo_title", "search_description"):
            if getattr(record, field) is not None:
                setattr(article, field, getattr(record, field))

    def new_article(self, record, rubric):
        slug = self.places.take_slug(rubric, record.slug or latin_slug(record.title))
        article = ArticlePage(
            slug=slug,
            path=self.places.next_path(rubric),
            depth=rubric.depth + 1,
            numchild=0,
            url_path=f"{rubric.url_path}{slug}/",
            content_type=self.content_type,
            locale=self.locales[record.language],
            live=True,
            has_unpublished_changes=False,
        )
        self.fill(article, record)
        return article

    def save(self, number, record, article):
        """Updates an article, or creates a draft or a scheduled one, through Wagtail's
        models."""
        rubric = self.rubric(record.rubric, record.language)
        created = article is None
        if created:
            article = ArticlePage(locale=self.locales[record.language])
            article.slug = self.places.take_slug(rubric, record.slug or latin_slug(record.title))
        elif record.slug:
            article.slug = record.slug
        self.fill(article, record)
        scheduled = not record.draft and record.published_at > timezone.now()
        if scheduled:
            article.live, article.go_live_at = False, record.published_at
        elif record.draft and created:
            article.live = False
        article.tags.set([self.tag(name) for name in unique(record.tags)], clear=True)
        article.article_authors = [
            ArticleAuthor(author=self.author(name), sort_order=order)
            for order, name in enumerate(unique(record.authors))
        ]
        try:
            if created:
                rubric.add_child(instance=article)
                self.places.took_path(rubric, article)
            else:
                if not article.path.startswith(rubric.path):
                    article.move(rubric, pos="last-child")
                    article.refresh_from_db(fields=["path", "depth", "url_path"])
                    self.places.took_path(rubric, article)
                article.save()
            if scheduled:
                # Wagtail publishes an approved revision when its go-live time passes.
                article.save_revision().publish()
            elif record.draft:
                article.save_revision()
                if article.live:  # the source took it back
                    article.unpublish()
            enqueue_reference_update(article)
            if article.live:
                refresh_related.enqueue([article.pk])
        except DatabaseError as error:
            raise WriteError(number, str(error)) from error
        self.counts["created" if created else "updated"] += 1
        return number, record, article, created

    def rubric(self, name, language):
        if isinstance(name, RubricPage):
            return name
        key = (language, name.casefold())
        if key not in self.rubrics:
            home = self.homes[language]
            existing = RubricPage.objects.child_of(home)
            rubric = (
                existing.filter(slug=name).first()
                or existing.filter(title__iexact=name).first()
                or self.create_rubric(home, name)
            )
            self.rubrics[key] = rubric
        return self.rubrics[key]

    def create_rubric(self, home, name):
        rubric = RubricPage(title=name, slug=latin_slug(name), locale=home.locale)
        home.add_child(instance=rubric)
        return rubric

    def author(self, name):
        if name not in self.authors:
            author = Author.objects.filter(slug=name).first()
            author = author or Author.objects.filter(name__iexact=name).first()
            self.authors[name] = author or Author.objects.create(name=name)
        return self.authors[name]

    def tag(self, name):
        key = name.casefold()
        if key not in self.tags:
            tag = Tag.objects.filter(name__iexact=name).first()
            if tag is None:
                tag = Tag(name=name)
                tag.save()
            self.tags[key] = tag
        return self.tags[key]

    def image(self, record):
        return save_image(
            record.image,
            title=record.title,
            caption=record.image_caption,
            credit=record.image_credit,
            alt=record.image_alt,
        )


def enqueue_reference_update(article):
    """Wagtail's own task for the reference index (what uses an image, an author…): it runs
    at once with the immediate backend and in the worker with a queue backend."""
    update_reference_index_task.enqueue(
        article._meta.app_label, article._meta.model_name, str(article.pk)
    )


def unique(names):
    """The names in their order, each once whatever its case."""
    seen = {}
    for name in names:
        seen.setdefault(name.casefold(), name)
    return list(seen.values())
