"""What an earlier import of the same WordPress site made of each of its things, kept as
`ImportedObject` rows keyed by the site's address and WordPress's own IDs."""

from urllib.parse import urlsplit

from qalam.importers.models import ImportedObject


def source_name(site_url):
    """`https://www.News.kz/` and `http://news.kz` are one site: `wordpress:news.kz`."""
    parts = urlsplit(site_url.strip() if "//" in site_url else f"//{site_url.strip()}")
    host = (parts.hostname or "").removeprefix("www.")
    port = f":{parts.port}" if parts.port else ""
    return f"wordpress:{host}{port}{parts.path.rstrip('/')}"


class Keys:
    def __init__(self, source):
        self.source = source

    def find(self, kind, ids):
        """{WordPress ID: (Qalam ID, digest)} for those of `ids` imported before."""
        rows = ImportedObject.objects.filter(
            source=self.source, kind=kind, external_id__in=set(ids)
        ).values_list("external_id", "object_id", "digest")
        return {external_id: (object_id, digest) for external_id, object_id, digest in rows}

    def remember(self, kind, rows):
        """Keeps (WordPress ID, Qalam ID, digest) rows, replacing what was kept before."""
        ImportedObject.objects.bulk_create(
            [
                ImportedObject(
                    source=self.source,
                    kind=kind,
                    external_id=external_id,
                    object_id=object_id,
                    digest=digest,
                )
                for external_id, object_id, digest in rows
            ],
            update_conflicts=True,
            unique_fields=["source", "kind", "external_id"],
            update_fields=["object_id", "digest"],
        )
