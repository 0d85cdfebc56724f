"""What a digest holds: the stories editors pinned, then those first published in the day
before it goes, each as a plain record (headline, lead, address, rubric, photo) that the
emails and the web archive show without asking the database again."""

import datetime

from django.conf import settings
from django.utils import timezone

from qalam.articles.models import StoryPage

from .forms import edition_rubrics

PHOTO = "fill-600x338|format-jpeg"
DAY = datetime.timedelta(days=1)
SECTION = 12  # path characters of a top-level rubric (treebeard's steps of 4, depth 3)


def collect(digest, until=None):
    until = until or timezone.now()
    rubrics = {r.path: r.title for r in edition_rubrics(digest.language)}
    pinned_ids = list(digest.pins.order_by("sort_order").values_list("story_id", flat=True))
    stories = StoryPage.objects.published().in_language(digest.language).defer_streamfields()
    stories = stories.select_related("main_image")
    pinned = sorted(stories.filter(pk__in=pinned_ids), key=lambda s: pinned_ids.index(s.pk))
    day = (
        stories.filter(first_published_at__gt=until - DAY, first_published_at__lte=until)
        .exclude(pk__in=pinned_ids)
        .newest_first()
    )
    return [record(s, rubrics, s.pk in pinned_ids) for s in [*pinned, *day]]


def record(story, rubrics, pinned):
    section = story.path[:SECTION]
    return {
        "id": story.pk,
        "title": story.title,
        "lead": story.lead,
        "url": absolute(story.get_url()),
        "section": section,
        "rubric": rubrics.get(section, ""),
        "pinned": pinned,
        "image": photo(story),
    }


def photo(story):
    image = story.main_image
    if image is None:
        return None
    rendition = image.get_rendition(PHOTO)
    return {
        "url": absolute(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text or story.title,
    }


def absolute(url):
    if url.startswith(("http://", "https://")):
        return url
    return settings.QALAM_BASE_URL.rstrip("/") + url
