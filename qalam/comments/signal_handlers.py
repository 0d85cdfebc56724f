from django.db.models.signals import post_delete, post_save

from qalam.core import purge

from . import comment_settings
from .models import Comment, CommentSettings, Status


def purge_article_on_save(sender, instance, created, **kwargs):
    # A new comment that waits for an editor changes no page; a flood of them purges nothing.
    if created and instance.status != Status.APPROVED:
        return
    purge.purge_page(instance.article_id)


def purge_article_on_delete(sender, instance, **kwargs):
    if instance.status == Status.APPROVED:
        purge.purge_page(instance.article_id)


def forget_comment_settings(sender, instance, created, **kwargs):
    # A row created on first read holds defaults that nothing cached can contradict.
    if not created:
        comment_settings.forget(instance.site_id)
        purge.everything_changed()  # the article pages show whether comments are open


def register_signal_handlers():
    post_save.connect(purge_article_on_save, sender=Comment, dispatch_uid="qalam-comments-save")
    post_delete.connect(
        purge_article_on_delete, sender=Comment, dispatch_uid="qalam-comments-delete"
    )
    post_save.connect(
        forget_comment_settings, sender=CommentSettings, dispatch_uid="qalam-comments-settings"
    )
