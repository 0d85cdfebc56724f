import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from tqdm import tqdm

from qalam.importers.articles import ArticleWriter
from qalam.importers.jsonl import RecordError, read_records


class DryRun(Exception):
    """Raised at the end of a dry run to roll the transaction back."""


class Command(BaseCommand):
    help = (
        "Imports articles from a JSON Lines file, one article a line. Re-importing updates "
        "articles in place; a bad record stops the import and keeps nothing from the file."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the .jsonl file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check every record, keep nothing"
        )

    def handle(self, *args, file, dry_run, **options):
        started = time.monotonic()
        try:
            with open(file, "rb") as f:
                total = sum(1 for line in f if line.strip())
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error.strerror}") from error
        progress = tqdm(
            total=total, unit="article", disable=not sys.stderr.isatty(), file=sys.stderr
        )
        try:
            with transaction.atomic():
                writer = ArticleWriter()
                for number, record in read_records(file):
                    try:
                        writer.write(record)
                    except DatabaseError as error:
                        raise RecordError(number, "-", str(error)) from error
                    progress.update()
                if dry_run:
                    raise DryRun
        except DryRun:
            pass
        except RecordError as error:
            raise CommandError(f"{error}. Nothing was imported.") from error
        finally:
            progress.close()
        counts = writer.counts
        self.stdout.write(
            ("Dry run, nothing was kept. " if dry_run else "")
            + f"Articles created: {counts['created']}, updated: {counts['updated']} "
            + f"({time.monotonic() - started:.1f} s)."
        )
