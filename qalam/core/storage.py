"""Media on the local disk, as Django keeps it, except when the disk is full: Django's
`FileSystemStorage` leaves the part of the file it wrote, so an upload refused for want of
space would leave half a photo behind. Here the partial file goes, and the error says why
(`MediaFull`), for the admin to tell the editor (core/middleware.py)."""

import errno
import os

from django.core.files.storage import FileSystemStorage

FULL = {errno.ENOSPC, errno.EDQUOT}


class MediaFull(OSError):
    """The media folder's disk (or the user's quota on it) has no room for the file."""


class MediaStorage(FileSystemStorage):
    def _save(self, name, content):
        path = self.path(name)
        was_there = os.path.exists(path)
        try:
            return super()._save(name, content)
        except OSError as error:
            if error.errno not in FULL:
                raise
            if not was_there and os.path.exists(path):
                os.remove(path)
            raise MediaFull(error.errno, f"no room for {name} in the media folder") from error


class MediaUnreachable(OSError):
    """The object storage media go to (core/s3.py) did not answer, or refused the file."""
