"""What editors see of Telegram: on a story, its post's state; in the settings, whether
anything is sent at all and where each edition's posts go."""

from django.conf import settings

from wagtail.admin.panels import Panel


class StoryStatusPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "telegram/story_status_panel.html"

        def get_context_data(self, parent_context=None):
            from .config import bot_ready, channel_for
            from .models import Post

            context = super().get_context_data(parent_context)
            story = self.instance
            choice = next(iter(story.telegram_choice.all()), None)
            context["bot_ready"] = bot_ready()
            context["off"] = choice is not None and choice.mode == "off"
            context["silent"] = choice is not None and choice.mode == "silent"
            # A story being written has no place in the tree yet: its rubric's site is its own.
            parent = getattr(self.form, "parent_page", None)
            where = story if story.pk else parent
            context["post"] = context["channel"] = None
            if where is not None:
                language = where.locale.language_code
                context["language"] = language
                context["channel"] = channel_for(where.get_site(), language)
            if story.pk:
                context["post"] = Post.objects.filter(story_id=story.pk).first()
            context["published"] = bool(story.first_published_at)
            return context


class SettingsStatusPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "telegram/settings_status_panel.html"

        def get_context_data(self, parent_context=None):
            from wagtail.models import Locale

            from .config import bot_ready, channel_for

            context = super().get_context_data(parent_context)
            site = self.instance.site
            context["bot_ready"] = bot_ready()
            context["api_url"] = settings.QALAM_TELEGRAM_API_URL
            context["editions"] = [
                (locale, channel_for(site, locale.language_code))
                for locale in Locale.objects.order_by("pk")
            ]
            return context
