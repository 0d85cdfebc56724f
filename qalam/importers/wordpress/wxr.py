"""Reading a WordPress eXtended RSS file (WXR 1.0–1.2) as a stream: each `<item>` is handed
over as soon as it is read and then dropped, so a 1 GB export takes the memory of one post.

The parser is defusedxml's: a document type declaration is refused outright (WordPress never
writes one, and every entity trick needs one), and so are entities and external references."""

import dataclasses
import datetime
import functools
from pathlib import Path

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import ParseError, iterparse

WP_NAMESPACE = "http://wordpress.org/export/"
PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}
VERSIONS = {"1.0", "1.1", "1.2"}
# Control characters XML 1.0 forbids; WordPress copies them from pasted text into exports.
FORBIDDEN_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


class WxrError(Exception):
    """The file cannot be read as a WordPress export; nothing of it is imported."""


@dataclasses.dataclass
class Author:
    id: int
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""

    @property
    def name(self):
        full = f"{self.first_name} {self.last_name}".strip()
        return self.display_name or full or self.login


@dataclasses.dataclass
class Term:
    """A category, a tag or a term of another taxonomy from the channel's head."""

    taxonomy: str
    id: int
    slug: str
    name: str
    parent: str = ""  # the parent's slug, as WXR gives it
    description: str = ""


@dataclasses.dataclass
class Comment:
    id: int
    author: str
    email: str
    url: str
    ip: str
    date: datetime.datetime | None
    date_gmt: datetime.datetime | None
    content: str
    approved: str  # "1", "0", "spam", "trash", "post-trashed"
    type: str  # "" or "comment"; "pingback", "trackback"
    parent: int


@dataclasses.dataclass
class Item:
    """A post, page, attachment or any other row of `wp_posts`."""

    id: int
    type: str
    status: str
    title: str = ""
    link: str = ""
    creator: str = ""  # the author's login
    content: str = ""
    excerpt: str = ""
    name: str = ""  # the slug, percent-encoded when it is not ASCII
    date: datetime.datetime | None = None  # the site's local time, naive
    date_gmt: datetime.datetime | None = None
    parent: int = 0
    menu_order: int = 0
    password: str = ""
    comment_status: str = "open"
    attachment_url: str = ""
    terms: list = dataclasses.field(default_factory=list)  # (taxonomy, slug, name)
    meta: dict = dataclasses.field(default_factory=dict)
    comments: list = dataclasses.field(default_factory=list)

    def terms_of(self, taxonomy):
        return [(slug, name) for domain, slug, name in self.terms if domain == taxonomy]


@dataclasses.dataclass
class Channel:
    title: str = ""
    link: str = ""
    language: str = ""
    version: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    authors: list = dataclasses.field(default_factory=list)
    terms: list = dataclasses.field(default_factory=list)
    term_keys: set = dataclasses.field(default_factory=set)


class Reader:
    """Reads a binary file, leaving out the forbidden control characters and counting the
    bytes read (the progress bar) and the characters dropped (the report)."""

    def __init__(self, file):
        self.file = file
        self.position = 0
        self.dropped = 0

    def read(self, size=-1):
        data = self.file.read(size)
        self.position += len(data)
        clean = data.translate(None, FORBIDDEN_BYTES)
        self.dropped += len(data) - len(clean)
        return clean


class Export:
    """A WXR file. `items()` streams its items; `channel` holds the site, its authors and
    terms as far as the stream has come (WordPress writes them before the first item)."""

    def __init__(self, path):
        self.path = Path(path)
        self.channel = Channel()
        self.reader = None

    def items(self, whole=None):
        """The items in file order. With `whole`, a set of post types, items of other types
        come skimmed: ID, type, status and terms only (a survey of the file is faster so)."""
        with open(self.path, "rb") as file:
            self.reader = Reader(file)
            self.channel = Channel()
            yield from self.parse(self.reader, whole)
        if not self.channel.version:
            raise WxrError("not a WordPress export: it has no wp:wxr_version")

    def parse(self, source, whole):
        channel = None
        try:
            for event, element in iterparse(source, events=("start", "end"), forbid_dtd=True):
                if event == "start":
                    if element.tag == "channel":
                        channel = element
                    continue
                if channel is None or element not in channel:
                    continue  # a part of something bigger: read with it
                tag = local_name(element.tag)
                if tag == "item":
                    self.check_version()
                    item = skim_item(element)
                    yield (
                        item
                        if whole is not None and item.type not in whole
                        else parse_item(element)
                    )
                elif tag in ("wp:author", "wp:category", "wp:tag", "wp:term"):
                    self.read_head(tag, element)
                else:
                    self.read_channel_field(tag, element)
                channel.remove(element)  # read: the stream keeps nothing behind it
        except DTDForbidden as error:
            raise WxrError(
                f"the file declares a document type ({error.name}): WordPress never writes one, "
                "and entity tricks (external files, «billion laughs») need one; refused"
            ) from error
        except EntitiesForbidden as error:
            raise WxrError(f"the file declares an entity ({error.name}); refused") from error
        except ExternalReferenceForbidden as error:
            raise WxrError(
                f"the file refers to an outside resource ({error.sysid}); refused"
            ) from error
        except ParseError as error:
            line, column = error.position
            raise WxrError(
                f"the file is not well-formed XML at line {line}, column {column} "
                f"({str(error).split(':')[0]})"
            ) from error

    def check_version(self):
        if not self.channel.version:
            raise WxrError("not a WordPress export: no wp:wxr_version before the first item")
        if self.channel.version not in VERSIONS:
            raise WxrError(f"WXR version {self.channel.version} is not one Qalam knows (1.0–1.2)")

    def read_channel_field(self, tag, element):
        field = {
            "title": "title",
            "link": "link",
            "language": "language",
            "wp:wxr_version": "version",
            "wp:base_site_url": "base_site_url",
            "wp:base_blog_url": "base_blog_url",
        }.get(tag)
        if field:
            setattr(self.channel, field, (element.text or "").strip())

    def read_head(self, tag, element):
        fields = child_texts(element)
        if tag == "wp:author":
            self.channel.authors.append(
                Author(
                    id=integer(fields.get("wp:author_id")),
                    login=fields.get("wp:author_login", ""),
                    email=fields.get("wp:author_email", ""),
                    display_name=fields.get("wp:author_display_name", "").strip(),
                    first_name=fields.get("wp:author_first_name", "").strip(),
                    last_name=fields.get("wp:author_last_name", "").strip(),
                )
            )
            return
        taxonomy, slug, name, description = {
            "wp:category": ("category", "category_nicename", "cat_name", "category_description"),
            "wp:tag": ("post_tag", "tag_slug", "tag_name", "tag_description"),
            "wp:term": (None, "term_slug", "term_name", "term_description"),
        }[tag]
        term = Term(
            taxonomy=taxonomy or fields.get("wp:term_taxonomy", ""),
            id=integer(fields.get("wp:term_id")),
            slug=fields.get(f"wp:{slug}", ""),
            name=fields.get(f"wp:{name}", "").strip(),
            parent=fields.get("wp:category_parent", fields.get("wp:term_parent", "")),
            description=fields.get(f"wp:{description}", "").strip(),
        )
        # WordPress 5.x and later list categories and tags once more among the wp:term.
        if (term.taxonomy, term.id) not in self.channel.term_keys:
            self.channel.term_keys.add((term.taxonomy, term.id))
            self.channel.terms.append(term)


def parse_item(element):
    fields, terms, meta, comments = {}, [], {}, []
    for child in element:
        tag = local_name(child.tag)
        if tag == "category":
            terms.append((child.get("domain", ""), child.get("nicename", ""), text(child)))
        elif tag == "wp:postmeta":
            values = child_texts(child)
            meta[values.get("wp:meta_key", "")] = values.get("wp:meta_value", "")
        elif tag == "wp:comment":
            comments.append(parse_comment(child))
        else:
            fields[tag] = text(child)
    return Item(
        id=integer(fields.get("wp:post_id")),
        type=fields.get("wp:post_type", "post"),
        status=fields.get("wp:status", "publish"),
        title=fields.get("title", "").strip(),
        link=fields.get("link", "").strip(),
        creator=fields.get("dc:creator", "").strip(),
        content=fields.get("content:encoded", ""),
        excerpt=fields.get("excerpt:encoded", ""),
        name=fields.get("wp:post_name", "").strip(),
        date=moment(fields.get("wp:post_date")),
        date_gmt=moment(fields.get("wp:post_date_gmt")),
        parent=integer(fields.get("wp:post_parent")),
        menu_order=integer(fields.get("wp:menu_order")),
        password=fields.get("wp:post_password", ""),
        comment_status=fields.get("wp:comment_status", "open"),
        attachment_url=fields.get("wp:attachment_url", "").strip(),
        terms=terms,
        meta=meta,
        comments=comments,
    )


def skim_item(element):
    fields, terms = {}, []
    for child in element:
        tag = local_name(child.tag)
        if tag == "category":
            terms.append((child.get("domain", ""), child.get("nicename", ""), text(child)))
        elif tag in ("wp:post_id", "wp:post_type", "wp:status"):
            fields[tag] = text(child)
    return Item(
        id=integer(fields.get("wp:post_id")),
        type=fields.get("wp:post_type", "post"),
        status=fields.get("wp:status", "publish"),
        terms=terms,
    )


def parse_comment(element):
    fields = child_texts(element)
    return Comment(
        id=integer(fields.get("wp:comment_id")),
        author=fields.get("wp:comment_author", "").strip(),
        email=fields.get("wp:comment_author_email", "").strip(),
        url=fields.get("wp:comment_author_url", "").strip(),
        ip=fields.get("wp:comment_author_IP", "").strip(),
        date=moment(fields.get("wp:comment_date")),
        date_gmt=moment(fields.get("wp:comment_date_gmt")),
        content=fields.get("wp:comment_content", ""),
        approved=fields.get("wp:comment_approved", "1").strip(),
        type=fields.get("wp:comment_type", "").strip(),
        parent=integer(fields.get("wp:comment_parent")),
    )


@functools.lru_cache(maxsize=256)
def local_name(tag):
    """`{http://wordpress.org/export/1.2/}post_id` → `wp:post_id`, whatever the WXR version."""
    if not tag.startswith("{"):
        return tag
    uri, name = tag[1:].split("}", 1)
    if uri.startswith(WP_NAMESPACE):
        return f"excerpt:{name}" if uri.rstrip("/").endswith("/excerpt") else f"wp:{name}"
    prefix = PREFIXES.get(uri)
    return f"{prefix}:{name}" if prefix else tag


def text(element):
    return element.text or ""


def child_texts(element):
    return {local_name(child.tag): text(child) for child in element}


def integer(value):
    try:
        return int((value or "0").strip())
    except ValueError:
        return 0


def moment(value):
    """WordPress's `Y-m-d H:i:s`; its zero date means «not set»."""
    value = (value or "").strip()
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
