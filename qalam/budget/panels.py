"""The planned story's articles, listed read-only in its edit view: they are linked by
«Создать черновик», not chosen by hand."""

from wagtail.admin.panels import Panel


class StoriesPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "budget/stories_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            item = self.instance
            context["stories"] = (
                list(item.stories.select_related("locale").order_by("locale_id")) if item.pk else []
            )
            return context
