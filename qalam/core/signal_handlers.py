from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.models import Locale, PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import chrome, purge
from .models import EditionSettings, SiteSettings


def forget_chrome(sender, **kwargs):
    chrome.forget()


def forget_changed_settings(sender, created, **kwargs):
    # A row created on first read holds defaults that no cached chrome can contradict.
    if not created:
        chrome.forget()
        purge.everything_changed()


def forget_edition_settings(sender, **kwargs):
    # Saved after the site settings' row, whose own signal came before the texts changed.
    chrome.forget()
    purge.everything_changed()


def page_changed(sender, instance, **kwargs):
    purge.content_changed(instance)


def page_moved(sender, instance, **kwargs):
    # Its address and its descendants' changed: the lists of what showed them are gone.
    purge.content_changed(instance, everywhere=True)


def live_page_deleted(sender, instance, **kwargs):
    if instance.live:
        purge.content_changed(instance)


def shown_thing_changed(sender, **kwargs):
    purge.everything_changed()


def chrome_shows(model):
    """Pages of `model` make the chrome (the menu, an edition's start): their changes make
    every page read it afresh and outdate every page's copy. Called by the apps that own
    such pages."""
    purge.shown_on_every_page(model)
    for signal in (page_published, page_unpublished, page_slug_changed, post_delete):
        signal.connect(
            forget_chrome, sender=model, dispatch_uid=f"qalam-chrome-{model.__name__}-{id(signal)}"
        )


def pages_show(model):
    """`model` shows on pages without being one (an author's name, a tag, a photo): its
    changes purge every page. Called by the apps that own such things."""
    for signal in (post_save, post_delete):
        signal.connect(
            shown_thing_changed,
            sender=model,
            dispatch_uid=f"qalam-purge-{model.__name__}-{id(signal)}",
        )


def register_signal_handlers():
    for model in (Site, Locale):
        for signal in (post_save, post_delete):
            signal.connect(
                forget_chrome,
                sender=model,
                dispatch_uid=f"qalam-chrome-{model.__name__}-{id(signal)}",
            )
    post_page_move.connect(forget_chrome, dispatch_uid="qalam-chrome-move")
    post_save.connect(
        forget_changed_settings, sender=SiteSettings, dispatch_uid="qalam-chrome-settings"
    )
    for signal in (post_save, post_delete):
        signal.connect(
            forget_edition_settings,
            sender=EditionSettings,
            dispatch_uid=f"qalam-chrome-edition-settings-{id(signal)}",
        )

    # The page caches (purge.py): published pages, and what pages show without being pages.
    page_published.connect(page_changed, dispatch_uid="qalam-purge-published")
    page_unpublished.connect(page_changed, dispatch_uid="qalam-purge-unpublished")
    post_page_move.connect(page_moved, dispatch_uid="qalam-purge-moved")
    page_slug_changed.connect(page_moved, dispatch_uid="qalam-purge-slug")
    for model in get_page_models():
        pre_delete.connect(
            live_page_deleted, sender=model, dispatch_uid=f"qalam-purge-delete-{model.__name__}"
        )
    pages_show(PageViewRestriction)
