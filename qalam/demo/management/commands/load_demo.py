from django.core.management.base import BaseCommand

from qalam.demo import loader


class Command(BaseCommand):
    help = (
        "Loads the demo newsroom: three language editions, rubrics, authors, articles with "
        "photos and the seed article. Does nothing when the demo is already there."
    )

    def handle(self, *args, **options):
        if loader.is_loaded():
            self.stdout.write("Demo content is already loaded.")
            return
        counts = loader.load()
        self.stdout.write(f"Demo content loaded: {counts['created']} articles.")
