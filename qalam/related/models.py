"""What «Статьи по теме» is made of: each article's profile (its vector, word forms and
names, read by scoring), the stored list the article page reads in its one query, and the
editors' pins and exclusions."""

import functools

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import PageChooserPanel
from wagtail.models import Orderable

MAX_PINS = 6


class ArticleProfile(models.Model):
    """One article as scoring sees it, so finding its neighbours never reads article bodies."""

    article = models.OneToOneField(
        "articles.StoryPage",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="related_profile",
    )
    published_at = models.DateTimeField(db_index=True)
    language = models.CharField(max_length=8)
    translation_key = models.UUIDField()
    rubric_key = models.UUIDField(null=True)
    tags = models.JSONField(default=list)
    names = models.JSONField(default=dict)
    terms = models.JSONField(default=dict)
    # float32 values, little-endian: the same bytes on SQLite and PostgreSQL (docs/related.md).
    vector = models.BinaryField(null=True)
    model = models.CharField(max_length=40, blank=True)
    text_hash = models.CharField(max_length=32, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"profile of article {self.article_id}"

    @functools.cached_property
    def embedding(self):
        """The vector as numbers, or None when the model did not read this article."""
        if not self.vector:
            return None
        import numpy as np  # the web process reads no vectors: numpy only where scoring runs

        return np.frombuffer(bytes(self.vector), dtype="<f4")


class RelatedArticle(models.Model):
    """One line of an article's related list, in the order the page shows it."""

    article = models.ForeignKey(
        "articles.StoryPage", on_delete=models.CASCADE, related_name="related_links"
    )
    related = models.ForeignKey(
        "articles.StoryPage", on_delete=models.CASCADE, related_name="related_from"
    )
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    pinned = models.BooleanField(default=False)

    class Meta:
        ordering = ["article", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="unique_related_article")
        ]

    def __str__(self):
        return f"{self.article_id} → {self.related_id} ({self.score:.3f})"


class RelatedChoice(Orderable):
    article = models.ForeignKey(
        "articles.StoryPage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("article", page_type="articles.StoryPage")]

    class Meta(Orderable.Meta):
        abstract = True


class RelatedPin(RelatedChoice):
    page = ParentalKey("articles.StoryPage", on_delete=models.CASCADE, related_name="related_pins")

    class Meta(RelatedChoice.Meta):
        verbose_name = _("pinned related article")
        verbose_name_plural = _("pinned related articles")


class RelatedExclusion(RelatedChoice):
    page = ParentalKey(
        "articles.StoryPage", on_delete=models.CASCADE, related_name="related_exclusions"
    )

    class Meta(RelatedChoice.Meta):
        verbose_name = _("excluded article")
        verbose_name_plural = _("excluded articles")
