"""The read API (Wagtail API v2): published articles and rubrics, authors and images.
Read-only by construction; docs/api.md has examples."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from .views import AuthorsAPIViewSet

router = WagtailAPIRouter("qalam_api")
router.register_endpoint("pages", PagesAPIViewSet)
router.register_endpoint("images", ImagesAPIViewSet)
router.register_endpoint("authors", AuthorsAPIViewSet)
