"""`qalam media_to_s3`: copies the media files on the local disk (MEDIA_ROOT: originals,
renditions, documents) into the bucket the `default` storage now names, under the same
names, so the database's file names stay right (docs/scaling.md). A file already in the
bucket with the same size is skipped, so a run cut short is finished by running it again."""

import mimetypes
import time
from pathlib import Path

from django.conf import settings
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError

from botocore.exceptions import BotoCoreError, ClientError

from qalam.core.s3 import MediaS3Storage


def megabytes(size):
    return f"{size / 1_000_000:.1f} MB"


class Command(BaseCommand):
    help = (
        "Copies the local media folder into the S3 bucket named by QALAM_MEDIA_S3_BUCKET, "
        "skipping files already there with the same size."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source", default=settings.MEDIA_ROOT, help="the media folder (MEDIA_ROOT)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would be copied, copy nothing"
        )

    def handle(self, *args, source, dry_run, **options):
        storage = storages["default"]
        if not isinstance(storage, MediaS3Storage):
            raise CommandError(
                "The media storage is the local disk: set QALAM_MEDIA_S3_BUCKET and the "
                "variables with it (docs/scaling.md) to copy media into a bucket."
            )
        source = Path(source)
        if not source.is_dir():
            raise CommandError(f"No media folder at {source}")
        started = time.monotonic()
        copied = skipped = copied_bytes = skipped_bytes = 0
        try:
            stored = {item.key: item.size for item in storage.bucket.objects.all()}
            for path in sorted(path for path in source.rglob("*") if path.is_file()):
                name = path.relative_to(source).as_posix()
                size = path.stat().st_size
                if stored.get(name) == size:
                    skipped, skipped_bytes = skipped + 1, skipped_bytes + size
                    continue
                if not dry_run:
                    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
                    extra = {**storage.object_parameters, "ContentType": content_type}
                    storage.bucket.upload_file(
                        str(path), name, ExtraArgs=extra, Config=storage.transfer_config
                    )
                    if options["verbosity"] > 1:
                        self.stdout.write(name)
                copied, copied_bytes = copied + 1, copied_bytes + size
        except (BotoCoreError, ClientError) as error:
            raise CommandError(
                f"Stopped after copying {copied} files ({megabytes(copied_bytes)}): {error}. "
                "Run the command again to go on."
            ) from error
        verb = "Would copy" if dry_run else "Copied"
        self.stdout.write(
            f"{verb} {copied} files ({megabytes(copied_bytes)}) to bucket "
            f"{storage.bucket_name}; {skipped} files ({megabytes(skipped_bytes)}) already "
            f"there; {time.monotonic() - started:.1f} s"
        )
