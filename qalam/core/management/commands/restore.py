"""`qalam restore FOLDER`: replaces the database the settings name, and MEDIA_ROOT, with a
backup made by `qalam backup` (core/backups.py, docs/operations.md)."""

from django.core.management.base import BaseCommand, CommandError

from qalam.core import backups


class Command(BaseCommand):
    help = "Restores the database and MEDIA_ROOT from a backup folder. Replaces what is there."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a folder written by `qalam backup`")
        parser.add_argument("--no-media", action="store_true", help="restore the database only")

    def handle(self, *args, folder, no_media, **options):
        try:
            manifest = backups.restore(folder, media=not no_media)
        except (backups.BackupError, OSError) as error:
            raise CommandError(f"Restore failed: {error}") from error
        self.stdout.write(f"Restored the backup of {manifest['created']}.")
