from django.core.management.base import BaseCommand

from qalam.budget.demo import load_budget
from qalam.demo import loader


class Command(BaseCommand):
    help = (
        "Loads the demo newsroom: three language editions, rubrics, authors, articles with "
        "photos, the seed article and today's budget. When the demo is already there, only "
        "adds the texts of editions that have none and today's budget if today has none."
    )

    def handle(self, *args, **options):
        if loader.is_loaded():
            self.stdout.write("Demo content is already loaded.")
            # A newsroom loaded before the editions had texts of their own gets them now.
            if added := loader.add_missing_edition_texts():
                self.stdout.write(f"Edition texts added: {', '.join(added)}.")
            if planned := load_budget():
                self.stdout.write(f"Today's budget added: {planned} planned stories.")
            return
        counts = loader.load()
        self.stdout.write(f"Demo content loaded: {counts['created']} articles.")
