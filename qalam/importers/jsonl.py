"""Reading `qalam import_articles` files: one JSON object per line, checked field by field
so a bad record is reported as `line N: field: what is wrong`."""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug

from PIL import Image, UnidentifiedImageError

from .articles import ArticleRecord
from .html import html_to_blocks, lead_from, paragraph

TEXT_FIELDS = {"title": 255, "lead": 1000, "image_caption": 500, "image_credit": 255}
KNOWN_FIELDS = {
    "title", "lead", "body", "body_html", "rubric", "tags", "authors", "published_at",
    "language", "slug", "image", "image_caption", "image_credit", "source_url",
}  # fmt: skip
LANGUAGES = {code for code, _ in settings.LANGUAGES}


class RecordError(Exception):
    def __init__(self, line, field, message):
        super().__init__(f"line {line}: {field}: {message}")
        self.line, self.field, self.message = line, field, message


def read_records(path):
    """Yields (line number, ArticleRecord) for every non-blank line of the file."""
    path = Path(path)
    with path.open("rb") as f:
        for number, raw in enumerate(f, start=1):
            if raw.strip():
                yield number, parse_line(raw, number, base_dir=path.parent)


def parse_line(raw, line, base_dir):
    def fail(field, message):
        raise RecordError(line, field, message)

    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        fail("-", "not UTF-8 text")
    except json.JSONDecodeError as error:
        fail("-", f"not valid JSON ({error.msg} at column {error.colno})")
    if not isinstance(data, dict):
        fail("-", "a line must hold one JSON object")
    unknown = sorted(set(data) - KNOWN_FIELDS)
    if unknown:
        fail(unknown[0], "unknown field")

    def text(field, required=False):
        value = data.get(field, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            fail(field, "must be a string")
        value = value.strip()
        if required and not value:
            fail(field, "is required")
        limit = TEXT_FIELDS.get(field)
        if limit and len(value) > limit:
            fail(field, f"is {len(value)} characters long, at most {limit} are allowed")
        return value

    def string_list(field):
        value = data.get(field) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            fail(field, "must be a list of strings")
        return [v.strip() for v in value if v.strip()]

    title = text("title", required=True)
    rubric = text("rubric", required=True)

    if "body" in data and "body_html" in data:
        fail("body_html", "give either body or body_html, not both")
    if "body_html" in data:
        body = html_to_blocks(text("body_html"))
    else:
        body = [paragraph(p) for p in string_list("body")]

    lead = text("lead") or lead_from(body, limit=TEXT_FIELDS["lead"])

    raw_date = text("published_at", required=True)
    try:
        published_at = datetime.datetime.fromisoformat(raw_date)
    except ValueError:
        fail("published_at", f"«{raw_date}» is not an ISO 8601 date and time")
    if published_at.tzinfo is None:
        fail("published_at", "needs a time zone, e.g. 2026-11-25T15:43:00+05:00")

    language = text("language") or settings.LANGUAGE_CODE
    if language not in LANGUAGES:
        fail("language", f"must be one of {', '.join(sorted(LANGUAGES))}")

    slug = text("slug")
    if slug:
        try:
            validate_slug(slug)
        except ValidationError:
            fail("slug", "may hold only Latin letters, digits, hyphens and underscores")

    source_url = text("source_url")
    if source_url:
        try:
            URLValidator(schemes=["http", "https"])(source_url)
        except ValidationError:
            fail("source_url", f"«{source_url[:80]}» is not an http(s) address")

    image = None
    if text("image"):
        image = (base_dir / text("image")).resolve()
        if not image.is_file():
            fail("image", f"no file at {image}")
        try:
            with Image.open(image) as picture:
                picture.verify()
        except (UnidentifiedImageError, OSError):
            fail("image", f"{image.name} is not an image Qalam can read")

    return ArticleRecord(
        title=title,
        lead=lead,
        body=body,
        rubric=rubric,
        published_at=published_at,
        language=language,
        slug=slug,
        tags=string_list("tags"),
        authors=string_list("authors"),
        image=image,
        image_caption=text("image_caption"),
        image_credit=text("image_credit"),
        source_url=source_url,
    )
