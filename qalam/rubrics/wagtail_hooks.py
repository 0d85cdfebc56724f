from wagtail import hooks

from .explorer import RubricListingViewSet


@hooks.register("register_admin_viewset")
def register_rubric_listing():
    return RubricListingViewSet("rubric_listing")
