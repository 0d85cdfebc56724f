from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from qalam.home.models import HomePage
from qalam.rubrics.models import RubricPage

from ...roles import setup_desk, setup_newsroom


class Command(BaseCommand):
    help = (
        "Creates the newsroom's roles (groups with their permissions) and the review workflow "
        "«Проверка редактором» on every edition, and with --desk the reporters' and editors' "
        "groups of a rubric. Running it again changes nothing; permissions changed in the "
        "admin stay as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--desk",
            action="append",
            default=[],
            metavar="SLUG",
            help="a rubric's slug: its desk gets a reporters' and an editors' group",
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            help="the edition of the rubrics named by --desk (default: %(default)s)",
        )
        parser.add_argument(
            "--edition",
            action="append",
            default=[],
            metavar="LANGUAGE",
            help="a whole edition (kk, en) as one desk, such as the Kazakh desk",
        )

    def handle(self, *args, desk, language, edition, **options):
        pages = []
        for slug in desk:
            rubrics = RubricPage.objects.filter(slug=slug, locale__language_code=language)
            if rubrics.count() != 1:
                found = "no rubric" if not rubrics else f"{rubrics.count()} rubrics"
                raise CommandError(f"{found} with the slug {slug!r} in the {language!r} edition")
            pages.append(rubrics.get())
        for code in edition:
            home = HomePage.objects.filter(depth=2, locale__language_code=code).first()
            if home is None:
                raise CommandError(f"no edition {code!r}: run `qalam setup_site` first")
            pages.append(home)

        for code, group in setup_newsroom().items():
            self.stdout.write(f"{code}: {group.name}")
        for page in pages:
            for code, group in setup_desk(page).items():
                self.stdout.write(f"{code}: {group.name}")
