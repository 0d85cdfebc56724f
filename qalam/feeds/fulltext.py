"""An article body as self-contained HTML for feed readers: each block as its own feed
template shows it (`articles/blocks.py`), with absolute addresses and photos at a fixed size.
The bodies of all items are read together, so a feed of 50 articles costs what a feed of 5
does: one query for the photos of every body, one for every photo's feed rendition."""

import mimetypes

from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.html import format_html_join

from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.images.models import AbstractImage

from qalam.articles.models import StoryPage
from qalam.images.models import QalamImage

# The size the photo block's feed template asks for, fetched here for all photos at once.
FEED_PHOTO = "width-960"


def bodies(articles):
    """The body of each article, its blocks' values made for all of them at once (Wagtail's
    bulk conversion): the photos of every body come in one query, not one a body."""
    stream_block = StoryPage._meta.get_field("body").stream_block
    return stream_block.bulk_to_python([list(article.body.raw_data) for article in articles])


def photos_in(value):
    """The images a block's value holds, at any depth of structs, lists and streams."""
    if isinstance(value, AbstractImage):
        yield value
    elif isinstance(value, StructValue):
        for part in value.values():
            yield from photos_in(part)
    elif isinstance(value, ListValue):
        for item in value:
            yield from photos_in(item)
    elif isinstance(value, StreamValue):
        for child in value:
            yield from photos_in(child.value)


def photos_for(articles, bodies):
    """The main photos of these articles, by id; they and every photo in the bodies get their
    feed rendition in one query."""
    main = QalamImage.objects.in_bulk({a.main_image_id for a in articles if a.main_image_id})
    in_bodies = [photo for body in bodies for child in body for photo in photos_in(child.value)]
    renditions = QalamImage.get_rendition_model().objects.filter(filter_spec=FEED_PHOTO)
    prefetch_related_objects(
        [*main.values(), *in_bodies],
        Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions"),
    )
    return main


def enclosure(image, root_url):
    rendition = image.get_rendition(FEED_PHOTO)
    mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
    return root_url + rendition.url, str(rendition.file.size), mime_type


def absolute(html, root_url):
    return html.replace('href="/', f'href="{root_url}/').replace('src="/', f'src="{root_url}/')


def render_block(child, context):
    """One block as its feed template shows it, or as the page does when it has none. The
    templates escape what editors and imports typed; rich text arrives sanitised."""
    template = getattr(child.block.meta, "feed_template", None)
    if template is None:
        return child.render(context)
    return render_to_string(template, {**context, "self": child.value, "value": child.value})


def render_body(body, root_url):
    context = {"root_url": root_url}
    html = format_html_join("\n", "{}", ((render_block(child, context),) for child in body))
    return absolute(html, root_url)
