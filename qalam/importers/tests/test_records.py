"""What `RecordForm` makes of one line of an import file, without a database: the import
command's own tests (test_import_articles.py) show the same messages end to end."""

import datetime
import json

import pytest
from PIL import Image

from qalam.importers.jsonl import RecordError, parse_line

GOOD = {
    "title": "Перспективы партнерства",
    "body": ["Первый абзац.", "Второй абзац."],
    "rubric": "Официально",
    "published_at": "2026-11-24T15:43:00+05:00",
}


def parse(record, base_dir):
    return parse_line(json.dumps(record, ensure_ascii=False).encode(), 7, base_dir=base_dir)


def test_a_good_record_is_trimmed_and_given_its_defaults(tmp_path):
    Image.new("RGB", (40, 30)).save(tmp_path / "photo.png")
    record = parse(
        {
            **GOOD,
            "title": "  Перспективы партнерства ",
            "tags": [" Туркестан ", "", "  "],
            "authors": None,
            "image": "photo.png",
            "image_caption": None,
        },
        tmp_path,
    )

    assert record.title == "Перспективы партнерства"
    assert record.lead == "Первый абзац."
    assert record.language == "ru"
    assert record.published_at == datetime.datetime(2026, 11, 24, 10, 43, tzinfo=datetime.UTC)
    assert (record.tags, record.authors, record.image_caption) == (["Туркестан"], [], "")
    assert record.image == tmp_path / "photo.png"
    assert [kind for kind, _ in record.body] == ["paragraph", "paragraph"]


def test_body_html_becomes_the_body(tmp_path):
    record = {**GOOD, "body_html": "<h2>Итоги</h2><p>Текст</p>"}
    del record["body"]
    assert [kind for kind, _ in parse(record, tmp_path).body] == ["subheading", "paragraph"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": 5}, "title: must be a string"),
        ({"title": "   "}, "title: is required"),
        ({"lead": "x" * 1001}, "lead: is 1001 characters long, at most 1000 are allowed"),
        ({"image_credit": "x" * 256}, "image_credit: is 256 characters long, at most 255"),
        ({"body": ["Абзац", 2]}, "body: must be a list of strings"),
        ({"tags": False}, "tags: must be a list of strings"),
        # A form field for dates would take the interface language's formats, zone-less.
        ({"published_at": "24.11.2026 15:43"}, "published_at: «24.11.2026 15:43» is not an ISO"),
        ({"published_at": 1764000000}, "published_at: must be a string"),
        ({"language": "kz"}, "language: must be one of en, kk, ru"),
        # A form field for addresses would take one without a scheme.
        ({"source_url": "example.kz/news"}, "source_url: «example.kz/news» is not an http(s)"),
        ({"source_url": "ftp://" + "x" * 200}, f"source_url: «ftp://{'x' * 74}» is not"),
        ({"image": 3}, "image: must be a string"),
        ({"title": "", "slug": "перспективы"}, "title: is required"),
    ],
)
def test_a_bad_record_names_its_first_wrong_field(tmp_path, change, message):
    with pytest.raises(RecordError) as error:
        parse({**GOOD, **change}, tmp_path)
    assert str(error.value).startswith(f"line 7: {message}")
