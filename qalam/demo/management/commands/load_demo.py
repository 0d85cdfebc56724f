from django.core.management.base import BaseCommand

from qalam.demo import loader
from qalam.demo.newsroom import create_newsroom
from qalam.home.editions import ensure_editions


class Command(BaseCommand):
    help = (
        "Loads the demo newsroom: three language editions, rubrics, authors, articles with "
        "photos and the seed article, desks, and (on SQLite, or with QALAM_DEMO_PASSWORD) one "
        "account per newsroom role. When the demo is already there, only adds the texts of "
        "editions that have none and whatever of the newsroom is missing."
    )

    def handle(self, *args, **options):
        if loader.is_loaded():
            self.stdout.write("Demo content is already loaded.")
            # A newsroom loaded before the editions had texts of their own gets them now.
            if added := loader.add_missing_edition_texts():
                self.stdout.write(f"Edition texts added: {', '.join(added)}.")
        else:
            counts = loader.load()
            self.stdout.write(f"Demo content loaded: {counts['created']} articles.")
        if accounts := create_newsroom(ensure_editions()):
            logins, password = accounts
            self.stdout.write(f"Newsroom: {', '.join(logins)}")
            self.stdout.write(f"Password: {password}")
