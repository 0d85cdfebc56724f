from django.core.management.base import BaseCommand

from qalam.articles.drafts import clear_abandoned_drafts


class Command(BaseCommand):
    help = (
        "Deletes new articles that hold nothing but a headline and have not been touched "
        "for a day: what autosave kept of articles their editors abandoned."
    )

    def handle(self, *args, **options):
        count = clear_abandoned_drafts()
        if options["verbosity"]:
            self.stdout.write(f"{count} abandoned drafts deleted")
