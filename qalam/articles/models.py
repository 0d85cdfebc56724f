import functools

from django.db import connection, models
from django.db.models import F, OuterRef, Prefetch, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase
from wagtail.admin.panels import (
    CommentPanel,
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.models import Filter
from wagtail.models import Orderable, Page, PageManager, get_page_models

from qalam.core.chrome import site_chrome
from qalam.core.forms import PageForm
from qalam.core.models import BasePage
from qalam.core.panels import SchedulePanel
from qalam.core.query import NewsPageQuerySet
from qalam.core.search_fields import AnalysedField, page_search_fields, read_for_indexing
from qalam.core.widgets import HeadlineInput
from qalam.images.models import QalamRendition
from qalam.tags.models import Tag

from .api_fields import AuthorsField, RubricField
from .blocks import ArticleBodyBlock

# The renditions of a card's photo (templates/components/photo.html): two widths, WebP and JPEG.
LISTING_PHOTOS = Filter.expand_spec("fill-{400x225,720x405}|format-{webp,jpeg}")
API_THUMBNAIL = "fill-640x360"
# The photo of link previews and schema.org data, as search engines ask for it.
SHARE_PHOTO = "width-1200"
RELATED_LIMIT = 6


# Tables of stored related lists (article_id, related_id, rank), registered by the feature
# that keeps them (qalam.related) with `register_related_lines`: the page reads its list and
# its translations in one query.
RELATED_LINES = []


def register_related_lines(table):
    if table not in RELATED_LINES:
        RELATED_LINES.append(table)


def add_editor_panels(panels, tab="content_panels"):
    """Features put their panels in the editor of every story type from their
    `AppConfig.ready()` (docs/extending.md): Wagtail builds the editor on first use, after
    every app is ready. A story type that declares its own list gets them too."""
    extended = []
    for model in [StoryPage, *story_types()]:
        own = getattr(model, tab)
        if not any(own is done for done in extended):
            own.extend(panels)
            extended.append(own)


def story_types():
    """Every page type that is a story (docs/extending.md): the concrete subclasses of
    `StoryPage`, in the order Django loaded them."""
    return [m for m in get_page_models() if issubclass(m, StoryPage) and m is not StoryPage]


def connect_stories(signal, receiver, dispatch_uid):
    """Connects a page signal (published, unpublished, deleted…) for every story type."""
    for model in story_types():
        signal.connect(
            receiver, sender=model, dispatch_uid=f"{dispatch_uid}-{model._meta.label_lower}"
        )


@functools.cache
def type_links():
    """Per story type, the names that lead from a `StoryPage` row to the type's own row:
    `articlepage`, or `articlepage__opinionpage` for a type that extends another."""
    links = {}
    for model in story_types():
        chain = [
            parent
            for parent in reversed(model._meta.get_parent_list())
            if issubclass(parent, StoryPage) and parent is not StoryPage
        ]
        links[model] = "__".join(step._meta.model_name for step in [*chain, model])
    return links


class StoryQuerySet(NewsPageQuerySet):
    def in_rubric(self, rubric):
        """The stories of a rubric and of its sub-rubrics."""
        return self.descendant_of(rubric)

    def by_author(self, author):
        return self.filter(article_authors__author=author)

    def tagged(self, tag):
        return self.filter(tagged_items__tag=tag)

    def newest_first(self):
        return self.order_by("-first_published_at", "-pk")

    def corrected(self):
        """Stories with a correction, the newest correction first."""
        return self.exclude(correction="").order_by(
            F("corrected_at").desc(nulls_last=True), "-first_published_at", "-pk"
        )

    def with_photo(self, *specs):
        """The main photo joined and its renditions `specs` prefetched, in one query whatever
        their number (none are made here)."""
        renditions = QalamRendition.objects.filter(filter_spec__in=specs)
        return self.select_related("main_image").prefetch_related(
            Prefetch("main_image__renditions", queryset=renditions, to_attr="prefetched_renditions")
        )

    def for_listing(self):
        """What a listing shows of each story: no body, the photo and its renditions."""
        return self.defer_streamfields().with_photo(*LISTING_PHOTOS)

    def first_as_its_type(self, *related):
        """The first story as its own type (an `ArticlePage`, an opinion…), or None, in one
        query: every story type's table joined, and `related` (say, "main_image") selected
        through each. Wagtail's `.specific` would ask once more."""
        links = type_links()
        joined = [f"{link}__{name}" for link in links.values() for name in related]
        story = self.select_related(*links.values(), *joined).first()
        if story is None or story.specific_class not in links:
            return story
        for name in links[story.specific_class].split("__"):
            story = getattr(story, name)
        return story

    def newest_and(self, story_id, count):
        """The `count` newest of these stories, and the story `story_id` when it is one of
        them, newest first, in one query (the home page's lead and latest). Asked as
        `pk IN newest OR pk = story`, PostgreSQL walked the whole date index to reach an older
        story (41 ms at 10,000 articles); as a UNION of the two it fetches them by key."""
        newest = self.newest_first().values("pk")[:count]
        sql, params = newest.query.sql_with_params()
        chosen = RawSQL(  # noqa: S611 (compiled by the ORM; the id is a parameter)
            f"SELECT * FROM ({sql}) AS newest UNION SELECT %s",  # noqa: S608
            [*params, story_id],
        )
        return self.filter(pk__in=chosen).newest_first()

    def newest_per_rubric(self, rubrics, count):
        """The `count` newest stories of each rubric (its own children, not its
        sub-rubrics'), newest first, in one query: a limited part per rubric, each found
        through the index on the publication time, joined by UNION ALL.

        The rubrics are siblings, so their parts differ only in the rubric's path: one part
        is compiled with a slot for it (`RubricPath`) and bound to each rubric, since
        compiling a queryset a rubric cost more than the database spent on all of them
        (docs/performance.md). Only the union is written here: the ORM slices no part of a
        union on SQLite."""
        if not rubrics:
            return self.none()
        depths = {rubric.depth for rubric in rubrics}
        if len(depths) > 1:
            raise ValueError("newest_per_rubric takes sibling rubrics, of one depth")
        # A rubric's children have its path and one step more: a range of the path index.
        first, last = (
            RubricPath(Page.alphabet[0] * Page.steplen),
            RubricPath(Page.alphabet[-1] * Page.steplen),
        )
        part = (
            self.filter(path__gte=first, path__lte=last, depth=depths.pop() + 1)
            .newest_first()
            .values("pk")[:count]
        )
        sql, params = part.query.sql_with_params()
        slots = {
            index: slot
            for index, param in enumerate(params)
            for slot in (first, last)
            if param is slot.marker
        }
        if len(slots) != 2:
            raise RuntimeError("the rubric's path is not among the compiled query's parameters")
        parts, bound = [], []
        for number, rubric in enumerate(rubrics):
            parts.append(f"SELECT * FROM ({sql}) AS newest{number}")  # noqa: S608
            bound += [
                rubric.path + slots[index].step if index in slots else param
                for index, param in enumerate(params)
            ]
        newest = RawSQL(" UNION ALL ".join(parts), bound)  # noqa: S611 (compiled by the ORM)
        # Each part holds this queryset's filters: the outer query only fetches the rows.
        return self.model._default_manager.using(self.db).filter(pk__in=newest).newest_first()


class RubricPath(Value):
    """A path under a rubric not yet known (the rubric's path and `step`): compiled as a
    parameter of its own, a marker that the compiled query's parameters hold by identity
    (`newest_per_rubric`)."""

    class Marker(str):
        pass

    def __init__(self, step):
        self.step, self.marker = step, self.Marker(step)
        super().__init__(self.marker, output_field=models.CharField())


StoryManager = PageManager.from_queryset(StoryQuerySet)


class ArticleTag(ItemBase):
    tag = models.ForeignKey(Tag, related_name="tagged_articles", on_delete=models.CASCADE)
    content_object = ParentalKey(
        "articles.StoryPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticleAuthor(Orderable):
    page = ParentalKey(
        "articles.StoryPage", related_name="article_authors", on_delete=models.CASCADE
    )
    author = models.ForeignKey(
        "authors.Author",
        verbose_name=_("author"),
        related_name="article_links",
        on_delete=models.CASCADE,
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            models.UniqueConstraint(fields=["page", "author"], name="unique_article_author")
        ]


class StoryPage(BasePage):
    """What a published story is to the rest of Qalam (docs/extending.md): headline, lead,
    body, photo, authors, tags, source, correction, its rubric (the parent), language
    (locale) and publication time. Every story type extends it; listings, feeds, sitemaps,
    search, related lists, comments, purges and the API read `StoryPage` and so every type
    at once, in one query. One table holds what the types share
    (docs/architecture.md, "One story table")."""

    lead = models.TextField(
        _("lead"),
        max_length=1000,
        help_text=_("The first paragraph: who, what, where, when. Shown in listings and feeds."),
    )
    main_image = models.ForeignKey(
        "images.QalamImage",
        verbose_name=_("main photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Without a photo the site's placeholder is shown."),
    )
    main_image_caption = models.CharField(
        _("photo caption"),
        max_length=500,
        blank=True,
        help_text=_("Leave empty to use the photo's own caption."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    source_name = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_("e.g. «Пресс-служба Акорды»")
    )
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    correction = models.TextField(
        _("correction"),
        blank=True,
        max_length=2000,
        help_text=_("What was wrong and what was put right. Shown under the article."),
    )
    corrected_at = models.DateTimeField(
        _("corrected at"),
        null=True,
        blank=True,
        help_text=_("When the correction was made; also the article's modification time."),
    )
    comments_open = models.BooleanField(
        _("comments open"),
        default=True,
        help_text=_(
            "Readers may comment. The site settings can also close comments some days after "
            "publication."
        ),
    )

    objects = StoryManager()
    base_form_class = PageForm

    # The contract itself: what editors create is one of its types.
    is_creatable = False
    parent_page_types = ["rubrics.RubricPage"]
    subpage_types = []
    template = "pages/article_page.html"

    content_panels = [
        TitleFieldPanel("title", widget=HeadlineInput()),
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("main_image"), FieldPanel("main_image_caption")],
            heading=_("Main photo"),
        ),
        FieldPanel("body"),
        InlinePanel("article_authors", label=_("Authors")),
        FieldPanel("tags"),
        MultiFieldPanel([FieldPanel("source_name"), FieldPanel("source_url")], heading=_("Source")),
        MultiFieldPanel(
            [FieldPanel("correction"), FieldPanel("corrected_at")], heading=_("Correction")
        ),
    ]
    settings_panels = [
        FieldPanel("first_published_at"),
        SchedulePanel(),
        CommentPanel(),
    ]

    api_fields = [
        APIField("lead"),
        APIField("body"),
        APIField("rubric", serializer=RubricField()),
        APIField("authors", serializer=AuthorsField()),
        APIField("tags"),
        APIField("main_image"),
        APIField(
            "main_image_thumbnail",
            serializer=ImageRenditionField(API_THUMBNAIL, source="main_image"),
        ),
        APIField(
            "main_image_large", serializer=ImageRenditionField("width-1200", source="main_image")
        ),
        APIField("main_image_caption"),
        APIField("last_published_at"),
        APIField("modified_at"),
        APIField("source_name"),
        APIField("source_url"),
        APIField("correction"),
        APIField("corrected_at"),
    ]

    search_fields = page_search_fields(
        AnalysedField("lead", boost=1.5),
        AnalysedField("body"),
        AnalysedField("search_keywords", boost=1.5),
    )

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    @property
    def modified_at(self):
        """The last change a reader should know of: a republication or a correction."""
        moments = [self.last_published_at, self.first_published_at]
        if self.correction and self.corrected_at:
            moments.append(self.corrected_at)
        return max((moment for moment in moments if moment), default=None)

    @property
    def photo_caption(self):
        if self.main_image_caption:
            return self.main_image_caption
        return self.main_image.caption if self.main_image else ""

    @classmethod
    def get_indexed_objects(cls):
        """Articles with what `search_keywords` reads, in a few queries a batch."""
        rubric_title = Page.objects.filter(
            path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - cls.steplen)
        ).values("title")[:1]
        tags = ArticleTag.objects.select_related("tag")
        authors = ArticleAuthor.objects.select_related("author")
        return (
            super()
            .get_indexed_objects()
            .annotate(rubric_title=Subquery(rubric_title))
            .prefetch_related(
                Prefetch("tagged_items", queryset=tags, to_attr="indexed_tags"),
                Prefetch("article_authors", queryset=authors, to_attr="indexed_authors"),
            )
        )

    def get_indexed_instance(self):
        # Indexing one article (on save or publish) reads it as the bulk path does, once,
        # rather than `search_keywords` reloading it for every index column. A deleted
        # article is no longer there to read: Wagtail's own answer removes its entry.
        indexed = type(self).get_indexed_objects().filter(pk=self.pk).first()
        return read_for_indexing([indexed])[0] if indexed else super().get_indexed_instance()

    def search_keywords(self):
        """The names an article is also found by: its rubric, tags and authors (read by
        `get_indexed_objects` in bulk, or here one article at a time)."""
        if not hasattr(self, "rubric_title"):
            return type(self).get_indexed_objects().get(pk=self.pk).search_keywords()
        tags = [item.tag.name for item in self.indexed_tags]
        authors = [link.author.name for link in self.indexed_authors]
        return " ".join([self.rubric_title or "", *tags, *authors])

    @property
    def rubric_path(self):
        return self.path[: -self.steplen]

    def get_tags(self):
        return list(Tag.objects.filter(tagged_articles__content_object_id=self.pk).order_by("name"))

    def related_and_translations(self, limit=RELATED_LIMIT):
        """Related articles and this article's translations, in one query.

        Related: the stored list (qalam.related: editors' pins, then the computed lines),
        still published, in any edition. Translations, the same story in the other editions,
        are not related articles: the page links them by language instead.

        The ids and ranks are plain SQL beside the ORM's published-listing query: built with
        the ORM's union, subquery and CASE, the statement cost far more Python to compile on
        every page view than the database spent on it (docs/performance.md)."""
        if not RELATED_LINES:
            translations = StoryPage.objects.published().filter(
                translation_key=self.translation_key
            )
            rows = translations.exclude(pk=self.pk).for_listing().select_related("locale")
            return [], list(rows)
        lines, pages = RELATED_LINES[0], Page._meta.db_table
        key = Page._meta.get_field("translation_key").get_db_prep_value(
            self.translation_key, connection
        )
        # One IN over both sets lets PostgreSQL fetch the few rows by key; an OR of the two
        # conditions made it read every published article (docs/performance.md). Only table names
        # are formatted into the SQL; the values are parameters.
        both = RawSQL(  # noqa: S611
            f"SELECT related_id FROM {lines} WHERE article_id = %s "  # noqa: S608
            f"UNION SELECT id FROM {pages} WHERE translation_key = %s",
            [self.pk, key],
        )
        rank = RawSQL(  # noqa: S611
            f'SELECT "rank" FROM {lines} WHERE article_id = %s AND related_id = {pages}.id',  # noqa: S608
            [self.pk],
        )
        rows = list(
            StoryPage.objects.published()
            .filter(pk__in=both)
            .exclude(pk=self.pk)
            .annotate(line_rank=rank)
            .for_listing()
            .select_related("locale")
        )
        translations = [row for row in rows if row.translation_key == self.translation_key]
        related = [row for row in rows if row.translation_key != self.translation_key]
        related.sort(key=lambda row: row.line_rank)
        return related[:limit], translations

    def share_photo(self, site_settings):
        """The photo a link preview and search engines show: the article's, else the site's
        placeholder."""
        return self.main_image or site_settings.placeholder_image

    def get_context(self, request, *args, rubric=None, **kwargs):
        """What is the article's own; its comments and schema.org data come from the template
        tags of their apps (`comment_tags`, `discovery_tags`)."""
        context = super().get_context(request, *args, **kwargs)
        # The rubric's route hands itself over; a preview reads the parent.
        context["rubric"] = rubric = rubric or self.get_parent().specific
        context["authors"] = [link.author for link in self.article_authors.select_related("author")]
        context["tags"] = self.get_tags()
        related, translations = self.related_and_translations()
        context["related_articles"], context["translations"] = related, translations
        context["language_alternates"] = self.language_alternates(request, translations)

        photo = self.share_photo(site_chrome(request)["settings"])
        if photo:
            rendition = photo.get_rendition(SHARE_PHOTO)
            context["share_image_url"] = request.build_absolute_uri(rendition.url)
        return context


class ArticlePage(StoryPage):
    """The newsroom's everyday story: the contract as it is, with the article page's
    template."""

    template = "pages/article_page.html"

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
