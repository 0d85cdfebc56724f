from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "superscript", "subscript"]


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(
        label=_("attribution"), required=False, help_text=_("Who said it, e.g. «Президент»")
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "components/streamfield/quote_block.html"


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
        template = "components/streamfield/photo_block.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        label=_("Paragraph"),
        template="components/streamfield/paragraph_block.html",
    )
    subheading = blocks.CharBlock(
        label=_("Subheading"),
        icon="title",
        template="components/streamfield/subheading_block.html",
    )
    quote = QuoteBlock()
    photo = PhotoBlock()
    embed = EmbedBlock(
        label=_("Embed"),
        help_text=_("A link to a video or post (YouTube, X, Instagram…)."),
        template="components/streamfield/embed_block.html",
    )
    table = TableBlock(label=_("Table"), template="components/streamfield/table_block.html")
