import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qalam.settings.production")

application = get_wsgi_application()

# What loading made (Django, Wagtail, every model and URL) lives as long as the worker: left
# out of the collector's full passes, which otherwise walk all of it: a cost on every page on
# average, and a long one on the page that triggers a pass (docs/performance.md).
gc.freeze()
