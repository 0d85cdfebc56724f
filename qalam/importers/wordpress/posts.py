"""Posts → articles, through the writer every importer shares, keyed by the WordPress site
and post ID. A post whose article came out the same as last time is left alone."""

import hashlib
import json
import re

from django.utils.text import Truncator

from wagtail.rich_text import RichText

from qalam.articles.models import ArticlePage
from qalam.importers.articles import ArticleRecord, ArticleWriter
from qalam.importers.html import lead_from

from .content import plain_text, post_blocks, slug_of
from .media import PostMedia

VERSION = "1"  # of the conversion: a new one re-imports every post
LEAD_LENGTH = ArticlePage._meta.get_field("lead").max_length
TITLE_LENGTH = ArticlePage._meta.get_field("title").max_length
# WordPress statuses Qalam imports; "trash", "auto-draft" and "inherit" it leaves out.
STATUSES = {"publish", "future", "draft", "pending", "private"}
SEO = {  # Yoast, Rank Math, All in One SEO: title, description
    "seo_title": ["_yoast_wpseo_title", "rank_math_title", "_aioseop_title"],
    "search_description": [
        "_yoast_wpseo_metadesc",
        "rank_math_description",
        "_aioseop_description",
    ],
}
SEO_VARIABLE = re.compile(r"%%?([a-z_]+)%%?")


class PostWriter(ArticleWriter):
    """The shared writer, finding articles by what earlier imports of the site made."""

    def __init__(self, keys):
        super().__init__()
        self.keys = keys

    def key(self, record):
        return ("wordpress", record.key)

    def find_existing(self, records):
        known = self.keys.find("post", [int(record.key) for record in records])
        articles = ArticlePage.objects.in_bulk([object_id for object_id, _ in known.values()])
        return {
            ("wordpress", str(post_id)): articles[object_id]
            for post_id, (object_id, _) in known.items()
            if object_id in articles
        }


class Posts:
    def __init__(self, importer):
        self.importer = importer
        self.report, self.keys = importer.report, importer.keys

    def record(self, item, kind="articles"):
        """The article record of a post, or None when its status is not imported."""
        if item.status not in STATUSES:
            self.report.count(kind, "skipped")
            if item.status == "trash":
                self.report.warn(kind, item, "in WordPress's trash: not imported")
            return None
        importer = self.importer
        media = PostMedia(importer.library, self.report, kind, item)
        body = post_blocks(
            item.content, media, importer.library.children.get(item.id, ()), importer.reusable
        )
        lead = plain_text(item.excerpt)
        if len(lead) > LEAD_LENGTH:
            self.report.warn(kind, item, f"excerpt cut to {LEAD_LENGTH} characters")
            lead = Truncator(lead).chars(LEAD_LENGTH)
        title = plain_text(item.title)
        if not title:
            title = Truncator(lead or lead_from(body) or f"{item.type} {item.id}").words(12)
            self.report.warn(kind, item, "no title: made from its text")
        if len(title) > TITLE_LENGTH:
            self.report.warn(kind, item, f"title cut to {TITLE_LENGTH} characters")
            title = Truncator(title).chars(TITLE_LENGTH)
        return ArticleRecord(
            title=title,
            lead=lead or lead_from(body, limit=LEAD_LENGTH),
            body=body,
            rubric=importer.taxonomy.rubric_of(item) if kind == "articles" else "",
            published_at=importer.clock(item.date_gmt, item.date),
            language=importer.language,
            slug=slug_of(item.name),
            key=str(item.id),
            draft=item.status in ("draft", "pending"),
            restriction=restriction(item),
            password=item.password,
            comments_open=item.comment_status == "open",
            seo_title=seo(item, "seo_title", title),
            search_description=seo(item, "search_description", title)[:1000],
        )

    def prepare(self, item):
        record = self.record(item)
        if record is None:
            return None
        rubric = record.rubric
        record.tags = self.importer.taxonomy.tags_of(item, rubric)
        record.authors = self.importer.taxonomy.authors_of(item)
        thumbnail = item.meta.get("_thumbnail_id", "").strip()
        if thumbnail.isdigit() and int(thumbnail):
            record.main_image = self.importer.library.by_attachment.get(int(thumbnail))
            if record.main_image is None:
                self.report.warn("articles", item, f"featured image {thumbnail} not imported")
        return item, record, digest(record)

    def write(self, batch):
        """Writes prepared posts, then their comments."""
        if not batch:
            return
        importer = self.importer
        known = self.keys.find("post", [item.id for item, _, _ in batch])
        alive = set(
            ArticlePage.objects.filter(
                pk__in=[object_id for object_id, _ in known.values()]
            ).values_list("pk", flat=True)
        )
        articles, to_write, digests, items = {}, [], {}, {}
        for item, record, fingerprint in batch:
            items[item.id] = item
            object_id, last = known.get(item.id, (None, None))
            if object_id is not None and object_id not in alive:
                self.report.count("articles", "skipped")
                self.report.warn("articles", item, "deleted in Qalam since the last import")
            elif last == fingerprint:
                self.report.count("articles", "unchanged")
                articles[item.id] = object_id
            else:
                to_write.append((item.id, record))
                digests[item.id] = fingerprint
        written = importer.writer.write_batch(to_write)
        self.keys.remember(
            "post", [(number, article.pk, digests[number]) for number, _, article, _ in written]
        )
        for number, record, article, created in written:
            self.report.count("articles", "created" if created else "updated")
            articles[number] = article.pk
            item = items[number]
            if not record.draft and item.status != "future":
                importer.redirect(item.link, article)
                importer.redirect(f"/?p={item.id}", article)
        importer.comments.write(
            [(items[post_id], article_id) for post_id, article_id in articles.items()]
        )


def restriction(item):
    if item.status == "private":
        return "login"
    return "password" if item.password else ""


def seo(item, field, title):
    """A SEO plugin's title or description, its variables filled in or taken out (Qalam
    adds the site's name to a title itself); "" when it says no more than the title."""
    value = next((item.meta[key] for key in SEO[field] if item.meta.get(key, "").strip()), "")
    if not value:
        return ""
    excerpt = plain_text(item.excerpt)

    def fill(match):
        return {"title": title, "excerpt": excerpt}.get(match.group(1), "")

    value = re.sub(r"\s+", " ", SEO_VARIABLE.sub(fill, plain_text(value)))
    value = value.strip(" -–—|·:").strip()
    return "" if value == title else value[:255]


def digest(record):
    body = [(kind, comparable(value)) for kind, value in record.body]
    data = [
        VERSION, record.title, record.lead, body, getattr(record.rubric, "pk", record.rubric),
        record.published_at, record.slug, record.tags, record.authors, record.main_image,
        record.draft, record.restriction, record.password, record.comments_open,
        record.seo_title, record.search_description,
    ]  # fmt: skip
    return hashlib.sha1(json.dumps(data, default=str).encode(), usedforsecurity=False).hexdigest()


def comparable(value):
    """A block's value as plain data: rich text by its source, an embed by its address, a
    photo by its image's ID."""
    if isinstance(value, RichText):
        return value.source
    if isinstance(value, dict):
        return {key: getattr(item, "pk", item) for key, item in value.items()}
    return getattr(value, "url", value)
