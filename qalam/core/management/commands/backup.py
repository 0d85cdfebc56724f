"""`qalam backup DIR`: the database and MEDIA_ROOT into a new folder under DIR
(core/backups.py, docs/operations.md)."""

from django.core.management.base import BaseCommand, CommandError

from qalam.core import backups


class Command(BaseCommand):
    help = "Backs up the database and MEDIA_ROOT into a new folder with a manifest."

    def add_arguments(self, parser):
        parser.add_argument("destination", help="the folder to write the backup folder in")

    def handle(self, *args, destination, **options):
        try:
            folder = backups.backup(destination)
        except (backups.BackupError, OSError) as error:
            raise CommandError(f"Backup failed: {error}") from error
        self.stdout.write(str(folder))
