"""`{% picture %}` as Wagtail has it, with its filters parsed once a process and each width
listed once.

Wagtail's picture tag makes new `Filter` objects on every render, and each parses its spec
again (through `inspect`) to compute the rendition cache keys, for every picture of every
page (docs/performance.md). A `Filter` does not change once parsed, so the pages share one
per spec.

Wagtail never enlarges a photo, so a photo narrower than the widest rendition gives several
renditions of its own width; a srcset may name a width only once (HTML), so the first of
them stands for the rest."""

from functools import lru_cache

from django import template

from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags import wagtailimages_tags

register = template.Library()


@lru_cache(maxsize=128)
def parsed_filters(specs):
    return tuple(Filter(spec=spec) for spec in Filter.expand_spec(specs))


class DistinctWidthsPicture(Picture):
    @classmethod
    def get_width_srcset(cls, renditions_list):
        by_width = {}
        for rendition in renditions_list:
            by_width.setdefault(rendition.width, rendition)
        # Width descriptors even when one is left: `sizes` allows no other kind.
        return ", ".join(f"{rendition.url} {width}w" for width, rendition in by_width.items())


class PictureNode(wagtailimages_tags.PictureNode):
    def get_filters(self):
        return list(parsed_filters(tuple(self.filter_specs)))

    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        renditions = get_renditions_or_not_found(image, self.get_filters())
        if self.output_var_name:
            context[self.output_var_name] = DistinctWidthsPicture(renditions)
            return ""
        attrs = {key: value.resolve(context) for key, value in self.attrs.items()}
        return DistinctWidthsPicture(renditions, attrs).__html__()


@register.tag
def picture(parser, token):
    node = wagtailimages_tags.image(parser, token)
    return PictureNode(
        node.image_expr, node.filter_specs, output_var_name=node.output_var_name, attrs=node.attrs
    )
