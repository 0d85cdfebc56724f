from django.core.management.base import BaseCommand

from qalam.budget.demo import load_budget
from qalam.demo import loader
from qalam.demo.newsroom import create_newsroom
from qalam.digests.demo import load_digests
from qalam.home.editions import ensure_editions


class Command(BaseCommand):
    help = (
        "Loads the demo newsroom: three language editions, rubrics, authors, articles with "
        "photos and the seed article, desks, (on SQLite, or with QALAM_DEMO_PASSWORD) one "
        "account per newsroom role, today's budget, and the morning email's subscribers and a "
        "past digest. When the demo is already there, only adds the texts of editions that "
        "have none, whatever of the newsroom is missing, today's budget if today has none and "
        "the morning email if it has no subscribers."
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
        # After the newsroom: the budget is assigned to its people.
        if planned := load_budget():
            self.stdout.write(f"Today's budget added: {planned} planned stories.")
        if subscribers := load_digests():
            self.stdout.write(f"Morning email: {subscribers} subscribers and a past digest.")
