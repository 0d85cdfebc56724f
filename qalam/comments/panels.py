"""The approved comments of an article, listed read-only in its edit view."""

from django.urls import reverse

from wagtail.admin.panels import Panel


class ApprovedCommentsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "comments/admin/approved_comments_panel.html"

        def get_context_data(self, parent_context=None):
            from .models import Comment

            context = super().get_context_data(parent_context)
            article = self.instance
            comments = []
            if article.pk:
                comments = list(
                    Comment.objects.approved()
                    .filter(article=article)
                    .order_by("created_at", "pk")
                    .only("pk", "author_name", "text", "created_at", "parent_id")
                )
            context["comments"] = comments
            context["queue_url"] = (
                reverse("wagtailsnippets_comments_comment:list") + f"?article={article.pk}"
                if article.pk
                else ""
            )
            return context
