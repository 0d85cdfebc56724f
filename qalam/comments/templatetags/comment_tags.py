"""Reader text as HTML: escaped, line breaks kept, http(s) addresses linked. Nothing a
reader types becomes markup; only links this filter writes itself."""

import re

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from qalam.comments.page import comments_context

register = template.Library()

ADDRESS = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
TRAILING = ".,;:!?»\"'"
LINK_REL = "nofollow ugc noopener"


def split_trailing(url):
    """An address at the end of a sentence keeps its full stop and closing bracket out."""
    end = len(url)
    while end and (
        url[end - 1] in TRAILING
        or (url[end - 1] == ")" and url[:end].count("(") < url[:end].count(")"))
    ):
        end -= 1
    return url[:end], url[end:]


@register.filter
def comment_text(value):
    parts, position = [], 0
    for match in ADDRESS.finditer(value):
        url, trail = split_trailing(match.group(0))
        parts.append(escape(value[position : match.start()]))
        if url.split("://", 1)[1]:
            parts.append(format_html('<a href="{}" rel="{}">{}</a>', url, LINK_REL, url))
        else:
            parts.append(escape(url))
        parts.append(escape(trail))
        position = match.end()
    parts.append(escape(value[position:]))
    text = "".join(parts).replace("\r\n", "\n").replace("\r", "\n")
    return mark_safe(text.replace("\n", "<br>"))  # noqa: S308 - every piece escaped above


@register.filter
def web_address(url):
    """The commenter's website only when it is an http(s) address, whoever saved it."""
    return url if re.match(r"https?://", url or "", re.IGNORECASE) else ""


@register.simple_tag
def link_rel():
    return LINK_REL


@register.inclusion_tag("components/comment_field.html")
def comment_field(field):
    """A form field with its label, help and error, tied to the input for screen readers."""
    described = [f"{field.auto_id}-help"] if field.help_text else []
    attrs = {}
    if field.errors:
        described.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return {"field": field, "widget": field.as_widget(attrs=attrs)}


@register.simple_tag(takes_context=True)
def comments_section(context):
    """The article's comments and the form (or why it is closed); the form as the reader
    sent it when it comes back with errors (`comment_form` in the context)."""
    page = context["page"]
    discussion = comments_context(page, context["request"], form=context.get("comment_form"))
    if not discussion["comments_shown"]:
        return ""
    return render_to_string("components/comments.html", {**context.flatten(), **discussion})
