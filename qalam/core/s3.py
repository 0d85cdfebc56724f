"""Media in an S3-compatible bucket (django-storages, configured in settings/base.py from
QALAM_MEDIA_S3_BUCKET; docs/scaling.md). A store that does not answer fails a save within
seconds, as `MediaUnreachable`, for the admin to tell the editor (core/middleware.py); an
object is written whole or not at all, so nothing is left to clean up."""

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage

from .storage import MediaUnreachable

# An editor waits for an upload: a store that is down is given up on after two tries.
PATIENCE = Config(
    connect_timeout=3, read_timeout=20, retries={"mode": "standard", "max_attempts": 2}
)


class MediaS3Storage(S3Storage):
    def __init__(self, **options):
        super().__init__(**options)
        self.client_config = self.client_config.merge(PATIENCE)

    def save(self, name, content, max_length=None):
        try:
            return super().save(name, content, max_length=max_length)
        except (BotoCoreError, ClientError) as error:
            raise MediaUnreachable(
                f"{name} not saved in bucket {self.bucket_name}: {error}"
            ) from error
