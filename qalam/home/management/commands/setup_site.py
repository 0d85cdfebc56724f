from django.core.management.base import BaseCommand

from qalam.home.editions import ensure_editions


class Command(BaseCommand):
    help = "Creates the home page of every language edition and the site, where missing."

    def handle(self, *args, **options):
        homes = ensure_editions()
        for code, home in homes.items():
            self.stdout.write(f"{code}: {home.title} ({home.url_path})")
