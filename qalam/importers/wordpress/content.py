"""A WordPress post's markup → body blocks. Block-editor posts are HTML between block
comments; classic posts are text whose blank lines WordPress turns into paragraphs when it
shows them (`autop`). Shortcodes that have a Qalam block become that block's HTML first;
the others are taken out, their enclosed text kept, and reported."""

import html
import re
from urllib.parse import unquote

from django.utils.html import escape

import nh3

from qalam.importers.html import html_to_blocks
from qalam.lang.slugs import latin_slug

REUSABLE = re.compile(r'<!--\s+wp:block\s+\{[^}]*"ref":(\d+)[^}]*\}\s*/-->')
BLOCK_COMMENT = re.compile(r"<!--\s+wp:([a-z][a-z0-9_-]*/)?([a-z][a-z0-9_-]*)")
# Core blocks whose saved HTML holds everything they show: converted without a word.
STATIC_BLOCKS = {
    "paragraph", "heading", "list", "list-item", "quote", "pullquote", "image", "gallery",
    "embed", "table", "html", "separator", "spacer", "group", "row", "stack", "columns",
    "column", "freeform", "more", "nextpage", "shortcode", "media-text", "cover", "buttons",
    "button", "preformatted", "code", "verse", "file", "missing",
}  # fmt: skip
MEDIA_BLOCKS = {"video", "audio"}
SHORTCODE = re.compile(
    r"\[(\[?)([a-z][a-z0-9_-]*)(?![\w-])"  # an escaping [, the name
    r"([^\]/]*+(?:/(?!\])[^\]/]*+)*+)"  # attributes
    r"(?:(/)\]|\](?:([^\[]*+(?:\[(?!/\2\])[^\[]*+)*+)\[/\2\])?)"  # self-closing, or content
    r"(\]?)",
    re.DOTALL,
)
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'"\]]+))|"([^"]*)"|(\S+)""")
IMG = re.compile(r"(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?", re.IGNORECASE)
URL = re.compile(r"https?://[^\s<>\"'\]]+")
BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|"
    "blockquote|address|math|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|"
    "header|footer|nav|figure|figcaption|details|menu|summary|iframe|video|audio|object"
)
OPENS_BLOCK = re.compile(rf"(<(?:{BLOCK_TAGS})\b)", re.IGNORECASE)
CLOSES_BLOCK = re.compile(rf"(</(?:{BLOCK_TAGS})>)", re.IGNORECASE)
STARTS_WITH_BLOCK = re.compile(rf"</?(?:{BLOCK_TAGS})\b", re.IGNORECASE)
PRE = re.compile(r"<pre\b.*?</pre>", re.IGNORECASE | re.DOTALL)


def post_blocks(content, media, gallery_of_post=(), reusable=None):
    """Body blocks of a post's content. `media` is the post's `html.Media`: it finds the
    pictures, and hears (`left_out`) of what has no block; `gallery_of_post` lists the
    attachments a `[gallery]` without ids shows; `reusable` holds the reusable blocks
    (`wp_block` items) by ID, which take the place of their references."""
    if "<!-- wp:" in content:
        content = inline_reusable(content, reusable or {}, media)
        for namespace, name in sorted(set(BLOCK_COMMENT.findall(content))):
            if namespace in ("", "core/") and name in STATIC_BLOCKS:
                continue
            if namespace == "core-embed/":
                continue
            if namespace in ("", "core/") and name in MEDIA_BLOCKS:
                media.left_out(f"block core/{name}: a self-hosted {name} file is not imported")
            elif namespace in ("", "core/"):
                media.left_out(f"block core/{name}: WordPress makes it when showing the page")
            else:
                media.left_out(f"block {namespace}{name}: only its text is kept")
        markup = shortcodes(content, media, gallery_of_post)
    else:
        markup = autop(shortcodes(content, media, gallery_of_post), media)
    return html_to_blocks(markup, media)


def inline_reusable(content, reusable, media):
    def replace(match):
        block_id = int(match.group(1))
        if block_id not in reusable:
            media.left_out(f"reusable block {block_id}: not in the export")
        return reusable.get(block_id, "")

    return REUSABLE.sub(replace, content)


def shortcodes(content, media, gallery_of_post=()):
    def replace(match):
        escaped, name, raw_attributes, closed, enclosed, escape_end = match.groups()
        if escaped and escape_end:  # [[caption]] is how WordPress writes a literal [caption]
            return match.group(0)[1:-1]
        attributes = parse_attributes(raw_attributes)
        inner = enclosed or ""
        if name in ("caption", "wp_caption"):
            return caption(attributes, inner)
        if name == "gallery":
            return gallery(attributes, gallery_of_post)
        if name in ("embed", "youtube", "vimeo", "video", "audio"):
            url = URL.search(html.unescape(" ".join([*attributes.values(), inner])))
            url = url.group(0) if url else ""
            if name in ("video", "audio") and not (url and media.embed(url)):
                media.left_out(f"[{name}]: a self-hosted {name} file is not imported")
                return ""
            return embed_figure(url) if url else ""
        if not (raw_attributes.strip() or closed or enclosed is not None):
            return match.group(0)  # plain text in brackets, not a shortcode
        media.left_out(f"shortcode [{name}] removed")
        return shortcodes(inner, media, gallery_of_post)

    return SHORTCODE.sub(replace, content)


def parse_attributes(text):
    attributes, position = {}, 0
    for match in ATTRIBUTE.finditer(html.unescape(text).lstrip("=")):
        name, double, single, bare, quoted, positional = match.groups()
        if name:
            attributes[name.lower()] = next(v for v in (double, single, bare) if v is not None)
        else:
            attributes[str(position)] = quoted if quoted is not None else positional
            position += 1
    return attributes


def caption(attributes, content):
    picture = IMG.search(content)
    if not picture:
        return content
    text = attributes.get("caption") or (content[: picture.start()] + content[picture.end() :])
    img = picture.group(0)
    attachment = re.fullmatch(r"attachment_(\d+)", attributes.get("id", ""))
    if attachment and "wp-image-" not in img:
        img = re.sub(r"<img\b", f'<img class="wp-image-{attachment.group(1)}"', img, count=1)
    return f"<figure>{img}<figcaption>{text.strip()}</figcaption></figure>"


def gallery(attributes, gallery_of_post):
    ids = attributes.get("ids") or attributes.get("include") or ""
    ids = [int(n) for n in re.findall(r"\d+", ids)] or list(gallery_of_post)
    pictures = "".join(f'<figure><img class="wp-image-{n}" src=""></figure>' for n in ids)
    return f'<figure class="wp-block-gallery">{pictures}</figure>'


def embed_figure(url):
    return f'<figure class="wp-block-embed"><div>{escape(url)}</div></figure>'


def autop(text, media):
    """WordPress's `wpautop`, as far as blocks need it: blank lines part paragraphs, a line
    break inside one is a `<br>`, block-level HTML stands on its own, `<pre>` is left alone,
    and a line that is only the address of a player becomes its embed (as WordPress shows
    it)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = []

    def keep(match):
        kept.append(match.group(0))
        return f"\n\n<pre>{len(kept) - 1}</pre>\n\n"

    text = PRE.sub(keep, text)
    text = CLOSES_BLOCK.sub(r"\1\n\n", OPENS_BLOCK.sub(r"\n\n\1", text))
    chunks = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if match := re.fullmatch(r"<pre>(\d+)</pre>", chunk):
            chunks.append(kept[int(match.group(1))])
        elif STARTS_WITH_BLOCK.match(chunk):
            chunks.append(chunk)
        elif URL.fullmatch(chunk) and media.embed(html.unescape(chunk)):
            chunks.append(embed_figure(html.unescape(chunk)))
        else:
            chunks.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    return "\n".join(chunks)


def plain_text(markup):
    """The text of a bit of HTML (an excerpt, a comment, a title), tags taken out."""
    markup = re.sub(r"<br\s*/?>|</?p\b[^>]*>", "\n", markup, flags=re.IGNORECASE)
    text = html.unescape(nh3.clean(markup, tags=set()))
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def slug_of(name, max_length=200):
    """A WordPress slug as a Qalam slug: percent-encoded letters (WordPress keeps Cyrillic
    slugs so) decoded, then made Latin; an ASCII slug stays as it is."""
    text = unquote(name).strip()
    if not text:
        return ""
    if re.fullmatch(r"[-a-z0-9_]+", text):
        return text[:max_length].strip("-")
    return latin_slug(text, max_length=max_length)
