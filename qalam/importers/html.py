"""Article HTML from outside (imports, archives) → body blocks. The HTML is sanitised first
with nh3, so nothing an imported file carries reaches a page unescaped."""

from django.utils.html import escape

from wagtail.rich_text import RichText

import nh3
from bs4 import BeautifulSoup, NavigableString

ALLOWED_TAGS = {
    "p", "br", "b", "strong", "i", "em", "u", "s", "sup", "sub", "a", "ul", "ol", "li",
    "h2", "h3", "h4", "h5", "h6", "blockquote", "cite",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}}
SUBHEADINGS = {"h2", "h3", "h4", "h5", "h6"}
INLINE = {"b", "strong", "i", "em", "u", "s", "sup", "sub", "a", "br", "cite"}


def sanitise(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )


def paragraph(text):
    return ("paragraph", RichText(f"<p>{escape(text)}</p>"))


def html_to_blocks(html):
    """Top-level paragraphs and lists become paragraph blocks, headings subheadings,
    blockquotes quotes and tables tables; loose inline text is gathered into paragraphs."""
    soup = BeautifulSoup(sanitise(html), "html.parser")
    blocks, loose = [], []

    def flush():
        text = "".join(str(node) for node in loose).strip()
        if text:
            blocks.append(("paragraph", RichText(f"<p>{text}</p>")))
        loose.clear()

    for node in soup.children:
        name = getattr(node, "name", None)
        if isinstance(node, NavigableString) or name in INLINE:
            loose.append(node)
            continue
        flush()
        text = node.get_text(" ", strip=True)
        if not text:
            continue
        if name in SUBHEADINGS:
            blocks.append(("subheading", text))
        elif name == "blockquote":
            cite = node.find("cite")
            attribution = cite.extract().get_text(" ", strip=True) if cite else ""
            blocks.append(
                ("quote", {"text": node.get_text("\n", strip=True), "attribution": attribution})
            )
        elif name == "table":
            blocks.append(("table", table_value(node)))
        else:
            blocks.append(("paragraph", RichText(str(node))))
    flush()
    return blocks


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
