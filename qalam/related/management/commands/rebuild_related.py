import sys

from django.core.management.base import BaseCommand

from tqdm import tqdm

from qalam.articles.models import StoryPage
from qalam.related import embedding
from qalam.related.refresh import relist_ids, update_profiles

CHUNK = 100


class Command(BaseCommand):
    help = (
        "Computes every published article's related list anew: its profile (the language "
        "model reads texts that changed) and then its list. Needed after a change to the "
        "scoring or the model; publishing keeps the lists current otherwise."
    )

    def handle(self, *args, **options):
        ids = list(StoryPage.objects.live().order_by("pk").values_list("pk", flat=True))
        if not embedding.available():
            self.stderr.write(
                "The language model is not available: lists rest on words, names, tags and "
                "rubrics only."
            )
        show = options["verbosity"] > 0 and sys.stderr.isatty()
        for step, work in (("profiles", update_profiles), ("lists", relist_ids)):
            with tqdm(total=len(ids), unit=" articles", desc=step, disable=not show) as bar:
                for start in range(0, len(ids), CHUNK):
                    work(ids[start : start + CHUNK])
                    bar.update(len(ids[start : start + CHUNK]))
        self.stdout.write(f"Related lists computed for {len(ids)} articles.")
