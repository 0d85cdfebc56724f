from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from qalam.rubrics.models import RubricPage


def rubric_menu():
    """The rubrics of the edition in the reader's language, in the order of the page tree."""
    return list(
        RubricPage.objects.live()
        .public()
        .in_menu()
        .filter(depth=3, locale__language_code=get_language())
        .order_by("path")
    )


def site_chrome(request):
    return {
        "rubric_menu": SimpleLazyObject(rubric_menu),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
