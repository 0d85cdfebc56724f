"""Reading `qalam import_articles` files: one JSON object per line, each checked by
`RecordForm`, so a bad record is reported as `line N: field: what is wrong`.

The messages speak of what the file holds ("must be a list of strings") rather than of a web
form, in English like the rest of the command's output."""

import datetime
import json
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug

from PIL import Image, UnidentifiedImageError

from .articles import ArticleRecord
from .html import html_to_blocks, lead_from, paragraph

LANGUAGES = sorted(code for code, _ in settings.LANGUAGES)


class RecordError(Exception):
    def __init__(self, line, field, message):
        super().__init__(f"line {line}: {field}: {message}")
        self.line, self.field, self.message = line, field, message


class Text(forms.CharField):
    """A JSON string, trimmed; a number or a list is refused rather than turned into text."""

    default_error_messages = {
        "required": "is required",
        "not_text": "must be a string",
        "max_length": "is %(show_value)d characters long, at most %(limit_value)d are allowed",
    }

    def to_python(self, value):
        if value is not None and not isinstance(value, str):
            raise ValidationError(self.error_messages["not_text"], code="not_text")
        return super().to_python(value)


class TextList(forms.Field):
    """A JSON list of strings (paragraphs, tags, authors), trimmed, the empty ones left out."""

    default_error_messages = {"not_list": "must be a list of strings"}

    def to_python(self, value):
        if value in self.empty_values:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValidationError(self.error_messages["not_list"], code="not_list")
        return [v.strip() for v in value if v.strip()]


class ZonedDateTime(forms.DateTimeField):
    """An ISO 8601 date and time with its zone. Django's field would read a time without one
    in the server's zone and accept the interface language's formats: an archive's times
    would then shift with the machine that imports it."""

    default_error_messages = {
        "required": "is required",
        "not_text": "must be a string",
        "invalid": "«%(value)s» is not an ISO 8601 date and time",
        "no_zone": "needs a time zone, e.g. 2026-11-25T15:43:00+05:00",
    }

    def to_python(self, value):
        if value is not None and not isinstance(value, str):
            raise ValidationError(self.error_messages["not_text"], code="not_text")
        if not (value := (value or "").strip()):
            return None
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from None
        if moment.tzinfo is None:
            raise ValidationError(self.error_messages["no_zone"], code="no_zone")
        return moment


class RecordForm(forms.Form):
    """One article of an import file, its fields in the order of docs/importing.md's table:
    when several are wrong, the first is reported. They are `ArticleRecord`'s, but
    `body_html`, which becomes the body."""

    title = Text(max_length=255)
    rubric = Text()
    published_at = ZonedDateTime()
    lead = Text(required=False, max_length=1000)
    body = TextList(required=False)
    body_html = Text(required=False)
    language = forms.ChoiceField(
        choices=[(code, code) for code in LANGUAGES],
        required=False,
        error_messages={"invalid_choice": f"must be one of {', '.join(LANGUAGES)}"},
    )
    slug = Text(
        required=False,
        validators=[validate_slug],
        error_messages={"invalid": "may hold only Latin letters, digits, hyphens and underscores"},
    )
    tags = TextList(required=False)
    authors = TextList(required=False)
    image = Text(required=False)  # a path relative to the file
    image_caption = Text(required=False, max_length=500)
    image_credit = Text(required=False, max_length=255)
    source_url = Text(
        required=False,
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={"invalid": "«%(value).80s» is not an http(s) address"},
    )

    def __init__(self, data, base_dir):
        super().__init__(data)
        self.base_dir = Path(base_dir)

    def clean_language(self):
        return self.cleaned_data["language"] or settings.LANGUAGE_CODE

    def clean_image(self):
        if not self.cleaned_data["image"]:
            return None
        path = (self.base_dir / self.cleaned_data["image"]).resolve()
        if not path.is_file():
            raise ValidationError(f"no file at {path}")
        try:
            with Image.open(path) as picture:
                picture.verify()
        except (UnidentifiedImageError, OSError):
            raise ValidationError(f"{path.name} is not an image Qalam can read") from None
        return path

    def clean(self):
        if "body" in self.data and "body_html" in self.data:
            self.add_error("body_html", "give either body or body_html, not both")
        return self.cleaned_data

    def record(self):
        """The checked record as `ArticleWriter` takes it."""
        fields = dict(self.cleaned_data)
        html = fields.pop("body_html")
        if "body_html" in self.data:
            body = html_to_blocks(html)
        else:
            body = [paragraph(text) for text in fields["body"]]
        lead = fields["lead"] or lead_from(body, limit=self.fields["lead"].max_length)
        return ArticleRecord(**{**fields, "body": body, "lead": lead})


def read_records(path):
    """Yields (line number, ArticleRecord) for every non-blank line of the file."""
    path = Path(path)
    with path.open("rb") as f:
        for number, raw in enumerate(f, start=1):
            if raw.strip():
                yield number, parse_line(raw, number, base_dir=path.parent)


def parse_line(raw, line, base_dir):
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise RecordError(line, "-", "not UTF-8 text") from None
    except json.JSONDecodeError as error:
        message = f"not valid JSON ({error.msg} at column {error.colno})"
        raise RecordError(line, "-", message) from None
    if not isinstance(data, dict):
        raise RecordError(line, "-", "a line must hold one JSON object")
    if unknown := sorted(set(data) - set(RecordForm.base_fields)):
        raise RecordError(line, unknown[0], "unknown field")
    form = RecordForm(data, base_dir=base_dir)
    if not form.is_valid():
        field = next(name for name in form.fields if name in form.errors)
        raise RecordError(line, field, form.errors[field][0])
    return form.record()
