from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "qalam.comments"
    verbose_name = _("Reader comments")

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        self.register_editing()

    @staticmethod
    def register_editing():
        """The article editor's settings tab says whether readers may comment and lists the
        approved comments."""
        from wagtail.admin.panels import FieldPanel, MultiFieldPanel

        from qalam.articles.models import add_editor_panels

        from .panels import ApprovedCommentsPanel

        add_editor_panels(
            [
                MultiFieldPanel(
                    [FieldPanel("comments_open"), ApprovedCommentsPanel()],
                    heading=_("Reader comments"),
                )
            ],
            tab="settings_panels",
        )
