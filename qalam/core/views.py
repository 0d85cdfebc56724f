from django.conf import settings
from django.http import HttpResponseServerError
from django.template import loader


def server_error(request):
    """The 500 page reads nothing from the database: the database may be why it is shown."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"site_name": settings.WAGTAIL_SITE_NAME}))
