from django.db import models

from qalam.articles.models import StoryPage


class BriefPage(StoryPage):
    """A brief: a story with a kicker above its headline, and nothing else of its own."""

    kicker = models.CharField(max_length=60, blank=True)

    template = "storytypes/brief_page.html"
    content_panels = [*StoryPage.content_panels]
