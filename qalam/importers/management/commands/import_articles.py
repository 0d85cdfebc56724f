import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tqdm import tqdm

from qalam.importers.articles import ArticleWriter, WriteError
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
                writer.write_all(read_records(file), progress=progress.update)
                if dry_run:
                    raise DryRun
        except DryRun:
            pass
        except RecordError as error:
            raise CommandError(f"{error}. Nothing was imported.") from error
        except WriteError as error:
            raise CommandError(f"line {error.line}: {error}. Nothing was imported.") from error
        finally:
            progress.close()
        counts = writer.counts
        self.stdout.write(
            ("Dry run, nothing was kept. " if dry_run else "")
            + f"Articles created: {counts['created']}, updated: {counts['updated']} "
            + f"({time.monotonic() - started:.1f} s)."
        )
