"""The blocks of an article body. Each one says how it appears everywhere: in the page
(`template`), in full-text feeds (`feed_template`, plain elements a feed reader shows; a block
without one appears there as in the page) and in the read API (`get_api_representation`).
A new block is one class here and its templates: feeds/ and api/ need no edit."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "superscript", "subscript"]
PAGE = "components/streamfield/{}_block.html"
FEED = "components/streamfield/feed/{}_block.html"
API_PHOTO = "width-960"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(
        label=_("attribution"), required=False, help_text=_("Who said it, e.g. «Президент»")
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = PAGE.format("quote")
        feed_template = FEED.format("quote")


class PhotoBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("photo"))
    caption = blocks.CharBlock(
        label=_("caption"), required=False, help_text=_("Leave empty to use the photo's own.")
    )
    credit = blocks.CharBlock(
        label=_("credit"), required=False, help_text=_("Leave empty to use the photo's own.")
    )

    class Meta:
        icon = "image"
        label = _("Photo")
        template = PAGE.format("photo")
        feed_template = FEED.format("photo")

    def get_api_representation(self, value, context=None):
        """The photo as a client shows it: an address of the picture, its alt text, and the
        caption and credit the reader sees (the photo's own where the editor left them empty)."""
        image = value["image"]
        if image is None:  # deleted from the library since
            return None
        rendition = image.get_rendition(API_PHOTO)
        request = (context or {}).get("request")
        return {
            "image": image.pk,
            "url": request.build_absolute_uri(rendition.url) if request else rendition.url,
            "width": rendition.width,
            "height": rendition.height,
            "alt": image.default_alt_text,
            "caption": value["caption"] or image.caption,
            "credit": value["credit"] or image.credit,
        }


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        label=_("Paragraph"),
        template=PAGE.format("paragraph"),
        feed_template=FEED.format("paragraph"),
    )
    subheading = blocks.CharBlock(
        label=_("Subheading"),
        icon="title",
        template=PAGE.format("subheading"),
        feed_template=FEED.format("subheading"),
    )
    quote = QuoteBlock()
    photo = PhotoBlock()
    embed = EmbedBlock(
        label=_("Embed"),
        help_text=_("A link to a video or post (YouTube, X, Instagram…)."),
        template=PAGE.format("embed"),
        feed_template=FEED.format("embed"),
    )
    table = TableBlock(
        label=_("Table"), template=PAGE.format("table"), feed_template=FEED.format("table")
    )
