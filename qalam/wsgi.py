import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qalam.settings.production")

application = get_wsgi_application()

# What loading made (Django, Wagtail, every model and URL) lives as long as the worker: left
# out of the collector's full passes, which otherwise walk those 200,000 objects for 6 ms a
# page on average and some tens of ms on the page that triggers one (docs/performance.md).
gc.freeze()
