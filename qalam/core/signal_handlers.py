from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import chrome
from .models import SiteSettings


def forget_chrome(sender, **kwargs):
    chrome.forget()


def forget_changed_settings(sender, created, **kwargs):
    # A row created on first read holds defaults that no cached chrome can contradict.
    if not created:
        chrome.forget()


def register_signal_handlers():
    from qalam.rubrics.models import RubricPage

    for signal in (page_published, page_unpublished, page_slug_changed, post_delete):
        signal.connect(forget_chrome, sender=RubricPage, dispatch_uid=f"qalam-chrome-{id(signal)}")
    post_page_move.connect(forget_chrome, dispatch_uid="qalam-chrome-move")
    post_save.connect(
        forget_changed_settings, sender=SiteSettings, dispatch_uid="qalam-chrome-settings"
    )
