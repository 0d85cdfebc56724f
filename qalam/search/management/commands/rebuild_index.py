import sys

from modelsearch.management.commands import rebuild_modelsearch_index

from tqdm import tqdm


class Command(rebuild_modelsearch_index.Command):
    help = (
        "Rebuilds the search index from scratch: every article, page, image and document, "
        "analysed for word forms. Needed after a change to the analysis; publishing keeps "
        "the index current otherwise."
    )

    def queryset_chunks(self, qs, chunk_size=rebuild_modelsearch_index.DEFAULT_CHUNK_SIZE):
        """Chunks by primary key rather than by offset, so the last chunk of a large archive
        costs what the first one did, with a progress bar on a terminal."""
        progress = tqdm(
            total=qs.count(),
            unit=" objects",
            disable=self.verbosity == 0 or not sys.stderr.isatty(),
            leave=False,
        )
        last_pk = None
        with progress:
            while True:
                page = qs if last_pk is None else qs.filter(pk__gt=last_pk)
                items = list(page.order_by("pk")[:chunk_size])
                if not items:
                    break
                yield items
                progress.update(len(items))
                last_pk = items[-1].pk

    def print_iter_progress(self, iterable):
        # The progress bar above takes the place of the base command's dots.
        return iterable
