from wagtail.api.v2.views import BaseAPIViewSet

from qalam.authors.models import Author


class AuthorsAPIViewSet(BaseAPIViewSet):
    model = Author
    body_fields = [*BaseAPIViewSet.body_fields, "name", "slug", "role", "bio", "photo", "url"]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name", "slug", "url"]
    name = "authors"

    def get_queryset(self):
        return Author.objects.select_related("photo").order_by("name")
