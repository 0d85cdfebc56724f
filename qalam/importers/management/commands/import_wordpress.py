import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tqdm import tqdm

from qalam.importers.articles import WriteError
from qalam.importers.wordpress.importer import WordPressImport
from qalam.importers.wordpress.wxr import WxrError


class Command(BaseCommand):
    help = (
        "Imports a WordPress export (WXR): posts, pages, categories, tags, authors, comments "
        "and pictures, with redirects from the old addresses. Importing the same site again "
        "updates what changed; a file that cannot be read leaves everything as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .xml file of Tools → Export in WordPress")
        parser.add_argument(
            "--uploads", metavar="DIR", help="a copy of the site's wp-content/uploads folder"
        )
        parser.add_argument(
            "--site",
            metavar="URL",
            help="the WordPress site's address, when it is not the one the export names "
            "(an export of a staging copy); what re-imports are keyed by",
        )
        parser.add_argument(
            "--language", choices=["ru", "kk", "en"], help="the edition (default: the export's)"
        )
        parser.add_argument(
            "--report", metavar="FILE", help="where the warnings go (default: FILE.report.txt)"
        )
        parser.add_argument("--dry-run", action="store_true", help="go through it, keep nothing")

    def handle(self, *args, file, uploads, site, language, report, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"cannot read {file}: no such file")
        if uploads and not Path(uploads).is_dir():
            raise CommandError(f"--uploads {uploads}: no such folder")
        started = time.monotonic()
        importer = WordPressImport(
            path, uploads=uploads, site=site, language=language, progress=self.bar
        )
        try:
            result = importer.run(dry_run=dry_run)
        except WxrError as error:
            raise CommandError(f"{file}: {error}. Nothing was imported.") from error
        except WriteError as error:
            raise CommandError(f"post {error.line}: {error}. Nothing was imported.") from error
        except Exception as error:
            raise CommandError(
                f"{error!r} while importing {importer.describe_current()}. Nothing was imported."
            ) from error
        report_path = Path(report or f"{path.name}.report.txt")
        title = (
            f"WordPress import of {path.name} ({importer.source}), "
            f"{timezone.localtime():%Y-%m-%d %H:%M}"
            + (", dry run: nothing kept" if dry_run else "")
        )
        report_path.write_text(result.text(title), encoding="utf-8")
        self.stdout.write(("Dry run, nothing was kept.\n" if dry_run else "") + result.table())
        self.stdout.write(
            f"{len(result.warnings)} warnings in {report_path} "
            f"({time.monotonic() - started:.1f} s)."
        )

    def bar(self, description, total):
        return tqdm(
            total=total,
            desc=description,
            unit="B",
            unit_scale=True,
            disable=not sys.stderr.isatty(),
            file=sys.stderr,
        )
