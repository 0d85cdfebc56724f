"""Media in object storage on this machine: saving a photo to the local disk against saving
it to a bucket of moto's S3 server on 127.0.0.1 (qalam/tests/s3_server.py), and
`qalam media_to_s3` copying a media folder of N photos, run again with nothing left to copy
and with half of it left. moto is a Python server holding objects in memory: the figures
show Qalam's side of the cost, not a real store's.

    .venv/bin/python bench/media_s3.py [--files N]

Prints one table and appends it to bench/results/media_s3.md."""

import argparse
import io
import os
import random
import statistics
import tempfile
import time
from io import StringIO
from pathlib import Path

from report import append_table, percentile

RESULTS = Path(__file__).resolve().parent / "results" / "media_s3.md"


def noise_jpegs(count, size=300):
    """Photos that do not compress: random pixels, about 150 KB each as JPEG."""
    from PIL import Image

    rng = random.Random(7)
    photos = []
    for _ in range(count):
        pixels = bytes(rng.getrandbits(8) for _ in range(size * size * 3))
        data = io.BytesIO()
        Image.frombytes("RGB", (size, size), pixels).save(data, "JPEG", quality=90)
        photos.append(data.getvalue())
    return photos


def save_times(storage, photos, files):
    from django.core.files.base import ContentFile

    times = []
    for n in range(files):
        started = time.perf_counter()
        storage.save(f"original_images/photo-{n}.jpg", ContentFile(photos[n % len(photos)]))
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)


def copy_time(**options):
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("media_to_s3", stdout=StringIO(), **options)
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=200)
    arguments = parser.parse_args()
    from qalam.tests.s3_server import KEYS, S3Server

    server = S3Server().start()
    media = Path(tempfile.mkdtemp(prefix="qalam-bench-media-"))
    os.environ.update({
        **KEYS,
        "DJANGO_SETTINGS_MODULE": "qalam.settings.test",
        "MEDIA_ROOT": str(media),
        "QALAM_MEDIA_S3_BUCKET": "bench-media",
        "AWS_S3_ENDPOINT_URL": server.url,
        "AWS_S3_REGION_NAME": "us-east-1",
        "QALAM_MEDIA_URL": f"{server.url}/bench-media/",
    })  # fmt: skip
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core.files.storage import FileSystemStorage, storages

        settings.MEDIA_ROOT = media
        bucket = storages["default"]
        bucket.connection.meta.client.create_bucket(Bucket="bench-media")
        photos = noise_jpegs(20)
        local = save_times(FileSystemStorage(location=media), photos, arguments.files)
        remote = save_times(bucket, photos, arguments.files)
        size = sum(path.stat().st_size for path in media.rglob("*") if path.is_file())
        bucket.bucket.objects.all().delete()
        first = copy_time()
        again = copy_time()
        for n, item in enumerate(bucket.bucket.objects.all()):
            if n % 2:
                item.delete()
        half = copy_time()
    finally:
        server.stop()
    files = arguments.files
    rows = [
        (f"save a photo (~{size // files // 1000} KB) to the local disk, median / p95 of {files}",
         f"{statistics.median(local):.1f} / {percentile(local, 0.95):.1f} ms"),
        (f"save a photo to the bucket (moto on 127.0.0.1), median / p95 of {files}",
         f"{statistics.median(remote):.1f} / {percentile(remote, 0.95):.1f} ms"),
        (f"media_to_s3, {files} files ({size / 1e6:.1f} MB) into an empty bucket",
         f"{first:.1f} s"),
        ("media_to_s3 again, nothing left to copy", f"{again:.2f} s"),
        ("media_to_s3 with half the files left to copy", f"{half:.1f} s"),
    ]  # fmt: skip
    append_table(RESULTS, rows)


if __name__ == "__main__":
    main()
