from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet

from qalam.core.counting import CountingSnippetViewSet

from .models import Author


class AuthorViewSet(CountingSnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "role", "slug"]
    search_fields = ["name"]


register_snippet(AuthorViewSet)
