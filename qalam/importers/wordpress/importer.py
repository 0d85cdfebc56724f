"""One import of a WXR file, in one transaction, in two passes over the file:

1. the head (site, authors, categories, tags) and the attachments, whose pictures posts
   refer to wherever they come in the file: attachments → images, the index of pictures;
   then categories → rubrics, tags, authors;
2. posts in batches (articles, their comments and redirects), then pages.

Memory holds one batch of posts, the small indexes (pictures, terms) and the pages (a site
has a few), whatever the size of the file."""

import collections
import datetime

from django.conf import settings
from django.db import reset_queries, transaction
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from .comments import CommentWriter
from .keys import Keys, source_name
from .media import Library
from .pages import Pages
from .posts import Posts, PostWriter
from .redirects import Redirects
from .report import Report
from .taxonomy import Taxonomy
from .wxr import Export, WxrError

BATCH = 500
LANGUAGES = {code for code, _ in settings.LANGUAGES}


class RolledBack(Exception):
    """Ends a dry run: the transaction goes back."""


class Unseen:
    """A progress bar nobody watches (tests, scripts); the command passes tqdm's."""

    def __init__(self, description, total):
        pass

    def update(self, n):
        pass

    def close(self):
        pass


class WordPressImport:
    def __init__(self, path, uploads=None, site=None, language=None, progress=Unseen):
        self.export = Export(path)
        self.uploads, self.site_url, self.wanted_language = uploads, site, language
        self.progress = progress
        self.report = Report()
        self.library = None
        self.current = None  # the item being imported, for the message of an error
        self.offset = None  # WordPress's local time minus GMT, as the export shows it
        self.reusable = {}  # reusable blocks by ID: posts hold references to them

    def run(self, dry_run=False):
        """Imports the file; nothing stays when it fails or on a dry run, not even the
        picture files stored on the way."""
        try:
            with transaction.atomic(), disable_reference_index_auto_update():
                self.survey()
                self.import_items()
                if dry_run:
                    raise RolledBack
        except RolledBack:
            self.forget_files()
        except BaseException:
            self.forget_files()
            raise
        return self.report

    def forget_files(self):
        if self.library is not None:
            self.library.forget_stored_files()

    def survey(self):
        """Pass 1: the head and the attachments."""
        used = collections.Counter()
        bar, position = self.progress("reading", self.export.path.stat().st_size), 0
        for item in self.export.items(whole={"attachment", "wp_block"}):
            self.current = item
            if self.library is None:
                self.start()
            if item.type == "attachment":
                self.library.add(item)
            elif item.type == "wp_block":
                self.reusable[item.id] = item.content
            elif item.type == "post":
                used.update(slug for slug, _ in item.terms_of("category"))
            bar.update(self.export.reader.position - position)
            position = self.export.reader.position
        bar.close()
        self.current = None
        if self.library is None:
            self.start()
        self.library.finish()
        if self.export.reader.dropped:
            self.report.warn(
                "file",
                None,
                f"{self.export.reader.dropped} control characters XML forbids were left out",
            )
        self.taxonomy = Taxonomy(self, used)
        self.taxonomy.setup(self.export.channel)

    def start(self):
        """What the head tells: the site, its language; the parts of the import."""
        channel = self.export.channel
        site_url = self.site_url or channel.base_site_url or channel.link
        if not site_url:
            raise WxrError("the export names no site (wp:base_site_url): give --site")
        self.language = self.wanted_language or channel.language.split("-")[0].lower()
        if self.language not in LANGUAGES:
            raise WxrError(
                f"the export's language «{channel.language}» is not an edition of this site: "
                f"choose one with --language ({', '.join(sorted(LANGUAGES))})"
            )
        self.source = source_name(site_url)
        self.keys = Keys(self.source)
        self.writer = PostWriter(self.keys)
        self.home = self.writer.homes[self.language]
        site = Site.objects.filter(root_page=self.writer.homes[settings.LANGUAGE_CODE]).first()
        self.redirects = Redirects(site, self.report)
        self.library = Library(self.uploads, self.keys, self.report, self.redirects)
        self.posts = Posts(self)
        self.comments = CommentWriter(self.keys, self.report, self.clock, self.language)

    def import_items(self):
        """Pass 2: posts in batches, then pages."""
        batch, pages, others = [], [], collections.Counter()
        bar, position = self.progress("importing", self.export.path.stat().st_size), 0
        for item in self.export.items():
            self.current = item
            if item.type == "post":
                if prepared := self.posts.prepare(item):
                    batch.append(prepared)
                if len(batch) >= BATCH:
                    self.posts.write(batch)
                    batch = []
                    # With DEBUG, Django keeps the SQL of the last 9,000 queries, and a batch's
                    # inserts carry its articles: memory would grow with the file.
                    reset_queries()
            elif item.type == "page":
                pages.append(item)
            elif item.type not in ("attachment", "wp_block"):
                others[item.type] += 1
            bar.update(self.export.reader.position - position)
            position = self.export.reader.position
        self.current = None
        self.posts.write(batch)
        Pages(self).write(pages)
        self.redirects.flush()
        bar.close()
        for kind, count in sorted(others.items()):
            self.report.count("other items", "skipped", count)
            self.report.warn("other items", None, f"«{kind}»: {count} items not imported")

    def clock(self, gmt, local):
        """A moment from WordPress's GMT time, or from its local time and the offset the
        export's other dates show (drafts have no GMT time), or the site's time zone."""
        utc = datetime.UTC
        if gmt and local:
            self.offset = local - gmt
        if gmt:
            return gmt.replace(tzinfo=utc)
        if local and self.offset is not None:
            return (local - self.offset).replace(tzinfo=utc)
        if local:
            return timezone.make_aware(local)
        return timezone.now()

    def redirect(self, url, page=None, link=""):
        if page is not None:
            prefix = "" if self.language == settings.LANGUAGE_CODE else f"/{self.language}"
            path = prefix + page.url_path[len(self.home.url_path) - 1 :]
            self.redirects.add(url, page=page, path=path)
        else:
            self.redirects.add(url, link=link)

    def local_url(self, name, slug):
        with translation.override(self.language):
            return reverse(name, args=[slug])

    def describe_current(self):
        item = self.current
        return f"{item.type} {item.id} «{item.title[:60]}»" if item else "the file"
