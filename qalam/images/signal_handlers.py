from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from qalam.core import chrome
from qalam.core.models import SiteSettings
from qalam.core.signal_handlers import forget_chrome, pages_show

from .models import QalamImage, renditions_created


def forget_chrome_renditions(sender, **kwargs):
    """New renditions of the logo or the placeholder, which the chrome carries with theirs."""
    if SiteSettings.objects.filter(Q(logo=sender) | Q(placeholder_image=sender)).exists():
        chrome.forget()


def register_signal_handlers():
    # The chrome carries the logo and the placeholder with their renditions.
    for signal in (post_save, post_delete):
        signal.connect(
            forget_chrome, sender=QalamImage, dispatch_uid=f"qalam-chrome-image-{id(signal)}"
        )
    renditions_created.connect(forget_chrome_renditions, dispatch_uid="qalam-chrome-renditions")
    pages_show(QalamImage)
