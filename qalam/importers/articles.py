"""Creating and updating articles from records that came from outside: the JSONL importer,
the demo loader and, later, archive importers all go through `ArticleWriter`."""

import dataclasses
import datetime
from pathlib import Path

from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.models import Locale
from wagtail.utils.file import hash_filelike

from qalam.articles.models import ArticleAuthor, ArticlePage
from qalam.authors.models import Author
from qalam.home.editions import ensure_editions
from qalam.images.models import QalamImage
from qalam.lang.slugs import latin_slug
from qalam.rubrics.models import RubricPage


@dataclasses.dataclass
class ArticleRecord:
    title: str
    lead: str
    body: list  # StreamField data: [(block type, value), ...]
    rubric: str
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


class ArticleWriter:
    """Writes records into the page tree, finding what exists so a second run updates in
    place. Rubrics, authors and images it meets are remembered for the rest of the run."""

    def __init__(self):
        self.homes = ensure_editions()
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.rubrics = {}
        self.authors = {}
        self.counts = {"created": 0, "updated": 0}

    def write(self, record):
        rubric = self.rubric(record.rubric, record.language)
        article = self.find(record, rubric)
        created = article is None
        if created:
            article = ArticlePage(locale=self.locales[record.language])
        article.title = record.title
        article.slug = record.slug or article.slug or self.free_slug(rubric, record.title)
        article.lead = record.lead
        article.body = record.body
        article.source_name = record.source_name
        article.source_url = record.source_url
        article.first_published_at = article.last_published_at = record.published_at
        article.live = record.published_at <= timezone.now()
        article.has_unpublished_changes = not article.live
        if not article.live:
            article.go_live_at = record.published_at
        if record.image:
            article.main_image = self.image(record)
        article.tags.set(record.tags, clear=True)
        article.article_authors = [
            ArticleAuthor(author=self.author(name), sort_order=i)
            for i, name in enumerate(dict.fromkeys(record.authors))
        ]
        if created:
            rubric.add_child(instance=article)
        else:
            article.save()
        if not article.live:
            # Scheduled: Wagtail publishes an approved revision when go_live_at passes.
            article.save_revision().publish()
        self.counts["created" if created else "updated"] += 1
        return article

    def find(self, record, rubric):
        articles = ArticlePage.objects.filter(locale=self.locales[record.language])
        if record.source_url:
            return articles.filter(source_url=record.source_url).first()
        slug = record.slug or latin_slug(record.title)
        return articles.child_of(rubric).filter(slug=slug).first()

    def free_slug(self, rubric, title):
        base = latin_slug(title)
        taken = set(
            rubric.get_children().filter(slug__startswith=base).values_list("slug", flat=True)
        )
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        return slug

    def rubric(self, name, language):
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

    def image(self, record):
        return save_image(
            record.image,
            title=record.title,
            caption=record.image_caption,
            credit=record.image_credit,
            alt=record.image_alt,
        )


def save_image(path, title, caption="", credit="", alt=""):
    """Stores a photo file once: a file with the same content reuses the stored image and
    takes the new caption, credit and alt text."""
    with path.open("rb") as f:
        file_hash = hash_filelike(f)
        image = QalamImage.objects.filter(file_hash=file_hash).first()
        if image is None:
            f.seek(0)
            image = QalamImage(title=title[:255], file_hash=file_hash)
            image.file = ImageFile(f, name=path.name)
            image.file_size = path.stat().st_size
        image.caption = caption
        image.credit = credit
        image.description = alt or image.description
        image.save()
    return image
