"""Article HTML from outside (imports, archives) → body blocks. The HTML is sanitised first
with nh3, so nothing an imported file carries reaches a page unescaped; the structure that
becomes blocks of its own (figures, pictures, embedded players) survives that first pass and
is taken apart here, and what stays rich text holds only the paragraph's own markup."""

import re

from django.utils.html import escape, strip_tags

from wagtail.embeds.blocks import EmbedValue
from wagtail.embeds.finders import get_finders
from wagtail.rich_text import RichText

import nh3
from bs4 import BeautifulSoup, NavigableString

ALLOWED_TAGS = {
    "p", "br", "b", "strong", "i", "em", "u", "s", "sup", "sub", "a", "ul", "ol", "li",
    "h2", "h3", "h4", "h5", "h6", "blockquote", "cite",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}}
# Kept by the first pass only, to be turned into blocks or unwrapped.
STRUCTURE_TAGS = {
    "h1", "figure", "figcaption", "img", "iframe", "div", "section", "article", "aside",
    "header", "footer", "main", "center", "pre", "hr",
}  # fmt: skip
STRUCTURE_ATTRIBUTES = {
    "img": {"src", "alt", "class"},
    "figure": {"class"},
    "iframe": {"src"},
}
SUBHEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
INLINE = {"b", "strong", "i", "em", "u", "s", "sup", "sub", "a", "br", "cite"}
CONTAINERS = {"div", "section", "article", "aside", "header", "footer", "main", "center"}
URL = re.compile(r"https?://[^\s<>\"']+")
PLAYERS = [  # a player's address → the page address oEmbed providers know
    (re.compile(r"^https?://(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]+)"),
     "https://www.youtube.com/watch?v={}"),
    (re.compile(r"^https?://player\.vimeo\.com/video/(\d+)"), "https://vimeo.com/{}"),
]  # fmt: skip


def sanitise(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES):
    return nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )


def paragraph(text):
    return ("paragraph", RichText(f"<p>{escape(text)}</p>"))


def lead_from(body, limit=1000):
    """The text of the first paragraph: the lead of an article that has none."""
    first = next((value for kind, value in body if kind == "paragraph"), None)
    return strip_tags(first.source).strip()[:limit] if first else ""


class Media:
    """What the importer of a text knows of the pictures and players it refers to. This one
    knows no pictures (they are left out) and embeds what Wagtail's embed finders accept;
    an archive importer subclasses it."""

    def image(self, img):
        """The stored image (or its id) for an `<img>` tag, or None to leave it out."""
        return None

    def embed(self, url):
        """The address to embed, or None when no embed finder knows it."""
        for pattern, page in PLAYERS:
            if match := pattern.match(url):
                url = page.format(match.group(1))
        return url if any(finder.accept(url) for finder in get_finders()) else None

    def left_out(self, what):
        """Hears of something the text held that has no block here."""


def html_to_blocks(html, media=None):
    """Paragraphs and lists become paragraph blocks, headings subheadings, blockquotes
    quotes, tables tables, pictures photos and players embeds; loose inline text is gathered
    into paragraphs and containers (div, section…) are read through."""
    soup = BeautifulSoup(
        sanitise(html, ALLOWED_TAGS | STRUCTURE_TAGS, ALLOWED_ATTRIBUTES | STRUCTURE_ATTRIBUTES),
        "html.parser",
    )
    builder = BlockBuilder(media or Media())
    builder.add(soup.children)
    builder.flush()
    return builder.blocks


class BlockBuilder:
    def __init__(self, media):
        self.media = media
        self.blocks, self.loose = [], []

    def flush(self):
        text = "".join(str(node) for node in self.loose).strip()
        if text:
            self.blocks.append(("paragraph", RichText(f"<p>{text}</p>")))
        self.loose.clear()

    def add(self, nodes):
        for node in list(nodes):
            name = getattr(node, "name", None)
            if isinstance(node, NavigableString) or name in INLINE:
                if name:
                    self.lift_media(node)
                if not getattr(node, "decomposed", False):
                    self.loose.append(node)
                continue
            self.flush()
            if name in CONTAINERS:
                self.add(node.children)
            elif name in ("ul", "ol") and inside(node, {"figure"}):  # a gallery's figures
                for item in node.find_all("li", recursive=False):
                    self.add(item.children)
            elif name == "figure":
                self.figure(node)
            elif name == "img":
                self.photo(node)
            elif name == "iframe":
                self.embed(node.get("src", ""))
            elif name == "table":
                self.blocks.append(("table", table_value(node)))
            elif name in ("hr", "figcaption"):
                continue
            else:
                self.text_block(node)
        self.flush()

    def text_block(self, node):
        name = node.name
        self.lift_media(node)
        text = node.get_text(" ", strip=True)
        if not text:
            return
        if name in SUBHEADINGS:
            self.blocks.append(("subheading", text))
        elif name == "blockquote":
            cite = node.find("cite")
            attribution = cite.extract().get_text(" ", strip=True) if cite else ""
            self.blocks.append(
                ("quote", {"text": node.get_text("\n", strip=True), "attribution": attribution})
            )
        elif name == "pre":
            lines = escape(node.get_text()).strip().replace("\n", "<br>")
            self.blocks.append(("paragraph", RichText(f"<p>{lines}</p>")))
        else:
            for tag in inside(node, STRUCTURE_TAGS):
                tag.unwrap()
            if name != "p" and name not in ("ul", "ol"):
                node.name = "p"
            self.blocks.append(("paragraph", RichText(str(node))))

    def lift_media(self, node):
        """Pictures and players inside a paragraph become blocks of their own before it."""
        for inner in inside(node, {"img", "iframe"}):
            link = inner.parent if inner.parent.name == "a" else None
            inner.extract()
            if inner.name == "img":
                self.photo(inner)
            else:
                self.embed(inner.get("src", ""))
            if link is not None and not link.get_text(strip=True):
                link.decompose()

    def figure(self, node):
        caption_tag = node.find("figcaption", recursive=False)
        caption = caption_tag.get_text(" ", strip=True) if caption_tag else ""
        classes = node.get("class") or []
        pictures = node.find_all("img")
        if any(c.startswith("wp-block-embed") for c in classes):
            if iframe := node.find("iframe"):
                self.embed(iframe.get("src", ""))
            else:
                url = URL.search(node.get_text(" "))
                self.embed(url.group(0) if url else "")
        elif node.find(["figure", "ul", "blockquote", "table"]) or len(pictures) != 1:
            if caption_tag:
                caption_tag.extract()
            if table := node.find("table", recursive=False):
                value = table_value(table)
                value["table_caption"] = value["table_caption"] or caption
                self.blocks.append(("table", value))
            else:
                self.add(node.children)
        else:
            self.photo(pictures[0], caption)

    def photo(self, img, caption=""):
        image = self.media.image(img)
        if image is not None:
            value = {"image": image, "caption": caption[:255], "credit": ""}
            self.blocks.append(("photo", value))

    def embed(self, url):
        url = url.strip()
        if not url:
            return
        embeddable = self.media.embed(url)
        if embeddable:
            self.blocks.append(("embed", EmbedValue(embeddable)))
        else:
            self.media.left_out(f"embed {url}")
            if url.startswith(("http://", "https://")):
                link = f'<p><a href="{escape(url)}" rel="nofollow noopener">{escape(url)}</a></p>'
                self.blocks.append(("paragraph", RichText(link)))


def inside(node, names):
    """The tags of these names inside a node. Beautiful Soup's find_all builds matching rules
    at every call, which cost more than the conversion of a paragraph."""
    return [tag for tag in node.descendants if getattr(tag, "name", None) in names]


def table_value(table):
    """The value a TableBlock stores for an HTML table."""
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in table.find_all("tr")
    ]
    width = max((len(row) for row in rows), default=0)
    first_is_header = bool(table.find("tr") and table.find("tr").find("th"))
    return {
        "data": [row + [""] * (width - len(row)) for row in rows],
        "first_row_is_table_header": first_is_header,
        "first_col_is_header": False,
        "table_caption": table.caption.get_text(" ", strip=True) if table.caption else "",
    }
