from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks


@hooks.register("insert_global_admin_css")
def newsroom_admin_css():
    """The few rules Qalam's editors need beside Wagtail's own: the headline field and the
    rubric's article listing on a phone."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
