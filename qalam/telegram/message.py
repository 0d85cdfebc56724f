"""What a story's post says, within Telegram's limits. Telegram counts the text its HTML
leaves, in UTF-16 code units (an emoji is two), so that is what is counted here; whatever an
editor typed is escaped, so `<`, `&` and quotes arrive as typed."""

import html
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.utils import translation
from django.utils.translation import gettext as _

CAPTION_LIMIT = 1024
TEXT_LIMIT = 4096
LEAD_LIMIT = 400  # a post gives the headline and a sentence or two; the page has the rest
# Telegram shows a photo at most 1280 pixels on a side; JPEG is what it keeps anyway.
PHOTO = "width-1280|format-jpeg"
GAP = "\n\n"


def units(text):
    return len(text.encode("utf-16-le")) // 2


def shorten(text, limit):
    """`text` on one line, cut to `limit` UTF-16 units at a word boundary, with an ellipsis
    when cut."""
    text = " ".join(text.split())
    if units(text) <= limit:
        return text
    if limit < 2:
        return ""
    kept, used = [], 0
    for char in text:
        used += units(char)
        if used > limit - 1:
            break
        kept.append(char)
    cut = "".join(kept)
    if not text[len(cut)].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]  # the word the limit fell in goes whole
    return cut.rstrip(" ,;:–—-") + "…"


def link(story):
    """The story's address, marked as the channel's reader arrived by it."""
    url = story.get_full_url()
    parts = urlsplit(url)
    query = [*parse_qsl(parts.query), ("utm_source", "telegram")]
    return parts._replace(query=urlencode(query)).geturl()


@dataclass
class Message:
    text: str  # Telegram's HTML
    url: str
    photo: object = None  # the image sent with it, or None for a text post

    @property
    def photo_id(self):
        return self.photo.pk if self.photo else None


def compose(story, language, with_photo):
    """The post of `story`: a photo with its caption when `with_photo` and the story has a
    photo, else text."""
    photo = story.main_image if with_photo else None
    limit = CAPTION_LIMIT if photo else TEXT_LIMIT
    with translation.override(language):
        more = _("Read on the site")
        label = _("Correction")
    headline = " ".join(story.title.split())
    room = limit - units(headline) - units(more) - 2 * units(GAP)
    correction = ""
    if story.correction.strip():
        correction = shorten(f"{label}: {story.correction}", room - units(GAP))
        room -= units(correction) + units(GAP)
    lead = shorten(story.lead, min(LEAD_LIMIT, room))
    url = link(story)
    parts = [
        f"<b>{escape(headline)}</b>",
        escape(lead),
        f'<a href="{html.escape(url)}">{escape(more)}</a>',
        f"<i>{escape(correction)}</i>" if correction else "",
    ]
    return Message(GAP.join(part for part in parts if part), url, photo)


def escape(text):
    # Telegram's HTML knows &lt; &gt; &amp; (and &quot;); quotes in text need none.
    return html.escape(text, quote=False)
