"""Media in an S3-compatible bucket (core/s3.py, docs/scaling.md), against moto's S3 server
started on 127.0.0.1 (s3_server.py): an editor's upload, its renditions and its deletion;
pages linking to the public media address, which an anonymous reader can load; imports
writing through the same storage; `qalam media_to_s3`, cut short and run again; the store
stopped under a running site; and start-up refusing a misconfigured variable."""

import io
import json
import os
import subprocess
import sys
import uuid
from io import StringIO
from urllib.parse import urlsplit

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

import boto3
import pytest
import requests
from bs4 import BeautifulSoup
from PIL import Image

from qalam.articles.factories import ArticlePageFactory
from qalam.articles.models import ArticlePage
from qalam.images.factories import photo
from qalam.images.models import QalamImage, QalamRendition
from qalam.settings.base import public_media_url, s3_media_storage

from .s3_server import KEYS, S3Server, public_read

pytestmark = pytest.mark.django_db

UNREACHABLE = "Хранилище, где лежат фотографии и файлы сайта, не ответило"


@pytest.fixture(scope="module")
def s3_server():
    server = S3Server().start()
    yield server
    server.stop()


class Bucket:
    """A bucket of the test's own on the server, made as docs/scaling.md says: objects
    readable by anyone."""

    def __init__(self, server):
        self.server, self.name = server, f"qalam-media-{uuid.uuid4().hex[:8]}"
        self.client = boto3.client(
            "s3",
            endpoint_url=server.url,
            region_name="us-east-1",
            aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
        )
        self.client.create_bucket(Bucket=self.name)
        policy = public_read(self.name)
        self.client.put_bucket_policy(Bucket=self.name, Policy=json.dumps(policy))
        self.media_url = f"{server.url}/{self.name}/"
        self.environ = {
            **KEYS,
            "QALAM_MEDIA_S3_BUCKET": self.name,
            "AWS_S3_ENDPOINT_URL": server.url,
            "AWS_S3_REGION_NAME": "us-east-1",
            "QALAM_MEDIA_URL": self.media_url,
        }

    def sizes(self):
        listing = self.client.list_objects_v2(Bucket=self.name)
        return {item["Key"]: item["Size"] for item in listing.get("Contents", [])}

    def body(self, key):
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


def use_bucket(bucket, settings, monkeypatch):
    """The settings base.py makes from the bucket's environment."""
    for name, value in KEYS.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, "default": s3_media_storage(bucket.environ)}
    settings.MEDIA_URL = public_media_url(bucket.environ["QALAM_MEDIA_URL"])


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    bucket = Bucket(s3_server)
    use_bucket(bucket, settings, monkeypatch)
    return bucket


def jpeg(size=(1600, 900), colour=(30, 90, 160)):
    data = io.BytesIO()
    Image.new("RGB", size, colour).save(data, "JPEG", quality=90)
    return data.getvalue()


def upload(client, content, name="vstrecha.jpg"):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Встреча", "file": SimpleUploadedFile(name, content, "image/jpeg"),
         "collection": 1},
    )  # fmt: skip


def photo_addresses(client, page):
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    img = soup.select_one(".article__photo img")
    return img["src"], [part.split()[0] for part in img["srcset"].split(",")]


@pytest.fixture
def editor(client):
    client.force_login(get_user_model().objects.create_superuser("chief", password="x"))
    return client


def test_an_upload_its_renditions_and_its_deletion_reach_the_bucket(
    editor, bucket, rubric, django_capture_on_commit_callbacks
):
    content = jpeg()
    assert upload(editor, content).status_code == 302
    image = QalamImage.objects.get()
    assert image.file.name.startswith("original_images/vstrecha")
    assert bucket.body(image.file.name) == content

    # The same name again: a name of its own, the first photo untouched.
    assert upload(editor, jpeg(colour=(200, 40, 40))).status_code == 302
    second = QalamImage.objects.exclude(pk=image.pk).get()
    assert second.file.name != image.file.name
    assert bucket.body(image.file.name) == content

    article = ArticlePageFactory(parent=rubric, main_image=image)
    editor.logout()
    src, srcset = photo_addresses(editor, article)
    renditions = list(QalamRendition.objects.filter(image=image))
    assert renditions
    stored = bucket.sizes()
    for rendition in renditions:
        assert stored[rendition.file.name] > 0
    # Every address is the public media address, unsigned, and loads for an anonymous reader.
    for address in [src, *srcset]:
        assert address.startswith(bucket.media_url)
        assert not urlsplit(address).query
    answer = requests.get(src, timeout=10)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "image/jpeg"
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    key = src.removeprefix(bucket.media_url)
    assert answer.content == bucket.body(key)
    assert Image.open(io.BytesIO(answer.content)).size == (360, 202)

    names = [image.file.name, *(rendition.file.name for rendition in renditions)]
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    stored = bucket.sizes()
    assert not set(names) & set(stored)
    assert second.file.name in stored


def test_imports_write_through_the_bucket(bucket, homes, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    Image.new("RGB", (800, 450), (20, 80, 160)).save(tmp_path / "photo.jpg")
    record = {"title": "Перспективы партнерства", "body": ["Абзац."], "rubric": "Официально",
              "published_at": "2026-11-24T15:43:00+05:00", "image": "photo.jpg"}  # fmt: skip
    (tmp_path / "articles.jsonl").write_text(
        json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    call_command("import_articles", str(tmp_path / "articles.jsonl"), stdout=StringIO())
    image = ArticlePage.objects.get().main_image
    assert bucket.body(image.file.name) == (tmp_path / "photo.jpg").read_bytes()

    # A WordPress export whose import fails takes the photos it stored out of the bucket.
    uploads = tmp_path / "uploads" / "2026" / "11"
    uploads.mkdir(parents=True)
    Image.new("RGB", (1200, 800), (10, 60, 120)).save(uploads / "natsbank.jpg")
    Image.new("RGB", (800, 600), (200, 160, 60)).save(uploads / "aul.png")
    fixtures = django_settings.BASE_DIR / "qalam" / "importers" / "tests" / "fixtures"
    before = set(bucket.sizes())
    with pytest.raises(CommandError):
        call_command(
            "import_wordpress", str(fixtures / "wordpress-broken.wxr"),
            "--uploads", str(tmp_path / "uploads"), "--report", str(tmp_path / "report.txt"),
            stdout=StringIO(),
        )  # fmt: skip
    assert set(bucket.sizes()) == before
    call_command(
        "import_wordpress", str(fixtures / "wordpress-edge-cases.wxr"),
        "--uploads", str(tmp_path / "uploads"), "--report", str(tmp_path / "report.txt"),
        stdout=StringIO(),
    )  # fmt: skip
    imported = QalamImage.objects.exclude(pk=image.pk)
    assert imported.count() == 2
    for each in imported:
        assert bucket.sizes()[each.file.name] == each.file_size


def test_the_demo_draws_its_photos_into_the_bucket(bucket, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=StringIO())
    assert QalamImage.objects.count() > 10
    stored = bucket.sizes()
    for each in QalamImage.objects.all():
        assert stored[each.file.name] == each.file_size
    assert not any(path.is_file() for path in settings.MEDIA_ROOT.rglob("*"))


def test_media_to_s3_copies_the_local_folder_and_finishes_a_run_cut_short(
    s3_server, settings, monkeypatch, tmp_path, client, rubric
):
    settings.MEDIA_ROOT = tmp_path / "media"
    article = ArticlePageFactory(parent=rubric, main_image=photo())
    local_src, _ = photo_addresses(client, article)
    assert local_src.startswith("/media/images/")
    local = {
        path.relative_to(settings.MEDIA_ROOT).as_posix(): path.stat().st_size
        for path in settings.MEDIA_ROOT.rglob("*")
        if path.is_file()
    }
    assert len(local) > 3  # the original and its renditions
    with pytest.raises(CommandError, match="QALAM_MEDIA_S3_BUCKET"):
        call_command("media_to_s3", stdout=StringIO())

    bucket = Bucket(s3_server)
    use_bucket(bucket, settings, monkeypatch)
    out = StringIO()
    call_command("media_to_s3", "--dry-run", stdout=out)
    assert out.getvalue().startswith(f"Would copy {len(local)} files (")
    assert bucket.sizes() == {}

    # A run cut short: some files there already, one of them written only in part.
    first, second, *_ = sorted(local)
    path = settings.MEDIA_ROOT / first
    bucket.client.put_object(Bucket=bucket.name, Key=first, Body=path.read_bytes())
    bucket.client.put_object(Bucket=bucket.name, Key=second, Body=b"part")
    out = StringIO()
    call_command("media_to_s3", stdout=out)
    assert out.getvalue().startswith(f"Copied {len(local) - 1} files (")
    assert "; 1 files (" in out.getvalue()
    assert bucket.sizes() == local

    out = StringIO()
    call_command("media_to_s3", stdout=out)
    assert out.getvalue().startswith("Copied 0 files (0.0 MB)")

    # The page now links to the bucket, under the names the database holds.
    src, _ = photo_addresses(client, article)
    assert src == bucket.media_url + local_src.removeprefix("/media/")
    answer = requests.get(src, timeout=10)
    assert answer.content == (settings.MEDIA_ROOT / local_src.removeprefix("/media/")).read_bytes()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_store_that_is_down_fails_the_upload_clearly_and_pages_still_render(
    settings, monkeypatch, editor, rubric
):
    server = S3Server().start()
    try:
        bucket = Bucket(server)
        use_bucket(bucket, settings, monkeypatch)
        image = photo()
        article = ArticlePageFactory(parent=rubric, main_image=image)
        src, srcset = photo_addresses(editor, article)
        assert src.startswith(bucket.media_url)
    finally:
        server.stop()

    # Renditions are known: the page is made from the database alone, with the same photos.
    assert photo_addresses(editor, article) == (src, srcset)

    images = QalamImage.objects.count()
    response = upload(editor, jpeg())
    assert response.status_code == 503
    assert UNREACHABLE in response.content.decode()
    answer = editor.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("shum.jpg", jpeg(), "image/jpeg")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert answer.status_code == 503
    assert UNREACHABLE in answer.json()["error_message"]
    assert QalamImage.objects.count() == images
    assert default_storage.bucket_name == bucket.name


BUCKET = {"QALAM_MEDIA_S3_BUCKET": "media", "QALAM_MEDIA_URL": "https://media.example.kz/"}


@pytest.mark.parametrize(
    ("environ", "says"),
    [
        ({**BUCKET, **KEYS}, "QALAM_MEDIA_S3_BUCKET needs AWS_S3_ENDPOINT_URL"),
        ({**BUCKET, "AWS_S3_ENDPOINT_URL": "http://s3.local:9000"}, "AWS_ACCESS_KEY_ID and"),
        (
            {**BUCKET, "AWS_S3_REGION_NAME": "eu-central-1", "AWS_ACCESS_KEY_ID": "k"},
            "AWS_SECRET_ACCESS_KEY must be set",
        ),  # fmt: skip
        ({**BUCKET, **KEYS, "AWS_S3_ENDPOINT_URL": "s3.local:9000"}, "AWS_S3_ENDPOINT_URL must"),
        (
            {**KEYS, "QALAM_MEDIA_S3_BUCKET": "media", "AWS_S3_REGION_NAME": "eu-central-1"},
            "QALAM_MEDIA_URL must be set",
        ),  # fmt: skip
        (
            {
                **BUCKET,
                **KEYS,
                "AWS_S3_REGION_NAME": "eu-central-1",
                "QALAM_MEDIA_URL": "media.example.kz",
            },
            "QALAM_MEDIA_URL must be an http(s)",
        ),  # fmt: skip
    ],
)
def test_a_misconfigured_bucket_is_refused_by_name(environ, says):
    with pytest.raises(ImproperlyConfigured) as refused:
        s3_media_storage(environ)
    assert says in str(refused.value)


def test_amazon_s3_needs_no_endpoint_and_may_take_the_servers_role():
    options = s3_media_storage({**BUCKET, "AWS_S3_REGION_NAME": "eu-central-1"})["OPTIONS"]
    assert options["custom_domain"] == "media.example.kz"
    assert options["url_protocol"] == "https:"
    assert options["addressing_style"] == "virtual"
    assert "endpoint_url" not in options


def test_start_up_stops_on_a_misconfigured_media_variable():
    env = {**os.environ, "QALAM_MEDIA_S3_BUCKET": "media", "QALAM_MEDIA_URL": "https://m.kz/"}
    env.pop("AWS_S3_ENDPOINT_URL", None)
    env.pop("AWS_S3_REGION_NAME", None)
    result = subprocess.run(
        [sys.executable, "-m", "qalam", "check"],
        env=env, cwd=django_settings.BASE_DIR, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    assert "QALAM_MEDIA_S3_BUCKET needs AWS_S3_ENDPOINT_URL" in result.stderr
