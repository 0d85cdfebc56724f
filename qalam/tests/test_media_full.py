"""The media folder's disk full (a 256 KB tmpfs that the test mounts and fills): uploading a
photo in the admin says why it failed, keeps no image row and leaves no partial file, and
once there is room the same upload works; a page whose photo needs a new rendition shows the
original meanwhile instead of failing, and gets the rendition once there is room."""

import io
import os
import random
import subprocess

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse

import pytest
from PIL import Image

from qalam.images.models import QalamImage

# Autocommit, as in production: a failed save inside the test's own transaction would mark
# it for rollback and no page could be rendered after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REASON = "На сервере не осталось места для файлов"


@pytest.fixture
def small_disk(tmp_path, settings):
    """A 256 KB filesystem as MEDIA_ROOT (mounting needs root: CI runs as root)."""
    mount = tmp_path / "media"
    mount.mkdir()
    command = ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)]
    if os.geteuid() != 0 or subprocess.run(command, check=False).returncode != 0:  # noqa: S603
        message = "mounting a small filesystem needs root"
        if os.environ.get("QALAM_REQUIRE_MOUNT") == "1":
            pytest.fail(message)
        pytest.skip(message)
    settings.MEDIA_ROOT = str(mount)
    yield mount
    subprocess.run(["umount", str(mount)], check=True)  # noqa: S603, S607


def noise_jpeg(size=400):
    """A photo that does not compress: random pixels, about 150 KB as JPEG."""
    rng = random.Random(7)
    pixels = bytes(rng.getrandbits(8) for _ in range(size * size * 3))
    image = Image.frombytes("RGB", (size, size), pixels)
    data = io.BytesIO()
    image.save(data, "JPEG", quality=95)
    return data.getvalue()


def files_in(folder):
    return sorted(
        os.path.relpath(os.path.join(root, name), folder)
        for root, _dirs, names in os.walk(folder)
        for name in names
    )


def upload(client, content):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Шум", "file": SimpleUploadedFile("shum.jpg", content, "image/jpeg"),
         "collection": 1},
    )  # fmt: skip


def test_an_upload_to_a_full_disk_is_refused_with_its_reason_and_leaves_nothing(client, small_disk):
    client.force_login(get_user_model().objects.create_superuser("chief", password="x"))
    content = noise_jpeg()
    assert len(content) > 120_000
    (small_disk / "filler.bin").write_bytes(b"\0" * 200_000)  # about 60 KB left

    response = upload(client, content)
    assert response.status_code == 507
    assert REASON in response.content.decode()
    assert not QalamImage.objects.exists()
    assert files_in(small_disk) == ["filler.bin"]  # no half-written photo

    # A script's upload (the admin's multiple upload) gets the reason in its JSON answer.
    answer = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("shum.jpg", content, "image/jpeg")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert answer.status_code == 507
    assert REASON in answer.json()["error_message"]
    assert files_in(small_disk) == ["filler.bin"]

    (small_disk / "filler.bin").unlink()  # room again
    response = upload(client, content)
    assert response.status_code == 302
    image = QalamImage.objects.get()
    assert os.path.getsize(image.file.path) == len(content)


def test_a_photo_whose_rendition_finds_no_room_is_shown_as_its_original(small_disk):
    content = noise_jpeg(200)
    image = QalamImage.objects.create(
        title="Шум", file=SimpleUploadedFile("shum.jpg", content, "image/jpeg")
    )
    room = os.statvfs(small_disk)
    (small_disk / "filler.bin").write_bytes(b"\0" * (room.f_bavail * room.f_frsize - 4096))
    template = Template("{% load qalam_images %}{% picture image width-{120,80} format-webp %}")

    def render():
        return template.render(Context({"image": QalamImage.objects.get(pk=image.pk)}))

    full = render()
    assert image.file.url in full  # in place of a rendition that found no room
    # Nothing half-made: a rendition's file is there with its row, or neither is.
    written = [name for name in files_in(small_disk) if name.startswith("images/")]
    assert written == sorted(rendition.file.name for rendition in image.renditions.all())
    assert image.renditions.count() < 2

    (small_disk / "filler.bin").unlink()  # room again: the next page gets the renditions
    with_room = render()
    assert image.file.url not in with_room
    assert image.renditions.count() == 2
    assert all(rendition.url in with_room for rendition in image.renditions.all())
